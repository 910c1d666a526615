import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { TreeNode } from 'primeng/api';
import { ButtonModule } from 'primeng/button';
import { MessageModule } from 'primeng/message';
import { TreeModule, TreeNodeSelectEvent, TreeNodeUnSelectEvent } from 'primeng/tree';
import { Api } from '../api/api';
import { getPermissionGrants, updatePermissionGrants } from '../api/functions';
import { PermissionGroupDto, PermissionSubjectKind } from '../api/models';
import { Problems } from '../core/problems';
import { Session } from '../core/session';

/**
 * What one role, user or integration client may do: the permission tree of every module and plugin, granted with
 * checkboxes and saved in one change. A user's permissions that their roles grant are marked so.
 */
@Component({
  selector: 'app-permission-grants',
  imports: [TranslocoPipe, ButtonModule, MessageModule, TreeModule],
  template: `
    <section class="grants" [attr.aria-label]="'roles.permissionsOf' | transloco: { name: name() }">
      <h2>{{ 'roles.permissionsOf' | transloco: { name: name() } }}</h2>
      @if (failure(); as failed) {
        <p-message severity="error" [text]="failed" />
      }
      <p-tree
        [value]="tree()"
        [loading]="loading()"
        selectionMode="checkbox"
        [propagateSelectionDown]="false"
        [propagateSelectionUp]="false"
        [selection]="checked()"
        (onNodeSelect)="nodeSelected($event)"
        (onNodeUnselect)="nodeUnselected($event)"
        [filter]="true"
        [filterPlaceholder]="'roles.filter' | transloco"
      />
      @if (canManage()) {
        <div class="buttons">
          @if (saved()) {
            <span role="status">{{ 'roles.saved' | transloco }}</span>
          }
          <p-button [label]="'common.save' | transloco" [loading]="saving()" (onClick)="save()" />
        </div>
      }
    </section>
  `,
})
export class PermissionGrants {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);
  private readonly session = inject(Session);
  protected readonly canManage = computed(() => this.session.can('Permissions.Grants.Manage'));

  readonly kind = input.required<PermissionSubjectKind>();
  /** The role's id, the user's id or the client's id. */
  readonly subject = input.required<string>();
  /** The subject's name, for the heading. */
  readonly name = input.required<string>();

  /** The tree of the subject's permissions, and what is checked in it. */
  protected readonly tree = signal<TreeNode[]>([]);
  protected readonly checked = signal<TreeNode[]>([]);
  private grantedBefore = new Set<string>();
  protected readonly loading = signal(false);
  protected readonly saving = signal(false);
  protected readonly saved = signal(false);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    effect(() => {
      const kind = this.kind();
      const subject = this.subject();
      untracked(() => void this.load(kind, subject));
    });
  }

  private async load(kind: PermissionSubjectKind, subject: string): Promise<void> {
    this.saved.set(false);
    this.loading.set(true);
    try {
      const groups = await this.api.invoke(getPermissionGrants, { kind, key: subject });
      const { nodes, granted } = permissionTree(groups, !this.canManage(), kind === 'User' ? this.texts.translate('grants.throughRoles') : '');
      this.tree.set(nodes);
      this.checked.set(withModules(nodes, granted));
      this.grantedBefore = new Set(granted.map((node) => node.key!));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  /**
   * A permission needs the one it sits under (creating users needs seeing them): checking it checks its parents, and
   * unchecking one unchecks what sits under it. A module's box checks or unchecks all of its permissions.
   */
  protected nodeSelected(event: TreeNodeSelectEvent): void {
    const node = event.node;
    this.checked.set(withModules(this.tree(), [...this.checked(), ...(node.data === 'module' ? below(node) : [node, ...above(node)])]));
    this.saved.set(false);
  }

  protected nodeUnselected(event: TreeNodeUnSelectEvent): void {
    const removed = new Set([event.node, ...below(event.node)]);
    this.checked.set(withModules(this.tree(), this.checked().filter((node) => !removed.has(node))));
    this.saved.set(false);
  }

  /** Grants what was checked and revokes what was unchecked, in one change. */
  protected async save(): Promise<void> {
    const now = new Set(this.checked().filter((node) => node.data === 'permission').map((node) => node.key!));
    const grant = [...now].filter((name) => !this.grantedBefore.has(name));
    const revoke = [...this.grantedBefore].filter((name) => !now.has(name));
    this.saving.set(true);
    try {
      await this.api.invoke(updatePermissionGrants, { body: { kind: this.kind(), key: this.subject(), grant, revoke } });
      this.grantedBefore = now;
      this.saved.set(true);
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.saving.set(false);
    }
  }
}

/** The nodes under <paramref name="node"/>, at any depth. */
function below(node: TreeNode): TreeNode[] {
  return (node.children ?? []).flatMap((child) => [child, ...below(child)]);
}

/** The permissions <paramref name="node"/> sits under (not its module). */
function above(node: TreeNode): TreeNode[] {
  const parent = node.parent;
  return parent && parent.data === 'permission' ? [parent, ...above(parent)] : [];
}

/** <paramref name="checked"/>'s permissions, once each, and the modules all of whose permissions are among them. */
export function withModules(modules: TreeNode[], checked: TreeNode[]): TreeNode[] {
  const permissions = [...new Set(checked.filter((node) => node.data === 'permission'))];
  const all = new Set(permissions);
  return [...permissions, ...modules.filter((module) => below(module).every((node) => all.has(node)))];
}

/**
 * Each module's permissions as a branch, a permission's children under it (`Identity.Users.Create` under
 * `Identity.Users`), and the nodes granted to the subject directly (those its roles grant are not the subject's: their
 * label says <paramref name="throughRoles"/>).
 */
export function permissionTree(groups: PermissionGroupDto[], readOnly: boolean, throughRoles = ''): { nodes: TreeNode[]; granted: TreeNode[] } {
  const granted: TreeNode[] = [];
  const nodes = groups.map((group) => {
    const byName = new Map<string, TreeNode>();
    for (const permission of group.permissions) {
      const label = permission.grantedThroughRoles && throughRoles ? `${permission.displayName} (${throughRoles})` : permission.displayName;
      const node: TreeNode = { key: permission.name, label, data: 'permission', children: [], selectable: !readOnly, expanded: true };
      byName.set(permission.name, node);
      if (permission.granted) granted.push(node);
    }
    const roots: TreeNode[] = [];
    for (const permission of group.permissions) {
      const node = byName.get(permission.name)!;
      const parent = permission.parent ? byName.get(permission.parent) : undefined;
      if (parent) parent.children!.push(node);
      else roots.push(node);
      node.parent = parent;
    }
    const module: TreeNode = { key: `module:${group.module}`, label: group.displayName, data: 'module', children: roots, selectable: !readOnly, expanded: true };
    for (const root of roots) root.parent = module;
    return module;
  });
  return { nodes, granted };
}

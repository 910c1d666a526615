import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { TreeNode } from 'primeng/api';
import { ButtonModule } from 'primeng/button';
import { DialogModule } from 'primeng/dialog';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { TreeModule, TreeNodeSelectEvent, TreeNodeUnSelectEvent } from 'primeng/tree';
import { Api } from '../../api/api';
import { createRole, deleteRole, getPermissionGrants, listRoles, renameRole, updatePermissionGrants } from '../../api/functions';
import { PermissionGroupDto, RoleDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { FieldErrors } from '../../shared/field-errors';

/** Roles and what each may do: the permission tree of every module and plugin, granted with checkboxes. */
@Component({
  selector: 'app-roles',
  imports: [FieldErrors, FormsModule, TranslocoPipe, ButtonModule, DialogModule, InputTextModule, MessageModule, TableModule, TagModule, TreeModule],
  templateUrl: './roles.html',
})
export class RolesPage {
  private readonly api = inject(Api);
  private readonly texts = inject(TranslocoService);
  private readonly problems = inject(Problems);
  protected readonly session = inject(Session);
  protected readonly canManage = computed(() => this.session.can('Identity.Roles.Manage'));

  protected readonly roles = signal<RoleDto[]>([]);
  protected readonly failure = signal<string | null>(null);
  protected readonly selected = signal<RoleDto | null>(null);

  /** The tree of the selected role's permissions, and what is checked in it. */
  protected readonly tree = signal<TreeNode[]>([]);
  protected readonly checked = signal<TreeNode[]>([]);
  private grantedBefore = new Set<string>();
  protected readonly savingGrants = signal(false);
  protected readonly saved = signal(false);

  /** The name dialog: a new role (no id) or a rename. */
  protected readonly naming = signal<{ id: string | null; name: string } | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      this.roles.set(await this.api.invoke(listRoles));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problemText(error));
    }
  }

  protected async select(role: RoleDto): Promise<void> {
    this.selected.set(role);
    this.saved.set(false);
    try {
      const groups = await this.api.invoke(getPermissionGrants, { kind: 'Role', key: role.id });
      const { nodes, granted } = permissionTree(groups, !this.canManage());
      this.tree.set(nodes);
      this.checked.set(withModules(nodes, granted));
      this.grantedBefore = new Set(granted.map((node) => node.key!));
    } catch (error) {
      this.failure.set(this.problemText(error));
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
  protected async saveGrants(role: RoleDto): Promise<void> {
    const now = new Set(this.checked().filter((node) => node.data === 'permission').map((node) => node.key!));
    const grant = [...now].filter((name) => !this.grantedBefore.has(name));
    const revoke = [...this.grantedBefore].filter((name) => !now.has(name));
    this.savingGrants.set(true);
    try {
      await this.api.invoke(updatePermissionGrants, { body: { kind: 'Role', key: role.id, grant, revoke } });
      this.grantedBefore = now;
      this.saved.set(true);
    } catch (error) {
      this.failure.set(this.problemText(error));
    } finally {
      this.savingGrants.set(false);
    }
  }

  protected async saveName(id: string | null, name: string): Promise<void> {
    this.problem.set(null);
    try {
      if (id === null) await this.api.invoke(createRole, { body: { name: name.trim() } });
      else await this.api.invoke(renameRole, { id, body: { name: name.trim() } });
      this.naming.set(null);
      await this.load();
    } catch (error) {
      this.problem.set(this.problems.of(error));
    }
  }

  protected async remove(role: RoleDto): Promise<void> {
    if (!confirm(this.texts.translate('roles.confirmDelete', { name: role.name }))) return;
    try {
      await this.api.invoke(deleteRole, { id: role.id });
      if (this.selected()?.id === role.id) this.selected.set(null);
      await this.load();
    } catch (error) {
      this.failure.set(this.problemText(error));
    }
  }

  private problemText(error: unknown): string {
    return this.problems.of(error).detail;
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
 * `Identity.Users`), and the nodes granted to the role directly (those granted through another role are not the role's).
 */
export function permissionTree(groups: PermissionGroupDto[], readOnly: boolean): { nodes: TreeNode[]; granted: TreeNode[] } {
  const granted: TreeNode[] = [];
  const nodes = groups.map((group) => {
    const byName = new Map<string, TreeNode>();
    for (const permission of group.permissions) {
      const node: TreeNode = { key: permission.name, label: permission.displayName, data: 'permission', children: [], selectable: !readOnly, expanded: true };
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

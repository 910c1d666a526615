import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { FormDialog } from '../../shared/form-dialog';
import { Api } from '../../api/api';
import { createRole, deleteRole, listRoles, renameRole } from '../../api/functions';
import { RoleDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { FieldErrors } from '../../shared/field-errors';
import { PermissionGrants } from '../../shared/permission-grants';

/** Roles and what each may do: the permission tree of every module and plugin, granted with checkboxes. */
@Component({
  selector: 'app-roles',
  imports: [FormDialog, FieldErrors, FormsModule, TranslocoPipe, ButtonModule, InputTextModule, MessageModule, PermissionGrants, TableModule, TagModule],
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

  protected select(role: RoleDto): void {
    this.selected.set(role);
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

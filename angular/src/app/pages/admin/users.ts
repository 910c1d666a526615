import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { IconFieldModule } from 'primeng/iconfield';
import { InputIconModule } from 'primeng/inputicon';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { MultiSelectModule } from 'primeng/multiselect';
import { TableLazyLoadEvent, TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { FormDialog } from '../../shared/form-dialog';
import { Api } from '../../api/api';
import { createUser, listRoles, listUsers, lockUser, setUserRoles, unlockUser, updateUser } from '../../api/functions';
import { RoleDto, UserDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { FieldErrors } from '../../shared/field-errors';

/** What the user dialog edits: a new user (no id; the welcome mail lets them set a password) or an existing one. */
interface UserForm {
  id: string | null;
  userName: string;
  email: string;
  displayName: string;
  roles: string[];
}

/** Users: found by name or email, a page at a time; created (they get a welcome mail), changed, locked, given roles. */
@Component({
  selector: 'app-users',
  imports: [FormDialog, FieldErrors, FormsModule, TranslocoPipe, ButtonModule, IconFieldModule, InputIconModule, InputTextModule, MessageModule, MultiSelectModule, TableModule, TagModule],
  templateUrl: './users.html',
})
export class UsersPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  protected readonly session = inject(Session);

  protected readonly users = signal<UserDto[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly roles = signal<RoleDto[]>([]);
  protected readonly pageSize = 20;
  protected search = '';
  private first = 0;
  private searchTimer?: ReturnType<typeof setTimeout>;

  protected readonly form = signal<UserForm | null>(null);
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    void this.api.invoke(listRoles).then((roles) => this.roles.set(roles), () => this.roles.set([]));
  }

  protected async load(event?: TableLazyLoadEvent): Promise<void> {
    this.first = event?.first ?? this.first;
    this.loading.set(true);
    try {
      const page = await this.api.invoke(listUsers, { search: this.search.trim() || undefined, skip: this.first, take: this.pageSize });
      this.users.set(page.items);
      this.total.set(page.total);
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  /** Searches once typing pauses, from the first page. */
  protected searchChanged(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => {
      this.first = 0;
      void this.load();
    }, 300);
  }

  protected create(): void {
    this.problem.set(null);
    this.form.set({ id: null, userName: '', email: '', displayName: '', roles: [] });
  }

  protected edit(user: UserDto): void {
    this.problem.set(null);
    this.form.set({ id: user.id, userName: user.userName, email: user.email, displayName: user.displayName ?? '', roles: [...user.roles] });
  }

  protected async save(form: UserForm): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    try {
      const displayName = form.displayName.trim() || null;
      if (form.id === null) {
        await this.api.invoke(createUser, { body: { userName: form.userName.trim(), email: form.email.trim(), displayName, roles: form.roles } });
      } else {
        await this.api.invoke(updateUser, { id: form.id, body: { email: form.email.trim(), displayName } });
        await this.api.invoke(setUserRoles, { id: form.id, body: { roles: form.roles } });
      }
      this.form.set(null);
      await this.load();
    } catch (error) {
      this.problem.set(this.problems.of(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async toggleLock(user: UserDto): Promise<void> {
    try {
      if (user.isLockedOut) await this.api.invoke(unlockUser, { id: user.id });
      else await this.api.invoke(lockUser, { id: user.id });
      await this.load();
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }
}

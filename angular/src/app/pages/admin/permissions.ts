import { Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { MessageModule } from 'primeng/message';
import { SelectModule } from 'primeng/select';
import { SelectButtonModule } from 'primeng/selectbutton';
import { Api } from '../../api/api';
import { listClients, listRoles } from '../../api/functions';
import { PermissionSubjectKind } from '../../api/models';
import { Problems } from '../../core/problems';
import { PermissionGrants } from '../../shared/permission-grants';
import { loadUserOptions } from '../../shared/user-options';

/** A role, user or client to grant permissions to: its key for the grants API, and its name. */
interface Subject {
  key: string;
  name: string;
}

/**
 * Permission grants: what a role, a single user or an integration client may do. A role's grants reach all its users;
 * a user's own grants add to what their roles give them (marked in the tree, changed on the role).
 */
@Component({
  selector: 'app-permissions',
  imports: [FormsModule, TranslocoPipe, MessageModule, PermissionGrants, SelectModule, SelectButtonModule],
  template: `
    <h1>{{ 'grants.title' | transloco }}</h1>
    <p class="hint">{{ 'grants.intro' | transloco }}</p>
    <div class="filters">
      <div class="filter">
        <span id="grantKind">{{ 'grants.kind' | transloco }}</span>
        <p-selectbutton
          [options]="kinds"
          [ngModel]="kind()"
          (ngModelChange)="choose($event)"
          [allowEmpty]="false"
          ariaLabelledBy="grantKind"
        >
          <ng-template #item let-option>{{ 'grants.kinds.' + option | transloco }}</ng-template>
        </p-selectbutton>
      </div>
      <div class="filter">
        <label for="grantSubject">{{ 'grants.subject.' + kind() | transloco }}</label>
        <p-select
          inputId="grantSubject"
          [ariaLabel]="'grants.subject.' + kind() | transloco"
          [options]="subjects()"
          optionLabel="name"
          [ngModel]="subject()"
          (ngModelChange)="subject.set($event)"
          [filter]="true"
          [loading]="loading()"
          [placeholder]="'grants.choose' | transloco"
          [emptyMessage]="'grants.none' | transloco"
        />
      </div>
    </div>
    @if (failure(); as failed) {
      <p-message severity="error" [text]="failed" />
    }
    @if (subject(); as chosen) {
      <app-permission-grants [kind]="kind()" [subject]="chosen.key" [name]="chosen.name" />
    }
  `,
})
export class PermissionsPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);

  protected readonly kinds: PermissionSubjectKind[] = ['Role', 'User', 'Client'];
  protected readonly kind = signal<PermissionSubjectKind>('Role');
  protected readonly subjects = signal<Subject[]>([]);
  protected readonly subject = signal<Subject | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    void this.choose('Role');
  }

  protected async choose(kind: PermissionSubjectKind): Promise<void> {
    this.kind.set(kind);
    this.subject.set(null);
    this.subjects.set([]);
    this.loading.set(true);
    try {
      this.subjects.set(await this.subjectsOf(kind));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  private async subjectsOf(kind: PermissionSubjectKind): Promise<Subject[]> {
    switch (kind) {
      case 'Role':
        return (await this.api.invoke(listRoles)).map((role) => ({ key: role.id, name: role.name }));
      case 'User':
        return (await loadUserOptions(this.api)).map((user) => ({ key: user.id, name: user.label }));
      case 'Client':
        return (await this.api.invoke(listClients)).map((client) => ({ key: client.clientId, name: client.displayName ?? client.clientId }));
    }
  }
}

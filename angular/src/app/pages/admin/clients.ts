import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { DialogModule } from 'primeng/dialog';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { FormDialog } from '../../shared/form-dialog';
import { Api } from '../../api/api';
import { createClient, deleteClient, listClients } from '../../api/functions';
import { ClientDto, CreatedClientDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { CopyButton } from '../../shared/copy-button';
import { FieldErrors } from '../../shared/field-errors';

/**
 * Integration clients: outside systems that sign in with client credentials. A new client's secret is shown once, in the
 * dialog that created it: the server keeps only its hash. Permissions are granted to a client as to a role.
 */
@Component({
  selector: 'app-clients',
  imports: [FormDialog, CopyButton, FieldErrors, FormsModule, TranslocoPipe, ButtonModule, DialogModule, InputTextModule, MessageModule, TableModule, TagModule],
  templateUrl: './clients.html',
})
export class ClientsPage {
  private readonly api = inject(Api);
  private readonly texts = inject(TranslocoService);
  private readonly problems = inject(Problems);
  private readonly session = inject(Session);
  protected readonly canManage = computed(() => this.session.can('Identity.Clients.Manage'));

  protected readonly clients = signal<ClientDto[]>([]);
  protected readonly failure = signal<string | null>(null);
  protected readonly creating = signal<{ clientId: string; displayName: string } | null>(null);
  protected readonly created = signal<CreatedClientDto | null>(null);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.clients.set(await this.api.invoke(listClients));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected async create(clientId: string, displayName: string): Promise<void> {
    this.problem.set(null);
    try {
      this.created.set(await this.api.invoke(createClient, { body: { clientId: clientId.trim(), displayName: displayName.trim() } }));
      this.creating.set(null);
      await this.load();
    } catch (error) {
      this.problem.set(this.problems.of(error));
    }
  }

  protected async remove(client: ClientDto): Promise<void> {
    if (!confirm(this.texts.translate('clients.confirmDelete', { name: client.displayName ?? client.clientId }))) return;
    try {
      await this.api.invoke(deleteClient, { clientId: client.clientId });
      await this.load();
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }
}

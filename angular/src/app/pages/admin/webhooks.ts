import { Component, computed, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { DialogModule } from 'primeng/dialog';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { MultiSelectModule } from 'primeng/multiselect';
import { SelectModule } from 'primeng/select';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { ToggleSwitchModule } from 'primeng/toggleswitch';
import { FormDialog } from '../../shared/form-dialog';
import { Api } from '../../api/api';
import { createWebhook, deleteWebhook, listLowCodeEntities, listWebhookDeliveries, listWebhooks, redeliverWebhook, updateWebhook } from '../../api/functions';
import { CreatedWebhookDto, RecordEvent, SaveWebhookRequest, WebhookDeliveryDto, WebhookDeliveryStatus, WebhookDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { CopyButton } from '../../shared/copy-button';
import { FieldErrors } from '../../shared/field-errors';

/** What the webhook dialog edits: a new subscription (no id) or an existing one. */
interface WebhookForm {
  id: string | null;
  body: Required<SaveWebhookRequest>;
}

/**
 * Webhooks: outside systems subscribed to a low-code entity's records in the company the user works in. A new
 * subscription's signing secret is shown once; each one's delivery log shows what was sent, and sends one again.
 */
@Component({
  selector: 'app-webhooks',
  imports: [FormDialog, CopyButton, DatePipe, FieldErrors, FormsModule, TranslocoPipe, ButtonModule, DialogModule, InputTextModule, MessageModule, MultiSelectModule, SelectModule, TableModule, TagModule, ToggleSwitchModule],
  templateUrl: './webhooks.html',
})
export class WebhooksPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);
  private readonly session = inject(Session);
  protected readonly canManage = computed(() => this.session.can('LowCode.Webhooks.Manage'));

  protected readonly events: RecordEvent[] = ['Created', 'Updated', 'Deleted', 'Transitioned', 'Automation'];
  protected readonly webhooks = signal<WebhookDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly failure = signal<string | null>(null);
  /** The entities to subscribe to, by name; empty for a reader who may not see the definitions (they type the name). */
  protected readonly entities = signal<string[]>([]);

  protected readonly form = signal<WebhookForm | null>(null);
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly created = signal<CreatedWebhookDto | null>(null);

  protected readonly selected = signal<WebhookDto | null>(null);
  protected readonly statuses: WebhookDeliveryStatus[] = ['Pending', 'Delivered', 'Failed'];
  protected deliveryStatus: WebhookDeliveryStatus | null = null;
  protected readonly deliveries = signal<WebhookDeliveryDto[]>([]);
  protected readonly deliveriesLoading = signal(false);
  protected readonly redelivered = signal<string | null>(null);

  constructor() {
    void this.load();
    if (this.session.can('LowCode.Definitions')) {
      this.api.invoke(listLowCodeEntities).then(
        (entities) => this.entities.set(entities.map((entity) => entity.name)),
        () => this.entities.set([]),
      );
    }
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.webhooks.set(await this.api.invoke(listWebhooks));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  protected create(): void {
    this.problem.set(null);
    this.form.set({ id: null, body: { entity: '', events: ['Created', 'Updated', 'Deleted'], url: 'https://', description: '', active: true } });
  }

  protected edit(webhook: WebhookDto): void {
    this.problem.set(null);
    const { entity, events, url, description, active } = webhook;
    this.form.set({ id: webhook.id, body: { entity, events: [...events], url, description: description ?? '', active } });
  }

  protected async save(form: WebhookForm): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    try {
      const body = { ...form.body, entity: form.body.entity.trim(), url: form.body.url.trim(), description: form.body.description?.trim() || null };
      if (form.id === null) this.created.set(await this.api.invoke(createWebhook, { body }));
      else await this.api.invoke(updateWebhook, { id: form.id, body });
      this.form.set(null);
      await this.load();
    } catch (error) {
      this.problem.set(this.problems.of(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async remove(webhook: WebhookDto): Promise<void> {
    if (!confirm(this.texts.translate('webhooks.confirmDelete', { url: webhook.url }))) return;
    try {
      await this.api.invoke(deleteWebhook, { id: webhook.id });
      if (this.selected()?.id === webhook.id) this.selected.set(null);
      await this.load();
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected showDeliveries(webhook: WebhookDto): void {
    this.selected.set(webhook);
    this.redelivered.set(null);
    void this.loadDeliveries(webhook);
  }

  protected async loadDeliveries(webhook: WebhookDto): Promise<void> {
    this.deliveriesLoading.set(true);
    try {
      this.deliveries.set(await this.api.invoke(listWebhookDeliveries, { id: webhook.id, status: this.deliveryStatus ?? undefined }));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.deliveriesLoading.set(false);
    }
  }

  protected async redeliver(webhook: WebhookDto, delivery: WebhookDeliveryDto): Promise<void> {
    try {
      await this.api.invoke(redeliverWebhook, { id: delivery.id });
      this.redelivered.set(delivery.id);
      await this.loadDeliveries(webhook);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected severity(status: WebhookDeliveryStatus): 'success' | 'danger' | 'info' {
    return status === 'Delivered' ? 'success' : status === 'Failed' ? 'danger' : 'info';
  }
}

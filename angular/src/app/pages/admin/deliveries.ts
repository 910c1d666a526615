import { Component, computed, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { MessageModule } from 'primeng/message';
import { SelectModule } from 'primeng/select';
import { TableLazyLoadEvent, TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { Api } from '../../api/api';
import { listDeliveries, retryDelivery } from '../../api/functions';
import { DeliveryDto, DeliveryState } from '../../api/models';
import { Problems } from '../../core/problems';
import { Session } from '../../core/session';

/**
 * Integration events on their way to their handlers (the outbox): one row per event and handler, pending, delivered or
 * dead after its last attempt, with its last error. A dead delivery can be tried again.
 */
@Component({
  selector: 'app-deliveries',
  imports: [DatePipe, FormsModule, TranslocoPipe, ButtonModule, MessageModule, SelectModule, TableModule, TagModule],
  templateUrl: './deliveries.html',
})
export class DeliveriesPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly session = inject(Session);
  protected readonly canRetry = computed(() => this.session.can('Messaging.Deliveries.Retry'));

  protected readonly states: DeliveryState[] = ['Pending', 'Delivered', 'Dead'];
  protected status: DeliveryState | null = null;
  protected readonly deliveries = signal<DeliveryDto[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly retried = signal<string | null>(null);
  protected readonly pageSize = 25;
  protected first = 0;

  protected async load(event?: TableLazyLoadEvent): Promise<void> {
    this.first = event?.first ?? this.first;
    this.loading.set(true);
    try {
      const page = await this.api.invoke(listDeliveries, { status: this.status ?? undefined, skip: this.first, take: this.pageSize });
      this.deliveries.set(page.items);
      this.total.set(page.total);
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  protected filter(): void {
    this.first = 0;
    void this.load();
  }

  protected async retry(delivery: DeliveryDto): Promise<void> {
    try {
      await this.api.invoke(retryDelivery, { body: { eventId: delivery.eventId, handler: delivery.handler } });
      this.retried.set(delivery.eventId + delivery.handler);
      await this.load();
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected severity(state: DeliveryState): 'success' | 'danger' | 'info' {
    return state === 'Delivered' ? 'success' : state === 'Dead' ? 'danger' : 'info';
  }
}

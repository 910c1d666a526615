import { Component, inject, signal } from '@angular/core';
import { DatePipe } from '@angular/common';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { DatePickerModule } from 'primeng/datepicker';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { SelectButtonModule } from 'primeng/selectbutton';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { Api } from '../../api/api';
import { searchAuditEntityChanges, searchAuditRequests } from '../../api/functions';
import { EntityChangeDto, RequestRecordDto } from '../../api/models';
import { Problems } from '../../core/problems';

type View = 'changes' | 'requests';

/** Filters both views share; the rest are each view's own. */
interface Filters {
  from: Date | null;
  to: Date | null;
  traceId: string;
  entityType: string;
  entityId: string;
  route: string;
  status: number | null;
}

/**
 * The audit log: what changed (entity, who, when, each property's old and new value) and which requests were made
 * (route, status, duration), filtered and read a page at a time, newest first; a request leads to the changes it made.
 */
@Component({
  selector: 'app-audit-log',
  imports: [DatePipe, FormsModule, TranslocoPipe, ButtonModule, DatePickerModule, InputTextModule, MessageModule, SelectButtonModule, TableModule, TagModule],
  templateUrl: './audit-log.html',
})
export class AuditLogPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly pageSize = 50;

  protected view: View = 'changes';
  protected readonly views = [
    { value: 'changes', label: 'audit.changes' },
    { value: 'requests', label: 'audit.requests' },
  ];
  protected filters: Filters = { from: null, to: null, traceId: '', entityType: '', entityId: '', route: '', status: null };

  protected readonly changes = signal<EntityChangeDto[]>([]);
  protected readonly requests = signal<RequestRecordDto[]>([]);
  /** Where the next page starts (the keyset cursor); null when the last page is shown. */
  protected readonly next = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    void this.search();
  }

  /** The first page for the filters, or (<paramref name="more"/>) the page after what is shown. */
  protected async search(more = false): Promise<void> {
    this.loading.set(true);
    const after = more ? (this.next() ?? undefined) : undefined;
    const shared = { From: this.filters.from?.toISOString(), To: this.filters.to?.toISOString(), TraceId: text(this.filters.traceId), After: after, Take: this.pageSize };
    try {
      if (this.view === 'changes') {
        const page = await this.api.invoke(searchAuditEntityChanges, { ...shared, EntityType: text(this.filters.entityType), EntityId: text(this.filters.entityId) });
        this.changes.update((shown) => (more ? [...shown, ...page.items] : page.items));
        this.next.set(page.next);
      } else {
        const page = await this.api.invoke(searchAuditRequests, { ...shared, Route: text(this.filters.route), Status: this.filters.status ?? undefined });
        this.requests.update((shown) => (more ? [...shown, ...page.items] : page.items));
        this.next.set(page.next);
      }
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  protected switchTo(view: View): void {
    this.view = view;
    void this.search();
  }

  /** The changes one request made. */
  protected changesOf(request: RequestRecordDto): void {
    this.filters = { ...this.filters, traceId: request.traceId ?? '', from: null, to: null };
    this.switchTo('changes');
  }

  protected severity(status: number): 'success' | 'warn' | 'danger' | 'secondary' {
    return status >= 500 ? 'danger' : status >= 400 ? 'warn' : status >= 200 ? 'success' : 'secondary';
  }
}

function text(value: string): string | undefined {
  return value.trim() || undefined;
}

import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { MultiSelectModule } from 'primeng/multiselect';
import { SelectModule } from 'primeng/select';
import { TableModule } from 'primeng/table';
import { Api } from '../../api/api';
import {
  createSavedView,
  deleteSavedView,
  exportQueriedRecords$Csv,
  exportQueriedRecords$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet,
  getEntityView,
  queryRecords,
} from '../../api/functions';
import { EntityViewDto, FieldViewDto, RecordFilter, SavedViewDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { FieldErrors } from '../../shared/field-errors';
import { ImportDialog } from './import-dialog';
import { DataRecord, formatValue, hasColumn, operatorsFor } from './records';
import { saveFile } from './save-file';

/** One condition of the list's filter row: all of them must hold. */
interface Condition {
  field: string;
  op: string;
  value: string;
}

/** How many records a page shows. */
const pageSize = 25;

/**
 * The list of any entity that has UI metadata (`/data/<entity>`): the columns, sort and filter its view lays out (or the
 * user's default saved view), search, the user's own conditions, keyset paging (a cursor per page, so a page is as fast
 * at record 100,000 as at the first), saved views, CSV/XLSX export and import.
 */
@Component({
  selector: 'app-record-list',
  imports: [
    FieldErrors,
    FormsModule,
    ImportDialog,
    RouterLink,
    TranslocoPipe,
    ButtonModule,
    InputTextModule,
    MessageModule,
    MultiSelectModule,
    SelectModule,
    TableModule,
  ],
  templateUrl: './record-list.html',
})
export class RecordListPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);
  private readonly router = inject(Router);

  /** The entity, from the route (`/data/:entity`). */
  readonly entity = input.required<string>();

  protected readonly view = signal<EntityViewDto | null>(null);
  protected readonly rows = signal<DataRecord[]>([]);
  protected readonly loading = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly total = signal<{ count: number; capped: boolean } | null>(null);
  protected readonly importing = signal(false);

  // The query: changed by the toolbar, run by `search()`.
  protected search = '';
  protected sort: string | null = null;
  protected columns: string[] = [];
  protected conditions: Condition[] = [];
  protected savedView: SavedViewDto | null = null;
  protected newViewName = '';

  // Keyset paging: the cursor that opened each page so far (null for the first), and the next page's.
  private readonly cursors = signal<(string | null)[]>([null]);
  protected readonly next = signal<string | null>(null);
  protected readonly page = computed(() => this.cursors().length);

  protected readonly fields = computed(() => this.view()?.fields.filter(hasColumn) ?? []);
  protected readonly searchable = computed(() => this.fields().some((f) => f.searchable));
  protected readonly shown = computed(() => {
    this.rows(); // columns change with the query that loaded the rows
    return this.columns.map((name) => this.fields().find((f) => f.name === name)).filter((f): f is FieldViewDto => !!f);
  });

  constructor() {
    // The same page shows the next entity the menu opens: the router keeps it and changes its input.
    effect(() => {
      const entity = this.entity();
      untracked(() => void this.start(entity));
    });
  }

  private async start(entity: string): Promise<void> {
    this.view.set(null);
    this.rows.set([]);
    this.cursors.set([null]);
    try {
      const view = await this.api.invoke(getEntityView, { entity });
      this.view.set(view);
      this.apply(view.views.find((v) => v.isDefault) ?? null);
      await this.load();
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  /** Opens a saved view (null: the entity's own list) and runs it. */
  protected apply(saved: SavedViewDto | null): void {
    const list = this.view()!.list;
    this.savedView = saved;
    this.search = saved?.search ?? '';
    this.sort = saved?.sort ?? list.sort ?? null;
    this.columns = [...(saved?.columns ?? list.columns)];
    this.conditions = conditionsOf(saved?.filter ?? null);
  }

  protected async open(saved: SavedViewDto | null): Promise<void> {
    this.apply(saved);
    await this.searchFromStart();
  }

  protected async searchFromStart(): Promise<void> {
    this.cursors.set([null]);
    await this.load();
  }

  protected async sortBy(field: string): Promise<void> {
    this.sort = this.sort === field ? `-${field}` : field;
    await this.searchFromStart();
  }

  protected sortOf(field: string): 'ascending' | 'descending' | 'none' {
    return this.sort === field ? 'ascending' : this.sort === `-${field}` ? 'descending' : 'none';
  }

  protected async nextPage(): Promise<void> {
    this.cursors.update((c) => [...c, this.next()]);
    await this.load();
  }

  protected async previousPage(): Promise<void> {
    this.cursors.update((c) => c.slice(0, -1));
    await this.load();
  }

  private async load(): Promise<void> {
    const view = this.view()!;
    this.loading.set(true);
    this.problem.set(null);
    const first = this.cursors().length === 1;
    try {
      const page = await this.api.invoke(queryRecords, {
        entity: view.name,
        body: {
          ...this.query(),
          take: pageSize,
          cursor: this.cursors().at(-1),
          expand: this.shown().filter((f) => f.type === 'Reference' && f.referenceDisplay).map((f) => f.name),
          count: first,
        },
      });
      this.rows.set(page.items as DataRecord[]);
      this.next.set(page.next);
      if (first) this.total.set({ count: page.total ?? 0, capped: page.totalIsCapped ?? false });
      this.failure.set(null);
    } catch (error) {
      const problem = this.problems.of(error);
      if (Object.keys(problem.fields).length) this.problem.set(problem);
      else this.failure.set(problem.detail);
    } finally {
      this.loading.set(false);
    }
  }

  /** What the list asks for, as the query, a saved view and an export take it. */
  private query(): { filter: RecordFilter | null; sort: string | null; search: string | null; fields: string[] } {
    const given = this.conditions.filter((c) => c.field && c.op);
    const filter: RecordFilter | null = given.length
      ? { and: given.map((c) => ({ field: c.field, op: c.op, value: c.op === 'is-null' ? true : c.value })) }
      : (this.view()!.list.filter ?? null);
    return { filter, sort: this.sort, search: this.search.trim() || null, fields: this.columns };
  }

  protected addCondition(): void {
    const field = this.fields()[0];
    this.conditions = [...this.conditions, { field: field.name, op: operatorsFor(field)[0], value: '' }];
  }

  protected removeCondition(condition: Condition): void {
    this.conditions = this.conditions.filter((c) => c !== condition);
  }

  protected operators(name: string): string[] {
    const field = this.fields().find((f) => f.name === name);
    return field ? operatorsFor(field) : [];
  }

  protected cell(field: FieldViewDto, record: DataRecord): string {
    const language = this.texts.getActiveLang();
    return formatValue(field, record, language, [this.texts.translate('data.yes'), this.texts.translate('data.no')]);
  }

  protected async saveView(): Promise<void> {
    const { filter, sort, search, fields } = this.query();
    try {
      const saved = await this.api.invoke(createSavedView, {
        entity: this.entity(),
        body: { name: this.newViewName.trim(), filter, sort, search, columns: fields },
      });
      this.view.update((v) => (v ? { ...v, views: [...v.views, saved] } : v));
      this.savedView = saved;
      this.newViewName = '';
    } catch (error) {
      this.problem.set(this.problems.of(error));
    }
  }

  protected async deleteView(saved: SavedViewDto): Promise<void> {
    if (!confirm(this.texts.translate('data.confirmDeleteView', { name: saved.name }))) return;
    try {
      await this.api.invoke(deleteSavedView, { entity: this.entity(), id: saved.id });
      this.view.update((v) => (v ? { ...v, views: v.views.filter((s) => s.id !== saved.id) } : v));
      await this.open(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  /** Downloads every record the list finds (not only this page) as CSV or an Excel workbook. */
  protected async export(format: 'Csv' | 'Xlsx'): Promise<void> {
    const { filter, sort, search, fields } = this.query();
    const body = { filter, sort, search, fields, format };
    try {
      const file =
        format === 'Csv'
          ? await this.api.invoke(exportQueriedRecords$Csv, { entity: this.entity(), body })
          : await this.api.invoke(exportQueriedRecords$VndOpenxmlformatsOfficedocumentSpreadsheetmlSheet, {
              entity: this.entity(),
              body,
            });
      saveFile(file, `${this.entity()}.${format.toLowerCase()}`);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected async imported(): Promise<void> {
    this.importing.set(false);
    await this.searchFromStart();
  }

  protected openRecord(record: DataRecord): void {
    void this.router.navigate(['/data', this.entity(), record.id]);
  }
}

/** The conditions a saved view's filter holds, when it is one the filter row can show (a plain "and" of conditions). */
function conditionsOf(filter: RecordFilter | null): Condition[] {
  const parts = filter?.and ?? (filter?.field ? [filter] : []);
  return parts
    .filter((p) => p.field)
    .map((p) => ({ field: p.field!, op: p.op ?? 'eq', value: p.value === undefined || p.value === null ? '' : String(p.value) }));
}

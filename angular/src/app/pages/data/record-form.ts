import { HttpErrorResponse } from '@angular/common/http';
import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { MessageModule } from 'primeng/message';
import { Api } from '../../api/api';
import { createRecord, deleteRecord, getEntityView, getRecord, updateRecord } from '../../api/functions';
import { AttachmentDto, EntityViewDto, FieldViewDto, FormFieldDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { PluginSlot } from '../../plugins/plugin-slot';
import { FieldErrors } from '../../shared/field-errors';
import { FieldInput } from './field-input';
import { RecordAttachments } from './record-attachments';
import { DataRecord, matches, referenceText } from './records';
import { validate } from './validation';
import { WorkflowPanel } from './workflow-panel';

/** A line of a lines field as the form edits it: its id once saved, and its fields' values. */
type Line = DataRecord;

/**
 * The form of any entity that has UI metadata (`/data/<entity>/new`, `/data/<entity>/<id>`): its tabs and sections as the
 * administrator laid them out, inputs by field type with the field's rules, fields read-only or hidden while the record
 * matches a condition, lines fields as child tables, the workflow's transitions and state history, the record's files, and
 * plugins' panels beside a saved record (slot `record-side`).
 * A change sends only the fields changed, with the version it was based on: someone else's change meanwhile is a conflict,
 * never overwritten.
 */
@Component({
  selector: 'app-record-form',
  imports: [FieldErrors, FieldInput, FormsModule, RecordAttachments, RouterLink, TranslocoPipe, WorkflowPanel, ButtonModule, MessageModule, PluginSlot],
  templateUrl: './record-form.html',
})
export class RecordFormPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);
  private readonly router = inject(Router);

  readonly entity = input.required<string>();
  /** The record's id; none for a new record. */
  readonly id = input<string>();

  protected readonly view = signal<EntityViewDto | null>(null);
  protected readonly saved = signal<DataRecord | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly saving = signal(false);
  protected readonly activeTab = signal(0);
  protected readonly attachments = signal<AttachmentDto[] | null>(null);
  /** The values being edited: changed by the inputs, compared with `saved` to send only what changed. */
  protected draft: DataRecord = {};

  private readonly fieldsByName = computed(() => new Map((this.view()?.fields ?? []).map((f) => [f.name, f])));
  protected readonly isNew = computed(() => !this.id());
  /** A record in a read-only workflow state is changed only by its transitions. */
  protected readonly locked = computed(() => {
    const view = this.view();
    const record = this.saved();
    if (!view || !record) return false;
    if (!view.can.update) return true;
    const state = view.workflow?.states.find((s) => s.name === record[view.workflow!.field]);
    return state?.readOnly ?? false;
  });
  protected readonly title = computed(() => {
    const view = this.view();
    const record = this.saved();
    if (!view) return '';
    if (!record) return this.texts.translate('data.newRecord', { entity: view.label });
    return (view.displayField && record[view.displayField] ? String(record[view.displayField]) : null) ?? view.label;
  });

  constructor() {
    effect(() => {
      const [entity, id] = [this.entity(), this.id()];
      untracked(() => void this.load(entity, id));
    });
  }

  private async load(entity: string, id: string | undefined): Promise<void> {
    this.failure.set(null);
    this.problem.set(null);
    try {
      const view = this.view()?.name === entity ? this.view()! : await this.api.invoke(getEntityView, { entity });
      this.view.set(view);
      const record = id ? await this.read(view, id) : null;
      if (id && !record) {
        this.failure.set(this.texts.translate('data.notFound'));
        return;
      }
      this.saved.set(record);
      this.draft = structuredClone(record ?? this.blank(view));
      this.attachments.set(id ? [] : null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  // The record whole: its lines, and the records its references point to (those the user may read) for their names.
  private async read(view: EntityViewDto, id: string): Promise<DataRecord | null> {
    const expand = view.fields.filter((f) => f.type === 'Reference' && f.referenceDisplay).map((f) => f.name);
    try {
      return (await this.api.invoke(getRecord, { entity: view.name, id, expand: expand.join(',') || undefined })) as DataRecord;
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) return null;
      throw error;
    }
  }

  private blank(view: EntityViewDto): DataRecord {
    const record: DataRecord = {};
    for (const field of view.fields) {
      if (field.type === 'Lines') record[field.name] = [];
      if (field.type === 'Boolean') record[field.name] = false;
    }
    const initial = view.workflow?.states.find((s) => s.initial);
    if (view.workflow && initial) record[view.workflow.field] = initial.name;
    return record;
  }

  protected field(name: string): FieldViewDto | undefined {
    return this.fieldsByName().get(name);
  }

  protected hidden(placed: FormFieldDto): boolean {
    return matches(placed.hiddenWhen, this.draft);
  }

  protected readOnly(placed: FormFieldDto, field: FieldViewDto): boolean {
    return this.locked() || field.readOnly || matches(placed.readOnlyWhen, this.draft) || field.name === this.view()?.workflow?.field;
  }

  /** What names a field's value beyond the value itself: a reference's record, the workflow state's label. */
  protected display(field: FieldViewDto, record: DataRecord): string {
    const workflow = this.view()?.workflow;
    if (field.name === workflow?.field) return workflow.states.find((s) => s.name === record[field.name])?.label ?? '';
    return field.type === 'Reference' ? referenceText(field, record) : '';
  }

  protected lines(field: FieldViewDto): Line[] {
    return (this.draft[field.name] as Line[] | undefined) ?? [];
  }

  protected addLine(field: FieldViewDto): void {
    this.draft[field.name] = [...this.lines(field), {}];
  }

  protected removeLine(field: FieldViewDto, line: Line): void {
    this.draft[field.name] = this.lines(field).filter((l) => l !== line);
  }

  protected async save(): Promise<void> {
    const view = this.view()!;
    this.problem.set(null);
    const invalid = Object.entries(validate(view.fields, this.draft));
    if (invalid.length) {
      const fields = Object.fromEntries(invalid.map(([key, why]) => [key, [this.texts.translate(`data.invalid.${why.key}`, why.params)]]));
      this.problem.set({ status: 400, detail: this.texts.translate('data.invalid.summary'), fields });
      return;
    }
    this.saving.set(true);
    try {
      const saved = this.saved();
      if (!saved) {
        const created = (await this.api.invoke(createRecord, { entity: view.name, body: this.changes(null) })) as DataRecord;
        await this.router.navigate(['/data', view.name, created.id], { replaceUrl: true });
      } else {
        await this.api.invoke(updateRecord, { entity: view.name, id: saved.id!, body: { ...this.changes(saved), version: saved.version } });
        await this.load(view.name, saved.id);
      }
    } catch (error) {
      this.problem.set(this.problems.of(error));
    } finally {
      this.saving.set(false);
    }
  }

  // The fields the user may set whose values differ from the saved record's (all given ones for a new record); a
  // lines field goes whole, its lines with their ids, as the server replaces them.
  private changes(saved: DataRecord | null): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const field of this.view()!.fields) {
      if (field.readOnly || field.type === 'Autonumber' || field.type === 'Computed') continue;
      const value = this.draft[field.name];
      const settable = field.type === 'Lines' ? (value as Line[]).map((line) => this.lineValues(field, line)) : value;
      if (saved ? JSON.stringify(settable) !== JSON.stringify(this.settableOf(field, saved)) : value !== undefined && value !== null)
        body[field.name] = settable ?? null;
    }
    return body;
  }

  private settableOf(field: FieldViewDto, record: DataRecord): unknown {
    const value = record[field.name];
    return field.type === 'Lines' ? ((value as Line[] | undefined) ?? []).map((line) => this.lineValues(field, line)) : value;
  }

  private lineValues(field: FieldViewDto, line: Line): Line {
    const values: Line = line.id ? { id: line.id } : {};
    for (const child of field.fields ?? []) if (!child.readOnly) values[child.name] = line[child.name] ?? null;
    return values;
  }

  protected async remove(): Promise<void> {
    const view = this.view()!;
    if (!confirm(this.texts.translate('data.confirmDelete', { name: this.title() }))) return;
    try {
      await this.api.invoke(deleteRecord, { entity: view.name, id: this.saved()!.id! });
      await this.router.navigate(['/data', view.name]);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  /** A transition moved the record: read it again (its state, its version, what the automation changed). */
  protected async moved(): Promise<void> {
    await this.load(this.entity(), this.saved()!.id);
  }
}

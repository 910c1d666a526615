import { Component, computed, inject, input, model, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { AutoCompleteCompleteEvent, AutoCompleteModule } from 'primeng/autocomplete';
import { CheckboxModule } from 'primeng/checkbox';
import { InputNumberModule } from 'primeng/inputnumber';
import { InputTextModule } from 'primeng/inputtext';
import { MultiSelectModule } from 'primeng/multiselect';
import { SelectModule } from 'primeng/select';
import { TextareaModule } from 'primeng/textarea';
import { Api } from '../../api/api';
import { listReferenceOptions } from '../../api/functions';
import { AttachmentDto, FieldType, FieldViewDto, ReferenceOptionDto } from '../../api/models';
import { MoneyValue } from './records';

/** The input a field type is edited with: numbers alike, values the server sets shown as they are. */
const editors: Partial<Record<FieldType, string>> = {
  LongText: 'long', WholeNumber: 'number', Number: 'number', Money: 'money', Boolean: 'boolean', Date: 'date', DateTime: 'dateTime', Choice: 'choice',
  MultipleChoice: 'choices', Reference: 'reference', Attachment: 'attachment', Autonumber: 'shown', Computed: 'shown',
};

/**
 * The input for one field of a record, chosen by its type and constrained by its metadata (length, range, pattern,
 * choices). A reference searches the records it may point to as the user types; an attachment is one of the record's files.
 */
@Component({
  selector: 'app-field-input',
  imports: [
    FormsModule,
    TranslocoPipe,
    AutoCompleteModule,
    CheckboxModule,
    InputNumberModule,
    InputTextModule,
    MultiSelectModule,
    SelectModule,
    TextareaModule,
  ],
  templateUrl: './field-input.html',
})
export class FieldInput {
  private readonly api = inject(Api);

  readonly field = input.required<FieldViewDto>();
  /** The entity, and for a line's field the lines field's name: what a reference's search asks the server about. */
  readonly entity = input.required<string>();
  readonly path = input.required<string>();
  readonly inputId = input.required<string>();
  /** The record being edited, none while new: a reference offers records of its company. */
  readonly recordId = input<string | undefined>();
  readonly readOnly = input(false);
  /** What names the referenced record the value points to, when the record was read with it. */
  readonly display = input('');
  /** The record's files, for an attachment field. */
  readonly attachments = input<AttachmentDto[] | null>(null);
  readonly value = model<unknown>();

  protected readonly suggestions = signal<ReferenceOptionDto[]>([]);
  // The option the user chose names the record until the form reads it again with its reference expanded.
  private readonly picked = signal<ReferenceOptionDto | null>(null);
  protected readonly chosen = computed<ReferenceOptionDto | null>(() => {
    const id = this.value();
    if (!id) return null;
    const picked = this.picked();
    return picked?.id === id ? picked : { id: String(id), display: this.display() || String(id) };
  });
  protected readonly editor = computed(() => editors[this.field().type] ?? 'text');
  protected readonly textType = computed(() => ({ Email: 'email', Url: 'url', Phone: 'tel' })[this.field().type as string] ?? 'text');
  protected readonly money = computed(() => (this.value() as MoneyValue | null) ?? null);

  protected async searchReferences(event: AutoCompleteCompleteEvent): Promise<void> {
    this.suggestions.set(
      await this.api.invoke(listReferenceOptions, {
        entity: this.entity(),
        field: this.path(),
        record: this.recordId(),
        search: event.query,
        take: 20,
      }),
    );
  }

  protected chooseReference(option: ReferenceOptionDto | string | null): void {
    // The autocomplete gives the typed text until an option is chosen; only an option is a value.
    const chosen = option && typeof option === 'object' ? option : null;
    this.picked.set(chosen);
    this.value.set(chosen?.id ?? null);
  }

  /** A date-time field holds an instant; the input shows it in the user's time zone. */
  protected localTime(value: unknown): string {
    if (!value) return '';
    const date = new Date(String(value));
    return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }

  protected setLocalTime(text: string): void {
    this.value.set(text ? new Date(text).toISOString() : null);
  }

  protected setMoney(part: Partial<MoneyValue>): void {
    const current = this.money() ?? { amount: 0, currency: '' };
    const next = { ...current, ...part };
    this.value.set(next.amount === null && !next.currency ? null : next);
  }

  protected emptyAsNull(text: string): void {
    this.value.set(text === '' ? null : text);
  }
}

import { Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { CheckboxModule } from 'primeng/checkbox';
import { InputNumberModule } from 'primeng/inputnumber';
import { InputTextModule } from 'primeng/inputtext';
import { SelectModule } from 'primeng/select';
import { FieldDefinitionDto, FieldType } from '../../api/models';
import { Problem } from '../../core/problems';
import { FieldErrors } from '../../shared/field-errors';

/** Every type a field may have; a line's field cannot be lines itself, nor a file or computed (the server says why). */
export const fieldTypes: FieldType[] = [
  'Text', 'LongText', 'WholeNumber', 'Number', 'Money', 'Boolean', 'Date', 'DateTime', 'Choice', 'MultipleChoice', 'Email', 'Url', 'Phone',
  'Reference', 'Autonumber', 'Attachment', 'Computed', 'Lines',
];

/** A new field's definition: a name the administrator changes, no id yet (the server gives one). */
export function newField(index: number): FieldDefinitionDto {
  return { id: null, name: `field_${index + 1}`, label: `Field ${index + 1}`, type: 'Text' };
}

/**
 * The fields of an entity (or of a lines field's lines) as rows: name, label, type and the settings the type takes. A
 * field keeps its id when renamed, so the server renames its column and keeps the data; removing one marks it deleted
 * (its column stays until purged). Refusals appear under the setting they name (`fields[2].name`).
 */
@Component({
  selector: 'app-field-rows',
  imports: [FieldErrors, FormsModule, TranslocoPipe, ButtonModule, CheckboxModule, InputNumberModule, InputTextModule, SelectModule],
  templateUrl: './field-rows.html',
})
export class FieldRows {
  readonly fields = input.required<FieldDefinitionDto[]>();
  /** Where these fields are in the definition, for the keys of refusals: `fields`, or `fields[3].fields`. */
  readonly path = input('fields');
  /** The entities a reference may point to. */
  readonly targets = input.required<string[]>();
  readonly problem = input<Problem | null>(null);
  readonly nested = input(false);
  readonly changed = output<void>();

  protected readonly types = fieldTypes;

  protected visible(): FieldDefinitionDto[] {
    return this.fields().filter((f) => !f.deleted);
  }

  protected key(field: FieldDefinitionDto, setting: string): string {
    return `${this.path()}[${this.fields().indexOf(field)}].${setting}`;
  }

  protected add(): void {
    this.fields().push(newField(this.fields().length));
    this.changed.emit();
  }

  /** A saved field is marked deleted (the server hides it and keeps its column); a new one simply goes. */
  protected remove(field: FieldDefinitionDto): void {
    if (field.id) field.deleted = true;
    else this.fields().splice(this.fields().indexOf(field), 1);
    this.changed.emit();
  }

  protected move(field: FieldDefinitionDto, by: number): void {
    const list = this.fields();
    const from = list.indexOf(field);
    const to = from + by;
    if (to < 0 || to >= list.length) return;
    [list[from], list[to]] = [list[to], list[from]];
    this.changed.emit();
  }

  protected typeChanged(field: FieldDefinitionDto): void {
    if (field.type === 'Lines') field.fields ??= [newField(0)];
    this.changed.emit();
  }

  protected choicesText(field: FieldDefinitionDto): string {
    return (field.choices ?? []).join(', ');
  }

  protected setChoices(field: FieldDefinitionDto, text: string): void {
    field.choices = text
      .split(',')
      .map((c) => c.trim())
      .filter((c) => c);
  }
}

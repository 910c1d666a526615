import { FieldViewDto } from '../../api/models';
import { DataRecord, MoneyValue } from './records';

/** Why a value breaks its field's rules: a translation key under `data.invalid` and its parameters. */
export interface Invalid {
  key: string;
  params?: Record<string, unknown>;
}

/**
 * What the metadata already tells about a record before the server sees it: required fields, lengths, ranges, patterns
 * and choices, for the record's own fields and each line's. Keyed as the server keys its refusals (`name`,
 * `lines[2].quantity`), so both show in the same place. The server checks everything again.
 */
export function validate(fields: readonly FieldViewDto[], record: DataRecord): Record<string, Invalid> {
  const found: Record<string, Invalid> = {};
  for (const field of fields) {
    if (field.readOnly) continue;
    if (field.type === 'Lines') {
      ((record[field.name] as DataRecord[] | undefined) ?? []).forEach((line, i) => {
        for (const [key, invalid] of Object.entries(validate(field.fields ?? [], line))) found[`${field.name}[${i}].${key}`] = invalid;
      });
      continue;
    }
    const invalid = check(field, record[field.name]);
    if (invalid) found[field.name] = invalid;
  }
  return found;
}

function check(field: FieldViewDto, value: unknown): Invalid | null {
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) return field.required ? { key: 'required' } : null;
  if (typeof value === 'string') {
    if (field.maxLength && value.length > field.maxLength) return { key: 'tooLong', params: { max: field.maxLength } };
    if (field.pattern && !matchesPattern(field.pattern, value)) return { key: 'pattern' };
    if (field.type === 'Choice' && field.choices && !field.choices.includes(value)) return { key: 'choice' };
  }
  const number = field.type === 'Money' ? (value as MoneyValue).amount : typeof value === 'number' ? value : null;
  if (number !== null) {
    if (field.minimum !== null && field.minimum !== undefined && number < field.minimum) return { key: 'tooSmall', params: { min: field.minimum } };
    if (field.maximum !== null && field.maximum !== undefined && number > field.maximum) return { key: 'tooLarge', params: { max: field.maximum } };
    if (field.type === 'WholeNumber' && !Number.isInteger(number)) return { key: 'wholeNumber' };
  }
  if (field.type === 'Money' && !/^[A-Z]{3}$/.test((value as MoneyValue).currency ?? '')) return { key: 'currency' };
  return null;
}

// As the server matches (anywhere in the value); a .NET pattern JavaScript cannot read is left to the server.
function matchesPattern(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern).test(value);
  } catch {
    return true;
  }
}

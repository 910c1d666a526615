import { FieldViewDto, RecordFilter } from '../../api/models';

/**
 * A record as the data API returns it: its system properties (`id`, `version`, `companyId`, `createdAt`, ...), a value per
 * field, a lines field's lines as an array, and the referenced records asked for under `expanded`.
 */
export type DataRecord = Record<string, unknown> & {
  id?: string;
  version?: number;
  expanded?: Record<string, Record<string, unknown> | null>;
};

/** A money field's value. */
export interface MoneyValue {
  amount: number;
  currency: string;
}

/** The system properties a list may show and sort by besides the entity's fields. */
export const systemColumns = ['createdAt', 'modifiedAt'] as const;

/** Whether a field is a column of the record (a lines field is a table of its own). */
export const hasColumn = (field: FieldViewDto): boolean => field.type !== 'Lines';

/** The filter operators a list's filter row offers for a field of this type (the server takes the same names). */
export function operatorsFor(field: FieldViewDto): string[] {
  switch (field.type) {
    case 'Text':
    case 'LongText':
    case 'Email':
    case 'Url':
    case 'Phone':
    case 'Autonumber':
      return ['contains', 'eq', 'ne', 'starts-with', 'is-null'];
    case 'WholeNumber':
    case 'Number':
    case 'Date':
    case 'DateTime':
    case 'Computed':
      return ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'is-null'];
    case 'Boolean':
      return ['eq'];
    default:
      return ['eq', 'ne', 'is-null'];
  }
}

/**
 * Whether a record matches a layout's condition (a field shown read-only or hidden while ...), evaluated on the values in
 * the form as the server evaluates the same filter on the saved record.
 */
export function matches(filter: RecordFilter | null | undefined, record: DataRecord): boolean {
  if (!filter) return false;
  if (filter.and) return filter.and.every((f) => matches(f, record));
  if (filter.or) return filter.or.some((f) => matches(f, record));
  if (filter.not) return !matches(filter.not, record);
  if (!filter.field) return false;
  return compare(record[filter.field], filter.op ?? 'eq', filter.value);
}

function compare(actual: unknown, op: string, expected: unknown): boolean {
  const empty = actual === null || actual === undefined || actual === '';
  const list = (value: unknown) => (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim());
  const [a, b] = [comparable(actual), comparable(expected)];
  switch (op) {
    case 'is-null':
      return empty === (expected === true || expected === 'true');
    case 'eq':
      return Array.isArray(actual) ? actual.map(String).includes(String(expected)) : !empty && a === b;
    case 'ne':
      return !compare(actual, 'eq', expected);
    case 'lt':
      return !empty && a < b;
    case 'lte':
      return !empty && a <= b;
    case 'gt':
      return !empty && a > b;
    case 'gte':
      return !empty && a >= b;
    case 'between': {
      const [low, high] = list(expected).map(comparable);
      return !empty && a >= low && a <= high;
    }
    case 'in':
      return !empty && list(expected).includes(String(actual));
    case 'not-in':
      return empty || !list(expected).includes(String(actual));
    case 'contains':
      return !empty && String(actual).toLowerCase().includes(String(expected).toLowerCase());
    case 'starts-with':
      return !empty && String(actual).toLowerCase().startsWith(String(expected).toLowerCase());
    default:
      return false;
  }
}

// Numbers compare as numbers, everything else (ISO dates included) as text.
function comparable(value: unknown): number | string {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  const text = String(value ?? '');
  return text.trim() !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
}

/** What names a referenced record: the property the view names, else its id. */
export function referenceText(field: FieldViewDto, record: DataRecord): string {
  const expanded = record.expanded?.[field.name];
  const shown = field.referenceDisplay ? expanded?.[field.referenceDisplay] : undefined;
  if (shown !== undefined && shown !== null && shown !== '') return String(shown);
  return record[field.name] ? String(record[field.name]) : '';
}

/** A field's value as a list cell shows it, in the user's language. */
export function formatValue(field: FieldViewDto, record: DataRecord, language: string, yesNo: [string, string]): string {
  const value = record[field.name];
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'Reference':
      return referenceText(field, record);
    case 'Boolean':
      return value ? yesNo[0] : yesNo[1];
    case 'Date':
      return new Date(`${value}T00:00:00`).toLocaleDateString(language);
    case 'DateTime':
      return new Date(String(value)).toLocaleString(language);
    case 'WholeNumber':
    case 'Number':
      return new Intl.NumberFormat(language).format(Number(value));
    case 'Money': {
      const money = value as MoneyValue;
      return new Intl.NumberFormat(language, { style: 'currency', currency: money.currency }).format(money.amount);
    }
    case 'MultipleChoice':
      return (value as string[]).join(', ');
    case 'Lines':
      return String((value as unknown[]).length);
    default:
      return String(value);
  }
}

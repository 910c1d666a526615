import { describe, expect, it } from 'vitest';
import { FieldViewDto } from '../../api/models';
import { formatValue, matches, referenceText } from './records';

const field = (name: string, type: FieldViewDto['type'], more: Partial<FieldViewDto> = {}): FieldViewDto => ({
  name,
  label: name,
  type,
  required: false,
  readOnly: false,
  maxLength: null,
  minimum: null,
  maximum: null,
  pattern: null,
  choices: null,
  references: null,
  searchable: false,
  fields: null,
  ...more,
});

describe('matches', () => {
  const record = { status: 'draft', total: 120, tags: ['vip'], note: null };

  it('evaluates a layout condition as the server does', () => {
    expect(matches({ field: 'status', op: 'eq', value: 'draft' }, record)).toBe(true);
    expect(matches({ field: 'total', op: 'gt', value: '100' }, record)).toBe(true);
    expect(matches({ field: 'total', op: 'between', value: '150,200' }, record)).toBe(false);
    expect(matches({ field: 'status', op: 'in', value: ['posted', 'draft'] }, record)).toBe(true);
    expect(matches({ field: 'tags', op: 'eq', value: 'vip' }, record)).toBe(true);
    expect(matches({ field: 'note', op: 'is-null', value: true }, record)).toBe(true);
    expect(matches({ field: 'status', op: 'contains', value: 'RAF' }, record)).toBe(true);
  });

  it('combines conditions, and holds for no record without a condition', () => {
    const posted = { field: 'status', op: 'eq', value: 'posted' };
    expect(matches({ or: [posted, { field: 'total', op: 'gte', value: 120 }] }, record)).toBe(true);
    expect(matches({ and: [posted, { field: 'total', op: 'gte', value: 120 }] }, record)).toBe(false);
    expect(matches({ not: posted }, record)).toBe(true);
    expect(matches(null, record)).toBe(false);
  });

  it('treats an empty value as matching no comparison', () => {
    expect(matches({ field: 'note', op: 'lt', value: 5 }, record)).toBe(false);
    expect(matches({ field: 'note', op: 'ne', value: 'x' }, record)).toBe(true);
  });
});

describe('formatValue', () => {
  const yesNo: [string, string] = ['Yes', 'No'];

  it('shows values in the user language', () => {
    expect(formatValue(field('amount', 'Number'), { amount: 1234.5 }, 'de', yesNo)).toBe('1.234,5');
    expect(formatValue(field('price', 'Money'), { price: { amount: 9.5, currency: 'EUR' } }, 'en', yesNo)).toBe('€9.50');
    expect(formatValue(field('active', 'Boolean'), { active: false }, 'en', yesNo)).toBe('No');
    expect(formatValue(field('tags', 'MultipleChoice'), { tags: ['a', 'b'] }, 'en', yesNo)).toBe('a, b');
    expect(formatValue(field('note', 'Text'), { note: null }, 'en', yesNo)).toBe('');
  });

  it('names a reference by its expanded record, or by its id when it may not be read', () => {
    const customer = field('customer', 'Reference', { referenceDisplay: 'name' });
    const record = { customer: 'c-1', expanded: { customer: { id: 'c-1', name: 'Ada' } } };
    expect(formatValue(customer, record, 'en', yesNo)).toBe('Ada');
    expect(referenceText({ ...customer, referenceDisplay: null }, record)).toBe('c-1');
  });
});

import { describe, expect, it } from 'vitest';
import { FieldViewDto } from '../../api/models';
import { validate } from './validation';

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

describe('validate', () => {
  const fields = [
    field('name', 'Text', { required: true, maxLength: 5 }),
    field('code', 'Text', { pattern: '^[A-Z]{2}\\d+$' }),
    field('quantity', 'WholeNumber', { minimum: 1, maximum: 10 }),
    field('price', 'Money'),
    field('number', 'Autonumber', { readOnly: true, required: true }),
    field('lines', 'Lines', { fields: [field('product', 'Text', { required: true })] }),
  ];

  it('finds what the metadata forbids, keyed as the server keys it', () => {
    const found = validate(fields, {
      name: 'Too long',
      code: 'x1',
      quantity: 2.5,
      price: { amount: 3, currency: 'eu' },
      lines: [{ product: 'Widget' }, { product: '' }],
    });
    expect(Object.keys(found).sort()).toEqual(['code', 'lines[1].product', 'name', 'price', 'quantity']);
    expect(found['name']).toEqual({ key: 'tooLong', params: { max: 5 } });
    expect(found['quantity'].key).toBe('wholeNumber');
    expect(found['lines[1].product'].key).toBe('required');
  });

  it('accepts a record that keeps the rules, and leaves what the server sets alone', () => {
    expect(validate(fields, { name: 'Ada', code: 'AB12', quantity: 3, price: { amount: 3, currency: 'EUR' }, lines: [] })).toEqual({});
    expect(validate(fields, { name: '' })['name'].key).toBe('required');
    expect(validate(fields, { name: 'Ada', quantity: 11 })['quantity']).toEqual({ key: 'tooLarge', params: { max: 10 } });
  });
});

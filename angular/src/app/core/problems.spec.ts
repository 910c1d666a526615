import { HttpErrorResponse } from '@angular/common/http';
import { fieldErrors, problemOf } from './problems';

describe('problemOf', () => {
  it('takes the detail and the refusals by field, which a field finds whatever the case of its key', () => {
    const error = new HttpErrorResponse({
      status: 400,
      error: { title: 'One or more validation errors occurred.', detail: 'Check the fields.', errors: { Email: ['Not an address.'], 'Fields[0].Name': ['Taken.'], 'extra.tier': ['No.'] } },
    });
    const problem = problemOf(error, 'fallback');
    expect(problem.status).toBe(400);
    expect(problem.detail).toBe('Check the fields.');
    expect(fieldErrors(problem, 'email')).toEqual(['Not an address.']);
    expect(fieldErrors(problem, 'fields[0].name')).toEqual(['Taken.']);
    expect(fieldErrors(problem, 'extra.tier')).toEqual(['No.']);
    expect(fieldErrors(problem, 'userName')).toEqual([]);
    expect(fieldErrors(null, 'email')).toEqual([]);
  });

  it('reads a problem the client took as text (an endpoint that answers 204 when it succeeds)', () => {
    const error = new HttpErrorResponse({ status: 400, error: JSON.stringify({ detail: 'One or more values are not valid.', errors: { 'AuditLogging.RetentionDays': ['At least 31.'] } }) });
    expect(fieldErrors(problemOf(error, 'fallback'), 'AuditLogging.RetentionDays')).toEqual(['At least 31.']);
    expect(problemOf(new HttpErrorResponse({ status: 502, error: '<html>Bad gateway</html>' }), 'Try again.').detail).toBe('Try again.');
  });

  it('falls back to the given text when the answer is no problem (the network failed)', () => {
    expect(problemOf(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }), 'Try again.')).toEqual({ status: 0, detail: 'Try again.', fields: {} });
    expect(problemOf(new Error('boom'), 'Try again.')).toEqual({ status: 0, detail: 'Try again.', fields: {} });
  });
});

import { Component, computed, input } from '@angular/core';
import { Problem, fieldErrors } from '../core/problems';

/** What the server refused a field for, under the field, announced to screen readers. */
@Component({
  selector: 'app-field-errors',
  template: `
    @for (error of errors(); track error) {
      <small class="field-error" role="alert">{{ error }}</small>
    }
  `,
  styles: `
    :host {
      display: contents;
    }
  `,
})
export class FieldErrors {
  readonly problem = input.required<Problem | null>();
  readonly field = input.required<string>();
  protected readonly errors = computed(() => fieldErrors(this.problem(), this.field()));
}

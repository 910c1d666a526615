import { Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { DialogModule } from 'primeng/dialog';
import { MessageModule } from 'primeng/message';
import { Problem } from '../core/problems';

/**
 * The dialog every admin page edits in: a modal form with the fields it is given, the server's refusal above them (each
 * field shows its own errors beside it), and Cancel and Save. Closing (Escape, the close button, Cancel) emits `closed`,
 * saving emits `submitted`; the page opens it by rendering it and closes it by not.
 */
@Component({
  selector: 'app-form-dialog',
  imports: [FormsModule, TranslocoPipe, ButtonModule, DialogModule, MessageModule],
  template: `
    <p-dialog
      [visible]="true"
      (visibleChange)="closed.emit()"
      [modal]="true"
      [header]="header()"
      [style]="{ width: width() }"
      [breakpoints]="{ '640px': '95vw' }"
    >
      <form class="form" (ngSubmit)="submitted.emit()">
        @if (problem(); as refused) {
          <p-message severity="error" [text]="refused.detail" />
        }
        <ng-content />
        <div class="buttons">
          <p-button
            type="button"
            [label]="'common.cancel' | transloco"
            severity="secondary"
            [text]="true"
            (onClick)="closed.emit()"
          />
          <p-button type="submit" [label]="'common.save' | transloco" [loading]="saving()" />
        </div>
      </form>
    </p-dialog>
  `,
})
export class FormDialog {
  readonly header = input.required<string>();
  readonly width = input('32rem');
  readonly problem = input<Problem | null>(null);
  readonly saving = input(false);
  readonly closed = output();
  readonly submitted = output();
}

import { Component, input, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';

/** Copies a text shown once (a secret, recovery codes) to the clipboard, and says so. */
@Component({
  selector: 'app-copy-button',
  imports: [TranslocoPipe, ButtonModule],
  template: `
    @if (copied()) {
      <span role="status">{{ 'clients.copied' | transloco }}</span>
    }
    <p-button type="button" icon="pi pi-copy" [label]="'clients.copy' | transloco" severity="secondary" (onClick)="copy()" />
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.5rem;
    }
  `,
})
export class CopyButton {
  readonly text = input.required<string>();
  protected readonly copied = signal(false);

  protected async copy(): Promise<void> {
    await navigator.clipboard.writeText(this.text());
    this.copied.set(true);
  }
}

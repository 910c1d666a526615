import { Component, computed, inject, input, signal } from '@angular/core';
import { MessageService } from 'primeng/api';
import { ToastModule } from 'primeng/toast';
import type { PluginSlotElementDto } from '../api/models';
import { Session } from '../core/session';
import { loadComponentTheme } from '../core/theme';
import { PluginBoundary } from './plugin-boundary';

/**
 * A place in one of the SPA's pages that plugins fill (`ui.slots` in their plugin.json): every element the user may see
 * for the slot `name`, in order, each in its own error boundary, so that a failing one shows a compact error panel and
 * the page goes on. Its host takes no box of its own: in a grid, each element is an item of the grid.
 */
@Component({
  selector: 'erp-plugin-slot',
  imports: [ToastModule, PluginBoundary],
  providers: [MessageService],
  template: `
    <!-- The toast and the error panels are PrimeNG's: they wait for its theme. -->
    @if (elements().length > 0 && themed()) {
      <p-toast />
      @for (element of elements(); track element.plugin + ' ' + element.element) {
        <app-plugin-boundary [source]="element" [compact]="true" [properties]="context()" [attr.data-plugin]="element.plugin" />
      }
    }
  `,
  styles: `
    :host {
      display: contents;
    }
    p-toast {
      position: absolute;
    }
  `,
})
export class PluginSlot {
  /** One of the slots the kernel names (`PluginSlots` in Erp.Kernel): `dashboard`, `record-side`. */
  readonly name = input.required<string>();
  /** What the page tells each element, as its properties: `record-side` gives `entity` and `recordId`. */
  readonly context = input<Record<string, unknown>>({});

  private readonly session = inject(Session);
  protected readonly themed = signal(false);

  constructor() {
    void loadComponentTheme().then(() => this.themed.set(true));
  }

  /** The same list while only the configuration was read again (a new language): the elements stay, they follow the language themselves. */
  protected readonly elements = computed(() => this.session.slotElements().filter((element) => element.slot === this.name()), { equal: sameElements });
}

function sameElements(a: PluginSlotElementDto[], b: PluginSlotElementDto[]): boolean {
  return a.length === b.length && a.every((element, i) => element.entry === b[i].entry && element.element === b[i].element);
}

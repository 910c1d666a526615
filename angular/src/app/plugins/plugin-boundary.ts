import { Component, DestroyRef, ElementRef, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { MessageService } from 'primeng/api';
import { ButtonModule } from 'primeng/button';
import { PluginElementSource, PluginElements, PluginScreenError, PluginScreenFailure, messageOf } from './plugin-elements';
import { PluginSdkSession, PluginSdks } from './plugin-sdk';

type State = { kind: 'loading' } | { kind: 'shown' } | { kind: 'failed'; failure: PluginScreenFailure; detail: string };

let boundaries = 0;

/**
 * One plugin's element, given the SDK, inside an error boundary: whatever goes wrong in the plugin (its module does not
 * load, never defines the element, throws, or reports an `erp-error`) replaces the element with an error panel that offers
 * to try again; the page around it keeps working. A screen shows the full panel, a slot's element a `compact` one. The
 * element's notifications go to the nearest `MessageService` (the screen's or the slot's toast).
 */
@Component({
  selector: 'app-plugin-boundary',
  imports: [TranslocoPipe, ButtonModule],
  template: `
    @let current = state();
    @let texts = compact() ? 'pluginSlots' : 'pluginScreens';
    @if (current.kind === 'loading') {
      <p class="muted" role="status">{{ texts + '.loading' | transloco }}</p>
    } @else if (current.kind === 'failed') {
      <section class="plugin-error" [class.compact]="compact()" role="alert" [attr.aria-labelledby]="titleId">
        @if (compact()) {
          <h2 [id]="titleId">{{ texts + '.failed' | transloco }}</h2>
        } @else {
          <h1 [id]="titleId">{{ texts + '.failed' | transloco }}</h1>
        }
        <p>{{ texts + '.failure.' + current.failure | transloco: { plugin: source().plugin } }}</p>
        @if (current.detail) {
          <details>
            <summary>{{ 'pluginScreens.details' | transloco }}</summary>
            <code>{{ current.detail }}</code>
          </details>
        }
        <p-button [label]="'pluginScreens.retry' | transloco" icon="pi pi-refresh" [size]="compact() ? 'small' : undefined" (onClick)="retry()" />
      </section>
    }
    <div #host class="plugin-host" [hidden]="current.kind !== 'shown'"></div>
  `,
  styles: `
    .plugin-error {
      max-width: 40rem;
      padding: 1rem 1.25rem;
      border: 1px solid var(--p-red-500);
      border-radius: var(--p-content-border-radius);
      background: var(--p-content-background);
    }
    .plugin-error h1,
    .plugin-error h2 {
      margin-top: 0;
      font-size: 1.25rem;
    }
    .plugin-error.compact {
      padding: 0.75rem 1rem;
    }
    .plugin-error.compact h2 {
      font-size: 1rem;
      margin-bottom: 0.5rem;
    }
    .plugin-error details {
      margin-bottom: 1rem;
    }
    .plugin-error code {
      display: block;
      margin-top: 0.5rem;
      overflow-wrap: anywhere;
      white-space: pre-wrap;
    }
  `,
})
export class PluginBoundary {
  readonly source = input.required<PluginElementSource>();
  /** A slot's element: a smaller panel, headed one level down, among the page's own content. */
  readonly compact = input(false);
  /** What the page tells the element, set as its properties before it is attached, and again when they change (another record). */
  readonly properties = input<Record<string, unknown>>({});

  private readonly sdks = inject(PluginSdks);
  private readonly elements = inject(PluginElements);
  private readonly messages = inject(MessageService);
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');

  protected readonly state = signal<State>({ kind: 'loading' });
  protected readonly titleId = `plugin-error-${++boundaries}`;

  private shown: { element: HTMLElement; sdk: PluginSdkSession } | null = null;
  private attempt = 0;
  /** Counts what was shown: a load that ends after the source changed or a retry began is dropped. */
  private generation = 0;

  constructor() {
    effect(() => {
      const source = this.source();
      untracked(() => void this.show(source));
    });
    effect(() => {
      const properties = this.properties();
      untracked(() => this.shown && Object.assign(this.shown.element, properties));
    });
    // An error the element throws from its own callbacks (connecting, events) reaches the window, named by its script.
    // Only the plugin is known from it: every shown element of that plugin fails with it.
    const crashed = (event: ErrorEvent) => {
      if (this.shown && event.filename?.includes(`/plugins/${this.source().plugin}/`)) this.fail(new PluginScreenError('crashed', event.message));
    };
    window.addEventListener('error', crashed);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('error', crashed);
      this.clear();
    });
  }

  protected retry(): void {
    this.attempt++;
    void this.show(this.source());
  }

  private async show(source: PluginElementSource): Promise<void> {
    this.clear();
    const generation = this.generation;
    this.state.set({ kind: 'loading' });
    const sdk = this.sdks.open(source.plugin, this.messages);
    try {
      const element = await this.elements.create(source, this.attempt);
      if (generation !== this.generation) return sdk.close();
      element.addEventListener('erp-error', (event) => this.fail(new PluginScreenError('reported', reported(event))));
      Object.assign(element, this.properties(), { sdk: sdk.sdk });
      this.shown = { element, sdk };
      // Shown before it is attached: an element that throws while connecting replaces this with the error panel.
      this.state.set({ kind: 'shown' });
      this.host().nativeElement.append(element);
    } catch (error) {
      sdk.close();
      if (generation === this.generation) this.fail(error instanceof PluginScreenError ? error : new PluginScreenError('crashed', messageOf(error)));
    }
  }

  private fail(error: PluginScreenError): void {
    this.clear();
    this.state.set({ kind: 'failed', failure: error.failure, detail: error.detail });
  }

  private clear(): void {
    this.generation++;
    if (this.shown === null) return;
    this.shown.element.remove();
    this.shown.sdk.close();
    this.shown = null;
  }
}

/** What an element said in its `erp-error` event: its `detail`, a text or an error. */
function reported(event: Event): string {
  const detail = (event as CustomEvent<unknown>).detail;
  return detail === undefined || detail === null ? '' : messageOf(detail);
}

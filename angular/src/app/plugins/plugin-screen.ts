import { Component, DestroyRef, ElementRef, computed, effect, inject, input, signal, untracked, viewChild } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { MessageService } from 'primeng/api';
import { ButtonModule } from 'primeng/button';
import { ToastModule } from 'primeng/toast';
import type { PluginScreenDto } from '../api/models';
import { Session } from '../core/session';
import { NotFoundPage } from '../pages/not-found';
import { PluginElements, PluginScreenError, PluginScreenFailure, messageOf } from './plugin-elements';
import { PluginSdkSession, PluginSdks } from './plugin-sdk';

type State = { kind: 'loading' } | { kind: 'shown' } | { kind: 'missing' } | { kind: 'failed'; failure: PluginScreenFailure; detail: string };

/**
 * A plugin's screen: the custom element its module defines, given the SDK, inside the shell. Whatever goes wrong in the
 * plugin (its module does not load, never defines the element, throws, or reports an `erp-error`) replaces the element
 * with an error panel that offers to try again; the shell around it keeps working.
 */
@Component({
  selector: 'app-plugin-screen',
  imports: [TranslocoPipe, ButtonModule, ToastModule, NotFoundPage],
  providers: [MessageService],
  template: `
    <p-toast />
    @let current = state();
    @if (current.kind === 'loading') {
      <p class="muted" role="status">{{ 'pluginScreens.loading' | transloco }}</p>
    } @else if (current.kind === 'missing') {
      <app-not-found />
    } @else if (current.kind === 'failed') {
      <section class="plugin-error" role="alert" aria-labelledby="plugin-error-title">
        <h1 id="plugin-error-title">{{ 'pluginScreens.failed' | transloco }}</h1>
        <p>{{ 'pluginScreens.failure.' + current.failure | transloco: { plugin: screen()?.plugin } }}</p>
        @if (current.detail) {
          <details>
            <summary>{{ 'pluginScreens.details' | transloco }}</summary>
            <code>{{ current.detail }}</code>
          </details>
        }
        <p-button [label]="'pluginScreens.retry' | transloco" icon="pi pi-refresh" (onClick)="retry()" />
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
    .plugin-error h1 {
      margin-top: 0;
      font-size: 1.25rem;
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
export class PluginScreenPage {
  readonly plugin = input.required<string>();
  readonly route = input.required<string>();

  private readonly session = inject(Session);
  private readonly sdks = inject(PluginSdks);
  private readonly elements = inject(PluginElements);
  private readonly messages = inject(MessageService);
  private readonly host = viewChild.required<ElementRef<HTMLElement>>('host');

  /** The screen at this address, if the user may open it; the same one while only the configuration was read again (a new language). */
  protected readonly screen = computed(() => this.session.screens().find((s) => s.path === `/screens/${this.plugin()}/${this.route()}`) ?? null, {
    equal: (a, b) => a?.entry === b?.entry && a?.element === b?.element,
  });
  protected readonly state = signal<State>({ kind: 'loading' });

  private shown: { element: HTMLElement; sdk: PluginSdkSession } | null = null;
  private attempt = 0;
  /** Counts what was shown: a load that ends after the user moved on (another screen, a retry) is dropped. */
  private generation = 0;

  constructor() {
    effect(() => {
      const screen = this.screen();
      untracked(() => void this.show(screen));
    });
    // An error the element throws from its own callbacks (connecting, events) reaches the window, named by its script.
    const crashed = (event: ErrorEvent) => {
      if (this.shown && event.filename?.includes(`/plugins/${this.screen()?.plugin}/`)) this.fail(new PluginScreenError('crashed', event.message));
    };
    window.addEventListener('error', crashed);
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('error', crashed);
      this.clear();
    });
  }

  protected retry(): void {
    this.attempt++;
    void this.show(this.screen());
  }

  private async show(screen: PluginScreenDto | null): Promise<void> {
    this.clear();
    const generation = this.generation;
    if (screen === null) {
      this.state.set({ kind: 'missing' });
      return;
    }

    this.state.set({ kind: 'loading' });
    const sdk = this.sdks.open(screen.plugin, this.messages);
    try {
      const element = await this.elements.create(screen, this.attempt);
      if (generation !== this.generation) return sdk.close();
      element.addEventListener('erp-error', (event) => this.fail(new PluginScreenError('reported', reported(event))));
      element.sdk = sdk.sdk;
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

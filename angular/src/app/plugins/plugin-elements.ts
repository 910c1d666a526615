import { DOCUMENT, Injectable, InjectionToken, inject } from '@angular/core';
import type { PluginScreenDto } from '../api/models';
import type { ErpPluginElement } from './erp-plugin-sdk';

/** How a plugin's module is loaded: the browser's own `import()` of the host's address (tests give their own). */
export const importPluginModule = new InjectionToken<(url: string) => Promise<unknown>>('importPluginModule', {
  providedIn: 'root',
  factory: () => (url: string) => import(/* @vite-ignore */ url),
});

/** How long a loaded module may take to define its element before the screen gives up on it. */
export const pluginElementTimeout = new InjectionToken<number>('pluginElementTimeout', { providedIn: 'root', factory: () => 10_000 });

/** What is needed to show a plugin's element, a screen's (`PluginScreenDto`) or a slot's (`PluginSlotElementDto`). */
export type PluginElementSource = Pick<PluginScreenDto, 'plugin' | 'element' | 'entry'>;

/** Why a plugin's screen could not be shown: each has its own text in the error panel (`pluginScreens.failure.*`). */
export type PluginScreenFailure = 'load' | 'undefined' | 'crashed' | 'reported';

/** A plugin's screen failed; `detail` is what the browser or the plugin said, for the panel's technical details. */
export class PluginScreenError extends Error {
  constructor(
    readonly failure: PluginScreenFailure,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Loads a screen's or slot's module and makes its element, turning every way that can fail into a {@link PluginScreenError}. */
@Injectable({ providedIn: 'root' })
export class PluginElements {
  private readonly import = inject(importPluginModule);
  private readonly timeout = inject(pluginElementTimeout);
  private readonly document = inject(DOCUMENT);

  /** `attempt` counts retries: a module that failed is asked for at a new address, since the browser remembers a failure for good. */
  async create(screen: PluginElementSource, attempt = 0): Promise<ErpPluginElement> {
    const registry = this.document.defaultView!.customElements;
    if (!registry.get(screen.element)) {
      try {
        await this.import(attempt === 0 ? screen.entry : `${screen.entry}?attempt=${attempt}`);
      } catch (error) {
        throw new PluginScreenError('load', messageOf(error));
      }
      await this.defined(registry, screen);
    }
    return this.construct(registry, screen.element);
  }

  // A constructor that throws does not throw here: the browser reports the error to the window and makes a plain
  // HTMLUnknownElement instead. The report is caught for its message, and the element checked for its class.
  private construct(registry: CustomElementRegistry, tag: string): ErpPluginElement {
    const window = this.document.defaultView!;
    let reported: string | null = null;
    const capture = (event: ErrorEvent) => (reported ??= event.message);
    window.addEventListener('error', capture);
    try {
      const element = this.document.createElement(tag);
      if (element instanceof registry.get(tag)!) return element as ErpPluginElement;
      throw new PluginScreenError('crashed', reported ?? `<${tag}> could not be made`);
    } catch (error) {
      throw error instanceof PluginScreenError ? error : new PluginScreenError('crashed', messageOf(error));
    } finally {
      window.removeEventListener('error', capture);
    }
  }

  private defined(registry: CustomElementRegistry, screen: PluginElementSource): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new PluginScreenError('undefined', `${screen.entry} did not define <${screen.element}> within ${this.timeout / 1000} s`)),
        this.timeout,
      );
      void registry.whenDefined(screen.element).then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

/** What an error says, whatever was thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Injectable, Injector, effect, inject } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { MessageService } from 'primeng/api';
import { Subscription } from 'rxjs';
import { Session } from '../core/session';
import { Theme } from '../core/theme';
import type { ErpFetchInit, ErpPluginSdk, ErpPluginSdkEvents, ErpTheme } from './erp-plugin-sdk';

/** One screen's SDK and what ends it when the screen closes: its listeners and its unanswered API calls. */
export interface PluginSdkSession {
  readonly sdk: ErpPluginSdk;
  close(): void;
}

type Listeners = { [E in keyof ErpPluginSdkEvents]: Set<(value: ErpPluginSdkEvents[E]) => void> };

/** An API call not answered yet: closing the screen cancels it. */
interface PendingCall {
  subscription: Subscription;
  reject: (reason: unknown) => void;
}

/** Statuses whose response has no body: `new Response` refuses one for them. */
const bodilessStatuses = new Set([101, 204, 205, 304]);

/**
 * Makes the SDK (`erp-plugin-sdk.d.ts`, version 1) a plugin's screen gets. Its `fetch` goes through the app's HttpClient,
 * so the same interceptors add the token, the company and the language as they do to the SPA's own calls.
 */
@Injectable({ providedIn: 'root' })
export class PluginSdks {
  private readonly http = inject(HttpClient);
  private readonly session = inject(Session);
  private readonly theme = inject(Theme);
  private readonly transloco = inject(TranslocoService);
  private readonly router = inject(Router);
  private readonly injector = inject(Injector);

  /** An SDK for a screen of `plugin` whose notifications `messages` shows (the screen's toast). */
  open(plugin: string, messages: MessageService): PluginSdkSession {
    const listeners: Listeners = { theme: new Set(), language: new Set() };
    const calls = new Set<PendingCall>();
    const session = this.session;
    const themeOf = (): ErpTheme => (this.theme.dark() ? 'dark' : 'light');

    let theme = themeOf();
    const themeWatch = effect(
      () => {
        const now = themeOf();
        if (now === theme) return;
        theme = now;
        listeners.theme.forEach((listener) => listener(now));
      },
      { injector: this.injector },
    );
    let language = this.transloco.getActiveLang();
    const languageWatch = this.transloco.langChanges$.subscribe((now) => {
      if (now === language) return;
      language = now;
      listeners.language.forEach((listener) => listener(now));
    });

    const sdk: ErpPluginSdk = {
      version: 1,
      plugin,
      user: Object.freeze({ id: session.user()?.id ?? '', name: session.user()?.name ?? '', roles: [...(session.user()?.roles ?? [])] }),
      get language() {
        return language;
      },
      get theme() {
        return theme;
      },
      fetch: (path, init = {}) => this.fetch(path, init, calls),
      can: (permission) => session.can(permission),
      navigate: (path) => {
        if (!path.startsWith('/') || path.startsWith('//')) throw new TypeError(`navigate: '${path}' is not a path of the SPA`);
        void this.router.navigateByUrl(path);
      },
      notify: (severity, text) => messages.add({ severity, summary: text, life: 5000 }),
      on: (event, listener) => {
        const set = listeners[event] as Set<typeof listener>;
        set.add(listener);
        return () => set.delete(listener);
      },
    };

    return {
      sdk,
      close: () => {
        themeWatch.destroy();
        languageWatch.unsubscribe();
        listeners.theme.clear();
        listeners.language.clear();
        for (const call of calls) {
          call.subscription.unsubscribe();
          call.reject(new DOMException('The screen was closed.', 'AbortError'));
        }
        calls.clear();
      },
    };
  }

  private fetch(path: string, init: ErpFetchInit, calls: Set<PendingCall>): Promise<Response> {
    const url = apiPath(path);
    if (url === null) return Promise.reject(new TypeError(`fetch: '${path}' is not a path of the host's API (/api/…)`));
    if (init.signal?.aborted) return Promise.reject(init.signal.reason);

    return new Promise<Response>((resolve, reject) => {
      const call: PendingCall = { subscription: Subscription.EMPTY, reject };
      const end = () => {
        calls.delete(call);
        init.signal?.removeEventListener('abort', abort);
      };
      const abort = () => {
        call.subscription.unsubscribe();
        end();
        reject(init.signal?.reason);
      };
      call.subscription = this.http
        .request(init.method ?? 'GET', url, { body: init.body ?? null, headers: new HttpHeaders(init.headers ?? {}), observe: 'response', responseType: 'arraybuffer' })
        .subscribe({
          next: (response) => {
            end();
            resolve(asResponse(response.status, response.statusText, response.headers, response.body));
          },
          error: (error: unknown) => {
            end();
            // Status 0: no answer came (the network, the server down), where `fetch` rejects too.
            if (error instanceof HttpErrorResponse && error.status > 0) resolve(asResponse(error.status, error.statusText, error.headers, error.error));
            else reject(new TypeError('fetch: the host did not answer'));
          },
        });
      calls.add(call);
      init.signal?.addEventListener('abort', abort, { once: true });
    });
  }
}

/** The path and query of `path` when it is one of this origin's `/api/` addresses, else null. */
function apiPath(path: string): string | null {
  const url = new URL(path, window.location.origin);
  return url.origin === window.location.origin && url.pathname.startsWith('/api/') ? url.pathname + url.search : null;
}

function asResponse(status: number, statusText: string, headers: HttpHeaders, body: unknown): Response {
  const content = bodilessStatuses.has(status) || !(body instanceof ArrayBuffer) ? null : body;
  return new Response(content, { status, statusText, headers: headers.keys().map((name): [string, string] => [name, headers.getAll(name)?.join(', ') ?? '']) });
}

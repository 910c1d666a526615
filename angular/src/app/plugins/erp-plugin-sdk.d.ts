/**
 * The Erp plugin SDK, version 1: what the SPA hands a plugin's custom element as its `sdk` property before it is attached
 * to the page. Plugins copy this file (it has no imports) and type their element's `sdk` with it; docs/plugins.md tells how.
 *
 * Versioning: members are only added within a major version. A plugin names the major version it is written against in
 * its plugin.json (`"ui": { "sdk": 1 }`); a host whose SPA does not provide it refuses the plugin.
 */
export interface ErpPluginSdk {
  /** The SDK's major version: 1. */
  readonly version: 1;
  /** The plugin the screen belongs to, as its plugin.json names it. */
  readonly plugin: string;
  /** The signed-in user. */
  readonly user: ErpPluginUser;
  /** The language the user reads the SPA in (`en`, `de`, `ar`); `language` events tell when it changes. */
  readonly language: string;
  /** The SPA's colour scheme; `theme` events tell when it changes. PrimeNG's CSS variables (`--p-*`) reach into shadow roots too. */
  readonly theme: ErpTheme;

  /**
   * `fetch` for the host's API, as the SPA calls it: with the user's token, company (`X-Company`) and language
   * (`Accept-Language`). `path` is one of the host's `/api/…` paths; anything else is refused with a `TypeError`, so the
   * user's token never leaves the host. Resolves with the response whatever its status (errors are RFC 9457 problems);
   * rejects when no answer came, or when `init.signal` aborts the call, or when the screen is closed first.
   */
  fetch(path: string, init?: ErpFetchInit): Promise<Response>;
  /** Whether the user holds the permission, as the host reports their grants. */
  can(permission: string): boolean;
  /** Opens a page of the SPA (`/`, `/screens/Erp.Sample/rates-board`), without reloading it. */
  navigate(path: string): void;
  /** Shows the user a short message (already in their language) for a few seconds. */
  notify(severity: ErpNotificationSeverity, text: string): void;
  /** Calls `listener` with the new value whenever `event` changes; returns what stops it. Listeners stop with the screen. */
  on<E extends keyof ErpPluginSdkEvents>(event: E, listener: (value: ErpPluginSdkEvents[E]) => void): () => void;
}

export interface ErpPluginUser {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
}

export type ErpTheme = 'light' | 'dark';

export type ErpNotificationSeverity = 'success' | 'info' | 'warn' | 'error';

export interface ErpPluginSdkEvents {
  theme: ErpTheme;
  language: string;
}

/** What `fetch` takes of a `RequestInit`. */
export interface ErpFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | FormData | Blob | URLSearchParams | null;
  signal?: AbortSignal;
}

/**
 * An element a plugin's screen shows. When it cannot work (the API refused what it needs, its data is broken), it
 * dispatches `new CustomEvent('erp-error', { detail: 'what went wrong' })`: the SPA replaces it with its error panel.
 */
export interface ErpPluginElement extends HTMLElement {
  sdk: ErpPluginSdk;
}

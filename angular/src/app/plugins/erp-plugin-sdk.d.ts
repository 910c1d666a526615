/**
 * The Erp plugin SDK, version 1: what the SPA hands a plugin's custom element as its `sdk` property before it is attached
 * to the page. Plugins copy this file (it has no imports) and type their element's `sdk` with it; docs/plugins.md tells how.
 *
 * Versioning: members (and slots, `ErpPluginSlot`) are only added within a major version. A plugin names the major version it is written against in
 * its plugin.json (`"ui": { "sdk": 1 }`); a host whose SPA does not provide it refuses the plugin.
 */
export interface ErpPluginSdk {
  /** The SDK's major version: 1. */
  readonly version: 1;
  /** The plugin the screen (or slot element) belongs to, as its plugin.json names it. */
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
 * The slots of the SPA's own pages a plugin may fill with elements of its own (`"ui": { "slots": [{ "slot": "dashboard", … }] }`
 * in its plugin.json), beside the SPA's content; a plugin naming another slot is refused. Such an element gets the same
 * `sdk` as a screen's, and its own error panel when it fails, the page going on around it.
 * - `dashboard`: a tile on the start page's dashboard, in the grid of the platform's tiles. Style it as a tile (border,
 *   padding, `--p-content-background`) with an `h2` heading; link to the plugin's screens with `sdk.navigate`.
 * - `record-side`: a panel beside a saved record's generic form (`/data/{entity}/{id}`), under its workflow and files; the
 *   element is an `ErpRecordSideElement`, told which record it stands beside.
 */
export type ErpPluginSlot = 'dashboard' | 'record-side';

/**
 * An element a plugin's screen or slot shows. When it cannot work (the API refused what it needs, its data is broken), it
 * dispatches `new CustomEvent('erp-error', { detail: 'what went wrong' })`: the SPA replaces it with its error panel.
 */
export interface ErpPluginElement extends HTMLElement {
  sdk: ErpPluginSdk;
}

/**
 * An element of the `record-side` slot: `entity` and `recordId` are set before it is attached, and set again when the
 * form shows another record (make them setters, or read them when connected and on change).
 */
export interface ErpRecordSideElement extends ErpPluginElement {
  /** The entity's name, as `/api/data/{entity}` calls it. */
  entity: string;
  /** The record's id. */
  recordId: string;
}

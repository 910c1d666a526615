// @ts-check
// What the sample's screens and dashboard tile share: the SDK's life cycle (listeners that end with the element), texts in
// the user's language, RFC 9457 problems read for the user, a small DOM builder and the styles. Only the SDK is used.

/** @typedef {import('../../../../angular/src/app/plugins/erp-plugin-sdk').ErpPluginSdk} ErpPluginSdk */
/** @typedef {import('../../../../angular/src/app/plugins/erp-plugin-sdk').ErpFetchInit} ErpFetchInit */
/** @typedef {Record<string, Record<string, string>>} Texts texts by language, then key; English has every key */
/** @typedef {{ message: string, fields: Record<string, string> }} Problem what went wrong, and per field (lower case) */

/** The base of the sample's elements: renders with the SDK once attached and again when the theme or language changes. */
export class SampleElement extends HTMLElement {
  /** @type {ErpPluginSdk | undefined} */
  sdk;
  root = this.attachShadow({ mode: 'open' });
  /** @type {(() => void)[]} */
  #stops = [];

  connectedCallback() {
    const sdk = this.required();
    this.#stops = [sdk.on('theme', () => this.render()), sdk.on('language', () => this.render())];
    this.render();
    void this.load();
  }

  disconnectedCallback() {
    this.#stops.forEach((stop) => stop());
  }

  required() {
    if (!this.sdk) throw new Error(`${this.localName} needs the Erp plugin SDK in its sdk property`);
    return this.sdk;
  }

  /** Reads what the element shows; then calls `render`. */
  async load() {}

  /** Draws the element from its state. */
  render() {}

  /** The element's texts (a subclass's static `texts`) in the user's language. @param {string} key */
  text(key) {
    const texts = /** @type {Texts} */ (/** @type {any} */ (this.constructor).texts);
    return texts[this.required().language]?.[key] ?? texts.en[key];
  }

  /**
   * Calls the host's API: the parsed JSON body when it answered 2xx, else throws the problem it answered. Resolves with
   * `undefined` when the element was closed first (AbortError): nothing is left to show the answer in.
   * @param {string} path @param {ErpFetchInit & { json?: unknown }} [init]
   * @returns {Promise<any>}
   */
  async api(path, init = {}) {
    const { json, ...rest } = init;
    const request = json === undefined ? rest : { ...rest, body: JSON.stringify(json), headers: { 'Content-Type': 'application/json', ...rest.headers } };
    let response;
    try {
      response = await this.required().fetch(path, request);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return undefined;
      throw /** @type {Problem} */ ({ message: String(error), fields: {} });
    }
    if (!response.ok) throw await problemOf(response);
    return response.status === 204 ? null : response.json();
  }

  /**
   * Redraws the shadow root with `content` (nulls left out), keeping the focus on the control with the same id: a redraw
   * must not lose it. @param {(Node | null)[]} content
   */
  draw(...content) {
    const focused = this.root.activeElement?.id;
    this.dataset.theme = this.required().theme;
    this.root.replaceChildren(h('style', { textContent: styles }), ...content.filter((node) => node !== null));
    if (focused) /** @type {HTMLElement | null} */ (this.root.getElementById(focused))?.focus();
  }
}

/** What a refused call answered (`docs/problems.md`): its detail, and the validation messages of each field. @param {Response} response @returns {Promise<Problem>} */
async function problemOf(response) {
  const problem = await response.json().catch(() => ({}));
  /** @type {Record<string, string>} */
  const fields = {};
  for (const [name, messages] of Object.entries(problem.errors ?? {})) fields[name.toLowerCase()] = [].concat(messages).join(' ');
  return { message: problem.detail ?? problem.title ?? `HTTP ${response.status}`, fields };
}

/** The problem a caught value is, whatever was thrown. @param {unknown} error @returns {Problem} */
export function asProblem(error) {
  return error && typeof error === 'object' && 'fields' in error ? /** @type {Problem} */ (error) : { message: String(error), fields: {} };
}

/**
 * An element: `props` are its properties (`textContent`, `type`, …), except names with a hyphen and `for`, which are
 * attributes, and `on…` functions, which are listeners. Texts go in as text, never as markup: the API's data is data.
 * @template {keyof HTMLElementTagNameMap} T
 * @param {T} tag @param {Record<string, unknown>} [props] @param {(Node | string | null | false)[]} children
 * @returns {HTMLElementTagNameMap[T]}
 */
export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), /** @type {EventListener} */ (value));
    else if (name.includes('-') || name === 'for') element.setAttribute(name, String(value));
    else /** @type {any} */ (element)[name] = value;
  }
  element.append(...children.filter((child) => child !== null && child !== false).map((child) => /** @type {Node | string} */ (child)));
  return element;
}

/**
 * A labelled input with its error beside it, tied to it for screen readers (`aria-describedby`, `aria-invalid`).
 * @param {{ id: string, label: string, error?: string, props?: Record<string, unknown> }} field
 */
export function field({ id, label, error, props = {} }) {
  return h('div', { className: 'field' },
    h('label', { for: id, textContent: label }),
    h('input', { id, name: id, 'aria-invalid': error ? 'true' : null, 'aria-describedby': error ? `${id}-error` : null, ...props }),
    error ? h('span', { id: `${id}-error`, className: 'error', textContent: error }) : null);
}

// Shadow DOM keeps these rules inside the element; PrimeNG's variables (--p-*) reach in and follow the SPA's theme.
const styles = `
  :host { display: block; color: var(--p-text-color, #334155); }
  :host([data-theme='dark']) { color-scheme: dark; }
  h1 { margin: 0 0 1rem; font-size: 1.5rem; }
  h2 { margin: 0 0 0.75rem; font-size: 1.125rem; }
  .muted { color: var(--p-text-muted-color, #64748b); }
  .error { color: var(--p-red-500, #dc2626); }
  p.error { margin: 0 0 1rem; }
  .table-scroll { overflow-x: auto; margin-block: 1rem; }
  table { border-collapse: collapse; min-width: min(100%, 24rem); }
  th, td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--p-content-border-color, #e2e8f0); text-align: start; vertical-align: top; }
  td.number { text-align: end; font-variant-numeric: tabular-nums; }
  form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1rem; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; max-width: 100%; }
  .field .error { font-size: 0.875rem; max-width: 16rem; }
  input { font: inherit; color: inherit; padding: 0.5rem 0.75rem; max-width: 100%; box-sizing: border-box;
          border: 1px solid var(--p-form-field-border-color, #cbd5e1); border-radius: var(--p-content-border-radius, 6px);
          background: var(--p-form-field-background, transparent); }
  input[aria-invalid='true'] { border-color: var(--p-red-500, #dc2626); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
  td button { padding: 0.25rem 0.75rem; }
  button { font: inherit; padding: 0.5rem 1rem; border: 0; border-radius: var(--p-content-border-radius, 6px); cursor: pointer;
           background: var(--p-primary-color, #10b981); color: var(--p-primary-contrast-color, #fff); }
  button.secondary { background: transparent; color: inherit; border: 1px solid var(--p-content-border-color, #cbd5e1); }
  button:disabled { opacity: 0.6; cursor: default; }
  input:focus-visible, button:focus-visible { outline: 2px solid var(--p-focus-ring-color, var(--p-primary-color, #10b981)); outline-offset: 2px; }
  .tile { padding: 1rem; border: 1px solid var(--p-content-border-color, #e2e8f0); border-radius: var(--p-content-border-radius, 6px);
          background: var(--p-content-background, #fff); }
  .tile h2 { margin-block: 0 0.5rem; }
  .figure { font-size: 2rem; margin: 0 0 0.75rem; font-variant-numeric: tabular-nums; }
  @media (max-width: 40rem) { form, .field, input, form button { width: 100%; } th, td, td button { padding-inline: 0.375rem; } }
`;

// @ts-check
// What the business plugins' and the sample plugin's screens share, linked into each plugin's wwwroot/ by its build (one
// source, a copy per plugin: a plugin's modules load from its own versioned folder; a plugin written outside the
// repository copies the file). Only the Erp plugin SDK is used: the SDK's life cycle,
// texts in the user's language, calls to the API with RFC 9457 problems read for the user, numbers, money and dates in
// the user's language, a small DOM builder and the styles.

/** @typedef {import('../../angular/src/app/plugins/erp-plugin-sdk').ErpPluginSdk} ErpPluginSdk */
/** @typedef {import('../../angular/src/app/plugins/erp-plugin-sdk').ErpFetchInit} ErpFetchInit */
/** @typedef {Record<string, Record<string, string>>} Texts texts by language, then key; English has every key */
/** @typedef {{ message: string, fields: Record<string, string> }} Problem what went wrong, and per field (lower case) */

/**
 * The base of a screen: renders with the SDK once attached and again when the theme or language changes; `run` makes
 * a call with the controls disabled and keeps what it was refused with in `problem`.
 */
export class ErpScreen extends HTMLElement {
  /** @type {ErpPluginSdk | undefined} */
  sdk;
  root = this.attachShadow({ mode: 'open' });
  /** @type {Problem | null} what the last call was refused with */
  problem = null;
  busy = false;
  /** @type {(() => void)[]} */
  #stops = [];

  connectedCallback() {
    const sdk = this.required();
    this.#stops = [sdk.on('theme', () => this.render()), sdk.on('language', () => this.render())];
    this.render();
    void this.run(() => this.load());
  }

  disconnectedCallback() {
    this.#stops.forEach((stop) => stop());
  }

  required() {
    if (!this.sdk) throw new Error(`${this.localName} needs the Erp plugin SDK in its sdk property`);
    return this.sdk;
  }

  /** Reads what the screen shows (called through `run`). */
  async load() {}

  /** Draws the screen from its state. */
  render() {}

  /**
   * The screen's text `key` (a subclass's static `texts`) in the user's language, `{0}`, `{1}`… replaced by `args`.
   * @param {string} key @param {(string | number)[]} args
   */
  text(key, ...args) {
    const texts = /** @type {Texts} */ (/** @type {any} */ (this.constructor).texts);
    const text = texts[this.required().language]?.[key] ?? texts.en[key] ?? key;
    return args.reduce((/** @type {string} */ t, arg, i) => t.replaceAll(`{${i}}`, String(arg)), text);
  }

  /** Runs `call` with the controls disabled, keeps what it was refused with, then redraws. @param {() => Promise<unknown>} call */
  async run(call) {
    this.busy = true;
    this.render();
    try {
      await call();
      this.problem = null;
    } catch (error) {
      this.problem = asProblem(error);
    }
    this.busy = false;
    this.render();
  }

  /** A button saying text `key`, disabled while a call runs. @param {string} key @param {() => Promise<unknown>} action @param {boolean} [secondary] */
  button(key, action, secondary = false) {
    return h('button', { type: 'button', className: secondary ? 'secondary' : '', disabled: this.busy, textContent: this.text(key), onclick: () => void action() });
  }

  /** Tells the user a call went through, in their language. @param {string} key @param {(string | number)[]} args */
  done(key, ...args) {
    this.required().notify('success', this.text(key, ...args));
  }

  /**
   * Calls the host's API: the parsed JSON body when it answered 2xx, else throws the problem it answered. Resolves with
   * `undefined` when the screen was closed first (AbortError): nothing is left to show the answer in.
   * @param {string} path @param {ErpFetchInit & { json?: unknown }} [init]
   * @returns {Promise<any>}
   */
  async api(path, init = {}) {
    const response = await this.#fetch(path, init);
    if (response === undefined) return undefined;
    return response.status === 204 ? null : response.json();
  }

  /** Saves the file the API answers `path` with (a PDF) under the name it gives. @param {string} path @param {string} fallbackName */
  async download(path, fallbackName) {
    const response = await this.#fetch(path, {});
    if (response === undefined) return;
    const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(response.headers.get('content-disposition') ?? '')?.[1];
    const url = URL.createObjectURL(await response.blob());
    const link = h('a', { href: url, download: name ? decodeURIComponent(name) : fallbackName });
    this.root.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** @param {string} path @param {ErpFetchInit & { json?: unknown }} init @returns {Promise<Response | undefined>} */
  async #fetch(path, init) {
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
    return response;
  }

  /**
   * Every item of a paged list (`{ items, total }`), page by page, up to `limit` items.
   * @param {string} path with its query string, without skip and take @param {number} [limit]
   * @returns {Promise<any[]>}
   */
  async all(path, limit = 1000) {
    const items = [];
    const separator = path.includes('?') ? '&' : '?';
    for (let skip = 0; skip < limit; skip += 200) {
      const page = await this.api(`${path}${separator}skip=${skip}&take=200`);
      if (!page) break;
      items.push(...page.items);
      if (items.length >= page.total || page.items.length === 0) break;
    }
    return items;
  }

  /** A number in the user's language. @param {number} value @param {number} [decimals] at most */
  number(value, decimals = 4) {
    return new Intl.NumberFormat(this.required().language, { maximumFractionDigits: decimals }).format(value);
  }

  /** An amount with its currency in the user's language. @param {number} amount @param {string} currency */
  money(amount, currency) {
    return new Intl.NumberFormat(this.required().language, { style: 'currency', currency }).format(amount);
  }

  /** A day (`2026-12-04`) in the user's language. @param {string | null | undefined} day */
  day(day) {
    return day ? new Intl.DateTimeFormat(this.required().language, { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)) : '';
  }

  /**
   * Redraws the shadow root with `content` (nulls left out), keeping the focus on the control with the same id: a redraw
   * must not lose it. @param {(Node | null | false)[]} content
   */
  draw(...content) {
    const focused = this.root.activeElement?.id;
    this.dataset.theme = this.required().theme;
    this.root.replaceChildren(h('style', { textContent: styles }), ...content.filter((node) => node !== null && node !== false).map((n) => /** @type {Node} */ (n)));
    if (focused) /** @type {HTMLElement | null} */ (this.root.getElementById(focused))?.focus();
  }

  /** What the last call was refused with, at the top, unless one of `shownByFields` shows it beside its field. @param {string[]} shownByFields */
  alert(...shownByFields) {
    const problem = this.problem;
    if (!problem || shownByFields.some((name) => problem.fields[name])) return null;
    return h('p', { className: 'error', role: 'alert', textContent: problem.message });
  }

  /** "Loading…" while nothing was read yet. */
  loading() {
    return h('p', { className: 'muted', role: 'status', textContent: this.text('loading') });
  }
}

/** What a refused call answered (`docs/problems.md`): its detail, and the validation messages of each field. @param {Response} response @returns {Promise<Problem>} */
async function problemOf(response) {
  const problem = await response.json().catch(() => ({}));
  /** @type {Record<string, string>} */
  const fields = {};
  for (const [name, messages] of Object.entries(problem.errors ?? {})) fields[name.toLowerCase()] = [].concat(messages).join(' ');
  const detail = problem.detail ?? problem.title ?? `HTTP ${response.status}`;
  // A validation problem's detail only says that fields were wrong: its fields' messages say which.
  const message = Object.keys(fields).length > 0 ? [detail, ...Object.values(fields)].join(' ') : detail;
  return { message, fields };
}

/** The problem a caught value is, whatever was thrown. @param {unknown} error @returns {Problem} */
export function asProblem(error) {
  return error && typeof error === 'object' && 'fields' in error ? /** @type {Problem} */ (error) : { message: String(error), fields: {} };
}

/**
 * An element: `props` are its properties (`textContent`, `type`, …), except names with a hyphen and `for`, which are
 * attributes, and `on…` functions, which are listeners. Texts go in as text, never as markup: the API's data is data.
 * @template {keyof HTMLElementTagNameMap} T
 * @param {T} tag @param {Record<string, unknown>} [props] @param {(Node | string | null | false | undefined)[]} children
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
  element.append(...children.filter((child) => child !== null && child !== false && child !== undefined).map((child) => /** @type {Node | string} */ (child)));
  return element;
}

/**
 * A labelled control (an input unless `tag` says `select`) with its error beside it, tied to it for screen readers
 * (`aria-describedby`, `aria-invalid`). @param {{ id: string, label: string, error?: string, tag?: 'input' | 'select',
 * props?: Record<string, unknown>, options?: { value: string, label: string }[] }} field
 */
export function field({ id, label, error, tag = 'input', props = {}, options = [] }) {
  const control = h(tag, { id, name: id, 'aria-invalid': error ? 'true' : null, 'aria-describedby': error ? `${id}-error` : null, ...props },
    ...options.map((o) => h('option', { value: o.value, textContent: o.label, selected: o.value === props.value })));
  return h('div', { className: tag === 'input' && props.type === 'checkbox' ? 'field check' : 'field' },
    h('label', { for: id, textContent: label }),
    control,
    error ? h('span', { id: `${id}-error`, className: 'error', textContent: error }) : null);
}

/**
 * A table with a caption for screen readers, a header row and `rows`; numbers' columns (`number`) align at the end.
 * @param {string} label @param {{ label: string, number?: boolean }[]} columns @param {HTMLTableRowElement[]} rows
 */
export function table(label, columns, rows) {
  return h('div', { className: 'table-scroll' },
    h('table', { 'aria-label': label },
      h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { scope: 'col', className: c.number ? 'number' : '', textContent: c.label })))),
      h('tbody', {}, ...rows)));
}

/** A row of cells: strings are text cells; `{ number }` an end-aligned one; a Node goes in as it is. @param {(string | Node | { number: string })[]} cells @param {Record<string, unknown>} [props] */
export function row(cells, props = {}) {
  return h('tr', props, ...cells.map((cell) => typeof cell === 'string' ? h('td', { textContent: cell })
    : cell instanceof Node ? h('td', {}, cell) : h('td', { className: 'number', textContent: cell.number })));
}

/**
 * A small bar chart of `points` in order (days, say), the tallest bar the full height; one image to screen readers, named
 * `label`, so say its figures in text beside it; each bar's tooltip is its `label` and `shown` value.
 * @param {string} label @param {{ label: string, value: number, shown: string }[]} points
 */
export function bars(label, points) {
  const ns = 'http://www.w3.org/2000/svg';
  const [width, height] = [100, 40];
  const most = Math.max(1, ...points.map((point) => point.value));
  const step = width / Math.max(1, points.length);
  /** @param {string} tag @param {Record<string, string | number>} attributes */
  const svg = (tag, attributes) => {
    const element = document.createElementNS(ns, tag);
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
    return element;
  };
  const chart = svg('svg', { class: 'bars', viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: 'none', role: 'img', 'aria-label': label });
  points.forEach((point, i) => {
    // A quiet day keeps a sliver of a bar, so the days read as days.
    const tall = Math.max(0.5, (point.value / most) * height);
    const bar = svg('rect', { x: i * step + step * 0.1, y: height - tall, width: step * 0.8, height: tall });
    bar.append(Object.assign(svg('title', {}), { textContent: `${point.label}: ${point.shown}` }));
    chart.append(bar);
  });
  return chart;
}

/** A state as a badge (its class the state's name, lower case). @param {string} state @param {string} label */
export function badge(state, label) {
  return h('span', { className: `badge ${state.toLowerCase()}`, textContent: label });
}

/** What an input, select or checkbox holds now. @param {Event} event @returns {string} */
export function valueOf(event) {
  const target = /** @type {HTMLInputElement} */ (event.target);
  return target.type === 'checkbox' ? String(target.checked) : target.value;
}

// Shadow DOM keeps these rules inside the element; PrimeNG's variables (--p-*) reach in and follow the SPA's theme.
const styles = `
  :host { display: block; color: var(--p-text-color, #334155); }
  :host([data-theme='dark']) { color-scheme: dark; }
  h1 { margin: 0 0 1rem; font-size: 1.5rem; }
  h2 { margin: 1.5rem 0 0.75rem; font-size: 1.125rem; }
  .muted { color: var(--p-text-muted-color, #64748b); }
  .error { color: var(--p-red-600, #dc2626); }
  p.error { margin: 0 0 1rem; }
  .toolbar { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1rem; margin-bottom: 0.5rem; }
  .table-scroll { overflow-x: auto; margin-block: 0.5rem 1rem; }
  table { border-collapse: collapse; min-width: min(100%, 24rem); }
  th, td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--p-content-border-color, #e2e8f0); text-align: start; vertical-align: top; }
  th.number, td.number { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
  tr.selected td { background: var(--p-highlight-background, #ecfdf5); }
  button.link { background: none; color: inherit; border: 0; padding: 0; cursor: pointer; text-decoration: underline; font: inherit; }
  td button.link { font-weight: 600; }
  form { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.75rem 1rem; }
  fieldset { border: 0; padding: 0; margin: 0; display: contents; }
  .field { display: flex; flex-direction: column; gap: 0.25rem; max-width: 100%; }
  .field.check { flex-direction: row-reverse; align-items: center; justify-content: flex-end; }
  .field .error { font-size: 0.875rem; max-width: 16rem; }
  input, select { font: inherit; color: inherit; padding: 0.5rem 0.75rem; max-width: 100%; box-sizing: border-box;
          border: 1px solid var(--p-form-field-border-color, #cbd5e1); border-radius: var(--p-content-border-radius, 6px);
          background: var(--p-form-field-background, transparent); }
  input[type='number'] { width: 8rem; }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--p-red-500, #dc2626); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-block: 0.75rem; }
  td .actions { margin-block: 0; }
  button { font: inherit; padding: 0.5rem 1rem; border: 0; border-radius: var(--p-content-border-radius, 6px); cursor: pointer;
           background: var(--p-primary-color, #047857); color: var(--p-primary-contrast-color, #fff); }
  td button { padding: 0.25rem 0.75rem; }
  button.secondary { background: transparent; color: inherit; border: 1px solid var(--p-content-border-color, #cbd5e1); }
  button:disabled { opacity: 0.6; cursor: default; }
  input:focus-visible, select:focus-visible, button:focus-visible { outline: 2px solid var(--p-focus-ring-color, var(--p-primary-color, #047857)); outline-offset: 2px; }
  .panel { padding: 1rem; margin-block: 1rem; border: 1px solid var(--p-content-border-color, #e2e8f0); border-radius: var(--p-content-border-radius, 6px);
           background: var(--p-content-background, #fff); }
  .panel h2 { margin-top: 0; }
  .tile { padding: 1rem; border: 1px solid var(--p-content-border-color, #e2e8f0); border-radius: var(--p-content-border-radius, 6px);
          background: var(--p-content-background, #fff); }
  .tile h2 { margin-block: 0 0.5rem; }
  .figure { font-size: 2rem; margin: 0 0 0.75rem; font-variant-numeric: tabular-nums; }
  .bars { display: block; width: 100%; height: 5rem; margin-block: 0.5rem 0.75rem; }
  .bars rect { fill: var(--p-primary-color, #047857); }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0 0 0.5rem; }
  dt { color: var(--p-text-muted-color, #64748b); }
  dd { margin: 0; font-variant-numeric: tabular-nums; }
  .badge { display: inline-block; padding: 0.125rem 0.5rem; border-radius: 999px; font-size: 0.875rem; white-space: nowrap;
           background: var(--p-surface-200, #e2e8f0); color: var(--p-surface-900, #0f172a); }
  .badge.confirmed, .badge.posted { background: #dbeafe; color: #1e3a8a; }
  .badge.delivered, .badge.paid { background: #d1fae5; color: #064e3b; }
  .badge.cancelled { background: #fee2e2; color: #7f1d1d; }
  .badge.low { background: #fef3c7; color: #78350f; }
  @media (max-width: 40rem) { form, .field, input, select, form button { width: 100%; } th, td { padding-inline: 0.375rem; } }
`;

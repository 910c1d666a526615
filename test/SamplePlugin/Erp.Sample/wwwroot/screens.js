// @ts-check
// The sample plugin's screens: plain modern JavaScript, an ES module the browser runs as it is (no bundler, no compiler in
// the plugin's build), typed for editors by JSDoc against the SDK's declarations (angular/src/app/plugins/erp-plugin-sdk.d.ts,
// which a partner copies into their project).

/** @typedef {import('../../../../angular/src/app/plugins/erp-plugin-sdk').ErpPluginSdk} ErpPluginSdk */
/** @typedef {{ id: string, currency: string, rate: number, validFrom: string }} ExchangeRate */

/** The screen's own texts, in the languages the SPA speaks. */
const texts = {
  en: { title: 'Rates board', signedIn: 'Signed in as {0}', currency: 'Currency', rate: 'Rate', validFrom: 'Valid from', none: 'No exchange rates yet.',
        refresh: 'Refresh', refreshed: 'Rates refreshed.', failed: 'The rates could not be read.', manage: 'You may change rates.', readOnly: 'You may read rates only.' },
  de: { title: 'Kurstafel', signedIn: 'Angemeldet als {0}', currency: 'Währung', rate: 'Kurs', validFrom: 'Gültig ab', none: 'Noch keine Wechselkurse.',
        refresh: 'Aktualisieren', refreshed: 'Kurse aktualisiert.', failed: 'Die Kurse konnten nicht gelesen werden.', manage: 'Sie dürfen Kurse ändern.', readOnly: 'Sie dürfen Kurse nur lesen.' },
  ar: { title: 'لوحة الأسعار', signedIn: 'تم تسجيل الدخول باسم {0}', currency: 'العملة', rate: 'السعر', validFrom: 'سارٍ من', none: 'لا توجد أسعار صرف بعد.',
        refresh: 'تحديث', refreshed: 'تم تحديث الأسعار.', failed: 'تعذّرت قراءة الأسعار.', manage: 'يمكنك تغيير الأسعار.', readOnly: 'يمكنك قراءة الأسعار فقط.' },
};

// Shadow DOM keeps these rules inside the element; PrimeNG's variables (--p-*) reach in and follow the SPA's theme.
const styles = `
  :host { display: block; color: var(--p-text-color, #334155); }
  :host([data-theme='dark']) table { color-scheme: dark; }
  header { display: flex; flex-wrap: wrap; align-items: baseline; gap: 0.5rem 1rem; }
  h1 { margin: 0; font-size: 1.5rem; }
  .muted { color: var(--p-text-muted-color, #64748b); }
  table { border-collapse: collapse; margin-block: 1rem; min-width: min(100%, 24rem); }
  th, td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--p-content-border-color, #e2e8f0); text-align: start; }
  td.number { text-align: end; font-variant-numeric: tabular-nums; }
  button { font: inherit; padding: 0.5rem 1rem; border: 0; border-radius: var(--p-content-border-radius, 6px);
           background: var(--p-primary-color, #10b981); color: var(--p-primary-contrast-color, #fff); cursor: pointer; }
`;

class RatesBoard extends HTMLElement {
  /** @type {ErpPluginSdk | undefined} */
  sdk;
  /** @type {ExchangeRate[] | null} */
  #rates = null;
  /** @type {(() => void)[]} */
  #stops = [];
  #root = this.attachShadow({ mode: 'open' });

  connectedCallback() {
    const sdk = this.#required();
    this.#stops = [sdk.on('theme', () => this.#render()), sdk.on('language', () => this.#render())];
    void this.#load(false);
  }

  disconnectedCallback() {
    this.#stops.forEach((stop) => stop());
  }

  #required() {
    if (!this.sdk) throw new Error('erp-sample-rates-board needs the Erp plugin SDK in its sdk property');
    return this.sdk;
  }

  /** @param {boolean} announce */
  async #load(announce) {
    const sdk = this.#required();
    try {
      const response = await sdk.fetch('/api/sample/exchange-rates');
      if (!response.ok) {
        const problem = await response.json().catch(() => ({}));
        return this.#fail(problem.detail ?? `HTTP ${response.status}`);
      }
      this.#rates = await response.json();
    } catch (error) {
      // AbortError: the user closed the screen before the answer came; nothing is left to show it in.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      return this.#fail(String(error));
    }
    this.#render();
    if (announce) sdk.notify('success', this.#text('refreshed'));
  }

  /** The SPA shows its error panel in place of this element, with what went wrong. @param {string} reason */
  #fail(reason) {
    this.dispatchEvent(new CustomEvent('erp-error', { detail: `${this.#text('failed')} ${reason}` }));
  }

  /** @param {keyof typeof texts.en} key */
  #text(key) {
    const language = /** @type {keyof typeof texts} */ (this.#required().language);
    return (texts[language] ?? texts.en)[key];
  }

  #render() {
    const sdk = this.#required();
    this.dataset.theme = sdk.theme;
    const format = new Intl.NumberFormat(sdk.language, { maximumFractionDigits: 6 });
    const rows = (this.#rates ?? []).map((rate) => {
      const row = document.createElement('tr');
      for (const [value, className] of [[rate.currency, ''], [format.format(rate.rate), 'number'], [rate.validFrom, '']]) {
        const cell = row.insertCell();
        cell.textContent = value;
        if (className) cell.className = className;
      }
      return row;
    });

    this.#root.innerHTML = `<style>${styles}</style>
      <header><h1></h1><span class="muted user"></span><span class="muted access"></span></header>
      <table><thead><tr><th scope="col"></th><th scope="col"></th><th scope="col"></th></tr></thead><tbody></tbody></table>
      <p class="muted empty"></p>
      <button type="button"></button>`;
    const $ = (/** @type {string} */ selector) => /** @type {HTMLElement} */ (this.#root.querySelector(selector));
    // Texts go in as text, never as markup: the user's name and the rates are data.
    $('h1').textContent = this.#text('title');
    $('.user').textContent = this.#text('signedIn').replace('{0}', sdk.user.name);
    $('.access').textContent = this.#text(sdk.can('Sample.ExchangeRates.Manage') ? 'manage' : 'readOnly');
    this.#root.querySelectorAll('th').forEach((th, i) => (th.textContent = this.#text(/** @type {const} */ (['currency', 'rate', 'validFrom'])[i])));
    $('tbody').append(...rows);
    $('table').setAttribute('aria-label', this.#text('title'));
    $('.empty').textContent = rows.length === 0 ? this.#text('none') : '';
    $('button').textContent = this.#text('refresh');
    $('button').addEventListener('click', () => void this.#load(true));
  }
}

customElements.define('erp-sample-rates-board', RatesBoard);

// @ts-check
// The sample's exchange-rates screen: the rates of the user's company, and for those holding Sample.ExchangeRates.Manage a
// form to add one. The SDK's fetch sends the company the user works in, as the SPA's own calls do.

import { ErpScreen, field, h } from './erp-screen.js';

/** @typedef {{ id: string, currency: string, rate: number, validFrom: string }} ExchangeRate */

const manage = 'Sample.ExchangeRates.Manage';

class ExchangeRatesScreen extends ErpScreen {
  static texts = {
    en: { title: 'Exchange rates', currency: 'Currency', rate: 'Rate', validFrom: 'Valid from', none: 'No exchange rates yet.',
          add: 'Add an exchange rate', create: 'Create', created: 'Exchange rate for {0} created.', loading: 'Loading…' },
    de: { title: 'Wechselkurse', currency: 'Währung', rate: 'Kurs', validFrom: 'Gültig ab', none: 'Noch keine Wechselkurse.',
          add: 'Wechselkurs hinzufügen', create: 'Anlegen', created: 'Wechselkurs für {0} angelegt.', loading: 'Wird geladen…' },
    ar: { title: 'أسعار الصرف', currency: 'العملة', rate: 'السعر', validFrom: 'سارٍ من', none: 'لا توجد أسعار صرف بعد.',
          add: 'إضافة سعر صرف', create: 'إنشاء', created: 'تم إنشاء سعر الصرف لـ {0}.', loading: 'جارٍ التحميل…' },
  };

  /** @type {ExchangeRate[] | null} */
  #rates = null;
  #draft = { currency: '', rate: '', validFrom: new Date().toISOString().slice(0, 10) };

  async load() {
    this.#rates = (await this.api('/api/sample/exchange-rates')) ?? this.#rates;
  }

  #create() {
    return this.run(async () => {
      const created = await this.api('/api/sample/exchange-rates', { method: 'POST', json: { ...this.#draft, rate: Number(this.#draft.rate) } });
      this.#draft = { ...this.#draft, currency: '', rate: '' };
      if (created) this.done('created', created.currency);
      await this.load();
      this.root.getElementById('currency')?.focus();
    });
  }

  render() {
    const fields = this.problem?.fields ?? {};
    const shownByField = fields.currency || fields.rate || fields.validfrom;
    this.draw(
      h('h1', { textContent: this.text('title') }),
      this.problem && !shownByField ? h('p', { className: 'error', role: 'alert', textContent: this.problem.message }) : null,
      this.#rates === null ? h('p', { className: 'muted', role: 'status', textContent: this.text('loading') }) : this.#table(),
      this.required().can(manage) ? this.#createForm(fields) : null,
    );
  }

  #table() {
    const rates = this.#rates ?? [];
    if (rates.length === 0) return h('p', { className: 'muted', textContent: this.text('none') });
    const format = new Intl.NumberFormat(this.required().language, { maximumFractionDigits: 6 });
    return h('div', { className: 'table-scroll' },
      h('table', { 'aria-label': this.text('title') },
        h('thead', {}, h('tr', {}, ...['currency', 'rate', 'validFrom'].map((key) => h('th', { scope: 'col', textContent: this.text(key) })))),
        h('tbody', {}, ...rates.map((rate) => h('tr', {},
          h('th', { scope: 'row', textContent: rate.currency }),
          h('td', { className: 'number', textContent: format.format(rate.rate) }),
          h('td', { textContent: rate.validFrom }))))));
  }

  /** @param {Record<string, string>} errors */
  #createForm(errors) {
    /** @param {'currency' | 'rate' | 'validFrom'} key */
    const edit = (key) => (/** @type {Event} */ event) => (this.#draft = { ...this.#draft, [key]: /** @type {HTMLInputElement} */ (event.target).value });
    return h('section', { 'aria-labelledby': 'add-title' },
      h('h2', { id: 'add-title', textContent: this.text('add') }),
      h('form', { onsubmit: (/** @type {Event} */ event) => { event.preventDefault(); void this.#create(); } },
        field({ id: 'currency', label: this.text('currency'), error: errors.currency,
                props: { value: this.#draft.currency, required: true, maxLength: 3, size: 6, autocapitalize: 'characters', oninput: edit('currency') } }),
        field({ id: 'rate', label: this.text('rate'), error: errors.rate,
                props: { value: this.#draft.rate, type: 'number', step: 'any', min: '0.000001', required: true, oninput: edit('rate') } }),
        field({ id: 'valid-from', label: this.text('validFrom'), error: errors.validfrom,
                props: { value: this.#draft.validFrom, type: 'date', required: true, oninput: edit('validFrom') } }),
        h('button', { type: 'submit', disabled: this.busy, textContent: this.text('create') })));
  }
}

customElements.define('erp-sample-exchange-rates', ExchangeRatesScreen);

// @ts-check
// The sample's dashboard tile (slot "dashboard"): how many currencies there are, read through the SDK's fetch, and a
// link to the currencies screen.

import { ErpScreen, asProblem, h } from './erp-screen.js';

class CurrencyCountTile extends ErpScreen {
  static texts = {
    en: { title: 'Currencies', count: '{0} currencies', open: 'Open currencies', loading: 'Loading…' },
    de: { title: 'Währungen', count: '{0} Währungen', open: 'Währungen öffnen', loading: 'Wird geladen…' },
    ar: { title: 'العملات', count: '{0} عملات', open: 'فتح العملات', loading: 'جارٍ التحميل…' },
  };

  /** @type {number | null} */
  #count = null;

  async load() {
    try {
      const currencies = await this.api('/api/sample/currencies');
      if (currencies) this.#count = currencies.length;
    } catch (error) {
      // The dashboard shows its compact error panel in place of the tile.
      this.dispatchEvent(new CustomEvent('erp-error', { detail: asProblem(error).message }));
    }
  }

  render() {
    this.draw(
      h('section', { className: 'tile', 'aria-labelledby': 'title' },
        h('h2', { id: 'title', textContent: this.text('title') }),
        this.#count === null
          ? h('p', { className: 'muted', role: 'status', textContent: this.text('loading') })
          : h('p', { className: 'figure', textContent: this.text('count', this.number(this.#count)) }),
        h('button', { type: 'button', className: 'secondary', textContent: this.text('open'),
                      onclick: () => this.required().navigate('/screens/Erp.Sample/currencies') })),
    );
  }
}

customElements.define('erp-sample-currency-count', CurrencyCountTile);

// @ts-check
// Inventory's dashboard tile (slot "dashboard"): how many products are below their reorder level, the furthest below
// first, as the server decides it, and a link to the stock screen.

import { ErpScreen, asProblem, h } from './erp-screen.js';

/** @typedef {{ productId: string, warehouseId: string, available: number, minimum: number }} LowStock */

const shown = 5;

class LowStockTile extends ErpScreen {
  static texts = {
    en: { title: 'Low stock', none: 'Every product is at or above its reorder level.', count: '{0} below reorder level', line: '{0} in {1}: {2} of {3}',
          open: 'Open stock', loading: 'Loading…' },
    de: { title: 'Niedriger Bestand', none: 'Alle Artikel liegen auf oder über ihrem Meldebestand.', count: '{0} unter Meldebestand', line: '{0} in {1}: {2} von {3}',
          open: 'Bestand öffnen', loading: 'Wird geladen…' },
    ar: { title: 'مخزون منخفض', none: 'كل المنتجات عند حد إعادة الطلب أو فوقه.', count: '{0} تحت حد إعادة الطلب', line: '{0} في {1}: {2} من {3}',
          open: 'فتح المخزون', loading: 'جارٍ التحميل…' },
  };

  /** @type {LowStock[] | null} */
  #low = null;
  /** @type {Map<string, string>} */
  #names = new Map();

  async load() {
    try {
      const sdk = this.required();
      const [low, warehouses, products] = await Promise.all([
        this.api('/api/inventory/low-stock'),
        this.api('/api/inventory/warehouses'),
        sdk.can('Catalog.Products') ? this.all('/api/catalog/products') : [],
      ]);
      if (!low) return;
      this.#names = new Map([...(warehouses ?? []).map((/** @type {any} */ w) => [w.id, w.code]), ...(products ?? []).map((/** @type {any} */ p) => [p.id, p.sku])]);
      this.#low = low;
    } catch (error) {
      // The dashboard shows its compact error panel in place of the tile.
      this.dispatchEvent(new CustomEvent('erp-error', { detail: asProblem(error).message }));
    }
  }

  render() {
    const low = this.#low;
    this.draw(
      h('section', { className: 'tile', 'aria-labelledby': 'title' },
        h('h2', { id: 'title', textContent: this.text('title') }),
        low === null ? this.loading()
          : low.length === 0 ? h('p', { className: 'muted', textContent: this.text('none') })
          : h('div', {},
            h('p', { className: 'figure', textContent: this.text('count', this.number(low.length)) }),
            h('ul', {}, ...low.slice(0, shown).map((l) => h('li', { textContent: this.text('line', this.#names.get(l.productId) ?? l.productId,
              this.#names.get(l.warehouseId) ?? '', this.number(l.available), this.number(l.minimum)) })))),
        h('button', { type: 'button', className: 'secondary', textContent: this.text('open'),
          onclick: () => this.required().navigate('/screens/Erp.Inventory/stock') })));
  }
}

customElements.define('erp-inventory-low-stock', LowStockTile);

// @ts-check
// Inventory's stock screen: what a warehouse holds of each product (on hand, reserved for orders, available, average
// cost), products below their reorder level marked; for those who may move stock, a receipt form (units in at a cost,
// which moves the average) and the last moves of the warehouse's ledger.

import { ErpScreen, badge, field, h, row, table, valueOf } from './erp-screen.js';

/** @typedef {{ productId: string, warehouseId: string, onHand: number, reserved: number, available: number, averageCost: number }} ProductStock */
/** @typedef {{ id: string, kind: string, productId: string, quantity: number, unitCost: number, reference: string | null, at: string }} Move */

const move = 'Inventory.Stock.Move';

class StockScreen extends ErpScreen {
  static texts = {
    en: { title: 'Stock', loading: 'Loading…', none: 'Nothing in stock in this warehouse.', noWarehouse: 'No warehouse yet.', warehouse: 'Warehouse',
          product: 'Product', onHand: 'On hand', reserved: 'Reserved', available: 'Available', averageCost: 'Average cost', reorder: 'Reorder level',
          low: 'Low', receive: 'Receive stock', quantity: 'Quantity', unitCost: 'Unit cost', reference: 'Reference', received: '{0} received.',
          moves: 'Last moves', kind: 'Kind', at: 'When', Receipt: 'Receipt', Issue: 'Issue', TransferIn: 'Transfer in', TransferOut: 'Transfer out',
          Adjustment: 'Adjustment', Delivery: 'Delivery', Reversal: 'Reversal', refresh: 'Refresh' },
    de: { title: 'Bestand', loading: 'Wird geladen…', none: 'In diesem Lager ist nichts auf Bestand.', noWarehouse: 'Noch kein Lager.', warehouse: 'Lager',
          product: 'Artikel', onHand: 'Vorhanden', reserved: 'Reserviert', available: 'Verfügbar', averageCost: 'Durchschnittskosten', reorder: 'Meldebestand',
          low: 'Niedrig', receive: 'Wareneingang', quantity: 'Menge', unitCost: 'Stückkosten', reference: 'Referenz', received: '{0} eingegangen.',
          moves: 'Letzte Bewegungen', kind: 'Art', at: 'Wann', Receipt: 'Eingang', Issue: 'Ausgang', TransferIn: 'Umlagerung ein', TransferOut: 'Umlagerung aus',
          Adjustment: 'Korrektur', Delivery: 'Lieferung', Reversal: 'Storno', refresh: 'Aktualisieren' },
    ar: { title: 'المخزون', loading: 'جارٍ التحميل…', none: 'لا يوجد مخزون في هذا المستودع.', noWarehouse: 'لا يوجد مستودع بعد.', warehouse: 'المستودع',
          product: 'المنتج', onHand: 'المتوفر', reserved: 'المحجوز', available: 'المتاح', averageCost: 'متوسط التكلفة', reorder: 'حد إعادة الطلب',
          low: 'منخفض', receive: 'استلام مخزون', quantity: 'الكمية', unitCost: 'تكلفة الوحدة', reference: 'المرجع', received: 'تم استلام {0}.',
          moves: 'آخر الحركات', kind: 'النوع', at: 'الوقت', Receipt: 'استلام', Issue: 'صرف', TransferIn: 'تحويل وارد', TransferOut: 'تحويل صادر',
          Adjustment: 'تسوية', Delivery: 'تسليم', Reversal: 'عكس', refresh: 'تحديث' },
  };

  /** @type {{ id: string, code: string, name: string }[] | null} */
  #warehouses = null;
  #warehouseId = '';
  /** @type {ProductStock[] | null} */
  #stock = null;
  /** @type {Map<string, number>} reorder levels by product */
  #reorder = new Map();
  /** @type {Set<string>} the products the server says are below their reorder level */
  #low = new Set();
  /** @type {Move[]} */
  #moves = [];
  /** @type {Map<string, { sku: string, name: string }>} */
  #products = new Map();
  #receipt = { productId: '', quantity: '', unitCost: '', reference: '' };

  async load() {
    const [warehouses, products] = await Promise.all([this.api('/api/inventory/warehouses'), this.required().can('Catalog.Products') ? this.all('/api/catalog/products') : []]);
    const list = /** @type {{ id: string, code: string, name: string }[]} */ (warehouses ?? []);
    this.#warehouses = list;
    this.#products = new Map((products ?? []).filter((/** @type {any} */ p) => p.kind === 'Stocked').map((/** @type {any} */ p) => [p.id, p]));
    this.#warehouseId ||= list[0]?.id ?? '';
    await this.#read();
  }

  async #read() {
    if (!this.#warehouseId) return;
    const id = this.#warehouseId;
    const [stock, levels, low, moves] = await Promise.all([
      this.api(`/api/inventory/stock?warehouseId=${id}`),
      this.api(`/api/inventory/warehouses/${id}/reorder-levels`),
      this.api(`/api/inventory/low-stock?warehouseId=${id}`),
      this.api(`/api/inventory/moves?warehouseId=${id}&take=20`),
    ]);
    this.#stock = stock ?? [];
    this.#reorder = new Map((levels ?? []).map((/** @type {any} */ l) => [l.productId, l.minimum]));
    this.#low = new Set((low ?? []).map((/** @type {any} */ l) => l.productId));
    this.#moves = moves?.items ?? [];
  }

  /** @param {string} id */
  #product(id) {
    const product = this.#products.get(id);
    return product ? `${product.sku} · ${product.name}` : id;
  }

  render() {
    this.draw(
      h('h1', { textContent: this.text('title') }),
      this.alert('productid', 'quantity', 'unitcost', 'reference'),
      this.#warehouses === null ? this.loading() : this.#warehouses.length === 0 ? h('p', { className: 'muted', textContent: this.text('noWarehouse') }) : h('div', {},
        h('div', { className: 'toolbar' },
          field({ id: 'warehouse', label: this.text('warehouse'), tag: 'select', props: { value: this.#warehouseId,
            onchange: (/** @type {Event} */ e) => { this.#warehouseId = valueOf(e); void this.run(() => this.#read()); } },
            options: this.#warehouses.map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` })) }),
          this.button('refresh', () => this.run(() => this.#read()), true)),
        this.#table(),
        this.required().can(move) ? this.#receiptForm() : null,
        this.#moves.length > 0 ? h('section', { 'aria-labelledby': 'moves-title' },
          h('h2', { id: 'moves-title', textContent: this.text('moves') }),
          table(this.text('moves'), [{ label: this.text('at') }, { label: this.text('kind') }, { label: this.text('product') },
            { label: this.text('quantity'), number: true }, { label: this.text('reference') }],
          this.#moves.map((m) => row([new Date(m.at).toLocaleString(this.required().language), this.text(m.kind), this.#product(m.productId),
            { number: this.number(m.quantity) }, m.reference ?? '']))) ) : null));
  }

  #table() {
    if (this.#stock === null) return this.loading();
    if (this.#stock.length === 0) return h('p', { className: 'muted', textContent: this.text('none') });
    return table(this.text('title'), [{ label: this.text('product') }, { label: this.text('onHand'), number: true }, { label: this.text('reserved'), number: true },
      { label: this.text('available'), number: true }, { label: this.text('reorder'), number: true }, { label: this.text('averageCost'), number: true }],
    this.#stock.map((s) => {
      const minimum = this.#reorder.get(s.productId);
      return row([this.#product(s.productId), { number: this.number(s.onHand) }, { number: this.number(s.reserved) },
        this.#low.has(s.productId) ? h('span', {}, `${this.number(s.available)} `, badge('low', this.text('low'))) : { number: this.number(s.available) },
        { number: minimum === undefined ? '' : this.number(minimum) }, { number: this.number(s.averageCost, 2) }]);
    }));
  }

  #receiptForm() {
    const errors = this.problem?.fields ?? {};
    /** @param {'productId' | 'quantity' | 'unitCost' | 'reference'} key */
    const edit = (key) => (/** @type {Event} */ e) => (this.#receipt[key] = valueOf(e));
    return h('section', { className: 'panel', 'aria-labelledby': 'receive-title' },
      h('h2', { id: 'receive-title', textContent: this.text('receive') }),
      h('form', { onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void this.#receive(); } },
        field({ id: 'product', label: this.text('product'), tag: 'select', error: errors['lines[0].productid'], props: { value: this.#receipt.productId, required: true, onchange: edit('productId') },
          options: [{ value: '', label: '' }, ...[...this.#products].map(([id]) => ({ value: id, label: this.#product(id) }))] }),
        field({ id: 'quantity', label: this.text('quantity'), error: errors['lines[0].quantity'],
          props: { type: 'number', min: '0.0001', step: 'any', required: true, value: this.#receipt.quantity, oninput: edit('quantity') } }),
        field({ id: 'unit-cost', label: this.text('unitCost'), error: errors['lines[0].unitcost'],
          props: { type: 'number', min: 0, step: '0.01', required: true, value: this.#receipt.unitCost, oninput: edit('unitCost') } }),
        field({ id: 'reference', label: this.text('reference'), error: errors.reference, props: { maxLength: 100, value: this.#receipt.reference, oninput: edit('reference') } }),
        h('button', { type: 'submit', disabled: this.busy, textContent: this.text('receive') })));
  }

  #receive() {
    return this.run(async () => {
      const r = this.#receipt;
      const done = await this.api('/api/inventory/receipts', { method: 'POST', json: {
        warehouseId: this.#warehouseId, reference: r.reference || null,
        lines: [{ productId: r.productId, quantity: Number(r.quantity), unitCost: Number(r.unitCost) }],
      } });
      if (done === undefined) return;
      this.done('received', this.#product(r.productId));
      this.#receipt = { productId: '', quantity: '', unitCost: '', reference: '' };
      await this.#read();
    });
  }
}

customElements.define('erp-inventory-stock', StockScreen);

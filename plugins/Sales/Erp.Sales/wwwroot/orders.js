// @ts-check
// Sales' orders screen: quotations and orders, newest first, narrowed by state or number; an order opened below the list
// with its lines, totals and deliveries, and what its state allows: confirm, deliver (all that is left or part of it),
// cancel, print, and draft its invoice (for those holding Invoicing.Invoices.Manage). A form writes a new quotation.
// Every figure comes from the server: the screen computes nothing it shows.

import { ErpScreen, badge, field, h, row, table, valueOf } from './erp-screen.js';

/** @typedef {{ id: string, lineNumber: number, productId: string, description: string, quantity: number, unit: string, unitPrice: number,
 *   discountPercent: number, taxRate: number, grossAmount: number, netAmount: number, delivered: number, invoiced: number }} Line */
/** @typedef {{ id: string, number: string, date: string, lines: { orderLineId: string, quantity: number }[] }} Delivery */
/** @typedef {{ id: string, quotationNumber: string, number: string | null, status: string, customerId: string, warehouseId: string, currency: string,
 *   orderDate: string, lines: Line[], taxes: { rate: number, base: number, tax: number }[], netTotal: number, taxTotal: number,
 *   grossTotal: number, deliveries: Delivery[], version: number }} Order */
/** @typedef {{ customerId: string, warehouseId: string, lines: { productId: string, quantity: string }[] }} Draft a quotation being written */

const manage = 'Sales.Orders.Manage';
const deliver = 'Sales.Orders.Deliver';
const invoice = 'Invoicing.Invoices.Manage';
const statuses = ['Quotation', 'Confirmed', 'Delivered', 'Cancelled'];

class OrdersScreen extends ErpScreen {
  static texts = {
    en: { title: 'Sales orders', quotationTitle: 'Quotation {0}', orderTitle: 'Order {0}', loading: 'Loading…', none: 'No quotations or orders yet.', search: 'Number', status: 'State', all: 'All',
          Quotation: 'Quotation', Confirmed: 'Confirmed', Delivered: 'Delivered', Cancelled: 'Cancelled', number: 'Number', customer: 'Customer',
          date: 'Date', total: 'Total', open: 'Open {0}', product: 'Product', quantity: 'Quantity', unitPrice: 'Unit price', discount: 'Discount %',
          amount: 'Amount', delivered: 'Delivered', invoiced: 'Invoiced', toDeliver: 'To deliver', lines: 'Lines of {0}', net: 'Net', tax: 'Tax', gross: 'Total',
          deliveries: 'Deliveries', deliveryNote: 'Delivery note {0}', confirm: 'Confirm', confirmed: '{0} confirmed as order {1}.',
          deliverRest: 'Deliver', deliveredDone: 'Delivery {0} recorded.', cancel: 'Cancel order', cancelled: '{0} cancelled.', print: 'Print',
          invoice: 'Draft invoice', invoiceDrafted: 'Draft invoice of {0} created: post it under Invoices.', close: 'Close',
          newQuotation: 'New quotation', warehouse: 'Warehouse', addLine: 'Add a line', removeLine: 'Remove line {0}', create: 'Create quotation',
          created: 'Quotation {0} created.', line: 'Line {0}', more: 'Showing {0} of {1}.', refresh: 'Refresh' },
    de: { title: 'Verkaufsaufträge', quotationTitle: 'Angebot {0}', orderTitle: 'Auftrag {0}', loading: 'Wird geladen…', none: 'Noch keine Angebote oder Aufträge.', search: 'Nummer', status: 'Status', all: 'Alle',
          Quotation: 'Angebot', Confirmed: 'Bestätigt', Delivered: 'Geliefert', Cancelled: 'Storniert', number: 'Nummer', customer: 'Kunde',
          date: 'Datum', total: 'Summe', open: '{0} öffnen', product: 'Artikel', quantity: 'Menge', unitPrice: 'Einzelpreis', discount: 'Rabatt %',
          amount: 'Betrag', delivered: 'Geliefert', invoiced: 'Berechnet', toDeliver: 'Zu liefern', lines: 'Positionen von {0}', net: 'Netto', tax: 'Steuer', gross: 'Gesamt',
          deliveries: 'Lieferungen', deliveryNote: 'Lieferschein {0}', confirm: 'Bestätigen', confirmed: '{0} als Auftrag {1} bestätigt.',
          deliverRest: 'Liefern', deliveredDone: 'Lieferung {0} erfasst.', cancel: 'Auftrag stornieren', cancelled: '{0} storniert.', print: 'Drucken',
          invoice: 'Rechnungsentwurf', invoiceDrafted: 'Rechnungsentwurf zu {0} angelegt: unter Rechnungen buchen.', close: 'Schließen',
          newQuotation: 'Neues Angebot', warehouse: 'Lager', addLine: 'Position hinzufügen', removeLine: 'Position {0} entfernen', create: 'Angebot anlegen',
          created: 'Angebot {0} angelegt.', line: 'Position {0}', more: '{0} von {1} angezeigt.', refresh: 'Aktualisieren' },
    ar: { title: 'أوامر البيع', quotationTitle: 'عرض السعر {0}', orderTitle: 'الأمر {0}', loading: 'جارٍ التحميل…', none: 'لا توجد عروض أسعار أو أوامر بعد.', search: 'الرقم', status: 'الحالة', all: 'الكل',
          Quotation: 'عرض سعر', Confirmed: 'مؤكد', Delivered: 'تم التسليم', Cancelled: 'ملغى', number: 'الرقم', customer: 'العميل',
          date: 'التاريخ', total: 'الإجمالي', open: 'فتح {0}', product: 'المنتج', quantity: 'الكمية', unitPrice: 'سعر الوحدة', discount: 'الخصم %',
          amount: 'المبلغ', delivered: 'المسلَّم', invoiced: 'المفوتر', toDeliver: 'للتسليم', lines: 'بنود {0}', net: 'الصافي', tax: 'الضريبة', gross: 'الإجمالي',
          deliveries: 'التسليمات', deliveryNote: 'إشعار التسليم {0}', confirm: 'تأكيد', confirmed: 'تم تأكيد {0} كأمر {1}.',
          deliverRest: 'تسليم', deliveredDone: 'تم تسجيل التسليم {0}.', cancel: 'إلغاء الأمر', cancelled: 'تم إلغاء {0}.', print: 'طباعة',
          invoice: 'مسودة فاتورة', invoiceDrafted: 'تم إنشاء مسودة فاتورة لـ {0}: رحّلها من الفواتير.', close: 'إغلاق',
          newQuotation: 'عرض سعر جديد', warehouse: 'المستودع', addLine: 'إضافة بند', removeLine: 'إزالة البند {0}', create: 'إنشاء عرض السعر',
          created: 'تم إنشاء عرض السعر {0}.', line: 'البند {0}', more: 'عرض {0} من {1}.', refresh: 'تحديث' },
  };

  /** @type {{ items: Order[], total: number } | null} */
  #page = null;
  #filter = { search: '', status: '' };
  /** @type {Map<string, string>} customers' names by id */
  #customers = new Map();
  /** @type {Map<string, { id: string, sku: string, name: string }>} */
  #products = new Map();
  /** @type {{ id: string, code: string, name: string }[]} */
  #warehouses = [];
  /** @type {Order | null} the order open below the list */
  #order = null;
  /** @type {Record<string, string>} units to deliver typed per line id */
  #toDeliver = {};
  /** @type {Draft | null} */
  #draft = null;

  async load() {
    const sdk = this.required();
    const [customers, products, warehouses] = await Promise.all([
      sdk.can('Catalog.Partners') ? this.all('/api/catalog/partners?role=customer') : [],
      sdk.can(manage) && sdk.can('Catalog.Products') ? this.all('/api/catalog/products?active=true') : [],
      sdk.can(manage) && sdk.can('Inventory.Stock') ? this.api('/api/inventory/warehouses') : [],
    ]);
    this.#customers = new Map((customers ?? []).map((/** @type {any} */ c) => [c.id, c.name]));
    this.#products = new Map((products ?? []).map((/** @type {any} */ p) => [p.id, p]));
    this.#warehouses = warehouses ?? [];
    await this.#list();
  }

  async #list() {
    const query = new URLSearchParams({ take: '50' });
    if (this.#filter.search) query.set('search', this.#filter.search);
    if (this.#filter.status) query.set('status', this.#filter.status);
    this.#page = (await this.api(`/api/sales/orders?${query}`)) ?? this.#page;
  }

  /** @param {string} id */
  async #open(id) {
    this.#order = (await this.api(`/api/sales/orders/${id}`)) ?? this.#order;
    this.#toDeliver = Object.fromEntries((this.#order?.lines ?? []).map((l) => [l.id, String(l.quantity - l.delivered)]));
  }

  /** Calls `action` on the open order, then reads the list and the order again. @param {() => Promise<unknown>} action */
  #act(action) {
    const id = this.#order?.id;
    return this.run(async () => {
      await action();
      await this.#list();
      if (id) await this.#open(id);
    });
  }

  /** @param {Order} order */
  #name(order) {
    return order.number ?? order.quotationNumber;
  }

  render() {
    const sdk = this.required();
    this.draw(
      h('h1', { textContent: this.text('title') }),
      this.alert('lines', 'customerid', 'warehouseid'),
      this.#toolbar(),
      this.#page === null ? this.loading() : this.#table(),
      this.#order ? this.#detail(this.#order) : null,
      sdk.can(manage) ? this.#quotationForm() : null,
    );
  }

  #toolbar() {
    return h('form', { className: 'toolbar', role: 'search', onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void this.run(() => this.#list()); } },
      field({ id: 'search', label: this.text('search'), props: { type: 'search', value: this.#filter.search, maxLength: 40,
        oninput: (/** @type {Event} */ e) => (this.#filter.search = valueOf(e)) } }),
      field({ id: 'status', label: this.text('status'), tag: 'select', props: { value: this.#filter.status,
        onchange: (/** @type {Event} */ e) => { this.#filter.status = valueOf(e); void this.run(() => this.#list()); } },
        options: [{ value: '', label: this.text('all') }, ...statuses.map((s) => ({ value: s, label: this.text(s) }))] }),
      h('button', { type: 'submit', className: 'secondary', disabled: this.busy, textContent: this.text('refresh') }));
  }

  #table() {
    const page = /** @type {{ items: Order[], total: number }} */ (this.#page);
    if (page.items.length === 0) return h('p', { className: 'muted', textContent: this.text('none') });
    return h('div', {},
      table(this.text('title'), [{ label: this.text('number') }, { label: this.text('customer') }, { label: this.text('date') }, { label: this.text('status') },
        { label: this.text('total'), number: true }],
      page.items.map((order) => row([
        h('button', { type: 'button', className: 'link', textContent: this.#name(order), 'aria-label': this.text('open', this.#name(order)),
          onclick: () => void this.run(() => this.#open(order.id)) }),
        this.#customers.get(order.customerId) ?? '',
        this.day(order.orderDate),
        badge(order.status, this.text(order.status)),
        { number: this.money(order.grossTotal, order.currency) },
      ], { className: this.#order?.id === order.id ? 'selected' : '' }))),
      page.total > page.items.length ? h('p', { className: 'muted', textContent: this.text('more', page.items.length, page.total) }) : null);
  }

  /** @param {Order} order */
  #detail(order) {
    const sdk = this.required();
    const delivering = order.status === 'Confirmed' && sdk.can(deliver);
    const uninvoiced = order.lines.some((l) => l.delivered > l.invoiced);
    const columns = [{ label: '#' }, { label: this.text('product') }, { label: this.text('quantity'), number: true }, { label: this.text('unitPrice'), number: true },
      { label: this.text('discount'), number: true }, { label: this.text('amount'), number: true }, { label: this.text('delivered'), number: true },
      { label: this.text('invoiced'), number: true }, ...(delivering ? [{ label: this.text('toDeliver') }] : [])];
    return h('section', { className: 'panel', 'aria-labelledby': 'order-title' },
      h('h2', { id: 'order-title' }, `${this.text(order.number ? 'orderTitle' : 'quotationTitle', this.#name(order))} `, badge(order.status, this.text(order.status))),
      h('dl', {},
        h('dt', { textContent: this.text('customer') }), h('dd', { textContent: this.#customers.get(order.customerId) ?? '' }),
        h('dt', { textContent: this.text('date') }), h('dd', { textContent: this.day(order.orderDate) }),
        h('dt', { textContent: this.text('net') }), h('dd', { textContent: this.money(order.netTotal, order.currency) }),
        h('dt', { textContent: this.text('tax') }), h('dd', { textContent: this.money(order.taxTotal, order.currency) }),
        h('dt', { textContent: this.text('gross') }), h('dd', { textContent: this.money(order.grossTotal, order.currency) })),
      table(this.text('lines', this.#name(order)), columns, order.lines.map((line) => row([
        String(line.lineNumber), line.description, { number: `${this.number(line.quantity)} ${line.unit}` }, { number: this.money(line.unitPrice, order.currency) },
        { number: this.number(line.discountPercent, 2) }, { number: this.money(line.netAmount, order.currency) }, { number: this.number(line.delivered) },
        { number: this.number(line.invoiced) },
        ...(delivering ? [line.quantity > line.delivered ? this.#deliverInput(line) : ''] : []),
      ]))),
      order.deliveries.length > 0 ? h('div', {},
        h('h3', { textContent: this.text('deliveries') }),
        h('ul', {}, ...order.deliveries.map((d) => h('li', {},
          h('button', { type: 'button', className: 'link', textContent: this.text('deliveryNote', d.number), disabled: this.busy,
            onclick: () => void this.run(() => this.download(`/api/sales/orders/${order.id}/deliveries/${d.id}/pdf`, `${d.number}.pdf`)) }),
          ` · ${this.day(d.date)}`)))) : null,
      h('div', { className: 'actions' },
        order.status === 'Quotation' && sdk.can(manage) ? this.button('confirm', () => this.#act(async () => {
          const confirmed = await this.api(`/api/sales/orders/${order.id}/confirmation`, { method: 'POST', json: { version: order.version } });
          if (confirmed) this.done('confirmed', order.quotationNumber, confirmed.number);
        })) : null,
        delivering ? this.button('deliverRest', () => this.#act(async () => {
          const lines = order.lines.map((l) => ({ orderLineId: l.id, quantity: Number(this.#toDeliver[l.id] ?? 0) })).filter((l) => l.quantity > 0);
          const delivery = await this.api(`/api/sales/orders/${order.id}/deliveries`, { method: 'POST', json: { lines } });
          if (delivery) this.done('deliveredDone', delivery.number);
        })) : null,
        uninvoiced && sdk.can(invoice) ? this.button('invoice', () => this.#act(async () => {
          if (await this.api('/api/invoicing/invoices', { method: 'POST', json: { salesOrderId: order.id } })) this.done('invoiceDrafted', this.#name(order));
        })) : null,
        this.button('print', () => this.run(() => this.download(`/api/sales/orders/${order.id}/pdf`, `${this.#name(order)}.pdf`)), true),
        (order.status === 'Quotation' || (order.status === 'Confirmed' && order.deliveries.length === 0)) && sdk.can(manage)
          ? this.button('cancel', () => this.#act(async () => {
            if (await this.api(`/api/sales/orders/${order.id}/cancellation`, { method: 'POST' })) this.done('cancelled', this.#name(order));
          }), true) : null,
        this.button('close', async () => { this.#order = null; this.render(); }, true)));
  }

  /** @param {Line} line */
  #deliverInput(line) {
    const id = `deliver-${line.id}`;
    return h('input', { id, type: 'number', min: 0, max: line.quantity - line.delivered, step: 'any', value: this.#toDeliver[line.id] ?? '',
      'aria-label': `${this.text('toDeliver')}: ${this.text('line', line.lineNumber)} ${line.description}`,
      oninput: (/** @type {Event} */ e) => (this.#toDeliver[line.id] = valueOf(e)) });
  }

  #quotationForm() {
    const draft = this.#draft;
    const fields = this.problem?.fields ?? {};
    if (!draft) {
      return h('div', { className: 'actions' }, this.button('newQuotation', async () => {
        this.#draft = { customerId: this.#customers.keys().next().value ?? '', warehouseId: this.#warehouses[0]?.id ?? '', lines: [{ productId: '', quantity: '1' }] };
        this.render();
        this.root.getElementById('customer')?.focus();
      }));
    }
    const products = [{ value: '', label: '' }, ...[...this.#products.values()].map((p) => ({ value: p.id, label: `${p.sku} · ${p.name}` }))];
    return h('section', { className: 'panel', 'aria-labelledby': 'new-title' },
      h('h2', { id: 'new-title', textContent: this.text('newQuotation') }),
      h('form', { onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void this.#create(draft); } },
        field({ id: 'customer', label: this.text('customer'), tag: 'select', error: fields.customerid, props: { value: draft.customerId, required: true,
          onchange: (/** @type {Event} */ e) => (draft.customerId = valueOf(e)) }, options: [...this.#customers].map(([value, label]) => ({ value, label })) }),
        field({ id: 'warehouse', label: this.text('warehouse'), tag: 'select', error: fields.warehouseid, props: { value: draft.warehouseId, required: true,
          onchange: (/** @type {Event} */ e) => (draft.warehouseId = valueOf(e)) }, options: this.#warehouses.map((w) => ({ value: w.id, label: `${w.code} · ${w.name}` })) }),
        ...draft.lines.map((line, i) => h('fieldset', {},
          h('legend', { className: 'muted', textContent: this.text('line', i + 1) }),
          field({ id: `line-${i}-product`, label: `${this.text('product')} (${i + 1})`, tag: 'select', error: fields[`lines[${i}].productid`],
            props: { value: line.productId, required: true, onchange: (/** @type {Event} */ e) => (line.productId = valueOf(e)) }, options: products }),
          field({ id: `line-${i}-quantity`, label: `${this.text('quantity')} (${i + 1})`, error: fields[`lines[${i}].quantity`],
            props: { type: 'number', min: '0.0001', step: 'any', required: true, value: line.quantity, oninput: (/** @type {Event} */ e) => (line.quantity = valueOf(e)) } }),
          draft.lines.length > 1 ? h('button', { type: 'button', className: 'secondary', textContent: '×', 'aria-label': this.text('removeLine', i + 1),
            onclick: () => { draft.lines.splice(i, 1); this.render(); } }) : null)),
        h('div', { className: 'actions' },
          h('button', { type: 'button', className: 'secondary', textContent: this.text('addLine'),
            onclick: () => { draft.lines.push({ productId: '', quantity: '1' }); this.render(); this.root.getElementById(`line-${draft.lines.length - 1}-product`)?.focus(); } }),
          h('button', { type: 'submit', disabled: this.busy, textContent: this.text('create') }),
          h('button', { type: 'button', className: 'secondary', textContent: this.text('close'), onclick: () => { this.#draft = null; this.problem = null; this.render(); } }))));
  }

  /** @param {Draft} draft */
  #create(draft) {
    return this.run(async () => {
      const created = await this.api('/api/sales/orders', { method: 'POST', json: {
        customerId: draft.customerId, warehouseId: draft.warehouseId,
        lines: draft.lines.map((l) => ({ productId: l.productId, quantity: Number(l.quantity) })),
      } });
      if (!created) return;
      this.#draft = null;
      this.done('created', created.quotationNumber);
      await this.#list();
      await this.#open(created.id);
    });
  }
}

customElements.define('erp-sales-orders', OrdersScreen);

// @ts-check
// Invoicing's invoices screen: invoices and credit notes, newest first, narrowed by state; one opened below the list with
// its lines, taxes, totals and payments, and what its state allows: post a draft (its number is drawn then), delete a
// draft, record a payment, credit a posted invoice in full, print. Every figure comes from the server.

import { ErpScreen, badge, field, h, row, table, valueOf } from './erp-screen.js';

/** @typedef {{ id: string, lineNumber: number, description: string, quantity: number, unit: string, unitPrice: number, discountPercent: number,
 *   taxRate: number, netAmount: number }} Line */
/** @typedef {{ id: string, kind: string, number: string | null, status: string, customerId: string, salesOrderNumber: string | null, currency: string,
 *   invoiceDate: string | null, dueDate: string | null, lines: Line[], taxes: { rate: number, base: number, tax: number }[],
 *   netTotal: number, taxTotal: number, grossTotal: number, settled: number, open: number,
 *   payments: { id: string, date: string, amount: number, reference: string | null, offsetDocumentId: string | null }[], version: number }} Invoice */

const manage = 'Invoicing.Invoices.Manage';
const payments = 'Invoicing.Invoices.Payments';
const statuses = ['Draft', 'Posted', 'Paid'];

class InvoicesScreen extends ErpScreen {
  static texts = {
    en: { title: 'Invoices', loading: 'Loading…', none: 'No invoices yet: draft one from a delivered sales order.', status: 'State', all: 'All',
          Draft: 'Draft', Posted: 'Posted', Paid: 'Paid', Invoice: 'Invoice', CreditNote: 'Credit note', draftName: 'Draft of {0}', number: 'Number',
          kind: 'Kind', customer: 'Customer', order: 'Order', date: 'Date', due: 'Due', total: 'Total', openAmount: 'Open', open: 'Open {0}',
          description: 'Description', quantity: 'Quantity', unitPrice: 'Unit price', discount: 'Discount %', taxRate: 'Tax %', amount: 'Amount',
          lines: 'Lines of {0}', net: 'Net', tax: 'Tax', gross: 'Total', settled: 'Settled', payments: 'Payments', offset: 'Offset by a credit note',
          post: 'Post', posted: 'Invoice {0} posted.', delete: 'Delete draft', deleted: 'Draft deleted.', pay: 'Record payment', paid: 'Payment of {0} recorded.',
          payAmount: 'Amount', payDate: 'Date', payReference: 'Reference', credit: 'Credit in full', creditReason: 'Reason', credited: 'Credit note {0} posted.',
          print: 'Print', close: 'Close', refresh: 'Refresh', more: 'Showing {0} of {1}.' },
    de: { title: 'Rechnungen', loading: 'Wird geladen…', none: 'Noch keine Rechnungen: aus einem gelieferten Auftrag entwerfen.', status: 'Status', all: 'Alle',
          Draft: 'Entwurf', Posted: 'Gebucht', Paid: 'Bezahlt', Invoice: 'Rechnung', CreditNote: 'Gutschrift', draftName: 'Entwurf zu {0}', number: 'Nummer',
          kind: 'Art', customer: 'Kunde', order: 'Auftrag', date: 'Datum', due: 'Fällig', total: 'Summe', openAmount: 'Offen', open: '{0} öffnen',
          description: 'Beschreibung', quantity: 'Menge', unitPrice: 'Einzelpreis', discount: 'Rabatt %', taxRate: 'Steuer %', amount: 'Betrag',
          lines: 'Positionen von {0}', net: 'Netto', tax: 'Steuer', gross: 'Gesamt', settled: 'Beglichen', payments: 'Zahlungen', offset: 'Mit Gutschrift verrechnet',
          post: 'Buchen', posted: 'Rechnung {0} gebucht.', delete: 'Entwurf löschen', deleted: 'Entwurf gelöscht.', pay: 'Zahlung erfassen', paid: 'Zahlung über {0} erfasst.',
          payAmount: 'Betrag', payDate: 'Datum', payReference: 'Referenz', credit: 'Voll gutschreiben', creditReason: 'Grund', credited: 'Gutschrift {0} gebucht.',
          print: 'Drucken', close: 'Schließen', refresh: 'Aktualisieren', more: '{0} von {1} angezeigt.' },
    ar: { title: 'الفواتير', loading: 'جارٍ التحميل…', none: 'لا توجد فواتير بعد: أنشئ مسودة من أمر بيع تم تسليمه.', status: 'الحالة', all: 'الكل',
          Draft: 'مسودة', Posted: 'مرحّلة', Paid: 'مدفوعة', Invoice: 'فاتورة', CreditNote: 'إشعار دائن', draftName: 'مسودة {0}', number: 'الرقم',
          kind: 'النوع', customer: 'العميل', order: 'الأمر', date: 'التاريخ', due: 'الاستحقاق', total: 'الإجمالي', openAmount: 'المتبقي', open: 'فتح {0}',
          description: 'الوصف', quantity: 'الكمية', unitPrice: 'سعر الوحدة', discount: 'الخصم %', taxRate: 'الضريبة %', amount: 'المبلغ',
          lines: 'بنود {0}', net: 'الصافي', tax: 'الضريبة', gross: 'الإجمالي', settled: 'المسدَّد', payments: 'الدفعات', offset: 'مقاصة بإشعار دائن',
          post: 'ترحيل', posted: 'تم ترحيل الفاتورة {0}.', delete: 'حذف المسودة', deleted: 'تم حذف المسودة.', pay: 'تسجيل دفعة', paid: 'تم تسجيل دفعة بمبلغ {0}.',
          payAmount: 'المبلغ', payDate: 'التاريخ', payReference: 'المرجع', credit: 'إشعار دائن كامل', creditReason: 'السبب', credited: 'تم ترحيل الإشعار الدائن {0}.',
          print: 'طباعة', close: 'إغلاق', refresh: 'تحديث', more: 'عرض {0} من {1}.' },
  };

  /** @type {{ items: Invoice[], total: number } | null} */
  #page = null;
  #status = '';
  /** @type {Map<string, string>} customers' names by id */
  #customers = new Map();
  /** @type {Invoice | null} the invoice open below the list */
  #invoice = null;
  #payment = { amount: '', date: '', reference: '' };
  #reason = '';

  async load() {
    const customers = this.required().can('Catalog.Partners') ? await this.all('/api/catalog/partners?role=customer') : [];
    this.#customers = new Map((customers ?? []).map((/** @type {any} */ c) => [c.id, c.name]));
    await this.#list();
  }

  async #list() {
    const query = new URLSearchParams({ take: '50' });
    if (this.#status) query.set('status', this.#status);
    this.#page = (await this.api(`/api/invoicing/invoices?${query}`)) ?? this.#page;
  }

  /** @param {string} id */
  async #open(id) {
    this.#invoice = (await this.api(`/api/invoicing/invoices/${id}`)) ?? this.#invoice;
    this.#payment = { amount: String(this.#invoice?.open ?? ''), date: '', reference: '' };
    this.#reason = '';
  }

  /** Calls `action` on the open invoice, then reads the list and the invoice (or `next`) again. @param {() => Promise<string | undefined | void>} action */
  #act(action) {
    return this.run(async () => {
      const next = await action();
      await this.#list();
      if (next) await this.#open(next);
      else this.#invoice = null;
    });
  }

  /** @param {Invoice} invoice */
  #name(invoice) {
    return invoice.number ?? this.text('draftName', invoice.salesOrderNumber ?? '');
  }

  render() {
    this.draw(
      h('h1', { textContent: this.text('title') }),
      this.alert('amount', 'reason'),
      h('div', { className: 'toolbar' },
        field({ id: 'status', label: this.text('status'), tag: 'select', props: { value: this.#status,
          onchange: (/** @type {Event} */ e) => { this.#status = valueOf(e); void this.run(() => this.#list()); } },
          options: [{ value: '', label: this.text('all') }, ...statuses.map((s) => ({ value: s, label: this.text(s) }))] }),
        h('button', { type: 'button', className: 'secondary', disabled: this.busy, textContent: this.text('refresh'), onclick: () => void this.run(() => this.#list()) })),
      this.#page === null ? this.loading() : this.#table(),
      this.#invoice ? this.#detail(this.#invoice) : null,
    );
  }

  #table() {
    const page = /** @type {{ items: Invoice[], total: number }} */ (this.#page);
    if (page.items.length === 0) return h('p', { className: 'muted', textContent: this.text('none') });
    return h('div', {},
      table(this.text('title'), [{ label: this.text('number') }, { label: this.text('kind') }, { label: this.text('customer') }, { label: this.text('order') },
        { label: this.text('date') }, { label: this.text('due') }, { label: this.text('status') }, { label: this.text('total'), number: true },
        { label: this.text('openAmount'), number: true }],
      page.items.map((invoice) => row([
        h('button', { type: 'button', className: 'link', textContent: this.#name(invoice), 'aria-label': this.text('open', this.#name(invoice)),
          onclick: () => void this.run(() => this.#open(invoice.id)) }),
        this.text(invoice.kind), this.#customers.get(invoice.customerId) ?? '', invoice.salesOrderNumber ?? '', this.day(invoice.invoiceDate), this.day(invoice.dueDate),
        badge(invoice.status, this.text(invoice.status)), { number: this.money(invoice.grossTotal, invoice.currency) }, { number: this.money(invoice.open, invoice.currency) },
      ], { className: this.#invoice?.id === invoice.id ? 'selected' : '' }))),
      page.total > page.items.length ? h('p', { className: 'muted', textContent: this.text('more', page.items.length, page.total) }) : null);
  }

  /** @param {Invoice} invoice */
  #detail(invoice) {
    const sdk = this.required();
    const money = (/** @type {number} */ amount) => this.money(amount, invoice.currency);
    return h('section', { className: 'panel', 'aria-labelledby': 'invoice-title' },
      h('h2', { id: 'invoice-title' }, `${this.text(invoice.kind)} ${this.#name(invoice)} `, badge(invoice.status, this.text(invoice.status))),
      h('dl', {},
        h('dt', { textContent: this.text('customer') }), h('dd', { textContent: this.#customers.get(invoice.customerId) ?? '' }),
        h('dt', { textContent: this.text('order') }), h('dd', { textContent: invoice.salesOrderNumber ?? '' }),
        h('dt', { textContent: this.text('date') }), h('dd', { textContent: this.day(invoice.invoiceDate) }),
        h('dt', { textContent: this.text('due') }), h('dd', { textContent: this.day(invoice.dueDate) }),
        h('dt', { textContent: this.text('net') }), h('dd', { textContent: money(invoice.netTotal) }),
        ...invoice.taxes.flatMap((t) => [h('dt', { textContent: `${this.text('tax')} ${this.number(t.rate, 2)} %` }), h('dd', { textContent: money(t.tax) })]),
        h('dt', { textContent: this.text('gross') }), h('dd', { textContent: money(invoice.grossTotal) }),
        h('dt', { textContent: this.text('settled') }), h('dd', { textContent: money(invoice.settled) }),
        h('dt', { textContent: this.text('openAmount') }), h('dd', { textContent: money(invoice.open) })),
      table(this.text('lines', this.#name(invoice)), [{ label: '#' }, { label: this.text('description') }, { label: this.text('quantity'), number: true },
        { label: this.text('unitPrice'), number: true }, { label: this.text('discount'), number: true }, { label: this.text('taxRate'), number: true },
        { label: this.text('amount'), number: true }],
      invoice.lines.map((line) => row([String(line.lineNumber), line.description, { number: `${this.number(line.quantity)} ${line.unit}` },
        { number: money(line.unitPrice) }, { number: this.number(line.discountPercent, 2) }, { number: this.number(line.taxRate, 2) }, { number: money(line.netAmount) }]))),
      invoice.payments.length > 0 ? h('div', {},
        h('h3', { textContent: this.text('payments') }),
        h('ul', {}, ...invoice.payments.map((p) => h('li', { textContent:
          `${this.day(p.date)} · ${money(p.amount)}${p.reference ? ` · ${p.reference}` : ''}${p.offsetDocumentId ? ` · ${this.text('offset')}` : ''}` })))) : null,
      h('div', { className: 'actions' },
        invoice.status === 'Draft' && sdk.can(manage) ? this.button('post', () => this.#act(async () => {
          const posted = await this.api(`/api/invoicing/invoices/${invoice.id}/posting`, { method: 'POST', json: { version: invoice.version } });
          if (posted) this.done('posted', posted.number);
          return invoice.id;
        })) : null,
        invoice.status === 'Draft' && sdk.can(manage) ? this.button('delete', () => this.#act(async () => {
          await this.api(`/api/invoicing/invoices/${invoice.id}`, { method: 'DELETE' });
          this.done('deleted');
        }), true) : null,
        invoice.status !== 'Draft' ? this.button('print', () => this.run(() => this.download(`/api/invoicing/invoices/${invoice.id}/pdf`, `${this.#name(invoice)}.pdf`)), true) : null,
        this.button('close', async () => { this.#invoice = null; this.render(); }, true)),
      invoice.status === 'Posted' && invoice.kind === 'Invoice' && sdk.can(payments) ? this.#paymentForm(invoice) : null,
      invoice.status !== 'Draft' && invoice.kind === 'Invoice' && sdk.can(manage) ? this.#creditForm(invoice) : null);
  }

  /** @param {Invoice} invoice */
  #paymentForm(invoice) {
    const fields = this.problem?.fields ?? {};
    /** @param {'amount' | 'date' | 'reference'} key */
    const edit = (key) => (/** @type {Event} */ e) => (this.#payment[key] = valueOf(e));
    return h('form', { 'aria-label': this.text('pay'), onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void this.#act(async () => {
      const amount = Number(this.#payment.amount);
      await this.api(`/api/invoicing/invoices/${invoice.id}/payments`, { method: 'POST',
        json: { amount, date: this.#payment.date || null, reference: this.#payment.reference || null } });
      this.done('paid', this.money(amount, invoice.currency));
      return invoice.id;
    }); } },
    field({ id: 'amount', label: this.text('payAmount'), error: fields.amount,
      props: { type: 'number', min: '0.01', step: '0.01', required: true, value: this.#payment.amount, oninput: edit('amount') } }),
    field({ id: 'payment-date', label: this.text('payDate'), error: fields.date, props: { type: 'date', value: this.#payment.date, oninput: edit('date') } }),
    field({ id: 'reference', label: this.text('payReference'), error: fields.reference, props: { maxLength: 100, value: this.#payment.reference, oninput: edit('reference') } }),
    h('button', { type: 'submit', disabled: this.busy, textContent: this.text('pay') }));
  }

  /** @param {Invoice} invoice */
  #creditForm(invoice) {
    return h('form', { 'aria-label': this.text('credit'), onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void this.#act(async () => {
      const note = await this.api(`/api/invoicing/invoices/${invoice.id}/credit-notes`, { method: 'POST', json: { reason: this.#reason } });
      if (note) this.done('credited', note.number ?? '');
      return note?.id;
    }); } },
    field({ id: 'reason', label: this.text('creditReason'), error: this.problem?.fields.reason,
      props: { required: true, maxLength: 500, value: this.#reason, oninput: (/** @type {Event} */ e) => (this.#reason = valueOf(e)) } }),
    h('button', { type: 'submit', className: 'secondary', disabled: this.busy, textContent: this.text('credit') }));
  }
}

customElements.define('erp-invoicing-invoices', InvoicesScreen);

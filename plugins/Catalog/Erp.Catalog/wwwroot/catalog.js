// @ts-check
// The catalog's screens: products and partners, each a list searched by code or name, switched active or inactive in
// place, and a form adding one, for those who may manage them. What the API refuses is shown beside the field it names.

import { ErpScreen, badge, field, h, row, table, valueOf } from './erp-screen.js';

/** @typedef {{ id: string, sku: string, name: string, description: string | null, categoryId: string | null, unit: string, kind: string,
 *   salesPrice: number, purchasePrice: number, currency: string, taxCategory: string, active: boolean, version: number }} Product */
/** @typedef {{ id: string, number: string, name: string, isCustomer: boolean, isSupplier: boolean, taxId: string | null, email: string | null,
 *   phone: string | null, currency: string, paymentTermDays: number, creditLimit: number | null, active: boolean, version: number }} Partner */

/** Texts both screens use. */
const common = {
  en: { loading: 'Loading…', search: 'Search', refresh: 'Search', active: 'Active', inactive: 'Inactive', status: 'State', activate: 'Activate {0}',
        deactivate: 'Deactivate {0}', activateShort: 'Activate', deactivateShort: 'Deactivate', changed: '{0} saved.', create: 'Create', created: '{0} created.',
        name: 'Name', currency: 'Currency', actions: 'Actions', more: 'Showing {0} of {1}.' },
  de: { loading: 'Wird geladen…', search: 'Suche', refresh: 'Suchen', active: 'Aktiv', inactive: 'Inaktiv', status: 'Status', activate: '{0} aktivieren',
        deactivate: '{0} deaktivieren', activateShort: 'Aktivieren', deactivateShort: 'Deaktivieren', changed: '{0} gespeichert.', create: 'Anlegen', created: '{0} angelegt.',
        name: 'Name', currency: 'Währung', actions: 'Aktionen', more: '{0} von {1} angezeigt.' },
  ar: { loading: 'جارٍ التحميل…', search: 'بحث', refresh: 'بحث', active: 'نشط', inactive: 'غير نشط', status: 'الحالة', activate: 'تفعيل {0}',
        deactivate: 'إيقاف {0}', activateShort: 'تفعيل', deactivateShort: 'إيقاف', changed: 'تم حفظ {0}.', create: 'إنشاء', created: 'تم إنشاء {0}.',
        name: 'الاسم', currency: 'العملة', actions: 'الإجراءات', more: 'عرض {0} من {1}.' },
};

/**
 * A list of the catalog's records with a search, an active switch per row and a form adding one: what products and
 * partners share. A subclass names its API, permissions, columns and form.
 * @template {{ id: string, name: string, active: boolean, version: number }} T
 */
class CatalogList extends ErpScreen {
  /** @type {{ items: T[], total: number } | null} */
  page = null;
  search = '';
  /** @type {Record<string, string>} the form's values as typed */
  draft = {};

  /** The API's path of the records. @returns {string} */
  get path() { throw new Error('abstract'); }
  /** What managing the records needs. @returns {string} */
  get managePermission() { throw new Error('abstract'); }
  /** The record's code shown first. @param {T} item @returns {string} */
  code(item) { throw new Error(`abstract ${item.id}`); }
  /** @returns {{ label: string, number?: boolean }[]} */
  columns() { return []; }
  /** @param {T} item @returns {(string | Node | { number: string })[]} */
  cells(item) { return [item.name]; }
  /** The save request of the form's values. @returns {Record<string, unknown>} */
  request() { return {}; }
  /** The form's fields, given the errors by field. @param {Record<string, string>} errors @returns {Node[]} */
  fields(errors) { return [h('span', { textContent: Object.keys(errors).join() })]; }
  /** The form's values when empty. @returns {Record<string, string>} */
  empty() { return {}; }

  async load() {
    const query = new URLSearchParams({ take: '100' });
    if (this.search) query.set('search', this.search);
    this.page = (await this.api(`${this.path}?${query}`)) ?? this.page;
  }

  /** @param {T} item */
  toggle(item) {
    return this.run(async () => {
      // A change sends the whole record back (the catalog's PUT), as read, with the version read: a stale one is a 409.
      const saved = await this.api(`${this.path}/${item.id}`, { method: 'PUT', json: { ...item, active: !item.active } });
      if (saved) this.done('changed', this.code(item));
      await this.load();
    });
  }

  create() {
    return this.run(async () => {
      const created = await this.api(this.path, { method: 'POST', json: this.request() });
      if (!created) return;
      this.draft = this.empty();
      this.done('created', this.code(created));
      await this.load();
      this.root.getElementById(this.firstField)?.focus();
    });
  }

  /** The id of the form's first field. */
  get firstField() { return 'code'; }

  /** An input of the form, kept in `draft[key]`. @param {string} key @param {string} label @param {string | undefined} error @param {Record<string, unknown>} [props] */
  input(key, label, error, props = {}) {
    return field({ id: key, label, error, props: { value: this.draft[key] ?? '', oninput: (/** @type {Event} */ e) => (this.draft[key] = valueOf(e)), ...props } });
  }

  render() {
    const mayManage = this.required().can(this.managePermission);
    const errors = this.problem?.fields ?? {};
    this.draw(
      h('h1', { textContent: this.text('title') }),
      this.alert(...Object.keys(this.draft).map((k) => k.toLowerCase())),
      h('form', { className: 'toolbar', role: 'search', onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void this.run(() => this.load()); } },
        field({ id: 'search', label: this.text('search'), props: { type: 'search', value: this.search, maxLength: 40, oninput: (/** @type {Event} */ e) => (this.search = valueOf(e)) } }),
        h('button', { type: 'submit', className: 'secondary', disabled: this.busy, textContent: this.text('refresh') })),
      this.page === null ? this.loading() : this.#table(mayManage),
      mayManage ? h('section', { className: 'panel', 'aria-labelledby': 'add-title' },
        h('h2', { id: 'add-title', textContent: this.text('add') }),
        h('form', { onsubmit: (/** @type {Event} */ e) => { e.preventDefault(); void this.create(); } },
          ...this.fields(errors),
          h('button', { type: 'submit', disabled: this.busy, textContent: this.text('create') }))) : null);
  }

  /** @param {boolean} mayManage */
  #table(mayManage) {
    const page = /** @type {{ items: T[], total: number }} */ (this.page);
    if (page.items.length === 0) return h('p', { className: 'muted', textContent: this.text('none') });
    return h('div', {},
      table(this.text('title'), [...this.columns(), { label: this.text('status') }, ...(mayManage ? [{ label: this.text('actions') }] : [])],
        page.items.map((item) => row([
          ...this.cells(item),
          badge(item.active ? 'active' : 'cancelled', this.text(item.active ? 'active' : 'inactive')),
          ...(mayManage ? [h('button', { type: 'button', className: 'secondary', disabled: this.busy,
            textContent: this.text(item.active ? 'deactivateShort' : 'activateShort'),
            'aria-label': this.text(item.active ? 'deactivate' : 'activate', this.code(item)), onclick: () => void this.toggle(item) })] : []),
        ]))),
      page.total > page.items.length ? h('p', { className: 'muted', textContent: this.text('more', page.items.length, page.total) }) : null);
  }
}

/** @extends {CatalogList<Product>} */
class ProductsScreen extends CatalogList {
  static texts = {
    en: { ...common.en, title: 'Products', none: 'No products found.', sku: 'SKU', kind: 'Kind', Stocked: 'Stocked', Service: 'Service', unit: 'Unit',
          salesPrice: 'Sales price', purchasePrice: 'Purchase price', taxCategory: 'Tax category', standard: 'Standard', reduced: 'Reduced', zero: 'Zero rate',
          exempt: 'Exempt', add: 'Add a product' },
    de: { ...common.de, title: 'Artikel', none: 'Keine Artikel gefunden.', sku: 'Artikelnummer', kind: 'Art', Stocked: 'Lagerartikel', Service: 'Dienstleistung', unit: 'Einheit',
          salesPrice: 'Verkaufspreis', purchasePrice: 'Einkaufspreis', taxCategory: 'Steuerkategorie', standard: 'Normal', reduced: 'Ermäßigt', zero: 'Nullsatz',
          exempt: 'Befreit', add: 'Artikel hinzufügen' },
    ar: { ...common.ar, title: 'المنتجات', none: 'لم يتم العثور على منتجات.', sku: 'رمز المنتج', kind: 'النوع', Stocked: 'مخزني', Service: 'خدمة', unit: 'الوحدة',
          salesPrice: 'سعر البيع', purchasePrice: 'سعر الشراء', taxCategory: 'فئة الضريبة', standard: 'قياسية', reduced: 'مخفضة', zero: 'صفرية',
          exempt: 'معفاة', add: 'إضافة منتج' },
  };

  get path() { return '/api/catalog/products'; }
  get managePermission() { return 'Catalog.Products.Manage'; }
  get firstField() { return 'sku'; }
  /** @param {Product} item */
  code(item) { return item.sku; }

  columns() {
    return [{ label: this.text('sku') }, { label: this.text('name') }, { label: this.text('kind') }, { label: this.text('unit') },
      { label: this.text('salesPrice'), number: true }, { label: this.text('taxCategory') }];
  }

  /** @param {Product} p */
  cells(p) {
    return [p.sku, p.name, this.text(p.kind), p.unit, { number: this.money(p.salesPrice, p.currency) }, this.text(p.taxCategory)];
  }

  empty() {
    return { sku: '', name: '', kind: 'Stocked', salesPrice: '', purchasePrice: '', currency: this.page?.items[0]?.currency ?? '', taxCategory: '' };
  }

  request() {
    const d = this.draft;
    return { sku: d.sku, name: d.name, kind: d.kind, salesPrice: Number(d.salesPrice), purchasePrice: Number(d.purchasePrice || 0),
      currency: d.currency.toUpperCase(), taxCategory: d.taxCategory || null };
  }

  /** @param {Record<string, string>} e */
  fields(e) {
    if (Object.keys(this.draft).length === 0) this.draft = this.empty();
    return [
      this.input('sku', this.text('sku'), e.sku, { required: true, maxLength: 40 }),
      this.input('name', this.text('name'), e.name, { required: true, maxLength: 200 }),
      field({ id: 'kind', label: this.text('kind'), tag: 'select', error: e.kind, props: { value: this.draft.kind, onchange: (/** @type {Event} */ ev) => (this.draft.kind = valueOf(ev)) },
        options: ['Stocked', 'Service'].map((k) => ({ value: k, label: this.text(k) })) }),
      this.input('salesPrice', this.text('salesPrice'), e.salesprice, { type: 'number', min: 0, step: '0.01', required: true }),
      this.input('purchasePrice', this.text('purchasePrice'), e.purchaseprice, { type: 'number', min: 0, step: '0.01' }),
      this.input('currency', this.text('currency'), e.currency, { required: true, maxLength: 3, size: 4, autocapitalize: 'characters', pattern: '[A-Za-z]{3}' }),
      field({ id: 'taxCategory', label: this.text('taxCategory'), tag: 'select', error: e.taxcategory,
        props: { value: this.draft.taxCategory, onchange: (/** @type {Event} */ ev) => (this.draft.taxCategory = valueOf(ev)) },
        options: [{ value: '', label: '' }, ...['standard', 'reduced', 'zero', 'exempt'].map((k) => ({ value: k, label: this.text(k) }))] }),
    ];
  }
}

/** @extends {CatalogList<Partner>} */
class PartnersScreen extends CatalogList {
  static texts = {
    en: { ...common.en, title: 'Partners', none: 'No partners found.', number: 'Number', roles: 'Roles', customer: 'Customer', supplier: 'Supplier',
          email: 'E-mail', paymentTerms: 'Payment terms (days)', creditLimit: 'Credit limit', add: 'Add a partner' },
    de: { ...common.de, title: 'Partner', none: 'Keine Partner gefunden.', number: 'Nummer', roles: 'Rollen', customer: 'Kunde', supplier: 'Lieferant',
          email: 'E-Mail', paymentTerms: 'Zahlungsziel (Tage)', creditLimit: 'Kreditlimit', add: 'Partner hinzufügen' },
    ar: { ...common.ar, title: 'الشركاء', none: 'لم يتم العثور على شركاء.', number: 'الرقم', roles: 'الأدوار', customer: 'عميل', supplier: 'مورد',
          email: 'البريد الإلكتروني', paymentTerms: 'مدة السداد (أيام)', creditLimit: 'حد الائتمان', add: 'إضافة شريك' },
  };

  get path() { return '/api/catalog/partners'; }
  get managePermission() { return 'Catalog.Partners.Manage'; }
  get firstField() { return 'number'; }
  /** @param {Partner} item */
  code(item) { return item.number; }

  columns() {
    return [{ label: this.text('number') }, { label: this.text('name') }, { label: this.text('roles') }, { label: this.text('email') },
      { label: this.text('paymentTerms'), number: true }, { label: this.text('creditLimit'), number: true }];
  }

  /** @param {Partner} p */
  cells(p) {
    const roles = [p.isCustomer ? this.text('customer') : '', p.isSupplier ? this.text('supplier') : ''].filter(Boolean).join(', ');
    return [p.number, p.name, roles, p.email ?? '', { number: String(p.paymentTermDays) },
      { number: p.creditLimit === null ? '' : this.money(p.creditLimit, p.currency) }];
  }

  empty() {
    return { number: '', name: '', isCustomer: 'true', isSupplier: 'false', email: '', currency: this.page?.items[0]?.currency ?? '', paymentTermDays: '30', creditLimit: '' };
  }

  request() {
    const d = this.draft;
    return { number: d.number, name: d.name, isCustomer: d.isCustomer === 'true', isSupplier: d.isSupplier === 'true', email: d.email || null,
      currency: d.currency.toUpperCase(), paymentTermDays: Number(d.paymentTermDays || 0), creditLimit: d.creditLimit === '' ? null : Number(d.creditLimit) };
  }

  /** @param {Record<string, string>} e */
  fields(e) {
    if (Object.keys(this.draft).length === 0) this.draft = this.empty();
    return [
      this.input('number', this.text('number'), e.number, { required: true, maxLength: 20 }),
      this.input('name', this.text('name'), e.name, { required: true, maxLength: 200 }),
      this.input('isCustomer', this.text('customer'), e.iscustomer, { type: 'checkbox', checked: this.draft.isCustomer === 'true' }),
      this.input('isSupplier', this.text('supplier'), e.issupplier, { type: 'checkbox', checked: this.draft.isSupplier === 'true' }),
      this.input('email', this.text('email'), e.email, { type: 'email', maxLength: 256 }),
      this.input('currency', this.text('currency'), e.currency, { required: true, maxLength: 3, size: 4, autocapitalize: 'characters', pattern: '[A-Za-z]{3}' }),
      this.input('paymentTermDays', this.text('paymentTerms'), e.paymenttermdays, { type: 'number', min: 0, max: 365 }),
      this.input('creditLimit', this.text('creditLimit'), e.creditlimit, { type: 'number', min: 0, step: '0.01' }),
    ];
  }
}

customElements.define('erp-catalog-products', ProductsScreen);
customElements.define('erp-catalog-partners', PartnersScreen);

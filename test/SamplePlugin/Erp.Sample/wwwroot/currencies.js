// @ts-check
// The sample's currencies screen: the list, and for those holding Sample.Currencies.Manage a form to add one, renaming
// in place and deleting. What the API refuses is shown as it answered: a field's message beside the field, else at the top.

import { ErpScreen, field, h } from './erp-screen.js';

/** @typedef {{ id: string, code: string, name: string, decimalPlaces: number, isBase: boolean, version: number }} Currency */

const manage = 'Sample.Currencies.Manage';
const empty = { code: '', name: '', decimalPlaces: '2' };

class CurrenciesScreen extends ErpScreen {
  static texts = {
    en: { title: 'Currencies', code: 'Code', name: 'Name', decimals: 'Decimal places', base: 'Base', yes: 'Yes', actions: 'Actions', none: 'No currencies yet.',
          add: 'Add a currency', create: 'Create', created: 'Currency {0} created.', rename: 'Rename {0}', renameShort: 'Rename', newName: 'New name of {0}', save: 'Save',
          cancel: 'Cancel', renamed: 'Currency {0} renamed.', delete: 'Delete {0}', deleteShort: 'Delete', deleted: 'Currency {0} deleted.', loading: 'Loading…' },
    de: { title: 'Währungen', code: 'Code', name: 'Name', decimals: 'Nachkommastellen', base: 'Basis', yes: 'Ja', actions: 'Aktionen', none: 'Noch keine Währungen.',
          add: 'Währung hinzufügen', create: 'Anlegen', created: 'Währung {0} angelegt.', rename: 'Umbenennen: {0}', renameShort: 'Umbenennen', newName: 'Neuer Name von {0}', save: 'Speichern',
          cancel: 'Abbrechen', renamed: 'Währung {0} umbenannt.', delete: 'Löschen: {0}', deleteShort: 'Löschen', deleted: 'Währung {0} gelöscht.', loading: 'Wird geladen…' },
    ar: { title: 'العملات', code: 'الرمز', name: 'الاسم', decimals: 'المنازل العشرية', base: 'الأساس', yes: 'نعم', actions: 'الإجراءات', none: 'لا توجد عملات بعد.',
          add: 'إضافة عملة', create: 'إنشاء', created: 'تم إنشاء العملة {0}.', rename: 'إعادة تسمية {0}', renameShort: 'إعادة تسمية', newName: 'الاسم الجديد لـ {0}', save: 'حفظ',
          cancel: 'إلغاء', renamed: 'تمت إعادة تسمية العملة {0}.', delete: 'حذف {0}', deleteShort: 'حذف', deleted: 'تم حذف العملة {0}.', loading: 'جارٍ التحميل…' },
  };

  /** @type {Currency[] | null} */
  #currencies = null;
  #draft = { ...empty };
  /** @type {{ id: string, name: string } | null} the currency being renamed, and the name typed so far */
  #renaming = null;

  async load() {
    this.#currencies = (await this.api('/api/sample/currencies')) ?? this.#currencies;
  }

  #create() {
    return this.run(async () => {
      const draft = this.#draft;
      const created = await this.api('/api/sample/currencies', { method: 'POST', json: { ...draft, decimalPlaces: Number(draft.decimalPlaces) } });
      this.#draft = { ...empty };
      this.done('created', created.code);
      this.root.getElementById('code')?.focus();
      await this.load();
    });
  }

  /** @param {Currency} currency */
  #rename(currency) {
    return this.run(async () => {
      await this.api(`/api/sample/currencies/${currency.id}/name`, { method: 'PUT', json: { name: this.#renaming?.name, version: currency.version } });
      this.#renaming = null;
      this.done('renamed', currency.code);
      await this.load();
    });
  }

  /** @param {Currency} currency */
  #delete(currency) {
    return this.run(async () => {
      await this.api(`/api/sample/currencies/${currency.id}`, { method: 'DELETE' });
      this.done('deleted', currency.code);
      await this.load();
    });
  }

  render() {
    const mayManage = this.required().can(manage);
    const fields = this.problem?.fields ?? {};
    // A field's own message goes beside it; what no field of the form shows goes at the top.
    const shownByField = this.#renaming ? fields.name : fields.code || fields.name || fields.decimalplaces;
    this.draw(
      h('h1', { textContent: this.text('title') }),
      this.problem && !shownByField ? h('p', { className: 'error', role: 'alert', textContent: this.problem.message }) : null,
      this.#currencies === null ? h('p', { className: 'muted', role: 'status', textContent: this.text('loading') }) : this.#table(mayManage),
      mayManage ? this.#createForm(this.#renaming ? {} : fields) : null,
    );
  }

  /** @param {boolean} mayManage */
  #table(mayManage) {
    const currencies = this.#currencies ?? [];
    if (currencies.length === 0) return h('p', { className: 'muted', textContent: this.text('none') });
    const headers = ['code', 'name', 'decimals', 'base', ...(mayManage ? ['actions'] : [])];
    return h('div', { className: 'table-scroll' },
      h('table', { 'aria-label': this.text('title') },
        h('thead', {}, h('tr', {}, ...headers.map((key) => h('th', { scope: 'col', textContent: this.text(key) })))),
        h('tbody', {}, ...currencies.map((currency) => this.#row(currency, mayManage)))));
  }

  /** @param {Currency} currency @param {boolean} mayManage */
  #row(currency, mayManage) {
    const renaming = this.#renaming?.id === currency.id;
    return h('tr', {},
      h('th', { scope: 'row', textContent: currency.code }),
      h('td', {}, renaming ? this.#renameForm(currency) : currency.name),
      h('td', { className: 'number', textContent: String(currency.decimalPlaces) }),
      h('td', { textContent: currency.isBase ? this.text('yes') : '' }),
      mayManage && !renaming ? h('td', {}, h('div', { className: 'actions' },
        // Short on screen, named with the currency for screen readers (the visible word starts the name, as voice control needs).
        h('button', { type: 'button', className: 'secondary', id: `rename-${currency.id}`, disabled: this.busy, textContent: this.text('renameShort'),
                      'aria-label': this.text('rename', currency.code), onclick: () => this.#startRenaming(currency) }),
        h('button', { type: 'button', className: 'secondary', disabled: this.busy, textContent: this.text('deleteShort'),
                      'aria-label': this.text('delete', currency.code), onclick: () => void this.#delete(currency) }))) : mayManage ? h('td') : null);
  }

  /** @param {Currency} currency */
  #startRenaming(currency) {
    this.#renaming = { id: currency.id, name: currency.name };
    this.problem = null;
    this.render();
    /** @type {HTMLInputElement | null} */ (this.root.getElementById('new-name'))?.select();
  }

  /** @param {Currency} currency */
  #renameForm(currency) {
    const cancel = () => {
      this.#renaming = null;
      this.problem = null;
      this.render();
      this.root.getElementById(`rename-${currency.id}`)?.focus();
    };
    return h('form', { onsubmit: (/** @type {Event} */ event) => { event.preventDefault(); void this.#rename(currency); },
                       onkeydown: (/** @type {KeyboardEvent} */ event) => event.key === 'Escape' && cancel() },
      field({ id: 'new-name', label: this.text('newName', currency.code), error: this.problem?.fields.name,
              props: { value: this.#renaming?.name, required: true, maxLength: 64, oninput: (/** @type {Event} */ e) => (this.#renaming = { id: currency.id, name: input(e) }) } }),
      h('div', { className: 'actions' },
        h('button', { type: 'submit', disabled: this.busy, textContent: this.text('save') }),
        h('button', { type: 'button', className: 'secondary', textContent: this.text('cancel'), onclick: cancel })));
  }

  /** @param {Record<string, string>} errors */
  #createForm(errors) {
    /** @param {'code' | 'name' | 'decimalPlaces'} key */
    const edit = (key) => (/** @type {Event} */ event) => (this.#draft = { ...this.#draft, [key]: input(event) });
    return h('section', { 'aria-labelledby': 'add-title' },
      h('h2', { id: 'add-title', textContent: this.text('add') }),
      h('form', { onsubmit: (/** @type {Event} */ event) => { event.preventDefault(); void this.#create(); } },
        field({ id: 'code', label: this.text('code'), error: errors.code,
                props: { value: this.#draft.code, required: true, maxLength: 3, autocapitalize: 'characters', size: 6, oninput: edit('code') } }),
        field({ id: 'name', label: this.text('name'), error: errors.name, props: { value: this.#draft.name, required: true, maxLength: 64, oninput: edit('name') } }),
        field({ id: 'decimal-places', label: this.text('decimals'), error: errors.decimalplaces,
                props: { value: this.#draft.decimalPlaces, type: 'number', min: 0, max: 4, required: true, oninput: edit('decimalPlaces') } }),
        h('button', { type: 'submit', disabled: this.busy, textContent: this.text('create') })));
  }
}

/** What an input holds now. @param {Event} event */
function input(event) {
  return /** @type {HTMLInputElement} */ (event.target).value;
}

customElements.define('erp-sample-currencies', CurrenciesScreen);

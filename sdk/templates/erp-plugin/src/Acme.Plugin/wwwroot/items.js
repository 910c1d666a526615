// The plugin's screen: a standard custom element, loaded by the Erp SPA with import() when its menu entry is opened.
// The SPA sets `sdk` (its plugin SDK 1: fetch with the user's token, language, theme) before attaching it. Styles stay
// inside the Shadow DOM; PrimeNG's variables (--p-*) reach in and follow the SPA's theme. docs/plugins.md, "Screens".

const texts = {
  en: { title: 'Items', code: 'Code', name: 'Name', add: 'Add', empty: 'No items yet.' },
  de: { title: 'Artikel', code: 'Code', name: 'Name', add: 'Hinzufügen', empty: 'Noch keine Artikel.' },
};

class ItemsScreen extends HTMLElement {
  sdk;
  root = this.attachShadow({ mode: 'open' });
  items = [];
  problem = null; // { message, errors } from the API's problem details
  #stops = [];

  connectedCallback() {
    this.#stops = [this.sdk.on('language', () => this.render()), this.sdk.on('theme', () => this.render())];
    void this.load();
  }

  disconnectedCallback() {
    this.#stops.forEach((stop) => stop());
  }

  text(key) {
    return (texts[this.sdk.language] ?? texts.en)[key];
  }

  async load() {
    const response = await this.sdk.fetch('/api/acme-plugin/items');
    this.items = response.ok ? await response.json() : [];
    this.render();
  }

  async add(form) {
    const body = { code: form.code.value, name: form.name.value };
    const response = await this.sdk.fetch('/api/acme-plugin/items', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      this.problem = { message: problem.detail ?? problem.title ?? `HTTP ${response.status}`, errors: problem.errors ?? {} };
      this.render();
      return;
    }
    this.problem = null;
    await this.load();
  }

  render() {
    const el = (tag, props = {}, ...children) => {
      const element = Object.assign(document.createElement(tag), props); // properties only: API data goes in as text
      element.append(...children);
      return element;
    };
    const fieldError = (name) => Object.entries(this.problem?.errors ?? {}).find(([key]) => key.toLowerCase() === name)?.[1]?.join(' ');
    const input = (name) => el('label', {}, this.text(name), el('input', { name, required: true, ariaInvalid: fieldError(name) ? 'true' : 'false' }),
      fieldError(name) ? el('span', { className: 'error', textContent: fieldError(name) }) : '');
    const form = el('form', {}, input('code'), input('name'), el('button', { type: 'submit', textContent: this.text('add') }));
    form.addEventListener('submit', (event) => { event.preventDefault(); void this.add(form); });

    const rows = this.items.map((item) => el('tr', {}, el('td', { textContent: item.code }), el('td', { textContent: item.name })));
    const table = this.items.length === 0 ? el('p', { textContent: this.text('empty') })
      : el('table', {}, el('thead', {}, el('tr', {}, el('th', { textContent: this.text('code') }), el('th', { textContent: this.text('name') }))), el('tbody', {}, ...rows));
    this.root.replaceChildren(el('style', { textContent: styles }), el('h1', { textContent: this.text('title') }),
      this.problem ? el('p', { className: 'error', role: 'alert', textContent: this.problem.message }) : '', form, table);
  }
}

const styles = `
  :host { display: block; color: var(--p-text-color, #334155); }
  form { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: flex-end; margin-block: 1rem; }
  label { display: flex; flex-direction: column; gap: 0.25rem; }
  input { font: inherit; padding: 0.5rem; border: 1px solid var(--p-form-field-border-color, #cbd5e1); border-radius: 6px; background: transparent; color: inherit; }
  button { font: inherit; padding: 0.5rem 1rem; border: 0; border-radius: 6px; background: var(--p-primary-color, #10b981); color: var(--p-primary-contrast-color, #fff); cursor: pointer; }
  .error { color: var(--p-red-500, #dc2626); }
  table { border-collapse: collapse; }
  th, td { padding: 0.5rem 0.75rem; border-bottom: 1px solid var(--p-content-border-color, #e2e8f0); text-align: start; }
`;

customElements.define('acme-plugin-items', ItemsScreen);

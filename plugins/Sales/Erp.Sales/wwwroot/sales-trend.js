// @ts-check
// Sales' dashboard tile (slot "dashboard"): orders confirmed per day over the last two weeks as bars, how many in all and
// their net revenue per currency, as the server counts them (from the read replica), and a link to the orders screen.

import { ErpScreen, asProblem, bars, h } from './erp-screen.js';

/** @typedef {{ day: string, orders: number, revenue: { currency: string, netTotal: number }[] }} SalesDay */

const days = 14;

class SalesTrendTile extends ErpScreen {
  static texts = {
    en: { title: 'Sales, last 14 days', orders: 'Orders confirmed: {0}', chart: 'Orders confirmed per day', revenue: 'Net revenue', none: 'No orders confirmed in the last 14 days.',
          open: 'Open orders', loading: 'Loading…' },
    de: { title: 'Verkauf, letzte 14 Tage', orders: 'Bestätigte Aufträge: {0}', chart: 'Bestätigte Aufträge pro Tag', revenue: 'Nettoumsatz', none: 'In den letzten 14 Tagen wurden keine Aufträge bestätigt.',
          open: 'Aufträge öffnen', loading: 'Wird geladen…' },
    ar: { title: 'المبيعات، آخر 14 يومًا', orders: 'الطلبات المؤكدة: {0}', chart: 'الطلبات المؤكدة في اليوم', revenue: 'صافي الإيرادات', none: 'لم يُؤكَّد أي طلب في آخر 14 يومًا.',
          open: 'فتح الطلبات', loading: 'جارٍ التحميل…' },
  };

  /** @type {SalesDay[] | null} */
  #days = null;

  async load() {
    try {
      const statistics = await this.api(`/api/sales/statistics?days=${days}`);
      if (statistics) this.#days = statistics.days;
    } catch (error) {
      // The dashboard shows its compact error panel in place of the tile.
      this.dispatchEvent(new CustomEvent('erp-error', { detail: asProblem(error).message }));
    }
  }

  render() {
    const salesDays = this.#days;
    const orders = salesDays?.reduce((sum, day) => sum + day.orders, 0) ?? 0;
    /** @type {Map<string, number>} */
    const revenue = new Map();
    for (const { currency, netTotal } of salesDays?.flatMap((day) => day.revenue) ?? []) revenue.set(currency, (revenue.get(currency) ?? 0) + netTotal);
    this.draw(
      h('section', { className: 'tile', 'aria-labelledby': 'title' },
        h('h2', { id: 'title', textContent: this.text('title') }),
        salesDays === null ? this.loading()
          : orders === 0 ? h('p', { className: 'muted', textContent: this.text('none') })
          : h('div', {},
            h('p', { className: 'figure', textContent: this.text('orders', this.number(orders)) }),
            bars(this.text('chart'), salesDays.map((day) => ({ label: this.day(day.day), value: day.orders, shown: this.number(day.orders) }))),
            h('dl', {}, ...[...revenue].sort(([a], [b]) => a.localeCompare(b)).flatMap(([currency, total]) => [
              h('dt', { textContent: `${this.text('revenue')} (${currency})` }),
              h('dd', { textContent: this.money(total, currency) })]))),
        h('button', { type: 'button', className: 'secondary', textContent: this.text('open'),
          onclick: () => this.required().navigate('/screens/Erp.Sales/orders') })));
  }
}

customElements.define('erp-sales-trend', SalesTrendTile);

import { Component, input } from '@angular/core';
import type { EChartsCoreOption } from 'echarts/core';
import { NgxEchartsDirective } from 'ngx-echarts';
import { provideDashboardCharts } from './echarts';

/**
 * A tile's chart: ECharts draws it into a canvas hidden from screen readers (the tile has the same figures as a table).
 * Deferred by the tile, so ECharts loads as a chunk of its own while the tiles read their figures, and each tile's
 * summary shows before the library has arrived.
 */
@Component({
  selector: 'app-dashboard-chart',
  imports: [NgxEchartsDirective],
  providers: [provideDashboardCharts()],
  template: `<div echarts class="chart" aria-hidden="true" [options]="options()" [autoResize]="true"></div>`,
  styles: `
    .chart {
      height: 14rem;
    }
  `,
})
export class DashboardChart {
  readonly options = input.required<EChartsCoreOption>();
}

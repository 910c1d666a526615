import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { provideEchartsCore } from 'ngx-echarts';

// Only what the dashboard draws: the whole of ECharts would be several times the size. This file is reached only
// through the charts' lazy chunk (dashboard-chart.ts), so none of it is in the initial bundle.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export const provideDashboardCharts = () => provideEchartsCore({ echarts });

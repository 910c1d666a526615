import type { EChartsCoreOption } from 'echarts/core';

/** A colour by meaning; the palette turns it into the theme's colour. */
export type Tone = 'primary' | 'success' | 'danger' | 'warn' | 'info' | 'muted';

export interface Series {
  /** A text key. */
  name: string;
  values: number[];
  tone: Tone;
}

/**
 * What one tile draws, free of any chart library: categories (days as `2026-12-01`, or text keys) and a series of
 * numbers per category. The same numbers fill the table that screen readers read instead of the chart.
 */
export interface Chart {
  kind: 'stacked-bars' | 'bars' | 'lines' | 'donut';
  categories: string[];
  categoriesAreDays: boolean;
  series: Series[];
  /** A donut's colour per slice; bars and lines take their series' colour. */
  categoryTones?: Tone[];
}

/** The theme's colours as the canvas needs them (it cannot read CSS variables itself). */
export interface Palette {
  text: string;
  muted: string;
  grid: string;
  tones: Record<Tone, string>;
}

/** The colours of the theme now applied (light or dark: `.erp-dark` on `<html>`). */
export function currentPalette(root: HTMLElement): Palette {
  const style = getComputedStyle(root);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: read('--p-text-color', '#334155'),
    muted: read('--p-text-muted-color', '#64748b'),
    grid: read('--p-content-border-color', '#e2e8f0'),
    tones: {
      primary: read('--p-primary-color', '#10b981'),
      success: read('--p-green-500', '#22c55e'),
      danger: read('--p-red-500', '#ef4444'),
      warn: read('--p-orange-400', '#fb923c'),
      info: read('--p-sky-500', '#0ea5e9'),
      muted: read('--p-surface-400', '#94a3b8'),
    },
  };
}

/** The chart's options for ECharts, in the theme's colours, with labels already in the reader's language. */
export function chartOptions(
  chart: Chart,
  palette: Palette,
  label: (category: string) => string,
  seriesName: (key: string) => string,
): EChartsCoreOption {
  const common = {
    backgroundColor: 'transparent',
    textStyle: { color: palette.text },
    legend: { top: 0, textStyle: { color: palette.text } },
    animation: false,
  };
  if (chart.kind === 'donut') {
    const [series] = chart.series;
    return {
      ...common,
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'pie',
          radius: ['45%', '70%'],
          top: 24,
          label: { color: palette.text },
          data: chart.categories.map((category, i) => ({
            name: label(category),
            value: series.values[i],
            itemStyle: { color: palette.tones[chart.categoryTones?.[i] ?? series.tone] },
          })),
        },
      ],
    };
  }
  return {
    ...common,
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    xAxis: {
      type: 'category',
      data: chart.categories.map(label),
      axisLabel: { color: palette.muted },
      axisLine: { lineStyle: { color: palette.grid } },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: palette.muted },
      splitLine: { lineStyle: { color: palette.grid } },
    },
    series: chart.series.map((series) => ({
      type: chart.kind === 'lines' ? 'line' : 'bar',
      name: seriesName(series.name),
      data: series.values,
      stack: chart.kind === 'stacked-bars' ? 'total' : undefined,
      color: palette.tones[series.tone],
      smooth: chart.kind === 'lines',
    })),
  };
}

/** Whether there is anything to draw: a chart of zeros says less than "nothing yet". */
export function isEmpty(chart: Chart): boolean {
  return chart.series.every((series) => series.values.every((value) => value === 0));
}

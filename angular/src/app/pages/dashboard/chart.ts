import type { ChartConfig } from './chart-messages';

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

/** The chart's configuration for Chart.js, in the theme's colours, with labels already in the reader's language. */
export function chartConfig(
  chart: Chart,
  palette: Palette,
  label: (category: string) => string,
  seriesName: (key: string) => string,
): ChartConfig {
  const labels = chart.categories.map(label);
  const common = {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    color: palette.text,
    plugins: { legend: { labels: { color: palette.text, boxWidth: 12 } } },
  };
  if (chart.kind === 'donut') {
    const [series] = chart.series;
    return {
      type: 'doughnut',
      data: {
        labels,
        datasets: [
          {
            label: seriesName(series.name),
            data: series.values,
            backgroundColor: chart.categories.map((_, i) => palette.tones[chart.categoryTones?.[i] ?? series.tone]),
            borderWidth: 0,
          },
        ],
      },
      options: { ...common, cutout: '60%' },
    };
  }
  const stacked = chart.kind === 'stacked-bars';
  // Lines across at the values; none down at each day, which only crowd a narrow tile.
  const axis = (values: boolean) => ({
    stacked,
    beginAtZero: values,
    ticks: { color: palette.muted, precision: 0 },
    grid: { color: palette.grid, display: values },
  });
  return {
    type: chart.kind === 'lines' ? 'line' : 'bar',
    data: {
      labels,
      datasets: chart.series.map((series) => ({
        label: seriesName(series.name),
        data: series.values,
        backgroundColor: palette.tones[series.tone],
        borderColor: palette.tones[series.tone],
        tension: chart.kind === 'lines' ? 0.3 : 0,
        pointRadius: 2,
      })),
    },
    options: { ...common, scales: { x: axis(false), y: axis(true) } },
  };
}

/** Whether there is anything to draw: a chart of zeros says less than "nothing yet". */
export function isEmpty(chart: Chart): boolean {
  return chart.series.every((series) => series.values.every((value) => value === 0));
}

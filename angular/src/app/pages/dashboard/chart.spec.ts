import type { ChartConfiguration } from 'chart.js';
import { Chart, Palette, chartConfig, isEmpty } from './chart';

const palette: Palette = {
  text: 'white',
  muted: 'grey',
  grid: 'dimgrey',
  tones: {
    primary: 'teal',
    success: 'green',
    danger: 'red',
    warn: 'orange',
    info: 'blue',
    muted: 'silver',
  },
};

const signIns: Chart = {
  kind: 'stacked-bars',
  categories: ['2026-12-01', '2026-12-02'],
  categoriesAreDays: true,
  series: [
    { name: 'ok', values: [3, 0], tone: 'success' },
    { name: 'failed', values: [1, 0], tone: 'danger' },
  ],
};

describe('chartConfig', () => {
  it('draws the series in the theme colour of their meaning, stacked, with labels in the reader language', () => {
    const config = chartConfig(
      signIns,
      palette,
      (day) => `day ${day}`,
      (key) => `text ${key}`,
    ) as ChartConfiguration<'bar'>;
    expect(config.type).toBe('bar');
    expect(config.data.labels).toEqual(['day 2026-12-01', 'day 2026-12-02']);
    expect(config.data.datasets.map((s) => [s.label, s.data, s.backgroundColor])).toEqual([
      ['text ok', [3, 0], 'green'],
      ['text failed', [1, 0], 'red'],
    ]);
    const scales = config.options!.scales as Record<'x' | 'y', { stacked: boolean; ticks: { color: string } }>;
    expect([scales.x.stacked, scales.y.stacked, scales.x.ticks.color]).toEqual([true, true, 'grey']);
  });

  it('draws lines unstacked', () => {
    const config = chartConfig({ ...signIns, kind: 'lines' }, palette, String, String) as ChartConfiguration<'line'>;
    const scales = config.options!.scales as Record<'x' | 'y', { stacked: boolean }>;
    expect([config.type, scales.y.stacked]).toEqual(['line', false]);
  });

  it('colours each slice of a donut by its own meaning', () => {
    const users: Chart = {
      kind: 'donut',
      categories: ['active', 'locked'],
      categoriesAreDays: false,
      series: [{ name: 'users', values: [5, 1], tone: 'primary' }],
      categoryTones: ['success', 'danger'],
    };
    const config = chartConfig(
      users,
      palette,
      (key) => key.toUpperCase(),
      (key) => key,
    ) as ChartConfiguration<'doughnut'>;
    expect(config.type).toBe('doughnut');
    expect(config.data.labels).toEqual(['ACTIVE', 'LOCKED']);
    expect(config.data.datasets[0].data).toEqual([5, 1]);
    expect(config.data.datasets[0].backgroundColor).toEqual(['green', 'red']);
  });
});

describe('isEmpty', () => {
  it('is true only when every number is zero', () => {
    expect(isEmpty(signIns)).toBe(false);
    expect(
      isEmpty({ ...signIns, series: signIns.series.map((s) => ({ ...s, values: [0, 0] })) }),
    ).toBe(true);
  });
});

import { Chart, Palette, chartOptions, isEmpty } from './chart';

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

describe('chartOptions', () => {
  it('draws the series in the theme colour of their meaning, stacked, with labels in the reader language', () => {
    const options = chartOptions(
      signIns,
      palette,
      (day) => `day ${day}`,
      (key) => `text ${key}`,
    ) as {
      xAxis: { data: string[]; axisLabel: { color: string } };
      series: { name: string; color: string; stack?: string; type: string }[];
    };
    expect(options.xAxis.data).toEqual(['day 2026-12-01', 'day 2026-12-02']);
    expect(options.xAxis.axisLabel.color).toBe('grey');
    expect(options.series.map((s) => [s.type, s.name, s.color, s.stack])).toEqual([
      ['bar', 'text ok', 'green', 'total'],
      ['bar', 'text failed', 'red', 'total'],
    ]);
  });

  it('colours each slice of a donut by its own meaning', () => {
    const users: Chart = {
      kind: 'donut',
      categories: ['active', 'locked'],
      categoriesAreDays: false,
      series: [{ name: 'users', values: [5, 1], tone: 'primary' }],
      categoryTones: ['success', 'danger'],
    };
    const options = chartOptions(
      users,
      palette,
      (key) => key.toUpperCase(),
      (key) => key,
    ) as {
      series: { data: { name: string; value: number; itemStyle: { color: string } }[] }[];
    };
    expect(options.series[0].data).toEqual([
      { name: 'ACTIVE', value: 5, itemStyle: { color: 'green' } },
      { name: 'LOCKED', value: 1, itemStyle: { color: 'red' } },
    ]);
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

import type { ChartConfiguration } from 'chart.js';

/** What Chart.js is given for one of the dashboard's charts (here, not in chart.ts, which needs the page's DOM). */
export type ChartConfig = ChartConfiguration<'doughnut'> | ChartConfiguration<'bar' | 'line'>;

/** What the page tells the chart worker about the chart it numbered `id`; sizes in CSS pixels. */
export type ChartMessage =
  /** Draw (anew) with this configuration; the canvas comes with the first draw only, it is the worker's afterwards. */
  | { kind: 'draw'; id: number; canvas?: OffscreenCanvas; config: ChartConfig; width: number; height: number; ratio: number }
  | { kind: 'resize'; id: number; width: number; height: number }
  /** The pointer over the chart (its tooltip follows), or gone from it (x and y null). */
  | { kind: 'pointer'; id: number; x: number | null; y: number | null }
  | { kind: 'dispose'; id: number };

/** What the worker answers: the chart is on its canvas. */
export interface ChartDrawn {
  id: number;
}

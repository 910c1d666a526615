/// <reference lib="webworker" />
import type { ChartEvent } from 'chart.js';
import { ChartMessage } from './chart-messages';
import { ChartJs } from './charts';

// Chart.js draws the dashboard's charts here, off the page's thread: on a phone, drawing them on it blocked the page for
// more than half a second. The page hands over each chart's canvas once, then sends its configuration, size and pointer.
const charts = new Map<number, { canvas: OffscreenCanvas; chart?: ChartJs }>();

addEventListener('message', ({ data: message }: MessageEvent<ChartMessage>) => {
  if (message.kind === 'draw' && message.canvas) charts.set(message.id, { canvas: message.canvas });
  const entry = charts.get(message.id);
  if (!entry) return;
  switch (message.kind) {
    case 'draw': {
      const options = { ...message.config.options, responsive: false, devicePixelRatio: message.ratio };
      if (entry.chart) {
        // New figures, texts or colours for the chart there is: changed in place, on the canvas as it is sized.
        entry.chart.data = message.config.data;
        entry.chart.options = options;
        entry.chart.update();
      } else {
        // A worker has no layout to measure: the page gives the size and the screen's pixel ratio.
        entry.canvas.width = message.width;
        entry.canvas.height = message.height;
        entry.chart = new ChartJs(entry.canvas, { ...message.config, options } as typeof message.config);
      }
      postMessage({ id: message.id });
      break;
    }
    case 'resize':
      entry.chart?.resize(message.width, message.height);
      break;
    case 'pointer': {
      const chart = entry.chart;
      if (!chart) return;
      // What Chart.js does on a pointer move over its own canvas: the elements under it become active, with their tooltip.
      const event = { type: 'mousemove', x: message.x, y: message.y, native: null } as ChartEvent;
      const { mode = 'nearest', intersect = true } = chart.options.interaction ?? {};
      const active = message.x === null ? [] : chart.getElementsAtEventForMode(event as unknown as Event, mode, { intersect }, false);
      chart.setActiveElements(active);
      chart.tooltip?.setActiveElements(active, { x: message.x ?? 0, y: message.y ?? 0 });
      chart.update();
      break;
    }
    case 'dispose':
      entry.chart?.destroy();
      charts.delete(message.id);
      break;
  }
});

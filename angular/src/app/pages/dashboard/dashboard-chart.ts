import { Component, DestroyRef, ElementRef, afterNextRender, afterRenderEffect, inject, input, signal, viewChild } from '@angular/core';
import { ChartConfig, ChartDrawn, ChartMessage } from './chart-messages';

/**
 * A tile's chart: Chart.js draws it into a canvas hidden from screen readers (the tile has the same figures as a table),
 * drawn anew when its configuration changes (new figures, a language or theme change). Deferred by the tile until in
 * view. Chart.js runs in a worker of its own (chart.worker.ts), so drawing never blocks the page; `data-drawn` counts
 * the drawings on the canvas so far.
 */
@Component({
  selector: 'app-dashboard-chart',
  template: `<canvas #canvas aria-hidden="true"></canvas>`,
  host: { '[attr.data-drawn]': 'drawn() || null' },
  styles: `
    :host {
      display: block;
      position: relative;
      height: 14rem;
    }
    canvas {
      display: block;
      width: 100%;
      height: 100%;
    }
  `,
})
export class DashboardChart {
  readonly config = input.required<ChartConfig>();
  protected readonly drawn = signal(0);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  constructor() {
    const host: HTMLElement = inject(ElementRef).nativeElement;
    let painter: Painter | undefined;
    let size: { width: number; height: number } | undefined;
    const draw = () => {
      const config = this.config(); // read first, always: the effect below follows what it read
      if (size) painter?.draw(config, size.width, size.height);
    };
    // The size comes from layout, which a worker cannot see: the first one draws, later ones resize.
    const resizes = new ResizeObserver(([entry]) => {
      const first = !size;
      size = { width: entry.contentRect.width, height: entry.contentRect.height };
      if (first) draw();
      else painter?.resize(size.width, size.height);
    });
    afterNextRender(() => {
      const canvas = this.canvas().nativeElement;
      painter = painterFor(canvas, () => this.drawn.update((count) => count + 1));
      resizes.observe(host);
      // Plain listeners: a template's would run change detection on every move of the pointer.
      canvas.addEventListener('pointermove', (event) => painter?.pointer(event.offsetX, event.offsetY));
      canvas.addEventListener('pointerleave', () => painter?.pointer(null, null));
    });
    // A new configuration (new figures, a language or theme change): drawn anew, once the page shows the change (the
    // palette is read from its styles).
    afterRenderEffect({ write: draw });
    inject(DestroyRef).onDestroy(() => {
      resizes.disconnect();
      painter?.dispose();
    });
  }
}

/** Draws one canvas's chart; sizes and the pointer in CSS pixels. */
interface Painter {
  draw(config: ChartConfig, width: number, height: number): void;
  resize(width: number, height: number): void;
  pointer(x: number | null, y: number | null): void;
  dispose(): void;
}

let worker: Worker | null | undefined;
let nextId = 0;
const onDrawn = new Map<number, () => void>();

function painterFor(canvas: HTMLCanvasElement, drawn: () => void): Painter {
  worker ??= startWorker();
  return worker ? new WorkerPainter(worker, canvas, drawn) : new PagePainter(canvas, drawn);
}

// A worker's script must come from the page's own origin: with the SPA's files on a CDN (Spa:AssetBaseUrl) the browser
// refuses it, and the charts are drawn on the page as before the worker.
function startWorker(): Worker | null {
  try {
    const started = new Worker(new URL('./chart.worker', import.meta.url), { type: 'module' });
    started.addEventListener('message', ({ data }: MessageEvent<ChartDrawn>) => onDrawn.get(data.id)?.());
    return started;
  } catch {
    return null;
  }
}

class WorkerPainter implements Painter {
  private readonly id = nextId++;
  private offscreen: OffscreenCanvas | undefined;

  constructor(
    private readonly worker: Worker,
    canvas: HTMLCanvasElement,
    drawn: () => void,
  ) {
    this.offscreen = canvas.transferControlToOffscreen();
    onDrawn.set(this.id, drawn);
  }

  draw(config: ChartConfig, width: number, height: number): void {
    const canvas = this.offscreen; // handed over with the first drawing
    this.offscreen = undefined;
    this.send({ kind: 'draw', id: this.id, canvas, config, width, height, ratio: devicePixelRatio }, canvas ? [canvas] : []);
  }

  resize(width: number, height: number): void {
    this.send({ kind: 'resize', id: this.id, width, height });
  }

  pointer(x: number | null, y: number | null): void {
    this.send({ kind: 'pointer', id: this.id, x, y });
  }

  dispose(): void {
    onDrawn.delete(this.id);
    this.send({ kind: 'dispose', id: this.id });
  }

  private send(message: ChartMessage, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}

/** Chart.js on the page itself, which sizes the chart and follows the pointer on its own. */
class PagePainter implements Painter {
  private chart: Promise<{ destroy(): void }> | undefined;

  constructor(
    private readonly canvas: HTMLCanvasElement,
    private readonly drawn: () => void,
  ) {}

  draw(config: ChartConfig): void {
    const previous = this.chart;
    this.chart = import('./charts').then(async ({ ChartJs }) => {
      (await previous)?.destroy();
      const chart = new ChartJs(this.canvas, config);
      this.drawn();
      return chart;
    });
  }

  resize(): void {}

  pointer(): void {}

  dispose(): void {
    void this.chart?.then((chart) => chart.destroy());
  }
}

import { Component, DestroyRef, ElementRef, afterRenderEffect, inject, input, viewChild } from '@angular/core';
import { ChartConfig } from './chart';
import { ChartJs } from './charts';

/**
 * A tile's chart: Chart.js draws it into a canvas hidden from screen readers (the tile has the same figures as a table),
 * drawn anew when its configuration changes (new figures, a language or theme change). Deferred by the tile until in
 * view, so Chart.js loads as a chunk of its own and each tile's summary shows before it has arrived.
 */
@Component({
  selector: 'app-dashboard-chart',
  template: `<canvas #canvas aria-hidden="true"></canvas>`,
  styles: `
    :host {
      display: block;
      position: relative;
      height: 14rem;
    }
  `,
})
export class DashboardChart {
  readonly config = input.required<ChartConfig>();
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');

  constructor() {
    let chart: ChartJs | undefined;
    afterRenderEffect({
      write: () => {
        chart?.destroy();
        chart = new ChartJs(this.canvas().nativeElement, this.config());
      },
    });
    inject(DestroyRef).onDestroy(() => chart?.destroy());
  }
}

import { Component, DOCUMENT, OnInit, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { PluralPipe } from '../../core/plural';
import { Api } from '../../api/api';
import { Problems } from '../../core/problems';
import { Theme } from '../../core/theme';
import { chartConfig, currentPalette, isEmpty } from './chart';
import { DashboardChart } from './dashboard-chart';
import { TileContent, TileDefinition } from './tiles';

/**
 * One tile: loads its figures, then shows them as a chart with a summary, and as a table for screen readers (the
 * canvas is hidden from them). While loading a placeholder, on failure the problem and a retry, with no data a line saying so.
 */
@Component({
  selector: 'app-dashboard-tile',
  imports: [DashboardChart, PluralPipe, TranslocoPipe],
  template: `
    <section
      class="tile"
      [attr.aria-labelledby]="'tile-' + tile().id"
      [attr.aria-busy]="content() === null && failure() === null"
    >
      <h2 [id]="'tile-' + tile().id">{{ 'dashboard.' + tile().id + '.title' | transloco }}</h2>
      @if (failure(); as failure) {
        <p class="failure" role="alert">{{ failure }}</p>
        <button type="button" class="text-button" (click)="load()">
          <i class="pi pi-refresh" aria-hidden="true"></i>{{ 'dashboard.retry' | transloco }}
        </button>
      } @else if (content(); as content) {
        <figure>
          @if (empty()) {
            <p class="empty">{{ 'dashboard.empty' | transloco }}</p>
          } @else {
            <!-- Drawn once in view: a phone shows one tile at a time, and Chart.js loads when the first chart is. -->
            @defer (on viewport) {
              <app-dashboard-chart [config]="config()" />
            } @placeholder {
              <div class="chart"></div>
            }
            <table class="sr-only">
              <thead>
                <tr>
                  <th scope="col">
                    {{
                      (content.chart.categoriesAreDays ? 'dashboard.day' : 'dashboard.state')
                        | transloco
                    }}
                  </th>
                  @for (series of content.chart.series; track series.name) {
                    <th scope="col">{{ series.name | transloco }}</th>
                  }
                </tr>
              </thead>
              <tbody>
                @for (category of content.chart.categories; track category; let i = $index) {
                  <tr>
                    <th scope="row">{{ label(category) }}</th>
                    @for (series of content.chart.series; track series.name) {
                      <td>{{ series.values[i] }}</td>
                    }
                  </tr>
                }
              </tbody>
            </table>
          }
          <figcaption>
            @if (content.summary.count === undefined) {
              {{ content.summary.key | transloco: content.summary.params }}
            } @else {
              {{ content.summary.key | plural: content.summary.count : content.summary.params }}
            }
          </figcaption>
        </figure>
      } @else {
        <div class="chart loading"></div>
        <span class="sr-only">{{ 'dashboard.loading' | transloco }}</span>
      }
    </section>
  `,
  styles: `
    .tile {
      padding: 1rem;
      border: 1px solid var(--p-content-border-color);
      border-radius: var(--p-content-border-radius);
      background: var(--p-content-background);
    }
    h2 {
      margin-block: 0 0.5rem;
    }
    figure {
      margin: 0;
    }
    .chart {
      height: 14rem;
    }
    .failure {
      padding: 0.75rem 1rem;
      border-radius: var(--p-content-border-radius);
      background: var(--p-red-50);
      color: var(--p-red-700);
    }
    :host-context(html.erp-dark) .failure {
      background: color-mix(in srgb, var(--p-red-500) 16%, transparent);
      color: var(--p-red-300);
    }
    .loading {
      border-radius: var(--p-content-border-radius);
      background: var(--p-content-hover-background);
    }
    figcaption,
    .empty {
      color: var(--p-text-muted-color);
      margin-block: 0.5rem 0;
    }
  `,
})
export class DashboardTile implements OnInit {
  readonly tile = input.required<TileDefinition>();

  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);
  private readonly theme = inject(Theme);
  private readonly root = inject(DOCUMENT).documentElement;
  // Emits once the active language's texts are loaded: labels drawn into the canvas follow a language change.
  private readonly translation = toSignal(this.texts.selectTranslation());

  protected readonly content = signal<TileContent | null>(null);
  protected readonly failure = signal<string | null>(null);
  protected readonly empty = computed(() => isEmpty(this.content()!.chart));

  protected readonly config = computed(() => {
    this.translation();
    this.theme.dark(); // the palette is read again when the theme changes
    return chartConfig(
      this.content()!.chart,
      currentPalette(this.root),
      (category) => this.label(category),
      (key) => this.texts.translate(key),
    );
  });

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.failure.set(null);
    try {
      this.content.set(await this.tile().load(this.api));
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  /** A category as the reader reads it: a day in their language's short form (the days are UTC days), else a text key. */
  protected label(category: string): string {
    if (!this.content()?.chart.categoriesAreDays) return this.texts.translate(category);
    return dayFormat(this.texts.getActiveLang()).format(new Date(`${category}T00:00:00Z`));
  }
}

// A formatter is costly to make (tens of milliseconds on a phone) and a tile labels each of its days.
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(language: string): Intl.DateTimeFormat {
  let format = dayFormats.get(language);
  if (!format) dayFormats.set(language, (format = new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' })));
  return format;
}

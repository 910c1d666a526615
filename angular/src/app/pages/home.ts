import { Component, computed, inject } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { MenuNodeDto } from '../api/models';
import { Session } from '../core/session';
import { Dashboard } from './dashboard/dashboard';
import { hasDashboard } from './dashboard/tiles';

/**
 * Where a signed-in user lands: a greeting, then the dashboard for those who may read any of its figures (its charts
 * load as a chunk of their own once in view), else what they may open, grouped as their menu is.
 */
@Component({
  selector: 'app-home',
  imports: [RouterLink, TranslocoPipe, Dashboard],
  template: `
    <h1>{{ 'home.greeting' | transloco: { name: session.user()?.name } }}</h1>
    @if (showDashboard()) {
      <app-dashboard />
    } @else {
      @for (group of groups(); track group.name) {
        <section [attr.aria-labelledby]="'group-' + group.name">
          <h2 [id]="'group-' + group.name">{{ group.label }}</h2>
          <ul class="tiles">
            @for (entry of group.entries; track entry.name) {
              <li><a [routerLink]="entry.route">{{ entry.label }}</a></li>
            }
          </ul>
        </section>
      } @empty {
        <p>{{ 'home.nothing' | transloco }}</p>
      }
    }
  `,
  styles: `
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
      gap: 0.75rem;
      padding: 0;
      list-style: none;
    }
    .tiles a {
      display: block;
      padding: 1rem;
      border: 1px solid var(--p-content-border-color);
      border-radius: var(--p-content-border-radius);
      color: var(--p-text-color);
      text-decoration: none;
    }
    .tiles a:hover,
    .tiles a:focus-visible {
      border-color: var(--p-primary-color);
    }
  `,
})
export class HomePage {
  protected readonly session = inject(Session);
  protected readonly showDashboard = computed(() => hasDashboard(this.session));

  /** Top-level groups with the links under them (at any depth); a link at the top stands in a group of its own. */
  protected readonly groups = computed(() =>
    this.session.menu().map((node) => ({ name: node.name, label: node.label, entries: node.children.length > 0 ? links(node.children) : [node] })),
  );
}

function links(nodes: MenuNodeDto[]): MenuNodeDto[] {
  return nodes.flatMap((node) => (node.children.length > 0 ? links(node.children) : node.route ? [node] : []));
}

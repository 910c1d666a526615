import { NgTemplateOutlet } from '@angular/common';
import { Component, input, signal } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { MenuNodeDto } from '../api/models';

/**
 * The user's menu from the host's tree: each group a button that shows or hides its entries (the WAI-ARIA disclosure
 * pattern, open at first), each entry a link, the current page's marked `aria-current`. Plain lists, buttons and links
 * rather than a tree widget: Tab walks them, screen readers name them as what they are, and the first page carries no
 * menu component's code.
 */
@Component({
  selector: 'app-nav-menu',
  imports: [NgTemplateOutlet, RouterLink, RouterLinkActive],
  template: `
    <ng-template #list let-nodes let-parent="parent">
      <ul>
        @for (node of nodes; track node.name) {
          @let path = parent + node.name;
          <li>
            @if (node.children.length > 0) {
              <button
                type="button"
                class="group"
                [attr.aria-expanded]="!closed().has(path)"
                (click)="toggle(path); $event.stopPropagation()"
              >
                <i
                  class="pi"
                  [class.pi-chevron-down]="!closed().has(path)"
                  [class.pi-chevron-right]="closed().has(path)"
                  aria-hidden="true"
                ></i>
                {{ node.label }}
              </button>
              @if (!closed().has(path)) {
                <ng-container *ngTemplateOutlet="list; context: { $implicit: node.children, parent: path + '/' }" />
              }
            } @else if (node.route) {
              <a [routerLink]="node.route" routerLinkActive="active" ariaCurrentWhenActive="page">{{ node.label }}</a>
            }
          </li>
        }
      </ul>
    </ng-template>
    <ng-container *ngTemplateOutlet="list; context: { $implicit: nodes(), parent: '' }" />
  `,
  styles: `
    :host {
      display: block;
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    ul ul {
      padding-inline-start: 1rem;
    }
    a,
    .group {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      width: 100%;
      padding: 0.5rem 0.75rem;
      border: 0;
      border-radius: var(--p-content-border-radius);
      background: none;
      color: var(--p-text-color);
      font: inherit;
      text-align: start;
      text-decoration: none;
      cursor: pointer;
    }
    .group {
      font-weight: 600;
    }
    a:hover,
    .group:hover {
      background: var(--p-content-hover-background);
    }
    a.active {
      background: var(--p-highlight-background);
      color: var(--p-highlight-color);
    }
    a:focus-visible,
    .group:focus-visible {
      outline: 2px solid var(--p-primary-color);
      outline-offset: -2px;
    }
    .pi {
      font-size: 0.75rem;
    }
  `,
})
export class NavMenu {
  readonly nodes = input.required<MenuNodeDto[]>();
  /** The groups the user folded away, by their path in the tree (`Sales/Reports`): a name is unique among its siblings only. */
  protected readonly closed = signal<ReadonlySet<string>>(new Set());

  protected toggle(path: string): void {
    this.closed.update((closed) => {
      const next = new Set(closed);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  }
}

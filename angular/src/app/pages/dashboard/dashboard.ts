import { Component, computed, inject } from '@angular/core';
import { Session } from '../../core/session';
import { PluginSlot } from '../../plugins/plugin-slot';
import { DashboardTile } from './dashboard-tile';
import { tileDefinitions } from './tiles';

/**
 * What the platform knows today, a tile for each kind of figure the user may read, then the plugins' tiles (slot
 * `dashboard`). Charts and plugins' tiles load once in view: a phone shows one tile at a time.
 */
@Component({
  selector: 'app-dashboard',
  imports: [DashboardTile, PluginSlot],
  template: `
    <div class="tiles">
      @for (tile of tiles(); track tile.id) {
        <app-dashboard-tile [tile]="tile" />
      }
      @defer (on viewport) {
        <erp-plugin-slot name="dashboard" />
      } @placeholder {
        <div class="slot-placeholder"></div>
      }
    </div>
  `,
  styles: `
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 24rem), 1fr));
      gap: 1rem;
    }
    .slot-placeholder {
      min-height: 1px;
    }
  `,
})
export class Dashboard {
  private readonly session = inject(Session);
  protected readonly tiles = computed(() =>
    tileDefinitions.filter((tile) => this.session.can(tile.permission)),
  );
}

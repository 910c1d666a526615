import { Injectable, computed, inject, signal } from '@angular/core';
import { Api } from '../api/api';
import { getAppConfig } from '../api/functions';
import { AppConfigDto } from '../api/models';

/**
 * What the signed-in user may see and do, from `GET /api/app-config` (one call when the shell opens): their name, their
 * permissions, their menu (only entries they may use, plugins' and published low-code entities' included) and the
 * client-visible settings.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly api = inject(Api);
  private readonly config = signal<AppConfigDto | null>(null);

  readonly user = computed(() => this.config()?.user ?? null);
  readonly menu = computed(() => this.config()?.menu ?? []);
  readonly languages = computed(() => this.config()?.languages ?? []);
  /** The plugins' screens the user may open (`/screens/{plugin}/{route}`). */
  readonly screens = computed(() => this.config()?.screens ?? []);
  /** The plugins' elements the user may see in the SPA's slots (`erp-plugin-slot`), in each slot's order. */
  readonly slotElements = computed(() => this.config()?.slotElements ?? []);
  private readonly permissions = computed(() => new Set(this.config()?.permissions ?? []));

  /** Loads the configuration once per page load; the guard waits for it before any page opens. */
  async load(): Promise<AppConfigDto> {
    const loaded = this.config() ?? (await this.api.invoke(getAppConfig));
    this.config.set(loaded);
    return loaded;
  }

  /** Reads the configuration again: the menu's labels in a newly chosen language. */
  async reload(): Promise<void> {
    this.config.set(await this.api.invoke(getAppConfig));
  }

  /** Whether the user holds the permission (a route's, a button's). */
  can(permission: string): boolean {
    return this.permissions().has(permission);
  }
}

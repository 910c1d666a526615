import { Injectable, computed, inject, signal } from '@angular/core';
import { Api } from '../api/api';
// Each call from its own file, not the api/functions barrel: importing that barrel puts all of the generated calls in
// the first download, and this file is in it.
import { getAppConfig } from '../api/fn/application/get-app-config';
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

  private loading: Promise<AppConfigDto> | null = null;

  /**
   * Loads the configuration once per page load; the guard waits for it before any page opens. Started early by the app's
   * initializer, the guard takes that call; a failed one is made again when asked next.
   */
  load(): Promise<AppConfigDto> {
    this.loading ??= this.api.invoke(getAppConfig).then(
      (loaded) => {
        this.config.set(loaded);
        return loaded;
      },
      (error: unknown) => {
        this.loading = null;
        throw error;
      },
    );
    return this.loading;
  }

  /** Reads the configuration again: the menu's labels in a newly chosen language. */
  async reload(): Promise<void> {
    const loaded = await this.api.invoke(getAppConfig);
    this.loading = Promise.resolve(loaded);
    this.config.set(loaded);
  }

  /** Whether the user holds the permission (a route's, a button's). */
  can(permission: string): boolean {
    return this.permissions().has(permission);
  }
}

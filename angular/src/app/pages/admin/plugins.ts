import { Component, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { MessageModule } from 'primeng/message';
import { TableModule } from 'primeng/table';
import { TagModule } from 'primeng/tag';
import { Api } from '../../api/api';
import { getPluginHost, listPlugins } from '../../api/functions';
import { PluginDto, PluginHostDto } from '../../api/models';
import { Problems } from '../../core/problems';

/** The plugins in the host's plugins folder: loaded, or why not (refused by the checks, or failed while starting). */
@Component({
  selector: 'app-plugins',
  imports: [TranslocoPipe, MessageModule, TableModule, TagModule],
  template: `
    <h1>{{ 'plugins.title' | transloco }}</h1>
    @if (host(); as host) {
      <p class="muted" data-testid="plugin-host">
        {{ 'plugins.host' | transloco: { version: host.version, sdk: host.pluginSdkVersions.join(', ') } }}
        <code>{{ host.pluginsPath }}</code>
      </p>
    }
    @if (failure(); as failed) {
      <p-message severity="error" [text]="failed" />
    }
    <p-table [value]="plugins()" dataKey="id" [tableStyle]="{ 'min-width': '40rem' }" [attr.aria-label]="'plugins.title' | transloco">
      <ng-template #header>
        <tr>
          <th scope="col">{{ 'plugins.plugin' | transloco }}</th>
          <th scope="col">{{ 'plugins.version' | transloco }}</th>
          <th scope="col">{{ 'plugins.status' | transloco }}</th>
          <th scope="col">{{ 'plugins.folder' | transloco }}</th>
        </tr>
      </ng-template>
      <ng-template #body let-plugin>
        <tr>
          <td>{{ plugin.displayName ?? plugin.id }} <span class="muted">{{ plugin.id }}</span></td>
          <td>{{ plugin.version ?? '—' }}</td>
          <td>
            <p-tag [value]="'plugins.state.' + plugin.status | transloco" [severity]="plugin.status === 'Loaded' ? 'success' : 'danger'" />
            @if (plugin.reason) {
              <div class="muted">{{ plugin.reason }}</div>
            }
          </td>
          <td><code>{{ plugin.folder }}</code></td>
        </tr>
      </ng-template>
      <ng-template #emptymessage>
        <tr><td colspan="4">{{ 'plugins.none' | transloco }}</td></tr>
      </ng-template>
    </p-table>
  `,
})
export class PluginsPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  protected readonly plugins = signal<PluginDto[]>([]);
  /** What the plugins are checked against, for whoever deploys one. */
  protected readonly host = signal<PluginHostDto | null>(null);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    Promise.all([this.api.invoke(listPlugins), this.api.invoke(getPluginHost)]).then(
      ([plugins, host]) => {
        this.plugins.set(plugins);
        this.host.set(host);
      },
      (error: unknown) => this.failure.set(this.problems.of(error).detail),
    );
  }
}

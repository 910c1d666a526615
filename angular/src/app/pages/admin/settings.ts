import { Component, computed, inject, signal } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { MessageModule } from 'primeng/message';
import { Api } from '../../api/api';
import { getGlobalSettings, updateGlobalSettings } from '../../api/functions';
import { SettingGroupDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { SettingChanges, SettingGroups } from '../../shared/setting-groups';

/**
 * The global settings every module and plugin defines, page by page, each field drawn by its type. A page saves its
 * changes together (all or none); a value cleared falls back to configuration or the default.
 */
@Component({
  selector: 'app-settings',
  imports: [SettingGroups, TranslocoPipe, MessageModule],
  template: `
    <h1>{{ 'settings.title' | transloco }}</h1>
    @if (failure(); as failed) {
      <p-message severity="error" [text]="failed" />
    }
    <app-setting-groups [groups]="groups()" [editable]="canManage()" level="Global" [save]="save" />
  `,
})
export class SettingsPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly session = inject(Session);
  protected readonly canManage = computed(() => this.session.can('Settings.Manage'));

  protected readonly groups = signal<SettingGroupDto[]>([]);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.groups.set(await this.api.invoke(getGlobalSettings));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected readonly save = async (group: string, values: SettingChanges): Promise<Problem | null> => {
    try {
      // A cleared value is sent as null (the API clears it), which the generated type, made from a dictionary of strings, does not say.
      await this.api.invoke(updateGlobalSettings, { group, body: { values: values as Record<string, string> } });
      await this.load();
      return null;
    } catch (error) {
      return this.problems.of(error);
    }
  };
}

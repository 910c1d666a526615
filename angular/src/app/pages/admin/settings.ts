import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { SelectModule } from 'primeng/select';
import { TagModule } from 'primeng/tag';
import { ToggleSwitchModule } from 'primeng/toggleswitch';
import { Api } from '../../api/api';
import { getGlobalSettings, updateGlobalSettings } from '../../api/functions';
import { SettingFieldDto, SettingGroupDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { FieldErrors } from '../../shared/field-errors';

/**
 * The global settings every module and plugin defines, page by page, each field drawn by its type. A page saves its
 * changes together (all or none); a value cleared falls back to configuration or the default.
 */
@Component({
  selector: 'app-settings',
  imports: [FieldErrors, FormsModule, TranslocoPipe, ButtonModule, InputTextModule, MessageModule, SelectModule, TagModule, ToggleSwitchModule],
  templateUrl: './settings.html',
})
export class SettingsPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly session = inject(Session);
  protected readonly canManage = computed(() => this.session.can('Settings.Manage'));

  protected readonly groups = signal<SettingGroupDto[]>([]);
  protected readonly failure = signal<string | null>(null);
  /** What the server refused, and on which page. */
  protected readonly problem = signal<{ group: string; problem: Problem } | null>(null);
  protected readonly saving = signal(false);
  protected readonly saved = signal<string | null>(null);
  protected readonly timeZones = Intl.supportedValuesOf('timeZone');

  /** Per page, the values changed and not saved yet (null: clear the value). */
  protected readonly changes = signal<Record<string, Record<string, string | null>>>({});

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

  /** The value the field shows: its change, else its value (a secret shows nothing: it is never sent back). */
  protected valueOf(group: string, field: SettingFieldDto): string {
    const changed = this.changes()[group]?.[field.name];
    return changed !== undefined ? (changed ?? '') : (field.value ?? '');
  }

  // Every value travels as text (a number field's input gives a number, a switch a boolean).
  protected change(group: string, field: SettingFieldDto, value: string | number | boolean | null): void {
    const text = value === null ? null : String(value);
    this.changes.update((all) => ({ ...all, [group]: { ...all[group], [field.name]: text === '' ? null : text } }));
    this.saved.set(null);
  }

  protected scrollTo(index: number): void {
    document.getElementById(`settings-${index}`)?.scrollIntoView({ behavior: 'smooth' });
  }

  protected problemOf(group: string): Problem | null {
    const refused = this.problem();
    return refused?.group === group ? refused.problem : null;
  }

  protected hasChanges(group: string): boolean {
    return Object.keys(this.changes()[group] ?? {}).length > 0;
  }

  protected async save(group: SettingGroupDto): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    try {
      // A cleared value is sent as null (the API clears it), which the generated type, made from a dictionary of strings, does not say.
      const values = (this.changes()[group.name] ?? {}) as Record<string, string>;
      await this.api.invoke(updateGlobalSettings, { group: group.name, body: { values } });
      this.changes.update((all) => ({ ...all, [group.name]: {} }));
      this.saved.set(group.name);
      await this.load();
    } catch (error) {
      this.problem.set({ group: group.name, problem: this.problems.of(error) });
    } finally {
      this.saving.set(false);
    }
  }
}

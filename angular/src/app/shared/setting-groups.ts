import { Component, input, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { SelectModule } from 'primeng/select';
import { TagModule } from 'primeng/tag';
import { ToggleSwitchModule } from 'primeng/toggleswitch';
import { SettingFieldDto, SettingGroupDto, SettingSource } from '../api/models';
import { Problem } from '../core/problems';
import { FieldErrors } from './field-errors';

/** The values of one page to save: a value per changed setting, null to clear it. */
export type SettingChanges = Record<string, string | null>;

/**
 * Setting pages as the modules and plugins define them, each field drawn by its type, at one level (global, or the
 * user's own). A page saves its changes together (all or none) through <see cref="save"/>, which answers the problem
 * the server refused them with, or null; a value cleared falls back to the level below.
 */
@Component({
  selector: 'app-setting-groups',
  imports: [FormsModule, TranslocoPipe, ButtonModule, InputTextModule, MessageModule, SelectModule, TagModule, ToggleSwitchModule, FieldErrors],
  templateUrl: './setting-groups.html',
})
export class SettingGroups {
  readonly groups = input.required<SettingGroupDto[]>();
  readonly editable = input.required<boolean>();
  /** The source of a value set at this level: only such a value can be cleared here. */
  readonly level = input.required<SettingSource>();
  readonly save = input.required<(group: string, values: SettingChanges) => Promise<Problem | null>>();

  /** What the server refused, and on which page. */
  protected readonly problem = signal<{ group: string; problem: Problem } | null>(null);
  protected readonly saving = signal(false);
  protected readonly saved = signal<string | null>(null);
  protected readonly timeZones = Intl.supportedValuesOf('timeZone');

  /** Per page, the values changed and not saved yet (null: clear the value). */
  protected readonly changes = signal<Record<string, SettingChanges>>({});

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

  protected async submit(group: SettingGroupDto): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    try {
      const refused = await this.save()(group.name, this.changes()[group.name] ?? {});
      if (refused) {
        this.problem.set({ group: group.name, problem: refused });
        return;
      }
      this.changes.update((all) => ({ ...all, [group.name]: {} }));
      this.saved.set(group.name);
    } finally {
      this.saving.set(false);
    }
  }
}

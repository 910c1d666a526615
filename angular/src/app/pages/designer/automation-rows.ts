import { Component, input, output } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { CheckboxModule } from 'primeng/checkbox';
import { InputTextModule } from 'primeng/inputtext';
import { TextareaModule } from 'primeng/textarea';
import { AutomationActionDto, AutomationActionKind, AutomationDto, AutomationTriggerKind } from '../../api/models';
import { Problem } from '../../core/problems';
import { FieldErrors } from '../../shared/field-errors';

/**
 * An entity's automations: when one runs (a record created or changed, a field changed, a state entered, a schedule) and
 * what it does, in order (set a field, send an email, create a record, call the webhooks). The server checks each one
 * against the entity's fields and states when the definition is saved.
 */
@Component({
  selector: 'app-automation-rows',
  imports: [FieldErrors, FormsModule, TranslocoPipe, ButtonModule, CheckboxModule, InputTextModule, TextareaModule],
  templateUrl: './automation-rows.html',
})
export class AutomationRows {
  readonly automations = input.required<AutomationDto[]>();
  readonly fields = input.required<string[]>();
  readonly states = input.required<string[]>();
  readonly entities = input.required<string[]>();
  readonly problem = input<Problem | null>(null);
  readonly changed = output<void>();

  protected readonly triggers: AutomationTriggerKind[] = ['Created', 'Updated', 'FieldChanged', 'StateEntered', 'Schedule'];
  protected readonly kinds: AutomationActionKind[] = ['SetField', 'SendEmail', 'CreateRecord', 'CallWebhooks'];

  protected key(automation: AutomationDto, rest: string): string {
    return `automations[${this.automations().indexOf(automation)}].${rest}`;
  }

  protected add(): void {
    const n = this.automations().length + 1;
    this.automations().push({ name: `automation_${n}`, label: `Automation ${n}`, active: true, trigger: { kind: 'Created' }, actions: [{ kind: 'SetField' }] });
    this.changed.emit();
  }

  protected remove(automation: AutomationDto): void {
    this.automations().splice(this.automations().indexOf(automation), 1);
    this.changed.emit();
  }

  protected addAction(automation: AutomationDto): void {
    automation.actions.push({ kind: 'SetField' });
    this.changed.emit();
  }

  protected removeAction(automation: AutomationDto, action: AutomationActionDto): void {
    automation.actions.splice(automation.actions.indexOf(action), 1);
    this.changed.emit();
  }

  /** A created record's values, as the JSON object the administrator types. */
  protected valuesText(action: AutomationActionDto): string {
    return action.values ? JSON.stringify(action.values) : '';
  }

  protected setValues(action: AutomationActionDto, text: string): void {
    try {
      action.values = text.trim() ? (JSON.parse(text) as Record<string, unknown>) : null;
    } catch {
      // still being typed: the last valid object stays until the text parses
    }
  }
}

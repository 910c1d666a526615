import { DatePipe } from '@angular/common';
import { Component, computed, effect, inject, input, output, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { MessageModule } from 'primeng/message';
import { TagModule } from 'primeng/tag';
import { Api } from '../../api/api';
import { getRecordStateHistory, transitionRecord } from '../../api/functions';
import { EntityViewDto, StateChangeDto, WorkflowTransitionDto, WorkflowViewDto } from '../../api/models';
import { Problems } from '../../core/problems';
import { DataRecord, matches } from './records';

/**
 * A record's place in its workflow: its state, the transitions the user may take from it (each with an optional comment,
 * kept in the history), and the history of its states, oldest first.
 */
@Component({
  selector: 'app-workflow-panel',
  imports: [DatePipe, FormsModule, TranslocoPipe, ButtonModule, MessageModule, TagModule],
  template: `
    <section class="panel" aria-labelledby="workflow-heading">
      <h2 id="workflow-heading">{{ 'data.workflow' | transloco }}</h2>
      <p>
        {{ 'data.state' | transloco }}: <p-tag [value]="stateLabel(record()[workflow().field])" />
      </p>
      @if (available().length) {
        <label for="transition-comment">{{ 'data.transitionComment' | transloco }}</label>
        <textarea id="transition-comment" rows="2" class="p-textarea" [(ngModel)]="comment"></textarea>
        <div class="buttons">
          @for (transition of available(); track transition.name) {
            <p-button
              [label]="transition.label"
              [disabled]="!allowed(transition) || moving()"
              [loading]="moving() === transition.name"
              (onClick)="take(transition)"
            />
          }
        </div>
      }
      @if (failure(); as failed) {
        <p-message severity="error" [text]="failed" />
      }
      <h3>{{ 'data.history' | transloco }}</h3>
      <ol class="history">
        @for (step of history(); track step.id) {
          <li>
            <strong>{{ stateLabel(step.to) }}</strong>
            <span> · {{ step.at | date: 'short' }}</span>
            @if (step.transition) {
              <span> · {{ transitionLabel(step.transition) }}</span>
            }
            @if (step.comment) {
              <span> · <q>{{ step.comment }}</q></span>
            }
          </li>
        }
      </ol>
    </section>
  `,
})
export class WorkflowPanel {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);

  readonly view = input.required<EntityViewDto>();
  readonly workflow = input.required<WorkflowViewDto>();
  readonly record = input.required<DataRecord>();
  readonly moved = output<void>();

  protected comment = '';
  protected readonly history = signal<StateChangeDto[]>([]);
  protected readonly moving = signal<string | null>(null);
  protected readonly failure = signal<string | null>(null);
  /** The transitions out of the record's state (the view lists only those the user may take). */
  protected readonly available = computed(() => {
    const state = this.record()[this.workflow().field];
    return this.workflow().transitions.filter((t) => t.from.includes(String(state)));
  });

  constructor() {
    effect(() => {
      const record = this.record();
      untracked(() => void this.loadHistory(record));
    });
  }

  private async loadHistory(record: DataRecord): Promise<void> {
    try {
      this.history.set(await this.api.invoke(getRecordStateHistory, { entity: this.view().name, id: record.id! }));
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  /** A transition with a condition is offered only while the record matches it (the server checks it again). */
  protected allowed(transition: WorkflowTransitionDto): boolean {
    return !transition.condition || matches(transition.condition, this.record());
  }

  protected async take(transition: WorkflowTransitionDto): Promise<void> {
    this.moving.set(transition.name);
    this.failure.set(null);
    try {
      await this.api.invoke(transitionRecord, {
        entity: this.view().name,
        id: this.record().id!,
        transition: transition.name,
        body: { version: this.record().version!, comment: this.comment.trim() || null },
      });
      this.comment = '';
      this.moved.emit();
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.moving.set(null);
    }
  }

  protected stateLabel(name: unknown): string {
    return this.workflow().states.find((s) => s.name === name)?.label ?? String(name ?? '');
  }

  protected transitionLabel(name: string): string {
    return this.workflow().transitions.find((t) => t.name === name)?.label ?? name;
  }
}

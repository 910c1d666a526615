import { Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { InputNumberModule } from 'primeng/inputnumber';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { MultiSelectModule } from 'primeng/multiselect';
import { Api } from '../../api/api';
import { getLowCodeEntity, listLowCodeEntities, listLowCodeExtensions, planLowCodeEntity, saveLowCodeEntity } from '../../api/functions';
import { AutomationDto, EntityUiDto, FormSectionDto, FormTabDto, SaveEntityDefinitionRequest, SchemaPlanDto, WorkflowStateDto, WorkflowTransitionDto } from '../../api/models';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { FieldErrors } from '../../shared/field-errors';
import { AutomationRows } from './automation-rows';
import { FieldRows, newField } from './field-rows';

/** The designer's parts, one shown at a time. */
const parts = ['entity', 'fields', 'layout', 'workflow', 'automations'] as const;
type Part = (typeof parts)[number];

/** Every part of a definition the designer edits, present (the API takes nulls for what is not there). */
type Draft = Omit<SaveEntityDefinitionRequest, 'automations' | 'ui'> & { automations: AutomationDto[]; ui: EntityUiDto };

/**
 * The low-code designer (`/admin/low-code/entities/new`, `.../<name>`): an entity's label and menu entry, its fields, its
 * form and list, its workflow and its automations. "Preview" shows the DDL the server would run, without running it;
 * "Apply" saves the definition (the table follows, in the same transaction) and the entity's generated pages open.
 */
@Component({
  selector: 'app-designer',
  imports: [
    AutomationRows, FieldErrors, FieldRows, FormsModule, RouterLink, TranslocoPipe, ButtonModule, InputNumberModule, InputTextModule, MessageModule,
    MultiSelectModule,
  ],
  templateUrl: './designer.html',
})
export class DesignerPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly router = inject(Router);
  private readonly session = inject(Session);

  /** The entity's name; none for a new one. */
  readonly name = input<string>();

  protected readonly parts = parts;
  protected readonly part = signal<Part>('entity');
  protected readonly canManage = computed(() => this.session.can('LowCode.Definitions.Manage'));
  protected readonly loaded = signal(false);
  protected readonly failure = signal<string | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly plan = signal<SchemaPlanDto | null>(null);
  protected readonly busy = signal(false);
  /** Shown after applying; carried into the new entity's own address (a new page there) by the navigation's state. */
  protected readonly saved = signal(this.router.currentNavigation()?.extras.state?.['applied'] === true);
  /** What references may point to: low-code entities and modules' or plugins' extensible ones. */
  protected readonly targets = signal<string[]>([]);
  /** Bumped on every edit: what is computed from the draft's fields follows. */
  private readonly edits = signal(0);

  protected entityName = '';
  protected draft: Draft = blank();

  protected readonly fieldNames = computed(() => {
    this.edits();
    return this.draft.fields.filter((f) => !f.deleted).map((f) => f.name);
  });
  protected readonly columnNames = computed(() => {
    this.edits();
    return this.draft.fields.filter((f) => !f.deleted && f.type !== 'Lines').map((f) => f.name);
  });
  protected readonly choiceFields = computed(() => {
    this.edits();
    return this.draft.fields.filter((f) => !f.deleted && f.type === 'Choice').map((f) => f.name);
  });
  protected readonly stateNames = computed(() => {
    this.edits();
    return this.draft.workflow?.states.map((s) => s.name) ?? [];
  });
  /** Every problem, keyed as the server keyed it: parts of a definition are deep, and not every key has a place on screen. */
  protected readonly allErrors = computed(() => Object.entries(this.problem()?.fields ?? {}).flatMap(([key, messages]) => messages.map((m) => `${key}: ${m}`)));

  constructor() {
    effect(() => {
      const name = this.name();
      untracked(() => void this.load(name));
    });
  }

  private async load(name: string | undefined): Promise<void> {
    try {
      const [entities, extensions] = await Promise.all([this.api.invoke(listLowCodeEntities), this.api.invoke(listLowCodeExtensions)]);
      this.targets.set([...entities.map((e) => e.name), ...extensions.map((e) => e.entity)]);
      if (name) {
        const { id: _id, name: entityName, table: _table, ...definition } = await this.api.invoke(getLowCodeEntity, { name });
        this.entityName = entityName;
        this.draft = { ...definition, automations: definition.automations ?? [], ui: definition.ui ?? {} };
      }
      this.loaded.set(true);
      this.redraw(); // not touch(): "Applied" stays when a new entity's designer moves to its own address and loads it
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  /** The user changed the draft: the preview and the "Applied" notice no longer describe it. */
  protected touch(): void {
    this.redraw();
    this.saved.set(false);
  }

  private redraw(): void {
    this.edits.update((n) => n + 1);
    this.plan.set(null);
  }

  // The menu entry: present while it has a path.
  protected get menuPath(): string {
    return this.draft.ui.menu?.path ?? '';
  }

  protected set menuPath(path: string) {
    this.draft.ui.menu = path.trim() ? { path, order: this.draft.ui.menu?.order ?? 0 } : null;
  }

  protected get listColumns(): string[] {
    return this.draft.ui.list?.columns ?? [];
  }

  protected set listColumns(columns: string[]) {
    this.draft.ui.list = columns.length ? { ...(this.draft.ui.list ?? {}), columns } : null;
  }

  protected get tabs(): FormTabDto[] {
    return this.draft.ui.form?.tabs ?? [];
  }

  protected addTab(): void {
    const tabs = this.tabs;
    this.draft.ui.form = { tabs: [...tabs, { label: `Tab ${tabs.length + 1}`, sections: [{ label: null, columns: 2, fields: [] }] }] };
    this.touch();
  }

  protected removeTab(tab: FormTabDto): void {
    const tabs = this.tabs.filter((t) => t !== tab);
    this.draft.ui.form = tabs.length ? { tabs } : null;
    this.touch();
  }

  protected addSection(tab: FormTabDto): void {
    tab.sections.push({ label: null, columns: 2, fields: [] });
    this.touch();
  }

  protected sectionFields(section: FormSectionDto): string[] {
    return section.fields.map((f) => f.field);
  }

  protected setSectionFields(section: FormSectionDto, names: string[]): void {
    section.fields = names.map((field) => section.fields.find((f) => f.field === field) ?? { field });
    this.touch();
  }

  protected enableWorkflow(field: string): void {
    const choices = this.draft.fields.find((f) => f.name === field)?.choices ?? [];
    this.draft.workflow = field
      ? { field, states: choices.map((name, i) => ({ name, label: name, initial: i === 0, readOnly: false })), transitions: [] }
      : null;
    this.touch();
  }

  protected setInitial(state: WorkflowStateDto): void {
    for (const s of this.draft.workflow!.states) s.initial = s === state;
  }

  protected addTransition(): void {
    const states = this.stateNames();
    this.draft.workflow!.transitions.push({ name: `move_${this.draft.workflow!.transitions.length + 1}`, label: '', from: states.slice(0, 1), to: states[1] ?? states[0] });
    this.touch();
  }

  protected removeTransition(transition: WorkflowTransitionDto): void {
    this.draft.workflow!.transitions = this.draft.workflow!.transitions.filter((t) => t !== transition);
    this.touch();
  }

  /** The plan's statements as a script: those run in the transaction, then those after it (concurrent index builds). */
  protected planText(plan: SchemaPlanDto): string {
    return [...plan.statements, ...plan.afterCommit].map((s) => (s.trimEnd().endsWith(';') ? s : `${s};`)).join('\n');
  }

  private request(): SaveEntityDefinitionRequest {
    return { ...this.draft, displayField: this.draft.displayField || null, icon: this.draft.icon || null };
  }

  /** The DDL the server would run for the draft, run by nobody. */
  protected async preview(): Promise<void> {
    await this.run(async () => this.plan.set(await this.api.invoke(planLowCodeEntity, { name: this.entityName.trim(), body: this.request() })));
  }

  /** Saves the definition and its table in one transaction; a new entity's designer moves to its own address. */
  protected async apply(): Promise<void> {
    await this.run(async () => {
      const saved = await this.api.invoke(saveLowCodeEntity, { name: this.entityName.trim(), body: this.request() });
      this.draft.version = saved.version;
      this.draft.fields = saved.fields;
      this.saved.set(true);
      await this.session.reload(); // its permissions and menu entry
      if (!this.name()) await this.router.navigate(['/admin/low-code/entities', saved.name], { replaceUrl: true, state: { applied: true } });
    });
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.problem.set(null);
    this.failure.set(null);
    try {
      await action();
    } catch (error) {
      const problem = this.problems.of(error);
      this.problem.set(problem);
    } finally {
      this.busy.set(false);
    }
  }
}

function blank(): Draft {
  return { label: '', pluralLabel: '', displayField: null, icon: null, version: 0, fields: [newField(0)], automations: [], ui: {}, workflow: null };
}

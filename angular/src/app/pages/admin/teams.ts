import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { MultiSelectModule } from 'primeng/multiselect';
import { TableModule } from 'primeng/table';
import { TextareaModule } from 'primeng/textarea';
import { FormDialog } from '../../shared/form-dialog';
import { Api } from '../../api/api';
import { createTeam, deleteTeam, listTeams, updateTeam } from '../../api/functions';
import { TeamDto } from '../../api/models';
import { MyCompanies } from '../../core/company';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { FieldErrors } from '../../shared/field-errors';
import { UserOption, loadUserOptions, withMembers } from '../../shared/user-options';

/** What the team dialog edits: a new team (no id) or an existing one at the version it was read. */
interface TeamForm {
  id: string | null;
  name: string;
  description: string;
  members: string[];
  version: number;
}

/**
 * The teams of the company the user works in (chosen in the header): a name, a description and the users on it, who
 * must work in the company. Low-code record rules let teammates work with each other's records.
 */
@Component({
  selector: 'app-teams',
  imports: [FormDialog, FieldErrors, FormsModule, TranslocoPipe, ButtonModule, InputTextModule, MessageModule, MultiSelectModule, TableModule, TextareaModule],
  templateUrl: './teams.html',
})
export class TeamsPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);
  private readonly session = inject(Session);
  private readonly myCompanies = inject(MyCompanies);
  protected readonly canManage = computed(() => this.session.can('Companies.Teams.Manage'));
  /** The company whose teams these are, when the user works in several. */
  protected readonly company = computed(() => this.myCompanies.all().find((company) => company.isCurrent)?.name ?? null);

  protected readonly teams = signal<TeamDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly failure = signal<string | null>(null);
  protected readonly userOptions = signal<UserOption[]>([]);
  /** Members by id, named. */
  private readonly names = computed(() => new Map(this.userOptions().map((user) => [user.id, user.label])));

  protected readonly form = signal<TeamForm | null>(null);
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  constructor() {
    void this.load();
    void loadUserOptions(this.api).then((users) => this.userOptions.set(users));
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.teams.set(await this.api.invoke(listTeams));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  protected memberNames(team: TeamDto): string {
    return team.members.map((id) => this.names().get(id) ?? id).join(', ');
  }

  protected create(): void {
    this.problem.set(null);
    this.form.set({ id: null, name: '', description: '', members: [], version: 0 });
  }

  protected edit(team: TeamDto): void {
    this.problem.set(null);
    this.userOptions.update((users) => withMembers(users, team.members));
    this.form.set({ id: team.id, name: team.name, description: team.description ?? '', members: [...team.members], version: team.version });
  }

  protected async save(form: TeamForm): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    try {
      const body = { name: form.name.trim(), description: form.description.trim() || null, members: form.members, version: form.version };
      if (form.id === null) await this.api.invoke(createTeam, { body });
      else await this.api.invoke(updateTeam, { id: form.id, body });
      this.form.set(null);
      await this.load();
    } catch (error) {
      this.problem.set(this.problems.of(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async remove(team: TeamDto): Promise<void> {
    if (!confirm(this.texts.translate('teams.confirmDelete', { name: team.name }))) return;
    try {
      await this.api.invoke(deleteTeam, { id: team.id });
      await this.load();
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }
}

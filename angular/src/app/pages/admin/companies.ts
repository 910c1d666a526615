import { Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ButtonModule } from 'primeng/button';
import { InputTextModule } from 'primeng/inputtext';
import { MessageModule } from 'primeng/message';
import { MultiSelectModule } from 'primeng/multiselect';
import { SelectModule } from 'primeng/select';
import { TableModule } from 'primeng/table';
import { FormDialog } from '../../shared/form-dialog';
import { Api } from '../../api/api';
import { createCompany, getCompanyMembers, listClients, listCompanies, updateCompany, updateCompanyMembers } from '../../api/functions';
import { CompanyDto, SaveCompanyRequest } from '../../api/models';
import { MyCompanies } from '../../core/company';
import { Problem, Problems } from '../../core/problems';
import { Session } from '../../core/session';
import { FieldErrors } from '../../shared/field-errors';
import { UserOption, loadUserOptions, membershipChange, withMembers } from '../../shared/user-options';

/** What the company dialog edits: a new company (no id) or an existing one at the version it was read. */
interface CompanyForm {
  id: string | null;
  body: SaveCompanyRequest;
}

/** Who works in a company, as read when the members dialog opened and as chosen since. */
interface MembersForm {
  company: CompanyDto;
  users: string[];
  clients: string[];
  usersBefore: string[];
  clientsBefore: string[];
}

/**
 * The companies (legal entities) of the installation: created, changed, and who works in each (users and integration
 * clients). Their data is kept apart by company; the header's switcher chooses the one the user works in.
 */
@Component({
  selector: 'app-companies',
  imports: [FormDialog, FieldErrors, FormsModule, TranslocoPipe, ButtonModule, InputTextModule, MessageModule, MultiSelectModule, SelectModule, TableModule],
  templateUrl: './companies.html',
})
export class CompaniesPage {
  private readonly api = inject(Api);
  private readonly problems = inject(Problems);
  private readonly texts = inject(TranslocoService);
  private readonly myCompanies = inject(MyCompanies);
  private readonly session = inject(Session);
  protected readonly canManage = computed(() => this.session.can('Companies.Manage'));

  protected readonly companies = signal<CompanyDto[]>([]);
  protected readonly loading = signal(true);
  protected readonly failure = signal<string | null>(null);
  protected readonly form = signal<CompanyForm | null>(null);
  protected readonly members = signal<MembersForm | null>(null);
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  protected readonly timeZones = Intl.supportedValuesOf('timeZone');
  /** Months by number, named in the reader's language. */
  protected readonly months = computed(() => {
    const names = new Intl.DateTimeFormat(this.texts.getActiveLang(), { month: 'long', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: names.format(Date.UTC(2000, i, 1)) }));
  });
  protected readonly userOptions = signal<UserOption[]>([]);
  protected readonly clientOptions = signal<string[]>([]);

  constructor() {
    void this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.companies.set(await this.api.invoke(listCompanies));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.loading.set(false);
    }
  }

  protected create(): void {
    this.problem.set(null);
    this.form.set({
      id: null,
      body: { name: '', legalName: '', taxId: null, address: { street: null, postalCode: null, city: null, country: null }, baseCurrency: 'EUR', timeZone: 'Etc/UTC', fiscalYearStartMonth: 1 },
    });
  }

  protected edit(company: CompanyDto): void {
    this.problem.set(null);
    const { id, version, address, ...rest } = company;
    this.form.set({ id, body: { ...rest, address: { ...address }, version } });
  }

  protected async save(form: CompanyForm): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    try {
      const body = normalized(form.body);
      if (form.id === null) await this.api.invoke(createCompany, { body });
      else await this.api.invoke(updateCompany, { id: form.id, body });
      this.form.set(null);
      await Promise.all([this.load(), this.myCompanies.load()]); // the creator works in a company they create
    } catch (error) {
      this.problem.set(this.problems.of(error));
    } finally {
      this.saving.set(false);
    }
  }

  protected async editMembers(company: CompanyDto): Promise<void> {
    this.problem.set(null);
    try {
      const [members, users, clients] = await Promise.all([
        this.api.invoke(getCompanyMembers, { id: company.id }),
        loadUserOptions(this.api),
        this.session.can('Identity.Clients') ? this.api.invoke(listClients) : Promise.resolve([]),
      ]);
      this.userOptions.set(withMembers(users, members.users));
      this.clientOptions.set([...new Set([...clients.map((client) => client.clientId), ...members.clients])]);
      this.members.set({ company, users: [...members.users], clients: [...members.clients], usersBefore: members.users, clientsBefore: members.clients });
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }

  protected async saveMembers(form: MembersForm): Promise<void> {
    this.saving.set(true);
    this.problem.set(null);
    try {
      const users = membershipChange(form.usersBefore, form.users);
      const clients = membershipChange(form.clientsBefore, form.clients);
      await this.api.invoke(updateCompanyMembers, {
        id: form.company.id,
        body: { addUsers: users.add, removeUsers: users.remove, addClients: clients.add, removeClients: clients.remove },
      });
      this.members.set(null);
      await this.myCompanies.load();
    } catch (error) {
      this.problem.set(this.problems.of(error));
    } finally {
      this.saving.set(false);
    }
  }
}

// Blank optional fields are sent as none, and codes in capitals, as the server expects them.
function normalized(body: SaveCompanyRequest): SaveCompanyRequest {
  const optional = (value: string | null) => value?.trim() || null;
  return {
    ...body,
    name: body.name.trim(),
    legalName: body.legalName.trim(),
    taxId: optional(body.taxId),
    baseCurrency: body.baseCurrency.trim().toUpperCase(),
    address: {
      street: optional(body.address.street),
      postalCode: optional(body.address.postalCode),
      city: optional(body.address.city),
      country: optional(body.address.country)?.toUpperCase() ?? null,
    },
  };
}

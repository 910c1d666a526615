import { Component, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { MyCompanies } from '../core/company';
import { Problems } from '../core/problems';
import { Session } from '../core/session';
import { chosen } from './chosen';

/**
 * The company the user works in, in the header: choosing another makes every API call work in it, and the menu and the
 * page are read again there. Hidden while the user works in one company only.
 */
@Component({
  selector: 'app-company-switcher',
  imports: [TranslocoPipe],
  template: `
    @if (companies.all().length > 1) {
      <select
        class="native"
        (change)="switchTo(chosen($event))"
        [attr.aria-label]="'companySwitcher.company' | transloco"
        [attr.aria-busy]="busy()"
        [disabled]="busy()"
      >
        @for (company of companies.all(); track company.id) {
          <option [value]="company.id" [selected]="company.id === current()?.id">
            {{ company.name }}{{ company.isDefault ? ' (' + ('companySwitcher.default' | transloco) + ')' : '' }}
          </option>
        }
      </select>
      @if (current(); as company) {
        @if (!company.isDefault) {
          <button
            type="button"
            class="text-button"
            [attr.aria-label]="'companySwitcher.makeDefault' | transloco: { name: company.name }"
            [title]="'companySwitcher.makeDefault' | transloco: { name: company.name }"
            (click)="makeDefault(company.id)"
          >
            <i class="pi pi-star" aria-hidden="true"></i>
          </button>
        }
      }
      @if (failure(); as failed) {
        <small class="field-error" role="alert">{{ failed }}</small>
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-width: 0;
    }

    // A phone's header is narrow: a long company name is cut short (the list shows it whole).
    @media (max-width: 768px) {
      select {
        max-width: 6rem;
      }
    }
  `,
})
export class CompanySwitcher {
  protected readonly companies = inject(MyCompanies);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly problems = inject(Problems);
  protected readonly current = computed(() => this.companies.all().find((company) => company.isCurrent) ?? null);
  protected readonly busy = signal(false);
  protected readonly failure = signal<string | null>(null);

  constructor() {
    // Without the list the switcher stays hidden: the user works in their default company, as before.
    this.companies.load().catch(() => undefined);
  }

  protected readonly chosen = chosen;

  protected async switchTo(id: string): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      await this.companies.switchTo(id);
      await this.session.reload(); // the menu and permissions of that company
      // The page opens afresh, reading its data in the company now chosen.
      const url = this.router.url;
      await this.router.navigateByUrl('/', { skipLocationChange: true });
      await this.router.navigateByUrl(url);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    } finally {
      this.busy.set(false);
    }
  }

  protected async makeDefault(id: string): Promise<void> {
    this.failure.set(null);
    try {
      await this.companies.makeDefault(id);
    } catch (error) {
      this.failure.set(this.problems.of(error).detail);
    }
  }
}

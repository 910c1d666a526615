import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import { catchError, throwError } from 'rxjs';
import { Api } from '../api/api';
// Each call from its own file, not the api/functions barrel: importing that barrel puts all of the generated calls in
// the first download, and this file is in it.
import { getMyCompanies } from '../api/fn/companies/get-my-companies';
import { setMyDefaultCompany } from '../api/fn/companies/set-my-default-company';
import { MyCompanyDto } from '../api/models';

/** The header that names the company a request works in (the host's `CompanyHeader`, docs/companies.md). */
export const companyHeader = 'X-Company';
const storageKey = 'erp.company';
/** The problem code of a request that names a company the caller does not work in. */
const forbiddenCompany = 'company.forbidden';

/**
 * The company the SPA works in, as the user chose it in the header; remembered in this browser. None chosen: the host
 * uses the user's default company.
 */
@Injectable({ providedIn: 'root' })
export class CurrentCompany {
  readonly id = signal<string | null>(localStorage.getItem(storageKey));

  use(id: string | null): void {
    this.id.set(id);
    if (id === null) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, id);
  }
}

/** The companies the user works in, which one the SPA works in now, and their default. */
@Injectable({ providedIn: 'root' })
export class MyCompanies {
  private readonly api = inject(Api);
  private readonly current = inject(CurrentCompany);
  readonly all = signal<MyCompanyDto[]>([]);

  /** Reads them again: after switching, or after a company was created or renamed. */
  async load(): Promise<void> {
    this.all.set(await this.api.invoke(getMyCompanies));
  }

  async switchTo(id: string): Promise<void> {
    this.current.use(id);
    await this.load();
  }

  /** The company the user works in wherever none is chosen (another browser, a new sign-in). */
  async makeDefault(id: string): Promise<void> {
    await this.api.invoke(setMyDefaultCompany, { body: { companyId: id } });
    await this.load();
  }
}

/**
 * Names the chosen company on every API request. A company the user no longer works in (removed from it since they
 * chose it) would refuse every request with 403: the choice is forgotten and the request sent once more without it.
 */
export const companyInterceptor: HttpInterceptorFn = (request, next) => {
  const company = inject(CurrentCompany);
  const chosen = company.id();
  if (!request.url.startsWith('/api/') || chosen === null) return next(request);
  return next(request.clone({ setHeaders: { [companyHeader]: chosen } })).pipe(
    catchError((error: unknown) => {
      if (!namesForbiddenCompany(error)) return throwError(() => error);
      company.use(null);
      return next(request);
    }),
  );
};

function namesForbiddenCompany(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse) || error.status !== 403) return false;
  // The body is JSON, or text where the endpoint answers 204 when it succeeds (its client reads text).
  let body: unknown = error.error;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      return false;
    }
  }
  return typeof body === 'object' && body !== null && (body as { code?: unknown }).code === forbiddenCompany;
}

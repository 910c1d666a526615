import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { CurrentCompany, companyHeader, companyInterceptor } from './company';

describe('companyInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let company: CurrentCompany;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({ providers: [provideHttpClient(withInterceptors([companyInterceptor])), provideHttpClientTesting()] });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    company = TestBed.inject(CurrentCompany);
  });

  afterEach(() => backend.verify());

  it('names the chosen company on API requests only, and nothing before one is chosen', () => {
    void firstValueFrom(http.get('/api/teams'));
    expect(backend.expectOne('/api/teams').request.headers.has(companyHeader)).toBe(false);

    company.use('c1');
    void firstValueFrom(http.get('/api/teams'));
    void firstValueFrom(http.get('/i18n/en.json'));
    expect(backend.expectOne('/api/teams').request.headers.get(companyHeader)).toBe('c1');
    expect(backend.expectOne('/i18n/en.json').request.headers.has(companyHeader)).toBe(false);
  });

  it('remembers the choice in this browser', () => {
    company.use('c2');
    expect(localStorage.getItem('erp.company')).toBe('c2');
    company.use(null);
    expect(localStorage.getItem('erp.company')).toBeNull();
  });

  it('forgets a company the user no longer works in and asks again without it', async () => {
    company.use('gone');
    const answer = firstValueFrom(http.get('/api/teams'));
    backend.expectOne((r) => r.headers.get(companyHeader) === 'gone').flush(JSON.stringify({ status: 403, code: 'company.forbidden' }), { status: 403, statusText: 'Forbidden' });
    backend.expectOne((r) => !r.headers.has(companyHeader)).flush([]);
    expect(await answer).toEqual([]);
    expect(company.id()).toBeNull();
  });

  it('passes any other refusal on, keeping the choice', async () => {
    company.use('c1');
    const answer = firstValueFrom(http.get('/api/teams'));
    backend.expectOne('/api/teams').flush({ status: 403, code: 'forbidden' }, { status: 403, statusText: 'Forbidden' });
    await expect(answer).rejects.toMatchObject({ status: 403 });
    expect(company.id()).toBe('c1');
  });
});

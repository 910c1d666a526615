import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { MessageService } from 'primeng/api';
import { CurrentCompany, companyHeader, companyInterceptor } from '../core/company';
import { languageInterceptor } from '../core/i18n';
import { Session } from '../core/session';
import { Theme } from '../core/theme';
import { PluginSdkSession, PluginSdks } from './plugin-sdk';

describe('PluginSdks', () => {
  let backend: HttpTestingController;
  let messages: MessageService;
  let opened: PluginSdkSession;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      imports: [TranslocoTestingModule.forRoot({ langs: { en: {}, de: {} }, translocoConfig: { availableLangs: ['en', 'de'], defaultLang: 'en' } })],
      providers: [
        provideHttpClient(withInterceptors([languageInterceptor, companyInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        MessageService,
        { provide: Session, useValue: { user: signal({ id: 'u1', name: 'Ada', roles: ['clerk'] }), can: (p: string) => p === 'Sample.ExchangeRates' } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    messages = TestBed.inject(MessageService);
    TestBed.inject(CurrentCompany).use('c1');
    opened = TestBed.inject(PluginSdks).open('Erp.Sample', messages);
  });

  afterEach(() => {
    opened.close();
    backend.verify();
  });

  it('is version 1 and tells who the user is and what they may do', () => {
    const { sdk } = opened;
    expect(sdk.version).toBe(1);
    expect(sdk.plugin).toBe('Erp.Sample');
    expect(sdk.user).toEqual({ id: 'u1', name: 'Ada', roles: ['clerk'] });
    expect(sdk.can('Sample.ExchangeRates')).toBe(true);
    expect(sdk.can('Sample.ExchangeRates.Manage')).toBe(false);
  });

  it('calls the API as the SPA does, with the company and the language, and answers with a standard Response', async () => {
    const answer = opened.sdk.fetch('/api/sample/exchange-rates?currency=USD', { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } });
    const call = backend.expectOne('/api/sample/exchange-rates?currency=USD');
    expect(call.request.method).toBe('POST');
    expect(call.request.headers.get(companyHeader)).toBe('c1');
    expect(call.request.headers.get('Accept-Language')).toBe('en');
    expect(call.request.headers.get('Content-Type')).toBe('application/json');
    call.flush(bytes('[{"currency":"USD"}]'), { headers: { 'Content-Type': 'application/json' } });

    const response = await answer;
    expect(response).toBeInstanceOf(Response);
    expect(response.ok).toBe(true);
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(await response.json()).toEqual([{ currency: 'USD' }]);
  });

  it('answers a refusal with its response, the problem in its body, as fetch does', async () => {
    const answer = opened.sdk.fetch('/api/sample/exchange-rates/x');
    backend
      .expectOne('/api/sample/exchange-rates/x')
      .flush(bytes('{"code":"sample.exchange-rate.not-found"}'), { status: 404, statusText: 'Not Found' });
    const response = await answer;
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ code: 'sample.exchange-rate.not-found' });
  });

  it("never sends the user's token anywhere but the host's API", async () => {
    for (const path of ['/connect/token', 'https://evil.test/api/rates', '//evil.test/api/rates', '/api/../connect/token']) {
      await expect(opened.sdk.fetch(path)).rejects.toBeInstanceOf(TypeError);
    }
    backend.expectNone(() => true);
  });

  it('stops a call its signal aborts', async () => {
    const abort = new AbortController();
    const answer = opened.sdk.fetch('/api/sample/exchange-rates', { signal: abort.signal });
    const call = backend.expectOne('/api/sample/exchange-rates');
    abort.abort();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(call.cancelled).toBe(true);
  });

  it('tells of theme and language changes until the screen closes, then cancels what it still waits for', async () => {
    const themes: string[] = [];
    const languages: string[] = [];
    opened.sdk.on('theme', (theme) => themes.push(theme));
    opened.sdk.on('language', (language) => languages.push(language));
    const wasDark = opened.sdk.theme === 'dark';

    TestBed.inject(Theme).toggle();
    TestBed.tick();
    TestBed.inject(TranslocoService).setActiveLang('de');
    expect(themes).toEqual([wasDark ? 'light' : 'dark']);
    expect(opened.sdk.theme).toBe(themes[0]);
    expect(languages).toEqual(['de']);
    expect(opened.sdk.language).toBe('de');

    const answer = opened.sdk.fetch('/api/sample/exchange-rates');
    const call = backend.expectOne('/api/sample/exchange-rates');
    opened.close();
    await expect(answer).rejects.toMatchObject({ name: 'AbortError' });
    expect(call.cancelled).toBe(true);
    TestBed.inject(Theme).toggle();
    TestBed.tick();
    expect(themes).toHaveLength(1);
  });

  it('navigates inside the SPA only, and shows notifications in the screen’s toast', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const add = vi.spyOn(messages, 'add');
    opened.sdk.navigate('/profile');
    expect(navigate).toHaveBeenCalledWith('/profile');
    expect(() => opened.sdk.navigate('https://evil.test/')).toThrow(TypeError);
    opened.sdk.notify('success', 'Saved.');
    expect(add).toHaveBeenCalledWith(expect.objectContaining({ severity: 'success', summary: 'Saved.' }));
  });
});

/** The body as the host sends it (ASCII text), in the ArrayBuffer the SDK reads responses as. */
function bytes(text: string): ArrayBuffer {
  const buffer = new ArrayBuffer(text.length);
  new Uint8Array(buffer).set([...text].map((c) => c.charCodeAt(0)));
  return buffer;
}

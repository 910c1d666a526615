import { ApplicationConfig, inject, isDevMode, provideAppInitializer, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideRouter, withComponentInputBinding, withRouterConfig } from '@angular/router';
import { provideServiceWorker } from '@angular/service-worker';
import { TranslocoService, provideTransloco } from '@jsverse/transloco';
import { OidcSecurityService, authInterceptor, provideAuth, withAppInitializerAuthCheck } from 'angular-auth-oidc-client';
import { first, firstValueFrom } from 'rxjs';
import { routes } from './app.routes';
import { authConfig } from './core/auth';
import { companyInterceptor } from './core/company';
import { I18nLoader, initialLanguage, languageInterceptor, spaLanguages } from './core/i18n';
import { Session } from './core/session';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    // Child pages take their parents' parameters as inputs too (`/data/:entity/:id`).
    provideRouter(routes, withComponentInputBinding(), withRouterConfig({ paramsInheritanceStrategy: 'always' })),
    provideHttpClient(withInterceptors([authInterceptor(), languageInterceptor, companyInterceptor])),
    provideAuth(authConfig(), withAppInitializerAuthCheck()),
    provideTransloco({
      config: { availableLangs: [...spaLanguages], defaultLang: initialLanguage(), fallbackLang: 'en', reRenderOnLangChange: true, prodMode: !isDevMode() },
      loader: I18nLoader,
    }),
    // The texts load beside the sign-in check and the first API calls, not after them when the shell first needs one.
    provideAppInitializer(() =>
      firstValueFrom(inject(TranslocoService).load(initialLanguage())).catch(() => undefined), // else loaded when first needed
    ),
    // The user's configuration is asked for as soon as the sign-in check finds them signed in, beside the texts, not once
    // those have loaded and the shell's guard asks: a round trip less before the first page (the guard takes this call).
    provideAppInitializer(() => {
      const session = inject(Session);
      inject(OidcSecurityService)
        .isAuthenticated$.pipe(first(({ isAuthenticated }) => isAuthenticated))
        .subscribe(() => session.load().catch(() => undefined)); // the guard handles a failure
    }),
    // The app shell and hashed files from the cache, never API answers (ngsw-config.json has no data groups). Registered
    // once the app is stable (or after 30 s), so the worker's downloads never compete with the first page's.
    provideServiceWorker('ngsw-worker.js', { enabled: !isDevMode(), registrationStrategy: 'registerWhenStable:30000' }),
  ],
};

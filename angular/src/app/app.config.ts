import { ApplicationConfig, isDevMode, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideRouter, withComponentInputBinding, withRouterConfig } from '@angular/router';
import { provideTransloco } from '@jsverse/transloco';
import Aura from '@primeuix/themes/aura';
import { authInterceptor, provideAuth, withAppInitializerAuthCheck } from 'angular-auth-oidc-client';
import { providePrimeNG } from 'primeng/config';
import { routes } from './app.routes';
import { authConfig } from './core/auth';
import { companyInterceptor } from './core/company';
import { I18nLoader, initialLanguage, languageInterceptor, spaLanguages } from './core/i18n';
import { darkClass } from './core/theme';

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
    providePrimeNG({ theme: { preset: Aura, options: { darkModeSelector: `.${darkClass}` } } }),
  ],
};

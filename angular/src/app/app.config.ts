import { ApplicationConfig, isDevMode, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideTransloco } from '@jsverse/transloco';
import Aura from '@primeuix/themes/aura';
import { authInterceptor, provideAuth, withAppInitializerAuthCheck } from 'angular-auth-oidc-client';
import { providePrimeNG } from 'primeng/config';
import { routes } from './app.routes';
import { authConfig } from './core/auth';
import { I18nLoader, initialLanguage, languageInterceptor, spaLanguages } from './core/i18n';
import { darkClass } from './core/theme';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withInterceptors([authInterceptor(), languageInterceptor])),
    provideAuth(authConfig(), withAppInitializerAuthCheck()),
    provideTransloco({
      config: { availableLangs: [...spaLanguages], defaultLang: initialLanguage(), fallbackLang: 'en', reRenderOnLangChange: true, prodMode: !isDevMode() },
      loader: I18nLoader,
    }),
    providePrimeNG({ theme: { preset: Aura, options: { darkModeSelector: `.${darkClass}` } } }),
  ],
};

import { DOCUMENT, Injectable, inject } from '@angular/core';
import { HttpClient, HttpInterceptorFn } from '@angular/common/http';
import { Translation, TranslocoLoader, TranslocoService } from '@jsverse/transloco';

/** The languages the SPA is translated into; Arabic reads right to left. */
export const spaLanguages = ['en', 'de', 'ar'] as const;
const rightToLeft = new Set(['ar']);
const storageKey = 'erp.language';

/** The SPA's texts, one file per language under `/i18n/` (public/i18n), loaded when the language is chosen. */
@Injectable({ providedIn: 'root' })
export class I18nLoader implements TranslocoLoader {
  private readonly http = inject(HttpClient);

  getTranslation(language: string) {
    return this.http.get<Translation>(`/i18n/${language}.json`);
  }
}

/** The reader's language: the one they chose, else their browser's first that the SPA speaks, else English. */
export function initialLanguage(): string {
  const chosen = localStorage.getItem(storageKey);
  const candidates = [chosen, ...navigator.languages.map((l) => l.split('-')[0])];
  return candidates.find((l): l is string => !!l && (spaLanguages as readonly string[]).includes(l)) ?? 'en';
}

/** Switches the language and the page's direction, and remembers the choice. */
@Injectable({ providedIn: 'root' })
export class Language {
  private readonly transloco = inject(TranslocoService);
  private readonly document = inject(DOCUMENT);

  readonly all = spaLanguages;

  use(language: string): void {
    this.transloco.setActiveLang(language);
    localStorage.setItem(storageKey, language);
    this.document.documentElement.lang = language;
    this.document.documentElement.dir = rightToLeft.has(language) ? 'rtl' : 'ltr';
  }

  get active(): string {
    return this.transloco.getActiveLang();
  }
}

/** The API answers in the language the reader chose here (its problems, its menu), not the browser's. */
export const languageInterceptor: HttpInterceptorFn = (request, next) =>
  request.url.startsWith('/api/') ? next(request.clone({ setHeaders: { 'Accept-Language': inject(TranslocoService).getActiveLang() } })) : next(request);

import { ChangeDetectorRef, OnDestroy, Pipe, PipeTransform, inject } from '@angular/core';
import { TRANSLOCO_LANG, TRANSLOCO_SCOPE, TranslocoPipe, TranslocoService } from '@jsverse/transloco';

const rulesByLanguage = new Map<string, Intl.PluralRules>();

/**
 * The key of the form a count takes in a language: `<key>.<category>`, with the CLDR categories `Intl.PluralRules`
 * gives (English has one and other; Arabic zero, one, two, few, many and other). A text with plural forms is an object
 * of them in the translation files, and every language has all of its own (the unit tests check).
 */
export function pluralKey(key: string, count: number, language: string): string {
  let rules = rulesByLanguage.get(language);
  if (!rules) rulesByLanguage.set(language, (rules = new Intl.PluralRules(language)));
  return `${key}.${rules.select(count)}`;
}

/**
 * `{{ 'profile.codesLeft' | plural: left }}`: the text in the form the count takes in the reader's language, with
 * `{{count}}` (and any other parameters) filled in. Not ICU messages: their compiler builds functions at run time,
 * which the Content Security Policy forbids.
 */
@Pipe({ name: 'plural', pure: false })
export class PluralPipe implements PipeTransform, OnDestroy {
  private readonly texts = inject(TranslocoService);
  private readonly translate = new TranslocoPipe(
    this.texts,
    inject(TRANSLOCO_SCOPE, { optional: true }) ?? undefined,
    inject(TRANSLOCO_LANG, { optional: true }) ?? undefined,
    inject(ChangeDetectorRef),
  );

  transform(key: string, count: number, params: Record<string, unknown> = {}): string {
    return this.translate.transform(pluralKey(key, count, this.texts.getActiveLang()), { ...params, count });
  }

  ngOnDestroy(): void {
    this.translate.ngOnDestroy();
  }
}

import ar from '../../../public/i18n/ar.json';
import de from '../../../public/i18n/de.json';
import en from '../../../public/i18n/en.json';
import { pluralKey } from './plural';

interface Texts {
  [key: string]: string | Texts;
}

const languages: Record<string, Texts> = { en, de, ar };
const pluralCategories = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);

const isPlural = (texts: Texts) => 'other' in texts && Object.keys(texts).every((key) => pluralCategories.has(key));

/** Every text's key; a text with plural forms counts once, as its forms differ from language to language. */
function keysOf(texts: Texts, prefix = ''): string[] {
  return Object.entries(texts).flatMap(([key, value]) =>
    typeof value === 'string' || isPlural(value) ? [prefix + key] : keysOf(value, `${prefix}${key}.`),
  );
}

function pluralsOf(texts: Texts, prefix = ''): [string, Texts][] {
  return Object.entries(texts).flatMap(([key, value]): [string, Texts][] =>
    typeof value === 'string' ? [] : isPlural(value) ? [[prefix + key, value]] : pluralsOf(value, `${prefix}${key}.`),
  );
}

describe('the SPA translations', () => {
  it('have the same texts in every language', () => {
    const english = keysOf(en).sort();
    for (const language of ['de', 'ar']) expect(keysOf(languages[language]).sort(), language).toEqual(english);
  });

  it('give every text with plural forms exactly the forms its language has', () => {
    for (const [language, texts] of Object.entries(languages)) {
      const forms = [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
      expect(pluralsOf(texts).length, language).toBeGreaterThan(0);
      for (const [key, plural] of pluralsOf(texts)) expect(Object.keys(plural).sort(), `${language} ${key}`).toEqual(forms);
    }
  });
});

describe('pluralKey', () => {
  it('picks the form a count takes in the language', () => {
    expect(pluralKey('t', 1, 'en')).toBe('t.one');
    expect(pluralKey('t', 0, 'en')).toBe('t.other');
    expect(pluralKey('t', 1, 'de')).toBe('t.one');
    expect(pluralKey('t', 0, 'ar')).toBe('t.zero');
    expect(pluralKey('t', 2, 'ar')).toBe('t.two');
    expect(pluralKey('t', 3, 'ar')).toBe('t.few');
    expect(pluralKey('t', 11, 'ar')).toBe('t.many');
    expect(pluralKey('t', 100, 'ar')).toBe('t.other');
  });
});

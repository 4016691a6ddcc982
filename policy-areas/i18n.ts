/**
 * The catalogue's translations: policy-areas/i18n/<language>.json, key → text, one file per
 * language (keys from strings.ts; en.json is generated from the definitions). Translations follow
 * a procedure across versions; a key a language lacks falls back to the English of the version
 * at hand, and the caller is told which strings did.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { LANGUAGES, type Language } from './strings.js';

const dir = fileURLToPath(new URL('./i18n/', import.meta.url));

export type Translations = Map<Language, Record<string, string>>;

export async function loadTranslations(): Promise<Translations> {
  const out: Translations = new Map();
  for (const lang of LANGUAGES) {
    const text = await readFile(`${dir}${lang}.json`, 'utf8').catch(() => undefined);
    if (text) out.set(lang, JSON.parse(text));
  }
  return out;
}

export const isLanguage = (v: unknown): v is Language => typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);

/** A translator into one language that remembers which strings it had to leave in English. */
export function translator(translations: Translations, language: Language) {
  const table = translations.get(language) ?? {};
  const untranslated = new Set<string>();
  return {
    language,
    t(key: string, english: string): string {
      if (language === 'en') return english;
      const text = table[key];
      if (text) return text;
      untranslated.add(key);
      return english;
    },
    get untranslated(): string[] {
      return [...untranslated];
    },
  };
}
export type Translator = ReturnType<typeof translator>;

/** Problems for `npm run procedures:check`: every key of en.json in every language, nothing empty. */
export function translationProblems(translations: Translations): { path: string; message: string }[] {
  const en = translations.get('en') ?? {};
  const out: { path: string; message: string }[] = [];
  for (const lang of LANGUAGES) {
    const table = translations.get(lang);
    if (!table) {
      out.push({ path: `i18n/${lang}.json`, message: 'missing' });
      continue;
    }
    const missing = Object.keys(en).filter((k) => !table[k]?.trim());
    if (missing.length) out.push({ path: `i18n/${lang}.json`, message: `${missing.length} string(s) missing, e.g. ${missing.slice(0, 3).join(', ')}` });
    const extra = Object.keys(table).filter((k) => !(k in en));
    if (extra.length) out.push({ path: `i18n/${lang}.json`, message: `${extra.length} key(s) no longer in the catalogue, e.g. ${extra.slice(0, 3).join(', ')}` });
  }
  return out;
}

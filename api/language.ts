import type { OfficialWithAuthority } from '../db/queries.js';
import { isLanguage } from '../policy-areas/i18n.js';
import type { Language } from '../policy-areas/strings.js';

/**
 * The caller's language: the official's own preference, else the best Accept-Language match
 * among the 26 languages (Norwegian variants nb/nn count as no), else English.
 */
export function languageOf(official: Pick<OfficialWithAuthority, 'language'> | undefined, acceptLanguage: string | undefined): Language {
  if (isLanguage(official?.language)) return official.language;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
      return { lang: tag.trim().toLowerCase().split('-')[0].replace(/^n[bn]$/, 'no'), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLanguage) ?? 'en';
}

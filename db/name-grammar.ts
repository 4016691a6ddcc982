/**
 * Preposition + article contraction for generated authority names. Templates say "Mairie de {city}"
 * and the city may begin with an article (Le Mans, Les Abymes, La Spezia, L'Aquila); real names
 * contract the two ("Mairie du Mans", "Comune della Spezia", "Provincia dell'Aquila"), and a
 * directory that writes "de Le Mans" looks machine-made to the officials who search it.
 */

type Rules = Record<string, Record<string, string>>;

// preposition → article → contracted form. Articles are keyed in lower case; an elided article
// keeps its apostrophe in the key ("l'") and the contracted form is glued to the next word.
const RULES: Record<string, Rules> = {
  // "de La" and "de L'" are correct as they are.
  fr: { de: { le: 'du', les: 'des' }, à: { le: 'au', les: 'aux' } },
  pt: {
    de: { o: 'do', a: 'da', os: 'dos', as: 'das' },
    em: { o: 'no', a: 'na', os: 'nos', as: 'nas' },
    a: { o: 'ao', a: 'à', os: 'aos', as: 'às' },
  },
  es: { de: { el: 'del' }, a: { el: 'al' } },
  it: { di: { il: 'del', lo: 'dello', la: 'della', "l'": "dell'", i: 'dei', gli: 'degli', le: 'delle' } },
};

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One regex per language, built once: preposition as a whole word, then one space, then an article
// that is a whole word itself (followed by a space) or an elided one (followed by its apostrophe).
const PATTERNS = new Map(
  Object.entries(RULES).map(([language, rules]) => {
    const preps = Object.keys(rules).map(escape).join('|');
    const articles = [...new Set(Object.values(rules).flatMap((r) => Object.keys(r)))];
    const full = articles.filter((a) => !a.endsWith("'")).map(escape).join('|');
    const elided = articles.filter((a) => a.endsWith("'")).map((a) => escape(a.slice(0, -1)));
    const article = elided.length ? `(?:(${full}) |(${elided.join('|')})['’])` : `(?:(${full}) )`;
    // Not after a letter, digit, apostrophe or hyphen: "Pointe-à-Pitre" holds no preposition.
    return [language, new RegExp(`(?<![\\p{L}\\p{N}'’-])(${preps}) ${article}`, 'giu')] as const;
  }),
);

/**
 * Contracts preposition + article in `text` for `language` ("de Le Mans" → "du Mans"). The
 * contracted word takes the case of the preposition it replaces (so "De Le Mans" → "Du Mans");
 * the rest of the place name is left exactly as written. Languages without rules pass through.
 */
export function contract(language: string, text: string): string {
  const rules = RULES[language];
  const pattern = PATTERNS.get(language);
  if (!rules || !pattern) return text;
  return text.replace(pattern, (match, prep: string, full: string | undefined, elided: string | undefined) => {
    const article = full !== undefined ? full.toLowerCase() : `${elided!.toLowerCase()}'`;
    const form = rules[prep.toLowerCase()]?.[article];
    if (!form) return match; // e.g. French "de La": a known article, but not one this preposition takes.
    const cased = prep[0] === prep[0].toUpperCase() && prep[0] !== prep[0].toLowerCase() ? form[0].toUpperCase() + form.slice(1) : form;
    return full !== undefined ? `${cased} ` : cased;
  });
}

/**
 * Names to plain Latin letters, for logins: a Greek or Bulgarian name written in its own script
 * must give a readable login (maria.papadopoulou, not an empty string). Display names keep their
 * script; only identifiers go through here.
 *
 * Greek follows ELOT 743 / ISO 843 in its simplified (transcription) form, the one Greek passports
 * use; Bulgarian follows the Streamlined System of the 2009 Transliteration Act, which Bulgarian
 * documents use. Other scripts are left as they are: folding Latin accents is `foldLatin`'s job.
 */

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm',
  ν: 'n', ξ: 'x', ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};
// After these, αυ/ευ/ηυ sound as af/ef/if; before anything else (vowels, voiced consonants) av/ev/iv.
const VOICELESS = new Set(['θ', 'κ', 'ξ', 'π', 'σ', 'ς', 'τ', 'φ', 'χ', 'ψ']);
// γ before a velar is a nasal: άγγελος is angelos (but γκ stays gk, as ELOT 743 keeps it).
const GAMMA_NASAL: Record<string, string> = { γ: 'ng', κ: 'gk', ξ: 'nx', χ: 'nch' };

const BULGARIAN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'sht', ъ: 'a', ь: 'y', ю: 'yu', я: 'ya',
};

/** Letters NFD leaves whole, so stripping combining marks alone would drop them (Søren → Sren). */
const LATIN_EXTRA: Record<string, string> = {
  ł: 'l', Ł: 'L', ø: 'o', Ø: 'O', æ: 'ae', Æ: 'Ae', œ: 'oe', Œ: 'Oe', ß: 'ss', ẞ: 'Ss',
  đ: 'd', Đ: 'D', ð: 'd', Ð: 'D', þ: 'th', Þ: 'Th', ħ: 'h', Ħ: 'H', ı: 'i',
};

interface Letter {
  ch: string;
  base: string; // lower case, without tonos or diaeresis
  upper: boolean;
  accent: boolean;
  diaeresis: boolean;
}

const isGreek = (c: string | undefined) => c !== undefined && Object.hasOwn(GREEK, c);
const isCyrillic = (c: string | undefined) => c !== undefined && Object.hasOwn(BULGARIAN, c);

function letter(ch: string): Letter {
  const lower = ch.toLowerCase();
  const d = lower.normalize('NFD');
  // й is a letter of its own, not и with a breve: only accented Greek vowels are taken apart.
  const base = isCyrillic(lower) ? lower : d[0];
  return { ch, base, upper: ch !== lower, accent: d.includes('\u0301'), diaeresis: d.includes('\u0308') };
}

/** Capitals follow the source: Χρήστος → Christos, but ΧΡΗΣΤΟΣ → CHRISTOS. */
function cased(out: string, at: Letter[], i: number): string {
  if (!at[i].upper) return out;
  const allCaps = at[i + 1]?.upper || at[i - 1]?.upper;
  return allCaps ? out.toUpperCase() : out[0].toUpperCase() + out.slice(1);
}

/** One Greek letter (or digraph) at i: what it becomes and how many letters it takes. */
function greek(at: Letter[], i: number): [string, number] {
  const c = at[i].base;
  const next = at[i + 1];
  const wordStart = !isGreek(at[i - 1]?.base);
  // αυ, ευ, ηυ are one sound unless a diaeresis or an accent on the first vowel splits them (άυλος).
  if ((c === 'α' || c === 'ε' || c === 'η') && next?.base === 'υ' && !next.diaeresis && !at[i].accent) {
    const after = at[i + 2]?.base;
    const f = !isGreek(after) || VOICELESS.has(after!);
    return [GREEK[c] + (f ? 'f' : 'v'), 2];
  }
  if (c === 'ο' && next?.base === 'υ' && !next.diaeresis) return ['ou', 2];
  if (c === 'γ' && next && Object.hasOwn(GAMMA_NASAL, next.base)) return [GAMMA_NASAL[next.base], 2];
  // μπ is b where a word starts (Μπάμπης → Bampis), mp inside one.
  if (c === 'μ' && next?.base === 'π' && wordStart) return ['b', 2];
  return [GREEK[c], 1];
}

/** One Bulgarian letter at i. A final -ия is -ia (София → Sofia, Мария → Maria), by the Act's rule. */
function bulgarian(at: Letter[], i: number): [string, number] {
  const c = at[i].base;
  if (c === 'и' && at[i + 1]?.base === 'я' && !isCyrillic(at[i + 2]?.base)) return ['ia', 2];
  return [BULGARIAN[c], 1];
}

/** Greek and Bulgarian Cyrillic to Latin letters; everything else passes through unchanged. */
export function transliterate(s: string): string {
  const at = [...s.normalize('NFC')].map(letter);
  let out = '';
  for (let i = 0; i < at.length; ) {
    const rule = isGreek(at[i].base) ? greek : isCyrillic(at[i].base) ? bulgarian : undefined;
    if (!rule) {
      out += at[i++].ch;
      continue;
    }
    const [latin, taken] = rule(at, i);
    // The case of a digraph follows its first letter; an all-capitals word stays in capitals.
    out += cased(latin, at, i);
    i += taken;
  }
  return out;
}

/** Latin with its accents and special letters folded to ASCII: Søren Müller → Soren Muller. */
export function foldLatin(s: string): string {
  return s
    .replace(/[łŁøØæÆœŒßẞđĐðÐþÞħĦı]/g, (c) => LATIN_EXTRA[c])
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
}

/** A name as a login part: Latin, lower case, letters a-z only (Γεώργιος → georgios, O'Brien → obrien). */
export function loginPart(name: string): string {
  return foldLatin(transliterate(name))
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/**
 * Apertium, the free rule-based engine, through its HTTP server (apertium-apy, Debian packages
 * `apertium-apy` and `apertium-<pair>`). Runs offline on this machine; `npm start` and the tests
 * start it. Apertium names languages in ISO 639-3 (and variants such as hbs_HR); Liaison in 639-1.
 */
import type { TranslationProvider } from './provider.js';

const TO_ISO1: Record<string, string> = {
  bul: 'bg', ces: 'cs', dan: 'da', deu: 'de', ell: 'el', eng: 'en', spa: 'es', est: 'et', fin: 'fi', fra: 'fr',
  gle: 'ga', hbs_HR: 'hr', hrv: 'hr', hun: 'hu', isl: 'is', ita: 'it', lit: 'lt', lav: 'lv', mlt: 'mt', nld: 'nl',
  nob: 'no', pol: 'pl', por: 'pt', ron: 'ro', slk: 'sk', slv: 'sl', swe: 'sv',
};

export function apertiumProvider(baseUrl: string, { cacheMs = 60_000 } = {}): TranslationProvider {
  let cached: { at: number; pairs: Map<string, [string, string]> } | undefined;
  async function pairMap(): Promise<Map<string, [string, string]>> {
    if (cached && Date.now() - cached.at < cacheMs) return cached.pairs;
    const res = await fetch(`${baseUrl}/listPairs`, { signal: AbortSignal.timeout(5_000) });
    if (!res.ok) throw new Error(`apertium-apy at ${baseUrl}: HTTP ${res.status}`);
    const body = (await res.json()) as { responseData: { sourceLanguage: string; targetLanguage: string }[] };
    const pairs = new Map<string, [string, string]>();
    for (const { sourceLanguage: s, targetLanguage: t } of body.responseData) {
      const from = TO_ISO1[s];
      const to = TO_ISO1[t];
      // The first mode found for a pair wins; a regional variant (hbs_HR) over the generic one is fine.
      if (from && to && !pairs.has(`${from}>${to}`)) pairs.set(`${from}>${to}`, [s, t]);
    }
    cached = { at: Date.now(), pairs };
    return pairs;
  }
  return {
    name: 'apertium',
    async pairs() {
      return new Set((await pairMap()).keys());
    },
    async translate(text, from, to) {
      const codes = (await pairMap()).get(`${from}>${to}`);
      if (!codes) throw new Error(`apertium has no ${from}>${to} pair`);
      const res = await fetch(`${baseUrl}/translate`, {
        method: 'POST',
        body: new URLSearchParams({ langpair: `${codes[0]}|${codes[1]}`, q: text, markUnknown: 'no' }),
        signal: AbortSignal.timeout(30_000),
      });
      if (!res.ok) throw new Error(`apertium-apy at ${baseUrl}: HTTP ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { responseData: { translatedText: string } };
      return body.responseData.translatedText;
    },
  };
}

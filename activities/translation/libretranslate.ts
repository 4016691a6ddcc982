/**
 * A LibreTranslate server (self-hosted or a provider's), configured by LIBRETRANSLATE_URL and
 * LIBRETRANSLATE_API_KEY. Its /languages lists, per source language, the targets it translates to.
 */
import type { TranslationProvider } from './provider.js';

export function libreTranslateProvider(baseUrl: string, apiKey?: string, { cacheMs = 60_000 } = {}): TranslationProvider {
  let cached: { at: number; pairs: Set<string> } | undefined;
  const norm = (code: string) => (code === 'nb' ? 'no' : code);
  return {
    name: 'libretranslate',
    async pairs() {
      if (cached && Date.now() - cached.at < cacheMs) return cached.pairs;
      const res = await fetch(`${baseUrl}/languages`, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`LibreTranslate at ${baseUrl}: HTTP ${res.status}`);
      const languages = (await res.json()) as { code: string; targets?: string[] }[];
      const pairs = new Set(languages.flatMap((l) => (l.targets ?? []).filter((t) => t !== l.code).map((t) => `${norm(l.code)}>${norm(t)}`)));
      cached = { at: Date.now(), pairs };
      return pairs;
    },
    async translate(text, from, to) {
      const code = (c: string) => (c === 'no' ? 'nb' : c);
      const res = await fetch(`${baseUrl}/translate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ q: text, source: code(from), target: code(to), format: 'text', ...(apiKey ? { api_key: apiKey } : {}) }),
        signal: AbortSignal.timeout(30_000),
      });
      if (!res.ok) throw new Error(`LibreTranslate at ${baseUrl}: HTTP ${res.status} ${await res.text()}`);
      return ((await res.json()) as { translatedText: string }).translatedText;
    },
  };
}

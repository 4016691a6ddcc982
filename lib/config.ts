/**
 * Typed configuration, parsed once from the environment by each entry script and passed down.
 * Nothing else reads `process.env`.
 */

export type Mode = 'embedded' | 'production';

export interface TemporalConfig {
  address: string;
  namespace: string;
  taskQueue: string;
  tls: boolean;
  tlsCertPath?: string;
  tlsKeyPath?: string;
  apiKey?: string;
  /** Whether the server knows Liaison's search attributes (registered at dev-server start). */
  searchAttributes: boolean;
}

export interface AuthConfig {
  /** Expected `iss` of tokens. In embedded mode the dev issuer's own. */
  issuer?: string;
  audience: string;
  jwksUrl?: string;
  /** Where the embedded dev issuer keeps its signing key, so tokens survive a restart. */
  devKeyFile: string;
}

export interface Config {
  mode: Mode;
  host: string;
  port: number;
  databaseUrl?: string;
  temporal: TemporalConfig;
  auth: AuthConfig;
  dataDir: string;
  logLevel: string;
  /** Machine translation: Apertium's HTTP server (apertium-apy); unset, free text is not translated. */
  apertiumUrl?: string;
  /** A LibreTranslate server, tried after Apertium for the pairs Apertium lacks. */
  libreTranslate?: { url: string; apiKey?: string };
  /** The EU's eTranslation (asynchronous), tried last; its callbacks reach the API. */
  eTranslation?: { url: string; application: string; password: string; callbackUrl: string };
  /** Signs and verifies the references asynchronous providers hand back in their callbacks. */
  callbackSecret?: string;
}

export class ConfigError extends Error {}

function bool(env: Record<string, string | undefined>, key: string, fallback: boolean): boolean {
  const v = env[key];
  if (v === undefined || v === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new ConfigError(`${key} must be true or false, got "${v}"`);
}

function int(env: Record<string, string | undefined>, key: string, fallback: number): number {
  const v = env[key];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new ConfigError(`${key} must be a port number, got "${v}"`);
  return n;
}

function required(env: Record<string, string | undefined>, key: string): string {
  const v = env[key];
  if (!v) throw new ConfigError(`${key} is required with ETRANSLATION_URL`);
  return v;
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const modeRaw = env.LIAISON_MODE ?? 'embedded';
  if (modeRaw !== 'embedded' && modeRaw !== 'production') {
    throw new ConfigError(`LIAISON_MODE must be "embedded" or "production", got "${modeRaw}"`);
  }
  const mode: Mode = modeRaw;
  const dataDir = env.LIAISON_DATA_DIR ?? '.data';
  const config: Config = {
    mode,
    host: env.HOST ?? (mode === 'production' ? '0.0.0.0' : '127.0.0.1'),
    port: int(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    logLevel: env.LOG_LEVEL ?? 'info',
    apertiumUrl: env.APERTIUM_URL || undefined,
    eTranslation: env.ETRANSLATION_URL
      ? {
          url: env.ETRANSLATION_URL,
          application: required(env, 'ETRANSLATION_APPLICATION'),
          password: required(env, 'ETRANSLATION_PASSWORD'),
          callbackUrl: required(env, 'ETRANSLATION_CALLBACK_URL'),
        }
      : undefined,
    callbackSecret: env.ETRANSLATION_URL ? required(env, 'ETRANSLATION_CALLBACK_SECRET') : undefined,
    libreTranslate: env.LIBRETRANSLATE_URL ? { url: env.LIBRETRANSLATE_URL, apiKey: env.LIBRETRANSLATE_API_KEY || undefined } : undefined,
    temporal: {
      address: env.TEMPORAL_ADDRESS || 'localhost:7233',
      namespace: env.TEMPORAL_NAMESPACE || 'default',
      taskQueue: env.TEMPORAL_TASK_QUEUE || 'liaison-cases',
      tls: bool(env, 'TEMPORAL_TLS', Boolean(env.TEMPORAL_API_KEY)),
      tlsCertPath: env.TEMPORAL_TLS_CERT || undefined,
      tlsKeyPath: env.TEMPORAL_TLS_KEY || undefined,
      apiKey: env.TEMPORAL_API_KEY || undefined,
      searchAttributes: bool(env, 'TEMPORAL_SEARCH_ATTRIBUTES', true),
    },
    auth: {
      issuer: env.AUTH_ISSUER || undefined,
      audience: env.AUTH_AUDIENCE || 'liaison',
      jwksUrl: env.AUTH_JWKS_URL || undefined,
      devKeyFile: env.AUTH_DEV_KEY_FILE || `${dataDir}/dev-issuer-key.json`,
    },
  };
  if (mode === 'production' && (!config.auth.issuer || !config.auth.jwksUrl)) {
    throw new ConfigError('LIAISON_MODE=production needs AUTH_ISSUER and AUTH_JWKS_URL (the dev issuer is off)');
  }
  if (Boolean(config.temporal.tlsCertPath) !== Boolean(config.temporal.tlsKeyPath)) {
    throw new ConfigError('TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (mTLS)');
  }
  return config;
}

export function requireDatabaseUrl(config: Config): string {
  if (!config.databaseUrl) throw new ConfigError('DATABASE_URL is required (npm start provides one on embedded defaults)');
  return config.databaseUrl;
}

/**
 * Bearer-token authentication. Tokens are JWTs checked against the configured issuer's JWKS; in the
 * embedded default only, a dev issuer signs tokens for the seeded officials.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTVerifyGetKey,
} from 'jose';
import type { AuthConfig, Mode } from '../lib/config.js';

export const DEV_ISSUER = 'urn:liaison:dev-issuer';
const DEV_TOKEN_TTL_SECONDS = 12 * 60 * 60;

export interface Authenticator {
  /** Returns the login the token was issued for, or throws. */
  verify(token: string): Promise<string>;
  /** Present in embedded mode only. */
  devIssuer?: DevIssuer;
}

export interface DevIssuer {
  issue(login: string): Promise<{ token: string; expiresAt: string }>;
}

async function loadOrCreateDevKey(file: string): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `dev-${Date.now().toString(36)}`;
  const pair = {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(pair), { mode: 0o600 });
  return pair;
}

export async function createAuthenticator(mode: Mode, cfg: AuthConfig): Promise<Authenticator> {
  if (mode === 'production') {
    const jwks = createRemoteJWKSet(new URL(cfg.jwksUrl!));
    return { verify: verifier(jwks, cfg.issuer!, cfg.audience) };
  }
  const { privateJwk, publicJwk } = await loadOrCreateDevKey(cfg.devKeyFile);
  const privateKey = await importJWK(privateJwk, 'ES256');
  const devIssuer: DevIssuer = {
    async issue(login) {
      const exp = Math.floor(Date.now() / 1000) + DEV_TOKEN_TTL_SECONDS;
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(cfg.audience)
        .setSubject(login)
        .setIssuedAt()
        .setExpirationTime(exp)
        .sign(privateKey);
      return { token, expiresAt: new Date(exp * 1000).toISOString() };
    },
  };
  // An external issuer can be configured beside the dev issuer, e.g. to try an IdP locally.
  const local = verifier(createLocalJWKSet({ keys: [publicJwk] }), DEV_ISSUER, cfg.audience);
  const external = cfg.jwksUrl && cfg.issuer ? verifier(createRemoteJWKSet(new URL(cfg.jwksUrl)), cfg.issuer, cfg.audience) : undefined;
  return {
    devIssuer,
    verify: async (token) => {
      try {
        return await local(token);
      } catch (err) {
        if (external) return external(token);
        throw err;
      }
    },
  };
}

function verifier(keys: JWTVerifyGetKey, issuer: string, audience: string) {
  return async (token: string): Promise<string> => {
    const { payload } = await jwtVerify(token, keys, { issuer, audience, clockTolerance: 30 });
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new Error('token has no subject');
    return payload.sub;
  };
}

/**
 * The browser's session: a cookie carrying the same bearer JWT the API accepts in the
 * Authorization header, because a browser cannot add that header when it navigates to a page.
 *
 * The cookie authenticates only GET and HEAD requests. Those change nothing, and the same-origin
 * policy keeps their answers from another site, so a forged cross-site request gains nothing; every
 * state-changing request still needs the header, which another site cannot make the browser send.
 * SameSite=Strict keeps the cookie off cross-site requests in the first place, and HttpOnly keeps
 * it out of reach of scripts.
 */
import type { FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import type { Db } from '../db/client.js';
import { findOfficial, type OfficialWithAuthority } from '../db/queries.js';
import type { Authenticator } from './auth.js';
import { forbidden, unauthorized } from './errors.js';

export const SESSION_COOKIE = 'liaison_session';
const COOKIE_METHODS = new Set(['GET', 'HEAD']);

/** The session cookie's value in a Cookie header, if any. */
export function readSessionCookie(header: string | undefined): string | undefined {
  for (const pair of header?.split(';') ?? []) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === SESSION_COOKIE) return pair.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * The token a request authenticates with: the bearer header, else (GET and HEAD only) the session
 * cookie. Throws a 401 problem that says which to send.
 */
export function requestToken(request: FastifyRequest): string {
  const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return bearer;
  const cookie = readSessionCookie(request.headers.cookie);
  if (cookie && COOKIE_METHODS.has(request.method)) return cookie;
  if (cookie) throw unauthorized(`the session cookie authenticates GET and HEAD only: send ${request.method} with a bearer token`);
  throw unauthorized('send a bearer token in the Authorization header');
}

/** The registered official a token is for: 401 when the token does not verify, 403 when nobody has its login. */
export async function officialOfToken(auth: Authenticator, db: Db, token: string): Promise<OfficialWithAuthority> {
  let login: string;
  try {
    login = await auth.verify(token);
  } catch (err) {
    throw unauthorized(`the token is not valid: ${(err as Error).message}`);
  }
  const official = await findOfficial(db, login);
  if (!official) throw forbidden(`${login} is not a registered official`);
  return official;
}

/** When the token expires, read from its (already verified) claims; undefined if it never does. */
export function tokenExpiry(token: string): Date | undefined {
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? new Date(exp * 1000) : undefined;
}

/**
 * The Set-Cookie value for a session ending when the token does. Secure in production, where the
 * API is served over HTTPS; not in the embedded mode, which a developer opens over plain http://127.0.0.1.
 */
export function sessionCookie(token: string, expiresAt: Date | undefined, secure: boolean): string {
  const parts = [`${SESSION_COOKIE}=${token}`, 'Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (expiresAt) {
    const seconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
    parts.push(`Expires=${expiresAt.toUTCString()}`, `Max-Age=${seconds}`);
  }
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/** The Set-Cookie value that makes the browser drop the session. */
export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', new Date(0), secure);
}

import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** A fresh secret per run of `salience serve`; it is the only credential browser mode has. */
export function createToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookies ignore ports, so two servers on one machine each need their own cookie name. */
export function tokenCookieName(port: number): string {
  return `salience-token-${port}`;
}

/** The token a request carries: `?token=`, `Authorization: Bearer`, or the server's cookie. */
export function requestToken(req: IncomingMessage, url: URL, port: number): string | null {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery !== null) return fromQuery;
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') === true) return auth.slice('Bearer '.length);
  return readCookie(req.headers.cookie, tokenCookieName(port));
}

export function tokenMatches(candidate: string | null, token: string): boolean {
  if (candidate === null) return false;
  const a = Buffer.from(candidate);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

const loopbackNames = new Set(['127.0.0.1', 'localhost']);

/** Host must name this server on loopback, which defeats DNS rebinding. */
export function hostAllowed(host: string | undefined, port: number): boolean {
  if (host === undefined) return false;
  const match = /^([^:]+):(\d+)$/.exec(host);
  return match !== null && loopbackNames.has(match[1] ?? '') && Number(match[2]) === port;
}

/** A browser sends Origin on WebSocket upgrades and cross-origin requests: it must be ours. */
export function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.protocol === 'http:' && loopbackNames.has(parsed.hostname) && Number(parsed.port) === port;
}

/**
 * Fetch metadata: a browser says whether a request comes from this origin's own pages ('same-origin')
 * or from the user ('none': a typed URL, a bookmark). Another port on 127.0.0.1 is 'same-site',
 * which is refused like any other site. Clients that send no such header pass.
 */
export function fetchSiteAllowed(site: string | string[] | undefined): boolean {
  return site === undefined || site === 'same-origin' || site === 'none';
}

/** Where a request comes from: this server on loopback, and a page of its own or the user. */
export function sourceAllowed(headers: IncomingMessage['headers'], port: number): boolean {
  return (
    hostAllowed(headers.host, port) &&
    originAllowed(headers.origin, port) &&
    fetchSiteAllowed(headers['sec-fetch-site'])
  );
}

function readCookie(header: string | undefined, name: string): string | null {
  if (header === undefined) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

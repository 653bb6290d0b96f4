import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import {
  createToken,
  fetchSiteAllowed,
  hostAllowed,
  originAllowed,
  requestToken,
  tokenCookieName,
  tokenMatches,
} from './auth';

function request(headers: IncomingMessage['headers']): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  return req;
}

describe('browser-mode authentication', () => {
  it('creates a fresh, unguessable token per run', () => {
    const a = createToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(createToken()).not.toBe(a);
  });

  it('finds the token in the query, a bearer header or this port’s cookie', () => {
    const url = new URL('http://127.0.0.1:5000/?token=q');
    expect(requestToken(request({}), url, 5000)).toBe('q');
    const plain = new URL('http://127.0.0.1:5000/assets/x.js');
    expect(requestToken(request({ authorization: 'Bearer b' }), plain, 5000)).toBe('b');
    const cookie = `other=1; ${tokenCookieName(5000)}=c; ${tokenCookieName(6000)}=d`;
    expect(requestToken(request({ cookie }), plain, 5000)).toBe('c');
    expect(requestToken(request({ cookie }), plain, 6000)).toBe('d');
    expect(requestToken(request({ cookie: 'other=1' }), plain, 5000)).toBeNull();
  });

  it('accepts only the exact token', () => {
    const token = createToken();
    expect(tokenMatches(token, token)).toBe(true);
    expect(tokenMatches(`${token}x`, token)).toBe(false);
    expect(tokenMatches(token.slice(1), token)).toBe(false);
    expect(tokenMatches(null, token)).toBe(false);
    expect(tokenMatches('', token)).toBe(false);
  });

  it('accepts only loopback Host headers naming this port (DNS rebinding)', () => {
    expect(hostAllowed('127.0.0.1:5000', 5000)).toBe(true);
    expect(hostAllowed('localhost:5000', 5000)).toBe(true);
    expect(hostAllowed('127.0.0.1:5001', 5000)).toBe(false);
    expect(hostAllowed('attacker.example:5000', 5000)).toBe(false);
    expect(hostAllowed('127.0.0.1', 5000)).toBe(false);
    expect(hostAllowed(undefined, 5000)).toBe(false);
  });

  it('accepts no Origin (same-origin navigation) or this server’s own origin only', () => {
    expect(originAllowed(undefined, 5000)).toBe(true);
    expect(originAllowed('http://127.0.0.1:5000', 5000)).toBe(true);
    expect(originAllowed('http://localhost:5000', 5000)).toBe(true);
    expect(originAllowed('http://evil.example', 5000)).toBe(false);
    expect(originAllowed('http://127.0.0.1:5001', 5000)).toBe(false);
    expect(originAllowed('https://127.0.0.1:5000', 5000)).toBe(false);
    expect(originAllowed('null', 5000)).toBe(false);
  });

  it('accepts requests from this origin’s pages or the user, not from other sites (fetch metadata)', () => {
    expect(fetchSiteAllowed(undefined)).toBe(true);
    expect(fetchSiteAllowed('same-origin')).toBe(true);
    expect(fetchSiteAllowed('none')).toBe(true);
    expect(fetchSiteAllowed('same-site')).toBe(false);
    expect(fetchSiteAllowed('cross-site')).toBe(false);
    expect(fetchSiteAllowed(['same-origin', 'cross-site'])).toBe(false);
  });
});

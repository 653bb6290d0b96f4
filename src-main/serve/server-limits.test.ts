import { connect as connectTcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { serveTempStudy, type ServedStudy } from '../../test/support/served-study';
import { BadTokenLimiter } from './bad-token-limiter';
import { MAX_MESSAGE_BYTES, type RunningServer } from './server';

let served: ServedStudy;
let server: RunningServer;
let now = 0;

beforeAll(async () => {
  const badTokenLimiter = new BadTokenLimiter({ maxFailures: 3, windowMs: 60_000, blockMs: 30_000, now: () => now });
  served = await serveTempStudy({ badTokenLimiter });
  server = served.server;
});

afterAll(() => served.close());

const page = (query: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`http://127.0.0.1:${server.port}/${query}`, { headers });

/** The status of a WebSocket upgrade to the API: 101 when it opens. */
function upgradeStatus(query: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`);
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', reject);
  });
}

describe('browser-mode limits', () => {
  it('answers a call up to 1 MiB and closes the connection on a larger message (1009)', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api?token=${server.token}`);
    await new Promise((resolve) => socket.once('open', resolve));
    const call = (search: string): string =>
      JSON.stringify({ type: 'call', id: 1, method: 'listRecords', params: { search } });
    const padding = MAX_MESSAGE_BYTES - call('').length;
    const reply = new Promise<string>((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString())));
    socket.send(call('x'.repeat(padding)));
    expect(JSON.parse(await reply)).toMatchObject({ id: 1, ok: false, error: { kind: 'invalid-request' } });
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(call('x'.repeat(padding + 1)));
    expect(await closed).toBe(1009);
    expect(await upgradeStatus(`?token=${server.token}`)).toBe(101);
  });

  it.runIf(process.platform === 'linux')(
    'listens on 127.0.0.1 only, not on the rest of the loopback network',
    async () => {
      const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
        const socket = connectTcp({ host: '127.0.0.2', port: server.port }, () => {
          socket.destroy();
          resolve(Object.assign(new Error('connected'), { code: 'CONNECTED' }));
        });
        socket.once('error', resolve);
      });
      expect(error.code).toBe('ECONNREFUSED');
    },
  );

  it("refuses requests from another site's pages, the right token notwithstanding", async () => {
    expect((await page(`?token=${server.token}`, { 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await page(`?token=${server.token}`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await page(`?token=${server.token}`, { 'sec-fetch-site': 'none' })).status).toBe(200);
    expect((await page(`?token=${server.token}`, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('answers 429 to everyone for a while after repeated wrong tokens', async () => {
    for (let i = 0; i < 3; i++) expect((await page(`?token=guess-${i}`)).status).toBe(401);
    // Requests without a token guess nothing and do not count.
    for (let i = 0; i < 5; i++) expect((await page('')).status).toBe(401);
    expect((await page(`?token=${server.token}`)).status).toBe(200);
    expect(await upgradeStatus('?token=guess-3')).toBe(401);
    const blocked = await page(`?token=${server.token}`);
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toBe('30');
    expect(await upgradeStatus(`?token=${server.token}`)).toBe(429);
    now += 30_000;
    expect((await page(`?token=${server.token}`)).status).toBe(200);
    expect(await upgradeStatus(`?token=${server.token}`)).toBe(101);
  });
});

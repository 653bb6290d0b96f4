import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { serveTempStudy, type ServedStudy } from '../../test/support/served-study';
import { sampleRecords } from '../../test/support/temp-study';
import { decodeBinaryMessage, type Service, type WireReply } from '../api';
import type { RunningServer } from './server';

let served: ServedStudy;
let service: Service;
let server: RunningServer;

beforeAll(async () => {
  served = await serveTempStudy();
  ({ service, server } = served);
});

afterAll(() => served.close());

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(query: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
}

describe('browser-mode server', () => {
  it('prints a loopback URL that carries the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('serves the app with the token, sets the cookie and the CSP', async () => {
    const res = await get(`/?token=${server.token}`);
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Salience Workbench</title>');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(String(res.headers['set-cookie'])).toContain(`salience-token-${server.port}=${server.token}`);
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly');
    const viaCookie = await get('/index.html', { cookie: `salience-token-${server.port}=${server.token}` });
    expect(viaCookie.status).toBe(200);
  });

  it('answers 401 without the token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(401);
    expect((await get('/?token=wrong')).status).toBe(401);
    expect((await get('/index.html', { authorization: 'Bearer nope' })).status).toBe(401);
  });

  it('answers 403 to a forged Host or a foreign Origin even with the token', async () => {
    expect((await get(`/?token=${server.token}`, { host: `attacker.example:${server.port}` })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { origin: 'http://evil.example' })).status).toBe(403);
  });

  it('answers 404 outside the renderer folder', async () => {
    expect((await get(`/../package.json?token=${server.token}`)).status).toBe(404);
  });

  it('carries API calls over the WebSocket', async () => {
    const socket = await connect(`?token=${server.token}`);
    const reply = nextMessage(socket);
    socket.send(JSON.stringify({ type: 'call', id: 7, method: 'listRecords', params: { search: 'generator' } }));
    expect(await reply).toMatchObject({
      type: 'reply',
      id: 7,
      ok: true,
      result: { records: [{ name: 'test_generator' }] },
    });
    const study = nextMessage(socket);
    socket.send(JSON.stringify({ type: 'call', id: 8, method: 'getStudy', params: {} }));
    expect(await study).toMatchObject({ id: 8, ok: true, result: { recordCount: sampleRecords.length } });
    socket.close();
  });

  it('sends typed arrays as one binary frame', async () => {
    const socket = await connect(`?token=${server.token}`);
    const frame = new Promise<Buffer>((resolve) =>
      socket.once('message', (data: Buffer, isBinary: boolean) => {
        expect(isBinary).toBe(true);
        resolve(data);
      }),
    );
    socket.send(
      JSON.stringify({
        type: 'call',
        id: 9,
        method: 'readSignal',
        params: { recordId: 1, channels: [0], start: 0, count: 4 },
      }),
    );
    const data = await frame;
    const reply = decodeBinaryMessage(
      data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength),
    ) as WireReply;
    expect(reply).toMatchObject({ id: 9, ok: true });
    const values = (reply as { result: { channels: { values: Float32Array }[] } }).result.channels[0]?.values;
    expect(values).toBeInstanceOf(Float32Array);
    // The sample study has channels but no stored samples: every value is missing.
    expect(Array.from(values ?? []).every((v) => Number.isNaN(v))).toBe(true);
    expect(values).toHaveLength(4);
    socket.close();
  });

  it('answers malformed messages and invalid parameters with error values', async () => {
    const socket = await connect('', { cookie: `salience-token-${server.port}=${server.token}` });
    const garbage = nextMessage(socket);
    socket.send('not json');
    expect(await garbage).toMatchObject({ type: 'reply', id: null, ok: false, error: { kind: 'invalid-request' } });
    const invalid = nextMessage(socket);
    socket.send(JSON.stringify({ type: 'call', id: 1, method: 'listRecords', params: { search: 3 } }));
    const answer = (await invalid) as WireReply;
    expect(answer).toMatchObject({ id: 1, ok: false, error: { kind: 'invalid-request' } });
    socket.close();
  });

  it('forwards service events to connected clients', async () => {
    const socket = await connect(`?token=${server.token}`);
    const event = nextMessage(socket);
    service.events.emit('jobProgress', { jobId: 3, fraction: 0.5, phase: 'explaining', etaSec: 12 });
    expect(await event).toEqual({
      type: 'event',
      event: 'jobProgress',
      payload: { jobId: 3, fraction: 0.5, phase: 'explaining', etaSec: 12 },
    });
    socket.close();
  });

  it('refuses WebSocket upgrades without the token or from another origin', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 401');
    await expect(connect('?token=bad')).rejects.toThrow('HTTP 401');
    await expect(connect(`?token=${server.token}`, { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
  });
});

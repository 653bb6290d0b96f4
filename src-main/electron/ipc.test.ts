import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTempStudy, type TempStudy } from '../../test/support/temp-study';
import { ipcChannels, StudyHost, type CallOutcome } from '../api';
import { registerApi } from './ipc';

type CallHandler = (
  event: { senderFrame: { url: string } | null },
  method: unknown,
  params: unknown,
) => Promise<CallOutcome>;

const electron = vi.hoisted(() => {
  const contents = (url: string) => ({ getURL: () => url, send: vi.fn() });
  return {
    ipcMain: { handle: vi.fn<(channel: string, handler: CallHandler) => void>(), removeHandler: vi.fn() },
    webContents: {
      all: [contents('app://renderer/index.html'), contents('https://example.org/'), contents('devtools://x')],
      getAllWebContents(): ReturnType<typeof contents>[] {
        return this.all;
      },
    },
  };
});
vi.mock('electron', () => electron);

let temp: TempStudy;
let host: StudyHost;
let unregister: () => void;
let call: (senderUrl: string | null, method: unknown, params: unknown) => Promise<CallOutcome>;

beforeAll(async () => {
  temp = createTempStudy();
  host = await StudyHost.open(temp.path, { shell: 'electron', jobs: { actor: 'tester' } });
  unregister = registerApi(host.service);
  const [channel, handler] = electron.ipcMain.handle.mock.calls[0] ?? [];
  expect(channel).toBe(ipcChannels.call);
  if (handler === undefined) throw new Error('registerApi installed no handler');
  call = (senderUrl, method, params) =>
    handler({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, method, params);
});
afterAll(async () => {
  await host.close();
  temp.remove();
});

describe('the IPC API', () => {
  it("answers calls from the app's own page", async () => {
    const outcome = await call('app://renderer/index.html', 'listRecords', { search: 'generator' });
    expect(outcome).toMatchObject({ ok: true, result: { records: [{ name: 'test_generator' }] } });
  });

  it('refuses calls from any other frame, whatever they ask', async () => {
    for (const sender of ['https://example.org/', 'file:///app/renderer/index.html', 'app://elsewhere/', null]) {
      expect(await call(sender, 'listRecords', {}), String(sender)).toEqual({
        ok: false,
        error: { kind: 'invalid-request', message: 'API call refused: it did not come from the app page' },
      });
    }
  });

  it('validates the method and its parameters against the contract', async () => {
    const app = 'app://renderer/index.html';
    for (const [method, params] of [
      ['listRecords', { search: 3 }],
      ['listRecords', { search: 'x', path: '/etc/passwd' }],
      ['getRecord', { recordId: '1; DROP TABLE records' }],
      ['readSignal', { recordId: 1, channels: [0], start: -1, count: 10 }],
      ['importFiles', { paths: ['/etc/passwd'] }],
      [{ toString: 'getStudy' }, {}],
    ] as const) {
      const outcome = await call(app, method, params);
      expect(outcome, JSON.stringify([method, params])).toMatchObject({
        ok: false,
        error: { kind: 'invalid-request' },
      });
    }
    expect(await call(app, 'getStudy', undefined)).toMatchObject({ ok: true, result: { recordCount: 3 } });
  });

  it("sends the service's events to app pages only, until unregistered", () => {
    const payload = { jobId: 1, fraction: 0.25, phase: 'explaining', etaSec: null };
    host.service.events.emit('jobProgress', payload);
    const [app, web, devtools] = electron.webContents.all;
    expect(app?.send).toHaveBeenCalledWith(ipcChannels.event, 'jobProgress', payload);
    expect(web?.send).not.toHaveBeenCalled();
    expect(devtools?.send).not.toHaveBeenCalled();
    unregister();
    expect(electron.ipcMain.removeHandler).toHaveBeenCalledWith(ipcChannels.call);
    host.service.events.emit('jobProgress', payload);
    expect(app?.send).toHaveBeenCalledTimes(1);
  });
});

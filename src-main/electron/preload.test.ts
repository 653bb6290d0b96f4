import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiMethodNames, ipcChannels } from '../api/method-names';
import type { PreloadBridge } from '../api/wire';

type EventForwarder = (event: unknown, name: unknown, payload: unknown) => void;

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<(key: string, api: unknown) => void>() },
  ipcRenderer: {
    invoke: vi.fn(() => Promise.resolve({ ok: true, result: {} })),
    on: vi.fn<(channel: string, listener: EventForwarder) => void>(),
    removeListener: vi.fn(),
  },
}));
vi.mock('electron', () => electron);

let bridge: PreloadBridge;

beforeAll(async () => {
  await import('./preload');
  const [key, exposed] = electron.contextBridge.exposeInMainWorld.mock.calls[0] ?? [];
  expect(key).toBe('salience');
  bridge = exposed as PreloadBridge;
});

describe('the preload bridge', () => {
  it('exposes one function per API method and the event subscription, nothing else', () => {
    expect(Object.keys(bridge).sort()).toEqual([...apiMethodNames, 'onEvent'].sort());
    for (const value of Object.values(bridge)) expect(value).toBeTypeOf('function');
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer.invoke);
  });

  it('sends every call over the one API channel, to be validated in the main process', async () => {
    await bridge.listRecords({ search: 'x' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannels.call, 'listRecords', { search: 'x' });
  });

  it('passes on API events only, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = bridge.onEvent(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls[0] ?? [];
    expect(channel).toBe(ipcChannels.event);
    forward?.({}, 'jobProgress', { jobId: 1 });
    forward?.({}, 'somethingElse', { secret: true });
    expect(listener.mock.calls).toEqual([['jobProgress', { jobId: 1 }]]);
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(ipcChannels.event, forward);
  });
});

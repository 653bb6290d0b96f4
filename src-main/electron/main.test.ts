import type { BrowserWindowConstructorOptions } from 'electron';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTempStudy, sampleRecords, type TempStudy } from '../../test/support/temp-study';
import { openStudy } from '../store';

type Listener = (...args: never[]) => unknown;

/** Electron as the shell sees it; `start()` makes `app.whenReady()` resolve. */
const electron = vi.hoisted(() => {
  const order: string[] = [];
  const appListeners = new Map<string, Listener>();
  let start = (): void => undefined;
  const ready = new Promise<void>((resolve) => (start = resolve));
  class BrowserWindow {
    static readonly windows: BrowserWindow[] = [];
    static getAllWindows(): BrowserWindow[] {
      return BrowserWindow.windows;
    }
    readonly webContents = { reload: vi.fn() };
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly isMinimized = vi.fn(() => true);
    readonly restore = vi.fn();
    readonly focus = vi.fn();
    constructor(readonly options: BrowserWindowConstructorOptions) {
      order.push('window');
      BrowserWindow.windows.push(this);
    }
    once(): void {}
  }
  return {
    order,
    appListeners,
    start: () => start(),
    app: {
      isPackaged: false,
      enableSandbox: vi.fn(() => order.push('enableSandbox')),
      requestSingleInstanceLock: vi.fn(() => true),
      on: vi.fn((event: string, listener: Listener) => appListeners.set(event, listener)),
      whenReady: () => ready.then(() => order.push('ready')),
      quit: vi.fn(),
    },
    BrowserWindow,
    dialog: { showErrorBox: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(() => order.push('session hardened')),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn() },
      },
    },
    protocol: {
      registerSchemesAsPrivileged: vi.fn(() => order.push('app scheme registered')),
      handle: vi.fn(() => order.push('app scheme served')),
    },
    ipcMain: { handle: vi.fn(() => order.push('api registered')), removeHandler: vi.fn() },
    webContents: { getAllWebContents: () => [] },
  };
});
vi.mock('electron', () => electron);

/** electron-updater, counting every read of its autoUpdater. */
const updater = vi.hoisted(() => {
  const state = { touched: 0 };
  return {
    state,
    module: {
      default: {
        get autoUpdater(): never {
          state.touched += 1;
          throw new Error('the shell touched the updater');
        },
      },
    },
  };
});
vi.mock('electron-updater', () => updater.module);

const fixtures = fileURLToPath(new URL('../../test/fixtures/', import.meta.url));
let temp: TempStudy;
const argv = process.argv;

function recordCount(): number {
  const study = openStudy(temp.path);
  try {
    return study.db.prepare('SELECT count(*) FROM records').pluck().get() as number;
  } finally {
    study.close();
  }
}

/** Emits an app event as Electron would. */
function emit(event: string, ...args: unknown[]): void {
  const listener = electron.appListeners.get(event) as ((...a: unknown[]) => unknown) | undefined;
  if (listener === undefined) throw new Error(`main.ts does not listen to '${event}'`);
  listener(...args);
}

const configHome = process.env.XDG_CONFIG_HOME;

beforeAll(async () => {
  temp = createTempStudy();
  process.argv = [argv[0] ?? 'electron', 'out/main/electron.js', '--study', temp.path, '--no-sandbox'];
  // The shell remembers the studies it opens in the app's settings folder: here, the test's.
  process.env.XDG_CONFIG_HOME = join(temp.dir, 'config');
  await import('./main');
  // main.ts imports the whole app (engine, explainers, formats): slow to transform on a busy machine.
}, 120_000);
afterAll(() => {
  process.argv = argv;
  if (configHome === undefined) delete process.env.XDG_CONFIG_HOME;
  else process.env.XDG_CONFIG_HOME = configHome;
  temp.remove();
});

describe('the Electron shell', () => {
  it('sandboxes every renderer and registers app:// before the app is ready', () => {
    expect(electron.order).toEqual(['enableSandbox', 'app scheme registered']);
  });

  it('takes files macOS opens before it is ready', () => {
    const preventDefault = vi.fn();
    emit('open-file', { preventDefault }, join(fixtures, 'wfdb', '100_3chan.hea'));
    expect(preventDefault).toHaveBeenCalled();
  });

  it('hardens the session, serves app:// and the API, then opens the window', async () => {
    electron.start();
    await vi.waitFor(() => expect(electron.BrowserWindow.windows).toHaveLength(1));
    expect(electron.order.slice(2)).toEqual([
      'ready',
      'session hardened',
      'app scheme served',
      'api registered',
      'window',
    ]);
    expect(electron.BrowserWindow.windows[0]?.options.webPreferences).toMatchObject({ sandbox: true });
    expect(electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('checks for no updates and lets nothing leave the machine: the study names no update server', () => {
    expect(updater.state.touched).toBe(0);
    const [filter] = electron.session.defaultSession.webRequest.onBeforeRequest.mock.calls[0] as unknown as [
      (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ];
    const cancelled = (url: string): boolean | undefined => {
      let cancel: boolean | undefined;
      filter({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(cancelled('app://renderer/index.html')).toBe(false);
    expect(cancelled('https://updates.example.org/latest.yml')).toBe(true);
    expect(electron.appListeners.has('session-created')).toBe(true);
  });

  it('imported the record file opened at launch into the study named by --study', () => {
    expect(recordCount()).toBe(sampleRecords.length + 1);
  });

  it('hardens every web contents created', () => {
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    emit('web-contents-created', {}, contents);
    expect(contents.on.mock.calls.map(([event]) => event as string)).toContain('will-navigate');
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
  });

  it('reports a bad record file opened later and leaves the study as it was', async () => {
    const bad = join(temp.dir, 'bad.edf');
    writeFileSync(bad, 'not an EDF file');
    emit('open-file', { preventDefault: vi.fn() }, bad);
    await vi.waitFor(() => expect(electron.dialog.showErrorBox).toHaveBeenCalled());
    expect(electron.dialog.showErrorBox.mock.calls[0]?.[1]).toContain('bad.edf');
    expect(recordCount()).toBe(sampleRecords.length + 1);
  });

  it('imports a good record file opened later and reloads the window', async () => {
    emit('open-file', { preventDefault: vi.fn() }, join(fixtures, 'edf', 'test_subsecond.edf'));
    const window = electron.BrowserWindow.windows[0];
    await vi.waitFor(() => expect(window?.webContents.reload).toHaveBeenCalled());
    expect(recordCount()).toBe(sampleRecords.length + 2);
  });

  it('takes over a second launch: focuses the window and imports the record files it names', async () => {
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalledTimes(1);
    const window = electron.BrowserWindow.windows[0];
    window?.webContents.reload.mockClear();
    emit('second-instance', {}, ['electron', 'out/main/electron.js', join(fixtures, 'edf', 'test_uneven_samp.edf')]);
    expect(window?.restore).toHaveBeenCalled();
    expect(window?.focus).toHaveBeenCalled();
    await vi.waitFor(() => expect(window?.webContents.reload).toHaveBeenCalled());
    expect(recordCount()).toBe(sampleRecords.length + 3);
  });

  it('switches to the study a second launch names, and keeps the open one when that file is missing', async () => {
    const call = (method: string): Promise<unknown> => {
      const [, handler] = electron.ipcMain.handle.mock.calls[0] as unknown as [
        string,
        (event: { senderFrame: { url: string } }, method: string, params: object) => Promise<unknown>,
      ];
      return handler({ senderFrame: { url: 'app://renderer/index.html' } }, method, {});
    };
    const getStudy = (): Promise<unknown> => call('getStudy');
    electron.dialog.showErrorBox.mockClear();
    emit('second-instance', {}, ['electron', 'out/main/electron.js', '--study', join(temp.dir, 'other.sqlite')]);
    await vi.waitFor(() => expect(electron.dialog.showErrorBox).toHaveBeenCalled());
    expect(electron.dialog.showErrorBox.mock.calls[0]?.[1]).toMatch(/other\.sqlite: no such study file/);
    expect(await getStudy()).toMatchObject({ ok: true, result: { path: temp.path } });

    const other = createTempStudy();
    try {
      emit('second-instance', {}, ['electron', 'out/main/electron.js', '--study', other.path]);
      await vi.waitFor(async () => expect(await getStudy()).toMatchObject({ ok: true, result: { path: other.path } }));
      emit('second-instance', {}, ['electron', 'out/main/electron.js', '--study', temp.path]);
      await vi.waitFor(async () => expect(await getStudy()).toMatchObject({ ok: true, result: { path: temp.path } }));
      expect(await call('listRecentStudies')).toMatchObject({
        ok: true,
        result: {
          studies: [
            { path: temp.path, exists: true },
            { path: other.path, exists: true },
          ],
        },
      });
    } finally {
      other.remove();
    }
    expect(recordCount()).toBe(sampleRecords.length + 3);
  });

  it('quits when the last window closes, after the job queue has stopped', async () => {
    emit('window-all-closed');
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
  });
});

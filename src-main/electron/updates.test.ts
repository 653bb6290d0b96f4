import type { UpdateInfo } from 'electron-updater';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkForUpdates, lockNetwork } from './updates';

type Listener = (...args: never[]) => unknown;
type RequestFilter = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

/** A session as the shell sees it: keeps the request filter installed on it. */
class FakeSession {
  filter: RequestFilter | null = null;
  readonly setPermissionRequestHandler = vi.fn();
  readonly setPermissionCheckHandler = vi.fn();
  readonly webRequest = { onBeforeRequest: (filter: RequestFilter) => (this.filter = filter) };

  /** Whether Electron would send a request for `url`. */
  lets(url: string): boolean {
    if (this.filter === null) throw new Error('no request filter was installed');
    let cancel: boolean | undefined;
    this.filter({ url }, (response) => (cancel = response.cancel));
    if (cancel === undefined) throw new Error('the request filter did not answer');
    return !cancel;
  }
}

/** Electron and electron-updater at the module boundary; `touched` counts reads of `autoUpdater`. */
const mocked = vi.hoisted(() => {
  const appListeners = new Map<string, Listener>();
  const updaterListeners = new Map<string, Listener>();
  const autoUpdater = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    setFeedURL: vi.fn(),
    on: vi.fn((event: string, listener: Listener) => updaterListeners.set(event, listener)),
    checkForUpdates: vi.fn(() => Promise.resolve(null)),
    downloadUpdate: vi.fn(() => Promise.resolve([])),
    quitAndInstall: vi.fn(),
  };
  const state = { touched: 0, defaultSession: null as unknown };
  return {
    state,
    appListeners,
    updaterListeners,
    autoUpdater,
    electron: {
      app: { on: vi.fn((event: string, listener: Listener) => appListeners.set(event, listener)) },
      dialog: {
        showErrorBox: vi.fn<(title: string, content: string) => void>(),
        showMessageBox: vi.fn<(options: { message: string; detail: string }) => Promise<{ response: number }>>(),
      },
      session: {
        get defaultSession(): unknown {
          return state.defaultSession;
        },
      },
    },
    updater: {
      default: {
        get autoUpdater() {
          state.touched += 1;
          return autoUpdater;
        },
      },
    },
  };
});
vi.mock('electron', () => mocked.electron);
vi.mock('electron-updater', () => mocked.updater);

let defaultSession: FakeSession;
/** The session electron-updater downloads through, created after the network is locked. */
let updaterSession: FakeSession;

beforeEach(() => {
  vi.clearAllMocks();
  mocked.state.touched = 0;
  mocked.appListeners.clear();
  mocked.updaterListeners.clear();
  Object.assign(mocked.autoUpdater, { autoDownload: true, autoInstallOnAppQuit: true });
  defaultSession = new FakeSession();
  updaterSession = new FakeSession();
  mocked.state.defaultSession = defaultSession;
});

/** Locks the network for these settings, creates electron-updater's session, and runs the check. */
async function start(updateServer: string | null): Promise<void> {
  const feed = lockNetwork({ updateServer });
  mocked.appListeners.get('session-created')?.(updaterSession as never);
  await checkForUpdates(feed);
}

function emitUpdater(event: string, info: Pick<UpdateInfo, 'version'>): void {
  const listener = mocked.updaterListeners.get(event) as ((info: unknown) => void) | undefined;
  if (listener === undefined) throw new Error(`the shell does not listen to '${event}'`);
  listener(info);
}

const sessions = (): FakeSession[] => [defaultSession, updaterSession];
const server = 'https://updates.example.internal';

describe('with no update server set', () => {
  beforeEach(() => start(null));

  it('never touches the updater', () => {
    expect(mocked.state.touched).toBe(0);
    expect(mocked.autoUpdater.setFeedURL).not.toHaveBeenCalled();
    expect(mocked.autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    expect(mocked.electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it('blocks every request that leaves the app, in every session', () => {
    for (const session of sessions()) {
      expect(session.lets('app://renderer/index.html')).toBe(true);
      for (const url of [`${server}/latest.yml`, 'https://example.org/', 'http://127.0.0.1:8080/']) {
        expect(session.lets(url), url).toBe(false);
      }
    }
  });
});

describe('with an https update server set', () => {
  beforeEach(() => start(`${server}/salience/`));

  it('checks that generic feed, once, without downloading unasked', () => {
    expect(mocked.autoUpdater.setFeedURL).toHaveBeenCalledExactlyOnceWith({
      provider: 'generic',
      url: `${server}/salience/`,
    });
    expect(mocked.autoUpdater.autoDownload).toBe(false);
    expect(mocked.autoUpdater.autoInstallOnAppQuit).toBe(false);
    expect(mocked.autoUpdater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(mocked.electron.dialog.showErrorBox).not.toHaveBeenCalled();
  });

  it("lets requests to that server's origin through and blocks the rest, lookalikes included, in every session", () => {
    for (const session of sessions()) {
      expect(session.lets(`${server}/salience/latest-linux.yml`)).toBe(true);
      expect(session.lets(`${server}/salience/Salience-Workbench-0.2.0.AppImage`)).toBe(true);
      for (const url of [
        'https://updates.example.internal.evil.example/salience/latest.yml',
        'https://updates.example.internal@evil.example/salience/latest.yml',
        'http://updates.example.internal/salience/latest.yml',
        'https://example.org/',
      ]) {
        expect(session.lets(url), url).toBe(false);
      }
    }
  });

  it('downloads an update only when the user says so, naming the server', async () => {
    mocked.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    emitUpdater('update-available', { version: '0.2.0' });
    await vi.waitFor(() => expect(mocked.electron.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    const [options] = mocked.electron.dialog.showMessageBox.mock.calls[0] ?? [];
    expect(`${options?.message} ${options?.detail}`).toMatch(/0\.2\.0.*https:\/\/updates\.example\.internal/);
    expect(mocked.autoUpdater.downloadUpdate).not.toHaveBeenCalled();

    mocked.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    emitUpdater('update-available', { version: '0.2.0' });
    await vi.waitFor(() => expect(mocked.autoUpdater.downloadUpdate).toHaveBeenCalledTimes(1));
  });

  it('installs a downloaded update only when the user restarts for it', async () => {
    mocked.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 1 });
    emitUpdater('update-downloaded', { version: '0.2.0' });
    await vi.waitFor(() => expect(mocked.electron.dialog.showMessageBox).toHaveBeenCalledTimes(1));
    expect(mocked.autoUpdater.quitAndInstall).not.toHaveBeenCalled();

    mocked.electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0 });
    emitUpdater('update-downloaded', { version: '0.2.0' });
    await vi.waitFor(() => expect(mocked.autoUpdater.quitAndInstall).toHaveBeenCalledTimes(1));
  });
});

describe('an update server that is not a plain https URL', () => {
  it('is refused with a message naming the setting; updates stay off and every request is blocked', async () => {
    for (const value of ['http://updates.example.internal/salience/', 'https://updates example/']) {
      mocked.electron.dialog.showErrorBox.mockClear();
      await start(value);
      const [, message] = mocked.electron.dialog.showErrorBox.mock.calls[0] ?? [];
      expect(message, value).toMatch(/^Setting updateServer: '.*' is not .*; updates stay off$/);
      expect(message, value).toContain(value);
      expect(defaultSession.lets('http://updates.example.internal/salience/latest.yml'), value).toBe(false);
      expect(updaterSession.lets(`${server}/salience/latest.yml`), value).toBe(false);
      expect(mocked.state.touched, value).toBe(0);
    }
  });
});

describe('a failed check', () => {
  it('is logged and leaves the app running', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    mocked.autoUpdater.checkForUpdates.mockRejectedValueOnce(new Error('net::ERR_NAME_NOT_RESOLVED'));
    await expect(start(`${server}/salience/`)).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/updates\.example\.internal.*ERR_NAME_NOT_RESOLVED/));
    warn.mockRestore();
  });
});

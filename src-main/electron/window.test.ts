import type { BrowserWindowConstructorOptions } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_ENTRY_URL } from './trusted-sender';
import { createMainWindow } from './window';

const electron = vi.hoisted(() => {
  class FakeWindow {
    static created: FakeWindow[] = [];
    readonly listeners = new Map<string, () => void>();
    readonly loadURL = vi.fn(() => Promise.resolve());
    readonly show = vi.fn();
    constructor(readonly options: BrowserWindowConstructorOptions) {
      FakeWindow.created.push(this);
    }
    once(event: string, listener: () => void): void {
      this.listeners.set(event, listener);
    }
  }
  return { BrowserWindow: FakeWindow };
});
vi.mock('electron', () => electron);

describe('the main window', () => {
  let window: InstanceType<typeof electron.BrowserWindow> | undefined;
  beforeAll(() => {
    createMainWindow('/app/out/preload/preload.cjs');
    window = electron.BrowserWindow.created[0];
  });

  it('runs the page isolated and sandboxed, with no Node and web security on', () => {
    expect(window?.options.webPreferences).toEqual({
      preload: '/app/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it("loads the app's own page over app://, then shows itself when ready", () => {
    expect(window?.loadURL).toHaveBeenCalledWith(APP_ENTRY_URL);
    expect(window?.options.show).toBe(false);
    window?.listeners.get('ready-to-show')?.();
    expect(window?.show).toHaveBeenCalled();
  });
});

import type { Session, WebContents } from 'electron';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { hardenContents, hardenSession } from './security';

type Handler = (...args: never[]) => unknown;

/** Keeps the handlers the shell installs, so that a test can call them as Electron would. */
class Installed {
  private readonly handlers = new Map<string, Handler>();

  recorder(name: string): (handler: Handler) => void {
    return (handler) => this.handlers.set(name, handler);
  }

  call(name: string, ...args: unknown[]): unknown {
    const handler = this.handlers.get(name) as ((...a: unknown[]) => unknown) | undefined;
    if (handler === undefined) throw new Error(`no ${name} handler was installed`);
    return handler(...args);
  }
}

function sessionOf(installed: Installed): Session {
  const session = {
    setPermissionRequestHandler: installed.recorder('permission-request'),
    setPermissionCheckHandler: installed.recorder('permission-check'),
    webRequest: { onBeforeRequest: installed.recorder('before-request') },
  };
  return session as unknown as Session;
}

/** Whether the session's request filter cancels a request for `url`. */
function cancelled(installed: Installed, url: string): unknown {
  const callback = vi.fn<(response: { cancel: boolean }) => void>();
  installed.call('before-request', { url }, callback);
  return callback.mock.calls[0]?.[0].cancel;
}

describe('hardenSession', () => {
  const installed = new Installed();
  beforeAll(() => hardenSession(sessionOf(installed)));

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      installed.call('permission-request', {}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(installed.call('permission-check', {}, permission), permission).toBe(false);
    }
  });

  it('cancels every request that leaves the app', () => {
    expect(cancelled(installed, 'app://renderer/index.html')).toBe(false);
    expect(cancelled(installed, 'app://renderer/assets/index.js')).toBe(false);
    for (const url of [
      'https://example.org/telemetry',
      'http://127.0.0.1:8080/api',
      'ws://127.0.0.1:8080/api',
      'file:///etc/passwd',
      'app://elsewhere/index.html',
    ]) {
      expect(cancelled(installed, url), url).toBe(true);
    }
  });
});

describe('hardenSession with an allowed origin', () => {
  const installed = new Installed();
  beforeAll(() => hardenSession(sessionOf(installed), ['https://updates.example.internal']));

  it('lets requests to that origin through and cancels the rest', () => {
    expect(cancelled(installed, 'https://updates.example.internal/salience/latest.yml')).toBe(false);
    expect(cancelled(installed, 'app://renderer/index.html')).toBe(false);
    expect(cancelled(installed, 'https://updates.example.internal.evil.example/latest.yml')).toBe(true);
    expect(cancelled(installed, 'https://example.org/telemetry')).toBe(true);
  });

  it('still denies every permission', () => {
    const callback = vi.fn();
    installed.call('permission-request', {}, 'notifications', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(installed.call('permission-check', {}, 'notifications')).toBe(false);
  });
});

describe('hardenContents', () => {
  const installed = new Installed();
  const contents = {
    on: (event: string, handler: Handler) => installed.recorder(event)(handler),
    setWindowOpenHandler: installed.recorder('window-open'),
  };
  beforeAll(() => hardenContents(contents as unknown as WebContents));

  it('prevents navigation, redirects and webviews', () => {
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const preventDefault = vi.fn();
      installed.call(event, { preventDefault }, 'https://example.org/');
      expect(preventDefault, event).toHaveBeenCalled();
    }
  });

  it('opens no new windows', () => {
    expect(installed.call('window-open', { url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(installed.call('window-open', { url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
  });
});

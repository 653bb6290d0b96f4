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

describe('hardenSession', () => {
  const installed = new Installed();
  const session = {
    setPermissionRequestHandler: installed.recorder('permission-request'),
    setPermissionCheckHandler: installed.recorder('permission-check'),
    webRequest: { onBeforeRequest: installed.recorder('before-request') },
  };
  beforeAll(() => hardenSession(session as unknown as Session));

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      installed.call('permission-request', {}, permission, callback);
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(installed.call('permission-check', {}, permission), permission).toBe(false);
    }
  });

  it('cancels every request that leaves the app', () => {
    const cancelled = (url: string): unknown => {
      const callback = vi.fn<(response: { cancel: boolean }) => void>();
      installed.call('before-request', { url }, callback);
      return callback.mock.calls[0]?.[0].cancel;
    };
    expect(cancelled('app://renderer/index.html')).toBe(false);
    expect(cancelled('app://renderer/assets/index.js')).toBe(false);
    for (const url of [
      'https://example.org/telemetry',
      'http://127.0.0.1:8080/api',
      'ws://127.0.0.1:8080/api',
      'file:///etc/passwd',
      'app://elsewhere/index.html',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
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

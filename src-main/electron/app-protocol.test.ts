import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy';
import { registerAppScheme, serveRenderer } from './app-protocol';

const electron = vi.hoisted(() => ({
  protocol: {
    registerSchemesAsPrivileged: vi.fn(),
    handle: vi.fn<(scheme: string, handler: (request: Request) => Promise<Response>) => void>(),
  },
}));
vi.mock('electron', () => electron);

let dir: string;
let fetchApp: (url: string) => Promise<Response>;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'salience-app-protocol-'));
  const renderer = join(dir, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Salience Workbench</title>');
  writeFileSync(join(renderer, 'assets', 'app.js'), 'export {};');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  serveRenderer(renderer);
  const [scheme, handler] = electron.protocol.handle.mock.calls[0] ?? [];
  expect(scheme).toBe('app');
  if (handler === undefined) throw new Error('serveRenderer installed no handler');
  fetchApp = (url) => handler(new Request(url));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the app:// protocol', () => {
  it('is registered as a standard, secure scheme with no CSP bypass', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the built renderer with the Content Security Policy', async () => {
    const page = await fetchApp('app://renderer/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>Salience Workbench</title>');
    const script = await fetchApp('app://renderer/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 to every way out of the renderer folder and to other hosts', async () => {
    for (const url of [
      'app://renderer/%2e%2e/secret.txt',
      'app://renderer/..%2fsecret.txt',
      'app://renderer/assets/..%2f..%2fsecret.txt',
      'app://renderer/..%5csecret.txt',
      'app://renderer/%2fetc%2fpasswd',
      'app://renderer/index.html%00.js',
      'app://renderer/missing.js',
      'app://elsewhere/index.html',
    ]) {
      const response = await fetchApp(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('outside the renderer');
    }
  });
});

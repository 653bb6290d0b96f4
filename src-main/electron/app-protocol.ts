import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '../app/content-security-policy';
import { contentTypeOf, resolveStaticPath } from '../app/renderer-files';
import { APP_HOST, APP_SCHEME } from './trusted-sender';

/** Must run before the app is ready: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves the built renderer on app://renderer/ instead of file://, never outside its folder. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const path = url.host === APP_HOST ? resolveStaticPath(rendererDir, url.pathname) : null;
    if (path === null) return new Response('Not found', { status: 404 });
    return new Response(await readFile(path), {
      headers: { 'Content-Type': contentTypeOf(path), 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    });
  });
}

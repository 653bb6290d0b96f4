import type { Session, WebContents } from 'electron';
import { isAllowedRequestUrl } from './trusted-sender';

/**
 * The app has no network features: every request outside app:// is cancelled (but for the
 * origins given: the update server's, when the settings name one), every permission denied.
 */
export function hardenSession(session: Session, allowedOrigins: readonly string[] = []): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) =>
    callback({ cancel: !isAllowedRequestUrl(details.url, allowedOrigins) }),
  );
}

/** No navigation away from the app, no new windows, no webviews. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

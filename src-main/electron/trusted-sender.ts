/** The app's own pages are served from app://renderer/; nothing else may call the API. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export function isAppUrl(url: string | undefined): boolean {
  if (url === undefined) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Requests the session lets through: the app's own files, devtools, inline data, and requests to
 * the origins given (the update server's, when the settings name one), compared whole: scheme,
 * host and port.
 */
export function isAllowedRequestUrl(url: string, allowedOrigins: readonly string[] = []): boolean {
  return (
    isAppUrl(url) || url.startsWith('devtools:') || url.startsWith('data:') || allowedOrigins.includes(originOf(url))
  );
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

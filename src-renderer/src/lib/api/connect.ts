import type { PreloadBridge } from '$api/wire';
import type { ApiClient } from './api-client';
import { preloadClient } from './preload-transport';
import { websocketClient } from './websocket-transport';

declare global {
  interface Window {
    salience?: PreloadBridge;
  }
}

/** Electron's preload when present, otherwise browser mode's WebSocket to this page's server. */
export function connectApi(): ApiClient {
  if (window.salience !== undefined) return preloadClient(window.salience);
  forgetTokenInAddressBar();
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return websocketClient(`${scheme}//${location.host}/api`);
}

/** The server moved the token into a cookie; keep it out of history and screenshots. */
function forgetTokenInAddressBar(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', url);
}

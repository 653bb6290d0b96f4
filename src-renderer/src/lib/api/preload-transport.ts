import type { PreloadBridge } from '$api/wire';
import type { ApiClient } from './api-client';
import { apiOver, unwrap } from './calls';

/** Electron: the functions that the sandboxed preload exposed on `window.salience`. */
export function preloadClient(bridge: PreloadBridge): ApiClient {
  return {
    ...apiOver(async (method, params) => unwrap(await bridge[method](params))),
    onEvent: (listener) => bridge.onEvent(listener),
    transport: 'electron',
  };
}

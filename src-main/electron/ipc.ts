import { ipcMain, webContents } from 'electron';
import { dispatch, ipcChannels, type CallOutcome, type Service } from '../api';
import { isAppUrl } from './trusted-sender';

/**
 * Serves the API over IPC. Every call is checked for its sender frame (only the app's own
 * page) and validated against the contract's schemas by `dispatch`.
 */
export function registerApi(service: Service): () => void {
  ipcMain.handle(ipcChannels.call, (event, method: unknown, params: unknown): Promise<CallOutcome> => {
    if (!isAppUrl(event.senderFrame?.url)) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'invalid-request', message: 'API call refused: it did not come from the app page' },
      });
    }
    return dispatch(service.api, method, params);
  });
  const unsubscribe = service.events.onAny((name, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (isAppUrl(contents.getURL())) contents.send(ipcChannels.event, name, payload);
    }
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(ipcChannels.call);
  };
}

import { contextBridge, ipcRenderer } from 'electron';
import { apiEventNames, apiMethodNames, ipcChannels, type ApiEventName } from '../api/method-names';
import type { CallOutcome, PreloadBridge } from '../api/wire';

/**
 * The sandboxed preload: exposes the API contract's functions and its events, nothing else
 * (never ipcRenderer itself). Arguments are validated again in the main process.
 */
const methods = Object.fromEntries(
  apiMethodNames.map((name) => [
    name,
    (params: unknown): Promise<CallOutcome> =>
      ipcRenderer.invoke(ipcChannels.call, name, params) as Promise<CallOutcome>,
  ]),
);

const bridge = {
  ...methods,
  onEvent(listener: (event: ApiEventName, payload: unknown) => void): () => void {
    const forward = (_event: Electron.IpcRendererEvent, name: unknown, payload: unknown): void => {
      if ((apiEventNames as readonly unknown[]).includes(name)) listener(name as ApiEventName, payload);
    };
    ipcRenderer.on(ipcChannels.event, forward);
    return () => ipcRenderer.removeListener(ipcChannels.event, forward);
  },
} as PreloadBridge;

contextBridge.exposeInMainWorld('salience', bridge);

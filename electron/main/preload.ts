import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../../shared/bridge';

/** Filled in at build time from the contract (scripts/build-electron.ts), so zod stays out of the preload. */
declare const __LAUNCHER_CHANNELS__: Array<[string, string]>;
/** main sends every main → renderer event on this one channel: (event name, payload) */
const EVENT_CHANNEL = 'launcher:event';

// One named function per operation, and `on` for events; never ipcRenderer itself or any Node object.
contextBridge.exposeInMainWorld(
  'launcher',
  buildBridge(
    __LAUNCHER_CHANNELS__,
    (channel, request) => ipcRenderer.invoke(channel, request),
    (listener) => {
      const handler = (_event: unknown, name: unknown, payload: unknown) => typeof name === 'string' && listener(name, payload);
      ipcRenderer.on(EVENT_CHANNEL, handler);
      return () => ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    },
  ),
);

import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../../shared/bridge';
import { EVENT_CHANNEL } from '../../shared/event-channel';
import { checkEvent } from '../../shared/main-events';

/** Filled in at build time from the contract (scripts/build-electron.ts). */
declare const __LAUNCHER_CHANNELS__: Array<[string, string]>;

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
    // events are checked here, at the trust boundary, so the window's bundle carries no zod
    checkEvent,
  ),
);

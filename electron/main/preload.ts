import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { buildBridge } from '../../shared/bridge';
import type { SendFile } from '../../shared/contacts/import/import-file';
import { EVENT_CHANNEL } from '../../shared/event-channel';
import { checkEvent } from '../../shared/main-events';

/** Filled in at build time from the contract (scripts/build-electron.ts). */
declare const __LAUNCHER_CHANNELS__: Array<[string, string]>;

/**
 * Where main finds a file the user chose: its path on disk, which only the preload can ask Electron for.
 * Main reads the file itself (`contacts:importPreview` checks the path); its bytes never cross IPC.
 */
const sendFile: SendFile = async (file) => {
  const path = webUtils.getPathForFile(file);
  return path
    ? { ok: true, value: { path } }
    : {
        ok: false,
        error: { code: 'validation', message: 'This file is not on this computer’s disk. Save it to a folder first, then choose it.' },
      };
};

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
    sendFile,
  ),
);

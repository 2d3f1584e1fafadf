import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge } from '../shared/bridge';

/** Filled in at build time from the contract (scripts/build-electron.ts), so zod stays out of the preload. */
declare const __LAUNCHER_CHANNELS__: Array<[string, string]>;

// One named function per operation; never ipcRenderer itself or any Node object.
contextBridge.exposeInMainWorld(
  'launcher',
  buildBridge(__LAUNCHER_CHANNELS__, (channel, request) => ipcRenderer.invoke(channel, request)),
);

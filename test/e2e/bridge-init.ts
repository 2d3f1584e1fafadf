import { buildBridge } from '../../shared/bridge';
import { checkEvent } from '../../shared/main-events';
import { sendFileByUpload } from '../../electron/preview/upload-file';

/**
 * Init script for the browser harness: the same bridge the preload builds (events checked
 * against the contract here too), with an exposed Playwright binding as transport instead of
 * ipcRenderer, and events delivered by the harness (it calls `__launcherDeliver` for each event
 * the core emits). A chosen file is uploaded as the preview uploads it; the harness hands it to the core.
 */
declare global {
  interface Window {
    __launcherChannels: Array<[string, string]>;
    __launcherInvoke(channel: string, request: unknown): Promise<unknown>;
    __launcherDeliver?: (event: string, payload: unknown) => void;
  }
}
window.launcher = buildBridge(
  window.__launcherChannels,
  (channel, request) => window.__launcherInvoke(channel, request),
  (listener) => {
    window.__launcherDeliver = listener;
    return () => {
      window.__launcherDeliver = undefined;
    };
  },
  checkEvent,
  // files as the browser preview sends them: one binary POST to ./upload (the harness routes it to the core)
  sendFileByUpload(() => ({})),
);

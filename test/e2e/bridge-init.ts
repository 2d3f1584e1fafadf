import { buildBridge } from '../../shared/bridge';
import { checkEvent } from '../../shared/main-events';

/**
 * Init script for the browser harness: the same bridge the preload builds (events checked
 * against the contract here too), with an exposed Playwright binding as transport instead of
 * ipcRenderer, and events delivered by the harness (it calls `__launcherDeliver` for each event
 * the core emits).
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
);

import { buildBridge } from '../../shared/bridge';

/**
 * Init script for the browser harness: the same bridge the preload builds, with an
 * exposed Playwright binding as transport instead of ipcRenderer.
 */
declare global {
  interface Window {
    __launcherChannels: Array<[string, string]>;
    __launcherInvoke(channel: string, request: unknown): Promise<unknown>;
  }
}
window.launcher = buildBridge(window.__launcherChannels, (channel, request) => window.__launcherInvoke(channel, request));

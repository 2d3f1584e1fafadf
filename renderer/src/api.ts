import type { LauncherBridge } from '../../shared/bridge';

declare global {
  interface Window {
    /** the typed bridge the preload (or the test harness) installs; nothing else is exposed */
    launcher: LauncherBridge;
  }
}

export const api = (): LauncherBridge => window.launcher;

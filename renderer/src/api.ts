import type { LauncherApi } from '../../shared/contract';

declare global {
  interface Window {
    /** the typed bridge the preload (or the test harness) installs; nothing else is exposed */
    launcher: LauncherApi;
  }
}

export const api = (): LauncherApi => window.launcher;

import type { LauncherPreferences, ShortcutState } from '../../../shared/preferences';

/**
 * What the desktop shell does with the launcher preferences: the tray's behaviour, the login item,
 * the global shortcuts. Electron's glue (electron/main/) implements it; core only asks, so the
 * browser preview and the tests run without one.
 */
export interface DesktopPort {
  /** applies the preferences and says what became of the shortcuts (registered, or why not) */
  apply(preferences: LauncherPreferences): { palette: ShortcutState; clipboard: ShortcutState };
  /** turns start at login on or off; what went wrong (the OS refused, the autostart folder is not writable), or null */
  setStartAtLogin(on: boolean): string | null;
  /** a desktop notification (a call ended); `onClick` when the user clicks it. false: none was shown (not supported) */
  notify?(notice: { title: string; body: string }, onClick: () => void): boolean;
}

const NO_DESKTOP = 'Global shortcuts need the desktop app; the browser preview has none.';

/** Without a desktop (the browser preview, tests): nothing is registered, and the preferences say why. */
export const noDesktop: DesktopPort = {
  apply: (preferences) => ({
    palette: { accelerator: preferences.paletteShortcut, registered: false, problem: null, note: NO_DESKTOP },
    clipboard: { accelerator: preferences.clipboardShortcut, registered: false, problem: null, note: NO_DESKTOP },
  }),
  setStartAtLogin: () => null,
};

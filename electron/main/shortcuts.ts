import { globalShortcut } from 'electron';
import type { LauncherPreferences, ShortcutState } from '../../shared/preferences';

const TAKEN = 'Another app already uses this shortcut (or the system does not allow it). Choose another one.';
const INVALID = 'Electron does not read this as a shortcut. Use keys joined by +, like CommandOrControl+Shift+Space.';

/** Registers one accelerator; says what became of it. */
function register(accelerator: string, onPress: () => void): ShortcutState {
  if (!accelerator) return { accelerator, registered: false, problem: null, note: null };
  try {
    const registered = globalShortcut.register(accelerator, onPress);
    return { accelerator, registered, problem: registered ? null : TAKEN, note: null };
  } catch {
    return { accelerator, registered: false, problem: INVALID, note: null };
  }
}

/**
 * The two global shortcuts: the palette, and the number on the clipboard. Applied again whenever
 * the preferences change (the old ones are released first); what could not be registered — taken
 * by another app — is reported to Settings, which offers another.
 */
export function applyShortcuts(
  preferences: Pick<LauncherPreferences, 'paletteShortcut' | 'clipboardShortcut'>,
  handlers: { palette(): void; clipboard(): void },
): { palette: ShortcutState; clipboard: ShortcutState } {
  globalShortcut.unregisterAll();
  const palette = register(preferences.paletteShortcut, handlers.palette);
  const clipboard =
    preferences.clipboardShortcut && preferences.clipboardShortcut === preferences.paletteShortcut
      ? {
          accelerator: preferences.clipboardShortcut,
          registered: false,
          problem: 'This is the palette’s shortcut too. Choose another one.',
          note: null,
        }
      : register(preferences.clipboardShortcut, handlers.clipboard);
  return { palette, clipboard };
}

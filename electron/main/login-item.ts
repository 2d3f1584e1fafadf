import { app } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Started at login: only the tray icon (the main window opens from it). */
export const HIDDEN_ARG = '--hidden';

/**
 * A path inside Exec's double quotes (Desktop Entry spec): " ` $ and backslash are escaped with a
 * backslash for the quoting, then every backslash doubled for the string value; % doubled.
 */
const execQuoted = (value: string) =>
  value
    .replace(/[\\"`$]/g, (c) => `\\${c}`)
    .replace(/\\/g, '\\\\')
    .replace(/%/g, '%%');

/** The freedesktop autostart entry (Linux has no login-item API in Electron). */
export function autostartEntry(execPath: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Feather Launcher',
    'Comment=Launch AI voice calls from the tray',
    `Exec="${execQuoted(execPath)}" ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Start at login: the OS login item on macOS and Windows (hidden: the tray only), an autostart
 * `.desktop` file in ~/.config/autostart on Linux (`XDG_CONFIG_HOME` respected). Returns what went
 * wrong, or null: core keeps the preference off when the OS said no.
 */
export function setStartAtLogin(on: boolean, platform: NodeJS.Platform = process.platform): string | null {
  try {
    if (platform === 'darwin' || platform === 'win32') {
      app.setLoginItemSettings({ openAtLogin: on, openAsHidden: true, args: [HIDDEN_ARG] });
      // macOS may refuse silently (a sandbox, a managed Mac): read it back
      if (platform === 'darwin' && app.getLoginItemSettings().openAtLogin !== on) return 'macOS did not change the login item.';
      return null;
    }
    const dir = path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'autostart');
    const file = path.join(dir, 'feather-launcher.desktop');
    if (on) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, autostartEntry(process.env.APPIMAGE ?? process.execPath), { mode: 0o644 });
    } else rmSync(file, { force: true });
    return null;
  } catch (error) {
    return error instanceof Error && 'code' in error ? `the system said ${String(error.code)}.` : 'the system refused.';
  }
}

/** This start came from the login item: the window stays hidden (macOS says so itself; elsewhere the argument does). */
export function openedAtLogin(platform: NodeJS.Platform = process.platform, argv: string[] = process.argv): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  return platform === 'darwin' && app.getLoginItemSettings().wasOpenedAtLogin === true;
}

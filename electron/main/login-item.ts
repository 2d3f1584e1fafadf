import { app } from 'electron';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Started at login: only the tray icon (the main window opens from it). */
export const HIDDEN_ARG = '--hidden';

/** The freedesktop autostart entry (Linux has no login-item API in Electron). */
export function autostartEntry(execPath: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Feather Launcher',
    'Comment=Launch AI voice calls from the tray',
    `Exec="${execPath.replace(/"/g, '\\"')}" ${HIDDEN_ARG}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Start at login: the OS login item on macOS and Windows (hidden: the tray only), an autostart
 * `.desktop` file in ~/.config/autostart on Linux (`XDG_CONFIG_HOME` respected).
 */
export function setStartAtLogin(on: boolean, platform: NodeJS.Platform = process.platform) {
  if (platform === 'darwin' || platform === 'win32') {
    app.setLoginItemSettings({ openAtLogin: on, openAsHidden: true, args: [HIDDEN_ARG] });
    return;
  }
  const dir = path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'autostart');
  const file = path.join(dir, 'feather-launcher.desktop');
  if (on) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, autostartEntry(process.env.APPIMAGE ?? process.execPath), { mode: 0o644 });
  } else rmSync(file, { force: true });
}

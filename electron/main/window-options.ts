import type { BrowserWindowConstructorOptions } from 'electron';

/** The security baseline for our one window (design.md). Tested with a fake electron. */
export function mainWindowOptions(preloadPath: string, dark: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1080,
    height: 760,
    minWidth: 640,
    minHeight: 520,
    title: 'Feather Launcher',
    show: false,
    backgroundColor: dark ? '#14181e' : '#f6f7f9',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      safeDialogs: true,
    },
  };
}

/** The hotkey palette: small, frameless, above other windows, not in the taskbar; hidden until a shortcut or the tray shows it. */
export function paletteWindowOptions(preloadPath: string, dark: boolean): BrowserWindowConstructorOptions {
  const main = mainWindowOptions(preloadPath, dark);
  return {
    ...main,
    width: 560,
    height: 420,
    minWidth: 420,
    minHeight: 300,
    title: 'Feather Launcher — palette',
    frame: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    show: false,
  };
}

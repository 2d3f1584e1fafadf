import { app, BrowserWindow, nativeTheme, Notification, screen } from 'electron';
import { mainWindowOptions, paletteWindowOptions } from './window-options';

export interface WindowsOptions {
  preloadPath: string;
  /** the page a window loads: the main window's or the palette's */
  url(page: 'main' | 'palette'): string;
  /** closing the main window keeps the app in the tray (a preference) */
  closeToTray(): boolean;
  /** the first close to the tray: say so once, then remember it was said */
  firstCloseToTray(): boolean;
  onTrayNoticeShown(): void;
  /** started at login or with "start minimised": the main window is created but not shown */
  startHidden: boolean;
}

const logLoad = (error: unknown) => console.error('[main] a window could not load:', error instanceof Error ? error.message : error);

/**
 * The app's two windows. The main window; closing it hides it to the tray (unless the preference
 * says quit). The palette, created hidden at start so a shortcut shows it at once, above other
 * apps on the display under the pointer; it hides when it loses focus or asks to close.
 */
export function createWindows(options: WindowsOptions) {
  let quitting = false;
  const dark = nativeTheme.shouldUseDarkColors;
  let main: BrowserWindow | null = null;

  function createMain() {
    const win = new BrowserWindow(mainWindowOptions(options.preloadPath, dark));
    win.once('ready-to-show', () => {
      if (!options.startHidden) win.show();
    });
    win.loadURL(options.url('main')).catch(logLoad);
    win.on('close', (event) => {
      if (quitting || !options.closeToTray()) return;
      event.preventDefault();
      win.hide();
      if (options.firstCloseToTray() && Notification.isSupported()) {
        new Notification({
          title: 'Feather Launcher is still running',
          body: 'It stays in the tray for quick calls. Quit from the tray menu, or turn this off in Settings.',
        }).show();
        options.onTrayNoticeShown();
      }
    });
    win.on('closed', () => {
      main = null;
      // closing quits (the preference): the hidden palette would otherwise keep the app running
      if (!quitting && !options.closeToTray()) app.quit();
    });
    return win;
  }
  main = createMain();

  const palette = new BrowserWindow(paletteWindowOptions(options.preloadPath, dark));
  palette.loadURL(options.url('palette')).catch(logLoad);
  palette.on('blur', () => palette.hide());
  // macOS: with no other window of ours showing, the app that was in front gets the focus back.
  palette.on('hide', () => {
    if (process.platform === 'darwin' && !main?.isVisible()) app.hide();
  });
  // the palette asks to close (Esc, Done): it is hidden, never destroyed, so the next shortcut is instant
  palette.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    palette.hide();
  });

  return {
    all: (): BrowserWindow[] => [main, palette].filter((w): w is BrowserWindow => Boolean(w && !w.isDestroyed())),
    showMain() {
      main ??= createMain();
      if (main.isMinimized()) main.restore();
      main.show();
      main.focus();
    },
    showPalette() {
      const { workArea } = screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
      const [width = 560] = palette.getSize();
      palette.setPosition(Math.round(workArea.x + (workArea.width - width) / 2), Math.round(workArea.y + workArea.height / 4));
      palette.show();
      palette.focus();
    },
    /** Quit from the tray or the OS: windows close for real. */
    quitting() {
      quitting = true;
    },
  };
}
export type Windows = ReturnType<typeof createWindows>;

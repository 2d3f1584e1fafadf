import { app, clipboard, dialog, Notification, powerMonitor, protocol, session, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_ENTRY, APP_HOST, APP_ORIGIN, APP_SCHEME, DEV_ORIGIN } from './app-origin';
import { serveRendererFile } from './app-protocol';
import { createLauncherCore, type LauncherCore } from '../core/launcher-core';
import { createDispatcher, isTrustedSender } from '../core/ipc-dispatch';
import { createKeytarSecretStore } from '../core/connection/secrets';
import type { DesktopPort } from '../core/desktop/desktop-port';
import type { TrayAction } from '../core/desktop/tray-menu';
import { registerIpc } from './ipc';
import { denyPermissions, hardenWebContents } from './security';
import { electronStoreFactory } from './stores';
import { devMode } from './dev-mode';
import { installProcessGuards } from '../core/process-guards';
import { simulatorApiVersion } from '../simulator/wire';
import { startSimulator } from '../simulator/server';
import { DEMO_NUMBER_NAMES } from '../simulator/seed';
import { EVENT_CHANNEL } from '../../shared/event-channel';
import { cliPreflight, launchArgs, launchFromSecondInstance, registerLinkHandlers, singleInstanceData, type LaunchRequest } from './links';
import { createWindows, type Windows } from './windows';
import { createTray } from './tray';
import { applyShortcuts } from './shortcuts';
import { openedAtLogin, setStartAtLogin } from './login-item';

/**
 * Electron glue only: the app's lifecycle, its two windows, the tray, the global shortcuts, links and
 * the command line, IPC wiring. What any of them does is core's (electron/core/): here it is drawn
 * and carried out.
 */
/** the longest a quit waits for the core to close (its requests wait at most 4 s of it) */
const QUIT_WAIT_MS = 8_000;
const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.resolve(here, '../renderer');

// `--help`, or a `--dial` with unusable options: answer and exit before anything starts.
const preflight = cliPreflight(process.argv);
if (preflight) {
  (preflight.exit ? process.stderr : process.stdout).write(preflight.output);
  app.exit(preflight.exit);
}

const dev = devMode(process.argv, app.isPackaged);
installProcessGuards();
const trustedOrigins = dev ? [APP_ORIGIN, DEV_ORIGIN] : [APP_ORIGIN];
const isAppUrl = (url: string) => isTrustedSender({ url, isMainFrame: true }, trustedOrigins);
const pageUrl = (page: 'main' | 'palette') =>
  page === 'main' ? (dev ? DEV_ORIGIN : APP_ENTRY) : `${dev ? DEV_ORIGIN : APP_ORIGIN}/palette.html`;

// Tests and portable setups may point the app at its own data folder.
if (process.env.FEATHER_USER_DATA_DIR) app.setPath('userData', process.env.FEATHER_USER_DATA_DIR);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

let core: LauncherCore | null = null;
/** the system is shutting down or logging out (powerMonitor): a quit is not held then */
let shuttingDown = false;
let windows: Windows | null = null;
/** A link or `--dial`: the call card opens (never a call by itself); links that come while starting wait for `ready()`. */
const launch = (request: LaunchRequest) => {
  core?.launch(request).catch((error: unknown) => console.warn('[links] not opened:', error instanceof Error ? error.message : error));
};
// A process that only answers `--help` (or a bad --dial) registers nothing with the OS.
const links = preflight ? null : registerLinkHandlers(app, launch);

/** On Linux the selected text first ("just select it"), then the clipboard: the first with a number gives it. */
const readClipboard = (): string[] =>
  process.platform === 'linux' ? [clipboard.readText('selection'), clipboard.readText()] : [clipboard.readText()];

if (!preflight && !app.requestSingleInstanceLock(singleInstanceData(process.argv))) {
  app.quit();
} else if (!preflight) {
  // Another start: a link or --dial opens its card here; otherwise the window comes forward.
  app.on('second-instance', (_event, argv, _cwd, data) => {
    let refused = false;
    const request = launchFromSecondInstance(argv, data, (problem) => {
      refused = true; // a refused link brings nothing forward (any web page can fire tel: links)
      console.warn(`[links] not opened: ${problem}`);
    });
    if (request)
      links?.submit(request); // before the core exists, it waits for links.ready()
    else if (!refused) windows?.showMain();
  });
  const openExternal = (url: string) => {
    shell
      .openExternal(url)
      .catch((error: unknown) => console.error('[main] could not open a link:', error instanceof Error ? error.name : 'error'));
  };
  // a call's recording (Feather's link, kept in the history) opens too; any other link does not
  const isRecording = (url: string) => core?.history.history.isRecordingUrl(url) ?? false;
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, isAppUrl, openExternal, isRecording));
  // Quitting waits for the core to close (requests being answered, the call bookkeeping, the contacts' clean close),
  // at most QUIT_WAIT_MS, then quits for good: Electron would otherwise exit while those writes are still running.
  // The windows go at once. When the system shuts down or logs out, the quit is never held (on macOS that would
  // cancel the shutdown): the close runs as far as it gets, and the next start checks the contacts database.
  let closed = false;
  let closing: Promise<void> | null = null;
  const closeCore = (): Promise<void> =>
    (closing ??= Promise.race([
      core!.close().catch((error: unknown) => console.error('[main] closing:', error instanceof Error ? error.message : error)),
      new Promise<void>((resolve) => setTimeout(resolve, QUIT_WAIT_MS)),
    ]).then(() => void (closed = true)));
  app.on('before-quit', (event) => {
    windows?.quitting();
    if (closed || !core) return;
    const done = closeCore();
    if (shuttingDown) return;
    event.preventDefault();
    for (const win of windows?.all() ?? []) win.hide();
    done.then(
      () => app.quit(),
      () => app.quit(),
    );
  });
  // The tray keeps the app; quitting is the tray's (or the OS's), or closing when the preference says so.
  app.on('window-all-closed', () => {
    if (!core?.desktop.preferences().closeToTray) app.quit();
  });
  app.whenReady().then(start, (error: unknown) => console.error('[main] not ready:', error));
}

/** The desktop's side of the preferences: shortcuts and the login item, applied now and after every change. */
/** Notifications shown and not yet clicked or closed: Electron drops one garbage-collected while on screen. */
const shownNotices = new Set<Notification>();

const desktop: DesktopPort = {
  setStartAtLogin,
  notify(notice, onClick) {
    if (!Notification.isSupported()) return false;
    const shown = new Notification({ title: notice.title, body: notice.body });
    shownNotices.add(shown);
    shown.on('click', () => {
      shownNotices.delete(shown);
      onClick();
    });
    shown.on('close', () => shownNotices.delete(shown));
    shown.show();
    return true;
  },
  apply(preferences) {
    return applyShortcuts(preferences, {
      palette: () => windows?.showPalette(),
      clipboard: () => {
        if (!core?.desktop.dialClipboard(readClipboard())) windows?.showPalette(); // no number: the palette, to type one
      },
    });
  },
};

function start() {
  powerMonitor.on('shutdown', () => void (shuttingDown = true));
  protocol.handle(APP_SCHEME, (request) =>
    new URL(request.url).host === APP_HOST ? serveRendererFile(rendererRoot, request.url) : new Response('Not found', { status: 404 }),
  );
  denyPermissions(session.defaultSession);
  try {
    core = createLauncherCore({
      stores: electronStoreFactory(app.getPath('userData')),
      dataDir: app.getPath('userData'),
      secrets: createKeytarSecretStore(process.env.FEATHER_KEYCHAIN_SERVICE ?? 'Feather Launcher'),
      // demo mode's calls outlive a restart (the demo key does not: the core asks the handle for it)
      startSimulator: () =>
        startSimulator({
          apiVersion: simulatorApiVersion(process.env),
          stateFile: path.join(app.getPath('userData'), 'simulator-state.json'),
        }),
      demoNumberNames: DEMO_NUMBER_NAMES,
      localeRegion: app.getLocaleCountryCode(),
      demoSamples: true,
      desktop,
    });
  } catch (error) {
    // The core reports bad or newer data files as notices and starts anyway; this is for what it cannot.
    // Say so and quit, so the single-instance lock does not silently swallow every later launch.
    dialog.showErrorBox('Feather Launcher could not start', error instanceof Error ? error.message : String(error));
    app.quit();
    return;
  }
  const live = core;
  registerIpc(
    createDispatcher(live.handlers, {
      trustedOrigins,
      validateResponses: !app.isPackaged,
      onError: (channel, error) => console.error(`[ipc] ${channel}:`, error instanceof Error ? error.name : 'error'),
    }),
  );

  const preferences = live.desktop.preferences();
  const shown = createWindows({
    preloadPath: path.join(here, 'preload.cjs'),
    url: pageUrl,
    closeToTray: () => live.desktop.preferences().closeToTray,
    firstCloseToTray: () => !live.desktop.preferences().trayNoticeShown,
    onTrayNoticeShown: () => live.desktop.changePreferences({ launcher: { trayNoticeShown: true } }),
    startHidden: preferences.startMinimized || openedAtLogin(),
  });
  windows = shown;

  const act = (action: TrayAction) => {
    if (action.type === 'dial') live.requestDial(action.request);
    else if (action.type === 'openPalette') shown.showPalette();
    else if (action.type === 'openWindow') shown.showMain();
    else if (action.type === 'setStartAtLogin') {
      try {
        live.desktop.changePreferences({ launcher: { startAtLogin: action.on } });
      } catch (error) {
        // the tray has no field to show it on: a notification says what the OS said
        const body = error instanceof Error ? error.message : 'The system refused.';
        if (Notification.isSupported()) new Notification({ title: 'Feather Launcher', body }).show();
        else console.warn('[desktop]', body);
      }
    } else app.quit();
  };
  const tray = createTray({
    iconPath: path.join(rendererRoot, 'tray-icon.png'),
    menu: (text) => live.desktop.trayMenu(text),
    readClipboard,
    act,
    onClick: () => shown.showMain(),
  });
  // The real-Electron suite reads and clicks the tray menu (no Electron API lists a tray's items).
  if (process.env.FEATHER_TEST_HOOKS === '1' && !app.isPackaged) {
    (globalThis as unknown as { featherTray: unknown }).featherTray = {
      labels: () => live.desktop.trayMenu(readClipboard()).map((item) => ('label' in item ? item.label : '—')),
      click: (label: string) => {
        const item = live.desktop.trayMenu(readClipboard()).find((i) => 'label' in i && i.label === label);
        if (item && 'action' in item) act(item.action);
      },
    };
  }

  // Main → renderer events, to our windows only; a call card asked for comes forward where it opens.
  live.events.subscribe((event, payload) => {
    for (const win of shown.all()) if (isAppUrl(win.webContents.getURL())) win.webContents.send(EVENT_CHANNEL, event, payload);
    if (event === 'history:open') shown.showMain(); // a notification was clicked: the window opens on the entry
    if (event === 'dial:request') {
      if ((payload as { surface?: string }).surface === 'palette') shown.showPalette();
      else shown.showMain();
    }
    if (event === 'status:changed' || event === 'contacts:changed' || event === 'recents:changed') tray.refresh();
  });

  // A link or --dial that started the app opens its card; links that came meanwhile follow.
  const first = launchArgs(process.argv);
  if (first) links?.submit(first);
  links?.ready();
}

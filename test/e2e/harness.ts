import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { buildSync } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { channelNames } from '../../shared/contract';
import { CSP_HEADER } from '../../shared/csp';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore, type LauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type CallTimings, type Simulator } from '../../electron/simulator/server';
import { DEMO_NUMBER_NAMES } from '../../electron/simulator/seed';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { testKeychain } from '../support/test-keychain';
import { daytimeClock } from '../support/daytime-clock';

/**
 * The production renderer build in real Chromium, wired to the real core: stores in
 * `userDataDir`, the real OS keychain (own service name), real HTTP. Only Electron's IPC
 * transport is replaced, by an exposed binding that goes through the same dispatcher
 * (sender check, schema parse, result union) that ipcMain uses.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** the production build (`npm run build`); FEATHER_RENDERER_DIST points at another one */
const rendererDir = process.env.FEATHER_RENDERER_DIST ? path.resolve(process.env.FEATHER_RENDERER_DIST) : path.join(root, 'dist/renderer');
/** stands in for app://feather: a secure origin that never touches the network */
export const TEST_ORIGIN = 'https://feather-launcher.test';
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BridgeCall {
  channel: string;
  request: unknown;
  response: unknown;
}

export interface StartAppOptions {
  userDataDir?: string;
  colorScheme?: 'light' | 'dark';
  /** keychain service; pass the one from an earlier run to see its keys again */
  keychainService?: string;
  viewport?: { width: number; height: number };
  /** demo mode's sample contacts and templates, as the app has on a first start; default off (tests start empty) */
  samples?: boolean;
  /** which published Feather API the demo simulator answers as; default 1.90 */
  demoApiVersion?: '1.21' | '1.90';
  /** the demo simulator's call timings (ms): how long a call rings and talks */
  callTimings?: Partial<CallTimings>;
  /** the core's clock (calling hours, history times); default a running clock from a Tuesday 18:00 UTC (test/support/daytime-clock.ts), so no test depends on the hour it runs at */
  now?: () => Date;
}

export interface RunningApp {
  page: Page;
  userDataDir: string;
  /** every request and answer that crossed the bridge, in order */
  bridgeLog: BridgeCall[];
  /** every main → renderer event the core emitted while the page was open, in order */
  eventLog: Array<{ event: string; payload: unknown }>;
  /** everything the page printed to its console, and page errors */
  consoleLog: string[];
  keychainService: string;
  core: LauncherCore;
  /** the demo-mode simulator the app started in-process (starts it if it has not yet) */
  demoSimulator(): Promise<Simulator>;
  /**
   * The hotkey palette's page (palette.html), a second window on the same core and bridge, as
   * Electron creates it hidden at start; `closed()` says whether it asked to be hidden (window.close()).
   */
  openPalette(options?: { viewport?: { width: number; height: number } }): Promise<{ page: Page; closeRequests(): Promise<number> }>;
  /** closes the window; removes the temporary data and keychain entries unless keepData */
  close(options?: { keepData?: boolean }): Promise<void>;
}

let browser: Promise<Browser> | undefined;
function sharedBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}. Install it with: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  browser ??= chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  return browser;
}

let initScript: string | undefined;
function bridgeInitScript(): string {
  initScript ??=
    `window.__launcherChannels = ${JSON.stringify(channelNames())};\n` +
    buildSync({
      entryPoints: [path.join(root, 'test/e2e/bridge-init.ts')],
      bundle: true,
      format: 'iife',
      write: false,
      target: 'chrome120',
    }).outputFiles[0]!.text;
  return initScript;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

async function serveRenderer(context: BrowserContext) {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error('No renderer build in dist/renderer. Run `npm run build` first.');
  }
  await context.route(`${TEST_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const file = path.resolve(rendererDir, decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(rendererDir + path.sep)) return route.fulfill({ status: 403 });
    try {
      const body = await readFile(file);
      return route.fulfill({
        status: 200,
        body,
        headers: { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-security-policy': CSP_HEADER },
      });
    } catch {
      return route.fulfill({ status: 404, body: 'Not found' });
    }
  });
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const ownDir = !options.userDataDir;
  const userDataDir = options.userDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'feather-e2e-')));
  const keychain = testKeychain(options.keychainService);
  let demo: Promise<Simulator> | undefined;
  // as the app does: the demo simulator keeps its calls in the data folder, so a restart finds them
  const demoSimulator = () =>
    (demo ??= startSimulator({
      apiVersion: options.demoApiVersion ?? '1.90',
      stateFile: path.join(userDataDir, 'simulator-state.json'),
      callTimings: options.callTimings,
    }));
  const core = createLauncherCore({
    stores: confStoreFactory(userDataDir),
    dataDir: userDataDir,
    secrets: keychain.store,
    startSimulator: demoSimulator,
    demoNumberNames: DEMO_NUMBER_NAMES,
    localeRegion: 'US',
    demoSamples: options.samples ?? false,
    now: options.now ?? daytimeClock(),
  });
  const dispatch = createDispatcher(core.handlers, {
    trustedOrigins: [TEST_ORIGIN],
    validateResponses: true,
    onError: (channel, error) => console.error(`[bridge] ${channel}`, error),
  });
  const bridgeLog: BridgeCall[] = [];

  const context = await (
    await sharedBrowser()
  ).newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1100, height: 800 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await serveRenderer(context);
  await context.exposeBinding('__launcherInvoke', async (source, channel: string, request: unknown) => {
    const sender = { url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame() };
    const response = await dispatch(sender, channel, request);
    bridgeLog.push({ channel, request, response });
    return response;
  });
  // A file chosen for an import, as the preview's server receives it (POST ./upload): into the core's upload, answered with its id.
  await context.route(`${TEST_ORIGIN}/upload`, async (route) => {
    const sink = core.contacts.imports.receive();
    sink.write(route.request().postDataBuffer() ?? Buffer.alloc(0));
    sink.end();
    await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({ ok: true, value: { upload: sink.id } }) });
  });
  await context.addInitScript({ content: bridgeInitScript() });
  const page = await context.newPage();
  const consoleLog: string[] = [];
  page.on('console', (message) => consoleLog.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLog.push(`pageerror: ${error.message}`));
  // Main → renderer events: what Electron's webContents.send does, into the page's bridge.
  const eventLog: Array<{ event: string; payload: unknown }> = [];
  // every open window gets every event, as Electron's glue sends them to each of ours
  const stopEvents = core.events.subscribe((event, payload) => {
    eventLog.push({ event, payload });
    for (const open of context.pages())
      open.evaluate(([name, body]) => window.__launcherDeliver?.(name as string, body), [event, payload] as const).catch(() => undefined);
  });
  await page.goto(`${TEST_ORIGIN}/index.html`);

  return {
    page,
    userDataDir,
    bridgeLog,
    eventLog,
    consoleLog,
    keychainService: keychain.service,
    core,
    demoSimulator,
    async openPalette({ viewport = { width: 560, height: 420 } } = {}) {
      const palette = await context.newPage();
      await palette.setViewportSize(viewport);
      palette.on('pageerror', (error) => consoleLog.push(`palette pageerror: ${error.message}`));
      // window.close() is how the palette asks main to hide it: counted here
      await palette.addInitScript(() => {
        (window as unknown as { __closeRequests: number }).__closeRequests = 0;
        window.close = () => void ((window as unknown as { __closeRequests: number }).__closeRequests += 1);
      });
      await palette.goto(`${TEST_ORIGIN}/palette.html`);
      return {
        page: palette,
        closeRequests: () => palette.evaluate(() => (window as unknown as { __closeRequests: number }).__closeRequests),
      };
    },
    async close({ keepData = false } = {}) {
      stopEvents();
      await context.close();
      await core.close();
      if (!keepData) {
        await keychain.cleanup();
        if (ownDir) await rm(userDataDir, { recursive: true, force: true });
      }
    },
  };
}

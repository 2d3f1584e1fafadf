import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { findElectron } from '../../scripts/electron-binary.mjs';

/** The real app in real Electron. Runs wherever an Electron binary exists; otherwise skipped with the reason. */
const found = findElectron();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const skipReason =
  'reason' in found ? `${found.reason}; this machine cannot download it. Set ELECTRON_OVERRIDE_DIST_PATH to run this suite.` : '';
if (skipReason) console.log(`[electron] skipped: ${skipReason}`);
test.skip(Boolean(skipReason), `Real Electron suite skipped: ${skipReason}`);

test('starts in demo mode with a hardened window and places a call against the built-in simulator', async () => {
  if (!('path' in found)) return;
  const userData = await mkdtemp(path.join(os.tmpdir(), 'feather-electron-'));
  const app = await electron.launch({
    executablePath: found.path,
    args: [path.join(root, 'dist/electron/main.js'), ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...process.env, FEATHER_USER_DATA_DIR: userData, FEATHER_KEYCHAIN_SERVICE: `feather-launcher-test-electron-${process.pid}` },
  });
  try {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://feather/index.html');
    // the main window and the palette (created hidden at start, so its shortcut is instant)
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(2);
    // No Node in the page; only the typed bridge.
    const globals = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      return {
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: typeof w.ipcRenderer,
        launcher: Object.keys(w.launcher as object).sort(),
      };
    });
    expect(globals).toEqual({
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
      launcher: ['app', 'call', 'connection', 'contacts', 'directory', 'on', 'templates'],
    });

    await expect(page.getByRole('button', { name: /Simulator — no real calls/ })).toBeVisible();
    await page.getByLabel('To number').fill('(415) 555-0132');
    await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
    await page.getByRole('radio', { name: 'Agent' }).check();
    await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);
    await page.getByLabel('To number').press('Enter');
    await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    await expect(page.getByTestId('session-id')).toHaveText(/^[0-9a-f-]{36}$/);
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});

/** Starts the real app with these extra arguments; the test hook lets a test read and click the tray menu. */
async function launchApp(extraArgs: string[] = []) {
  if (!('path' in found)) throw new Error('no Electron');
  const userData = await mkdtemp(path.join(os.tmpdir(), 'feather-electron-'));
  const app = await electron.launch({
    executablePath: found.path,
    args: [path.join(root, 'dist/electron/main.js'), ...(process.platform === 'linux' ? ['--no-sandbox'] : []), ...extraArgs],
    env: {
      ...process.env,
      FEATHER_USER_DATA_DIR: userData,
      FEATHER_KEYCHAIN_SERVICE: `feather-launcher-test-electron-${process.pid}`,
      FEATHER_TEST_HOOKS: '1',
      XDG_CONFIG_HOME: userData,
    },
  });
  return { app, close: async () => (await app.close(), await rm(userData, { recursive: true, force: true })) };
}
const paletteWindow = async (app: Awaited<ReturnType<typeof electron.launch>>) => {
  await expect.poll(() => app.windows().some((w) => w.url().endsWith('/palette.html'))).toBe(true);
  return app.windows().find((w) => w.url().endsWith('/palette.html'))!;
};

test('the palette: shown from the tray, a typed number → the armed card → Enter places one call', async () => {
  const { app, close } = await launchApp();
  try {
    await app.firstWindow();
    const labels = await app.evaluate(() => (globalThis as unknown as { featherTray: { labels(): string[] } }).featherTray.labels());
    expect(labels[0]).toBe('Simulator — no real calls');
    await app.evaluate(() => (globalThis as unknown as { featherTray: { click(label: string): void } }).featherTray.click('Open palette…'));
    const palette = await paletteWindow(app);
    await palette.getByRole('combobox', { name: 'Call who?' }).fill('415 555 0132');
    await palette.getByRole('combobox', { name: 'Call who?' }).press('Enter');
    await expect(palette.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await palette.keyboard.press('Enter');
    await expect(palette.getByRole('heading', { name: /Call placed/ })).toBeVisible();
  } finally {
    await close();
  }
});

test('a feather-launcher:// link at start opens the card with its values marked, and places nothing', async () => {
  const { app, close } = await launchApp(['feather-launcher://call?to=%2B14155550132&agent=Riley']);
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('combobox', { name: 'To number' })).toHaveValue('+14155550132');
    await expect(page.getByRole('region', { name: 'Call card' })).toContainText('Opened from a link');
    await expect(page.getByRole('region', { name: 'Call placed' })).toHaveCount(0);
  } finally {
    await close();
  }
});

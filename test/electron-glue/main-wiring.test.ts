import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LauncherBridge } from '../../shared/bridge';
import { channels } from '../../shared/contract';

vi.mock('electron', async () => await import('./fake-electron'));
// electron-store needs a real Electron at import; conf is its base with the same options.
vi.mock('electron-store', async () => await import('./conf-electron-store'));

const fake = await import('./fake-electron');

beforeAll(async () => {
  process.env.FAKE_USER_DATA = await mkdtemp(path.join(os.tmpdir(), 'feather-glue-'));
  process.env.XDG_CONFIG_HOME = process.env.FAKE_USER_DATA; // the login item's autostart file, never the user's
  await import('../../electron/main/main');
  await new Promise((r) => setTimeout(r, 20)); // let whenReady's then() run
});

const win = () => fake.FakeBrowserWindow.instances[0]!;

describe('Electron main wiring (fake electron)', () => {
  it('takes the single-instance lock', () => {
    expect(fake.app.singleInstanceLockRequested).toBe(true);
  });

  it('opens the main window and the (hidden) palette, both with the security baseline and the bundled CommonJS preload', () => {
    expect(fake.FakeBrowserWindow.instances).toHaveLength(2);
    for (const window of fake.FakeBrowserWindow.instances) {
      const prefs = window.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
      expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
    }
    const palette = fake.FakeBrowserWindow.instances[1]!;
    expect(palette.options).toMatchObject({ frame: false, alwaysOnTop: true, skipTaskbar: true, show: false });
    expect(palette.loadedUrl).toBe('app://feather/palette.html');
  });

  it('loads the renderer from the custom protocol, not file://', () => {
    expect(win().loadedUrl).toBe('app://feather/index.html');
    expect(fake.protocol.privileged).toEqual([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ secure: true, standard: true }) }),
    ]);
    expect(fake.protocol.handlers.has('app')).toBe(true);
  });

  it('registers one IPC handler per contract channel', () => {
    expect([...fake.ipcMain.handlers.keys()].sort()).toEqual(channels.map((c) => c.channel).sort());
  });

  it('answers our own main frame and refuses a foreign frame', async () => {
    const contents = win().webContents;
    const ours = (await fake.ipcMain.invoke('app:status', {}, contents)) as { ok: boolean; value?: { activeProfile: { kind: string } } };
    expect(ours.ok).toBe(true);
    expect(ours.value?.activeProfile.kind).toBe('simulator');
    const iframe = { url: 'app://feather/index.html' }; // same origin, but not the main frame
    expect(await fake.ipcMain.invoke('app:status', {}, contents, iframe)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    contents.mainFrame.url = 'https://evil.example/';
    expect(await fake.ipcMain.invoke('app:status', {}, contents)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    contents.mainFrame.url = 'app://feather/index.html';
  });

  it('hardens every web contents: no navigation away, no new windows', () => {
    const contents = new fake.FakeWebContents();
    fake.appEvents.emit('web-contents-created', {}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://feather/index.html')).toBe(false);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'https://doc.featherhq.com/api-reference' })).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://doc.featherhq.com/api-reference']);
  });

  it('opens a call recording Feather gave (as main knows it), and nothing else outside the allow-list', async () => {
    const { hardenWebContents } = await import('../../electron/main/security');
    const contents = new fake.FakeWebContents();
    const opened: string[] = [];
    const known = 'https://recordings.feather.example/c1.mp3';
    hardenWebContents(
      contents as never,
      () => false,
      (url) => opened.push(url),
      (url) => url === known,
    );
    for (const url of [known, 'https://recordings.feather.example/other.mp3', 'http://recordings.feather.example/c1.mp3'])
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    expect(opened).toEqual([known]);
  });

  it('denies permission requests except the clipboard write for the session id', () => {
    const s = fake.session.defaultSession;
    expect(s.ask('media')).toBe(false);
    expect(s.ask('geolocation')).toBe(false);
    expect(s.ask('notifications')).toBe(false);
    expect(s.ask('clipboard-sanitized-write')).toBe(true);
  });

  it('serves renderer files with the CSP header and never outside the renderer folder', async () => {
    const handler = fake.protocol.handlers.get('app')!;
    const escape = await handler(new Request('app://feather/..%2F..%2Fpackage.json'));
    expect([403, 404]).toContain(escape.status);
    const other = await handler(new Request('app://elsewhere/index.html'));
    expect(other.status).toBe(404);
  });
});

describe('preload (fake electron)', () => {
  it('exposes only window.launcher, built from the contract, over ipcRenderer.invoke', async () => {
    vi.stubGlobal(
      '__LAUNCHER_CHANNELS__',
      channels.map((c) => [c.domain, c.verb]),
    );
    await import('../../electron/main/preload');
    expect([...fake.contextBridge.exposed.keys()]).toEqual(['launcher']);
    const api = fake.contextBridge.exposed.get('launcher') as { call: { place(r: unknown): Promise<unknown> } };
    await api.call.place({ requestId: 'x' });
    expect(fake.ipcRenderer.invoked).toEqual([['call:place', { requestId: 'x' }]]);
  });

  it('imports a chosen file by its path: main is asked to read it, its bytes never cross IPC', async () => {
    vi.stubGlobal(
      '__LAUNCHER_CHANNELS__',
      channels.map((c) => [c.domain, c.verb]),
    );
    await import('../../electron/main/preload');
    const api = fake.contextBridge.exposed.get('launcher') as LauncherBridge;
    const onDisk = new File(['First Name\nAda\n'], 'people.csv', { type: 'text/csv' });
    fake.webUtils.paths.set(onDisk, '/home/ada/people.csv');
    fake.ipcRenderer.invoked.length = 0;
    await api.importFile(onDisk, { country: 'GB' });
    expect(fake.ipcRenderer.invoked).toEqual([
      ['contacts:importPreview', { country: 'GB', fileName: 'people.csv', path: '/home/ada/people.csv' }],
    ]);

    // a File made in the page (no path on disk): refused in the preload, nothing sent
    fake.ipcRenderer.invoked.length = 0;
    const made = new File(['x'], 'made.csv');
    expect(await api.importFile(made, {})).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/not on this computer’s disk/) },
    });
    expect(fake.ipcRenderer.invoked).toEqual([]);
  });
});

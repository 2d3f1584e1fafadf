import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fake-electron'));
vi.mock('electron-store', async () => await import('./conf-electron-store'));

const fake = await import('./fake-electron');
let dir: string;
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));
const windows = () => ({ main: fake.FakeBrowserWindow.instances[0]!, palette: fake.FakeBrowserWindow.instances[1]! });
const tray = () => fake.FakeTray.instances[0]!;
const labels = () => tray().menu!.template.map((i) => i.label ?? '—');
/** the main → renderer events a window was sent, by name */
const sentEvents = (win: InstanceType<typeof fake.FakeBrowserWindow>, name: string) =>
  win.webContents.sent.filter(([channel, event]) => channel === 'launcher:event' && event === name).map(([, , payload]) => payload);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'feather-glue-desktop-'));
  process.env.FAKE_USER_DATA = dir;
  process.env.XDG_CONFIG_HOME = dir; // the autostart file lands here, never in the user's home
  fake.globalShortcut.taken.add('CommandOrControl+Shift+D'); // another app holds the clipboard shortcut
  await import('../../electron/main/main');
  await settle(50);
});

describe('the desktop glue (fake electron): tray, shortcuts, windows, login item', () => {
  it('puts the app in the tray with core’s menu: where calls go, favourites, recents, the app’s commands', () => {
    expect(tray().tooltip).toBe('Feather Launcher');
    expect(String((tray().icon as { file: string }).file)).toMatch(/tray-icon\.png$/);
    expect(labels()[0]).toBe('Simulator — no real calls');
    expect(labels()).toEqual(expect.arrayContaining(['Open palette…', 'Open Feather Launcher', 'Start at login', 'Quit']));
  });

  it('the palette is created hidden; its shortcut shows it, and its own close only hides it', () => {
    const { palette } = windows();
    expect(palette.visible).toBe(false);
    fake.globalShortcut.press('CommandOrControl+Shift+Space');
    expect(palette.visible).toBe(true);
    expect(palette.tryClose()).toBe(true); // prevented: hidden, not destroyed
    expect(palette.visible).toBe(false);
    palette.show();
    palette.emit('blur');
    expect(palette.visible).toBe(false);
  });

  it('the clipboard shortcut is off until chosen; one another app holds is reported to Settings; the other one works', async () => {
    const contents = windows().main.webContents;
    expect([...fake.globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+Space']);
    await fake.ipcMain.invoke('app:setPreferences', { launcher: { clipboardShortcut: 'CommandOrControl+Shift+D' } }, contents);
    const status = (await fake.ipcMain.invoke('app:status', {}, contents)) as {
      value: { preferences: { shortcuts: Record<string, { registered: boolean; problem: string | null }> } };
    };
    expect(status.value.preferences.shortcuts.palette).toMatchObject({ registered: true, problem: null });
    expect(status.value.preferences.shortcuts.clipboard).toMatchObject({
      registered: false,
      problem: expect.stringMatching(/Another app/),
    });
    // Settings offers another: that one is registered
    await fake.ipcMain.invoke('app:setPreferences', { launcher: { clipboardShortcut: 'CommandOrControl+Alt+D' } }, contents);
    expect([...fake.globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+Space', 'CommandOrControl+Alt+D']);
  });

  it('the clipboard shortcut: the selected number (Linux) opens the palette’s card; no number opens the palette to type one', async () => {
    const { main, palette } = windows();
    palette.hide();
    fake.clipboard.selection = 'call +44 20 7946 0958 today';
    fake.globalShortcut.press('CommandOrControl+Alt+D');
    await settle();
    const requests = sentEvents(palette, 'dial:request');
    expect(requests.at(-1)).toMatchObject({ toNumber: '+442079460958', source: 'hotkey', surface: 'palette' });
    expect(sentEvents(main, 'dial:request').at(-1)).toMatchObject({ surface: 'palette' }); // every window hears it; the palette's store takes it
    expect(palette.visible).toBe(true);
    palette.hide();
    fake.clipboard.selection = '';
    fake.clipboard.text = 'no number here';
    fake.globalShortcut.press('CommandOrControl+Alt+D');
    expect(palette.visible).toBe(true);
    expect(sentEvents(palette, 'dial:request')).toHaveLength(requests.length);
  });

  it('the menu follows the clipboard: a copied number gets its own "Call number on clipboard" item', async () => {
    fake.clipboard.selection = '';
    fake.clipboard.text = 'Anna: +1 (212) 555-0100';
    await settle(1700); // the tray looks at the clipboard every 1.5 s
    expect(labels()).toContain('Call number on clipboard: +1 212 555 0100');
    tray().menu!.click(/^Call number on clipboard/);
    await settle();
    expect(sentEvents(windows().palette, 'dial:request').at(-1)).toMatchObject({ toNumber: '+12125550100', source: 'tray' });
  });

  it('Start at login from the tray: the autostart entry (Linux) appears and the preference follows', async () => {
    const file = path.join(dir, 'autostart', 'feather-launcher.desktop');
    expect(existsSync(file)).toBe(false);
    tray().menu!.click('Start at login');
    await settle();
    expect(readFileSync(file, 'utf8')).toMatch(/^Exec=".*" --hidden$/m);
    expect(tray().menu!.template.find((i) => i.label === 'Start at login')?.checked).toBe(true);
    tray().menu!.click('Start at login');
    await settle();
    expect(existsSync(file)).toBe(false);
  });

  it('the autostart entry quotes any path as the Desktop Entry spec says (quotes, $, backslashes, %)', async () => {
    const { autostartEntry } = await import('../../electron/main/login-item');
    expect(autostartEntry('/opt/My "Apps"/$HOME/100%/a\\b/feather')).toContain(
      'Exec="/opt/My \\\\"Apps\\\\"/\\\\$HOME/100%%/a\\\\\\\\b/feather" --hidden\n',
    );
  });

  it('start at login the OS refuses (the autostart folder cannot be written): Settings says so, the preference stays off', async () => {
    const contents = windows().main.webContents;
    const blocker = path.join(dir, 'autostart');
    rmSync(blocker, { recursive: true, force: true });
    writeFileSync(blocker, 'not a folder');
    const answer = (await fake.ipcMain.invoke('app:setPreferences', { launcher: { startAtLogin: true } }, contents)) as {
      ok: boolean;
      error?: { message: string; fields?: Record<string, string> };
    };
    expect(answer.ok).toBe(false);
    expect(answer.error!.fields!.startAtLogin).toMatch(/^Could not turn on start at login: the system said E[A-Z]+\.$/);
    const status = (await fake.ipcMain.invoke('app:status', {}, contents)) as {
      value: { preferences: { launcher: { startAtLogin: boolean } } };
    };
    expect(status.value.preferences.launcher.startAtLogin).toBe(false);
    rmSync(blocker, { force: true });
  });

  it('closing the main window keeps the app in the tray, says so the first time only; Quit quits', () => {
    const { main } = windows();
    main.show();
    expect(main.tryClose()).toBe(true);
    expect(main.visible).toBe(false);
    main.show();
    main.tryClose();
    expect(fake.FakeNotification.shown).toHaveLength(1);
    expect(fake.FakeNotification.shown[0]!.title).toMatch(/still running/);
    tray().menu!.click('Open Feather Launcher');
    expect(main.visible).toBe(true);
    tray().menu!.click('Quit');
    expect(fake.app.quitCalls).toBe(1);
  });

  it('with “keep running in the tray” off, closing the main window quits (the hidden palette does not keep the app)', async () => {
    const contents = windows().main.webContents;
    await fake.ipcMain.invoke('app:setPreferences', { launcher: { closeToTray: false } }, contents);
    const main = fake.FakeBrowserWindow.instances[0]!;
    const quits = fake.app.quitCalls;
    main.show();
    expect(main.tryClose()).toBe(false); // not prevented: it closes
    expect(fake.app.quitCalls).toBe(quits + 1);
  });
});

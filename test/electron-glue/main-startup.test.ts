import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { devMode } from '../../electron/main/dev-mode';

vi.mock('electron', async () => await import('./fake-electron'));
vi.mock('electron-store', async () => await import('./conf-electron-store'));

const fake = await import('./fake-electron');
let dir: string;
const NEWER = JSON.stringify({ schemaVersion: 42, profiles: 'from the future' });

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'feather-glue-newer-'));
  process.env.FAKE_USER_DATA = dir;
  process.env.XDG_CONFIG_HOME = dir; // the login item's autostart file, never the user's
  // A data file from a newer version, and one that is valid JSON but not an object.
  await writeFile(path.join(dir, 'settings.json'), NEWER);
  await writeFile(path.join(dir, 'templates.json'), 'null');
  await import('../../electron/main/main');
  await new Promise((r) => setTimeout(r, 50));
});

describe('Electron main starts whatever the data folder holds', () => {
  it('opens the window although settings.json is from a newer version, and says which file', async () => {
    expect(fake.FakeBrowserWindow.instances).toHaveLength(2); // the main window and the hidden palette
    expect(fake.dialog.errors).toEqual([]);
    const contents = fake.FakeBrowserWindow.instances[0]!.webContents;
    const status = (await fake.ipcMain.invoke('app:status', {}, contents)) as { ok: true; value: { notices: string[] } };
    expect(status.ok).toBe(true);
    expect(status.value.notices.join('\n')).toMatch(/settings file \(.*settings\.json\) was written by a newer version/);
    expect(status.value.notices.join('\n')).toMatch(/templates file did not hold .* kept at .*templates\.invalid-/);
  });

  it('never writes the newer file, even when settings change in this session', async () => {
    const contents = fake.FakeBrowserWindow.instances[0]!.webContents;
    const changed = (await fake.ipcMain.invoke('app:setDefaultCountry', { country: 'GB' }, contents)) as { ok: boolean };
    expect(changed.ok).toBe(true);
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(NEWER);
  });
});

describe('quitting', () => {
  it('waits for the core to close (the contacts’ clean close on disk), then quits for good', async () => {
    const quits = fake.app.quitCalls;
    let prevented = 0;
    fake.appEvents.emit('before-quit', { preventDefault: () => (prevented += 1) });
    expect(prevented).toBe(1); // Electron would exit now, with the closing writes still running
    expect(fake.FakeBrowserWindow.instances.some((w) => w.visible)).toBe(false); // the windows go at once
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(quits + 1));
    const mark = JSON.parse(await readFile(path.join(dir, 'contacts.count'), 'utf8')) as { closed?: unknown };
    expect(mark.closed).toBeTruthy(); // the next start skips the integrity check
    // the quit asked again goes through
    fake.appEvents.emit('before-quit', { preventDefault: () => (prevented += 1) });
    expect(prevented).toBe(1);
  });
});

describe('--dev', () => {
  it('loads from the dev server only in an unpackaged build', () => {
    expect(devMode(['electron', 'main.js', '--dev'], false)).toBe(true);
    expect(devMode(['electron', 'main.js', '--dev'], true)).toBe(false);
    expect(devMode(['electron', 'main.js'], false)).toBe(false);
  });
});

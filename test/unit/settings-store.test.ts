import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDocument } from '../../electron/core/storage/json-store';
import {
  SETTINGS_VERSION,
  SettingsSchema,
  defaultSettings,
  settingsMigrations,
  checkBaseUrl,
} from '../../electron/core/connection/settings';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';

const spec = {
  schema: SettingsSchema,
  version: SETTINGS_VERSION,
  migrations: settingsMigrations,
  create: () => defaultSettings(),
  label: 'settings',
};
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-settings-'));
const now = () => new Date('2026-11-26T10:00:00Z');

describe('settings document', () => {
  it('first start writes versioned defaults: demo mode, simulator active', async () => {
    const dir = await tmp();
    const doc = openDocument(confStoreFactory(dir), 'settings', spec);
    expect(doc.value.activeProfileId).toBe('simulator');
    const onDisk = JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(SETTINGS_VERSION);
    expect(doc.notice).toBeUndefined();
  });

  it('saves and reopens', async () => {
    const dir = await tmp();
    const doc = openDocument(confStoreFactory(dir), 'settings', spec);
    doc.save({ ...doc.value, defaultCountry: 'GB' });
    expect(openDocument(confStoreFactory(dir), 'settings', spec).value.defaultCountry).toBe('GB');
  });

  it('migrates a version-0 file, keeping what the user had', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ defaultCountry: 'de', baseUrl: 'https://api.example.com' }));
    const doc = openDocument(confStoreFactory(dir), 'settings', spec);
    expect(doc.value.schemaVersion).toBe(2);
    expect(doc.value.defaultCountry).toBe('DE');
    // version 2 adds the launcher's preferences at their defaults
    expect(doc.value.preferences.launcher).toMatchObject({ closeToTray: true, startAtLogin: false });
    const active = doc.value.profiles.find((p) => p.id === doc.value.activeProfileId);
    expect(active).toMatchObject({ kind: 'custom', baseUrl: 'https://api.example.com' });
    // the migrated form is written back
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')).schemaVersion).toBe(2);
  });

  it('moves an unreadable file aside, keeps it, and says so', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'settings.json'), '{"schemaVersion": 1, "profiles": [');
    const doc = openDocument(confStoreFactory(dir), 'settings', spec, now);
    expect(doc.value.activeProfileId).toBe('simulator');
    expect(doc.notice).toMatch(/could not be read.*kept at .*settings\.corrupt-2026-11-26T10-00-00-000Z\.json/);
    const files = await readdir(dir);
    expect(files).toContain('settings.corrupt-2026-11-26T10-00-00-000Z.json');
    expect(await readFile(path.join(dir, 'settings.corrupt-2026-11-26T10-00-00-000Z.json'), 'utf8')).toBe(
      '{"schemaVersion": 1, "profiles": [',
    );
  });

  it('moves aside a file that parses but breaks the schema', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'settings.json'), JSON.stringify({ schemaVersion: 1, profiles: 'lots', activeProfileId: 3 }));
    const doc = openDocument(confStoreFactory(dir), 'settings', spec, now);
    expect(doc.notice).toMatch(/settings\.invalid-/);
    expect((await readdir(dir)).some((f) => f.startsWith('settings.invalid-'))).toBe(true);
  });

  it('leaves a file from a newer version untouched, runs on in-memory defaults and says which file', async () => {
    const dir = await tmp();
    const newer = JSON.stringify({ schemaVersion: 99, profiles: 'something new' });
    await writeFile(path.join(dir, 'settings.json'), newer);
    const doc = openDocument(confStoreFactory(dir), 'settings', spec);
    expect(doc.readOnly).toBe(true);
    expect(doc.value.activeProfileId).toBe('simulator');
    expect(doc.notice).toMatch(/settings file \(.*settings\.json\) was written by a newer version.*update the app/);
    doc.save({ ...doc.value, defaultCountry: 'GB' });
    expect(doc.value.defaultCountry).toBe('GB'); // works for this session…
    expect(await readFile(path.join(dir, 'settings.json'), 'utf8')).toBe(newer); // …and the file is never written
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"x"'],
    ['an array', '[1,2]'],
    ['an empty file', ''],
    ['NUL bytes', '\u0000'.repeat(64)],
    ['a truncated file', '{"schemaVersion":1,"defaultCountry":"G'],
    ['the wrong shape', '{"schemaVersion":1,"profiles":{}}'],
  ])('moves aside and reports a file holding %s — never overwrites it', async (_what, content) => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'settings.json'), content);
    const doc = openDocument(confStoreFactory(dir), 'settings', spec, now);
    expect(doc.value.activeProfileId).toBe('simulator');
    expect(doc.notice).toMatch(/kept at .*settings\.(corrupt|invalid)-2026-11-26T10-00-00-000Z\.json/);
    const aside = (await readdir(dir)).find((f) => /settings\.(corrupt|invalid)-/.test(f))!;
    expect(await readFile(path.join(dir, aside), 'utf8')).toBe(content);
  });

  it('a failed write (disk full) throws and leaves the value as it was', async () => {
    const dir = await tmp();
    const real = confStoreFactory(dir);
    let full = false;
    const factory = {
      pathOf: real.pathOf,
      open(name: string) {
        const store = real.open(name);
        return {
          path: store.path,
          get store() {
            return store.store;
          },
          set store(value: Record<string, unknown>) {
            if (full) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            store.store = value;
          },
        };
      },
    };
    const doc = openDocument(factory, 'settings', spec);
    full = true;
    expect(() => doc.save({ ...doc.value, defaultCountry: 'GB' })).toThrow(/ENOSPC/);
    expect(doc.value.defaultCountry).toBe('US');
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8')).defaultCountry).toBe('US');
  });
});

describe('base URL rule', () => {
  it('allows https anywhere and http only on loopback', () => {
    expect(checkBaseUrl('https://api.example.com/')).toEqual({ ok: true, url: 'https://api.example.com' });
    expect(checkBaseUrl('http://127.0.0.1:8787')).toEqual({ ok: true, url: 'http://127.0.0.1:8787' });
    expect(checkBaseUrl('http://localhost:9000')).toMatchObject({ ok: true });
    expect(checkBaseUrl('http://api.example.com')).toMatchObject({ ok: false, message: expect.stringMatching(/Use https/) });
    expect(checkBaseUrl('ftp://x.example.com')).toMatchObject({ ok: false });
    expect(checkBaseUrl('api.example.com')).toMatchObject({ ok: false, message: expect.stringMatching(/full URL/) });
    expect(checkBaseUrl('https://user:pw@api.example.com')).toMatchObject({ ok: false });
  });
});

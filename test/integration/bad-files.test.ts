import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { createLauncherCore } from '../../electron/core/launcher-core';
import { startSimulator } from '../../electron/simulator/server';
import type { SecretStore } from '../../electron/core/connection/secrets';

/**
 * Every small data file the core keeps, in every bad state a crash, a disk or another version
 * can leave it in: the core starts, the file is kept aside (or, from a newer version, left
 * untouched) and the user is told once — never overwritten, never silently dropped.
 */
const FILES = ['settings', 'templates', 'directory', 'dialer'] as const;
const BAD: Array<[string, string]> = [
  ['empty', ''],
  ['NUL-filled', '\u0000'.repeat(4096)],
  ['truncated', '{"schemaVersion":1,"profiles":[{"id":"simulator","kind":"simu'],
  ['not JSON', 'this is not json'],
  ['null', 'null'],
  ['a number', '42'],
  ['a string', '"x"'],
  ['an array', '[]'],
  ['the wrong shape', '{"schemaVersion":1,"templates":"many","profiles":7,"uncertain":{}}'],
];
const secrets = (): SecretStore => {
  const m = new Map<string, string>();
  return { get: async (a) => m.get(a) ?? null, set: async (a, s) => void m.set(a, s), delete: async (a) => m.delete(a) };
};

async function start(dir: string) {
  const core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: secrets(),
    startSimulator: () => startSimulator(),
  });
  const status = await core.handlers.app.status();
  return { core, status };
}

describe('bad data files', () => {
  for (const file of FILES) {
    for (const [what, content] of BAD) {
      it(`${file}.json ${what}: starts, keeps the file aside, says so`, async () => {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-bad-'));
        await writeFile(path.join(dir, `${file}.json`), content);
        const { core, status } = await start(dir);
        try {
          const notice = status.notices.find((n) => n.includes(`${file}.`));
          expect(notice, status.notices.join('\n')).toMatch(/kept at/);
          const aside = (await readdir(dir)).find((f) => f.startsWith(`${file}.corrupt-`) || f.startsWith(`${file}.invalid-`));
          expect(aside).toBeDefined();
          expect(await readFile(path.join(dir, aside!), 'utf8')).toBe(content);
          expect(status.activeProfile.kind).toBe('simulator');
        } finally {
          await core.close();
        }
      });
    }

    it(`${file}.json from a newer version: starts on defaults, says which file, never writes it`, async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-newer-'));
      const newer = JSON.stringify({ schemaVersion: 999, whatever: true });
      await writeFile(path.join(dir, `${file}.json`), newer);
      const { core, status } = await start(dir);
      try {
        expect(status.notices.join('\n')).toMatch(new RegExp(`${file}\\.json\\) was written by a newer version`));
        // use the app: change settings, save a template, name a number
        await core.handlers.app.setDefaultCountry({ country: 'GB' });
        await core.handlers.templates.save({ draft: { name: 'T', description: '', defaultCaller: null, variables: [] } });
        await core.handlers.directory.refresh();
        expect(await readFile(path.join(dir, `${file}.json`), 'utf8')).toBe(newer);
        expect((await readdir(dir)).filter((f) => f.startsWith(`${file}.`))).toEqual([`${file}.json`]);
      } finally {
        await core.close();
      }
    });
  }
});

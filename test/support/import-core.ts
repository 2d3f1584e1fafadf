import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLauncherCore } from '../../electron/core/launcher-core';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import type { ImportStatus } from '../../shared/contacts/contacts-contract';
import { memorySecrets } from './memory-secrets';

/**
 * A core with no simulator over a fresh data folder, for the import tests: its `import:progress`
 * reports collected in order, and a cleanup (close, remove the folder) pushed onto `cleanups`.
 */
export async function importCore(name: string, cleanups: Array<() => Promise<unknown>>) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `feather-${name}-`));
  const core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: memorySecrets(),
    startSimulator: () => Promise.reject(new Error('no simulator in this test')),
    localeRegion: 'US',
  });
  const reports: ImportStatus[] = [];
  core.events.subscribe((event, payload) => {
    if (event === 'import:progress') reports.push(payload as ImportStatus);
  });
  cleanups.push(async () => {
    await core.close();
    await rm(dir, { recursive: true, force: true });
  });
  return { core, dir, reports };
}

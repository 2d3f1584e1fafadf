import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => await import('./fake-electron'));
vi.mock('electron-store', async () => await import('./conf-electron-store'));

const fake = await import('./fake-electron');

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-glue-shutdown-'));
  process.env.FAKE_USER_DATA = dir;
  process.env.XDG_CONFIG_HOME = dir;
  await import('../../electron/main/main');
  await new Promise((r) => setTimeout(r, 50));
});

describe('the system shuts down or logs out', () => {
  it('the quit is never held (on macOS holding it cancels the shutdown)', () => {
    fake.powerMonitor.emit('shutdown');
    let prevented = 0;
    fake.appEvents.emit('before-quit', { preventDefault: () => (prevented += 1) });
    expect(prevented).toBe(0);
  });
});

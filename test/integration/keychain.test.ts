import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { testKeychain } from '../support/test-keychain';
import { createKeytarSecretStore } from '../../electron/core/connection/secrets';

const run = promisify(execFile);
const probe = fileURLToPath(new URL('../support/keychain-probe.ts', import.meta.url));

/** Against the real OS keychain (gnome-keyring over D-Bus in CI), under a test-only service. */
describe('keytar secret store', () => {
  const keychain = testKeychain();
  afterEach(() => keychain.cleanup());

  it('stores, reads back and deletes a key', async () => {
    const key = 'fth_live_integration_0123456789abcdef';
    expect(await keychain.store.get('profile:sandbox')).toBeNull();
    await keychain.store.set('profile:sandbox', key);
    expect(await keychain.store.get('profile:sandbox')).toBe(key);
    // a fresh adapter on the same service sees it: it is in the keychain, not in memory
    expect(await createKeytarSecretStore(keychain.service).get('profile:sandbox')).toBe(key);
    expect(await keychain.store.delete('profile:sandbox')).toBe(true);
    expect(await keychain.store.get('profile:sandbox')).toBeNull();
  });

  it('keeps one entry per profile', async () => {
    await keychain.store.set('profile:a', 'fth_live_aaaaaaaaaaaa');
    await keychain.store.set('profile:b', 'fth_live_bbbbbbbbbbbb');
    expect(await keychain.store.get('profile:a')).toBe('fth_live_aaaaaaaaaaaa');
    expect(await keychain.store.get('profile:b')).toBe('fth_live_bbbbbbbbbbbb');
  });
});

describe('keychain unavailable', () => {
  it('reports keychain_unavailable, with what to do, and stores nothing', async () => {
    // Point libsecret at a bus that does not exist, in a process of its own.
    const { stdout } = await run(process.execPath, ['--import', 'tsx', probe], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/feather-test-bus' },
    });
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(result.ok).toBe(false);
    expect(result.code).toBe('keychain_unavailable');
    expect(result.message).toMatch(/keychain is not running or is locked, so nothing was stored: start and unlock GNOME Keyring/);
    expect(result.message).not.toMatch(/D-Bus|dbus|autolaunch/i); // one clear sentence, no raw D-Bus text
  });

  it('keytar not installed (npm install without libsecret headers): says what to install, stores nothing', async () => {
    const logged: string[] = [];
    const store = createKeytarSecretStore('feather-test-missing', {
      loadModule: () => {
        throw Object.assign(new Error("Cannot find module 'keytar'"), { code: 'MODULE_NOT_FOUND' });
      },
      log: (m) => logged.push(m),
    });
    await expect(store.set('profile:x', 'fth_live_secret000000')).rejects.toMatchObject({
      appError: {
        code: 'keychain_unavailable',
        message: expect.stringMatching(/sudo apt-get install libsecret-1-dev\), then run npm rebuild keytar/),
      },
    });
    await expect(store.get('profile:x')).rejects.toMatchObject({ appError: { code: 'keychain_unavailable' } });
    expect(logged.join('\n')).toMatch(/Cannot find module 'keytar'/);
  });
});

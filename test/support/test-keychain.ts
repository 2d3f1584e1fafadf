import { randomBytes } from 'node:crypto';
import { createKeytarSecretStore, type SecretStore } from '../../electron/core/connection/secrets';

/**
 * The real OS keychain under a service name of the test's own, so a user's real entries
 * are never touched. Remembers what it wrote so `cleanup()` can remove it.
 */
export function testKeychain(service = `feather-launcher-test-${process.pid}-${randomBytes(4).toString('hex')}`) {
  const real = createKeytarSecretStore(service);
  const written = new Set<string>();
  const store: SecretStore = {
    get(account) {
      written.add(account); // a restarted app reads what an earlier run wrote; clean that up too
      return real.get(account);
    },
    async set(account, secret) {
      await real.set(account, secret);
      written.add(account);
    },
    delete: (account) => real.delete(account),
  };
  return {
    service,
    store,
    async cleanup() {
      for (const account of written) await real.delete(account).catch(() => false);
      written.clear();
    },
  };
}

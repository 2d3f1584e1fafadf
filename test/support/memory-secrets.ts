import type { SecretStore } from '../../electron/core/connection/secrets';

/** A keychain in memory, for tests whose subject is not the keychain (fast, nothing left behind). */
export function memorySecrets(): SecretStore & { readonly entries: ReadonlyMap<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    get: async (account) => entries.get(account) ?? null,
    set: async (account, secret) => void entries.set(account, secret),
    delete: async (account) => entries.delete(account),
  };
}

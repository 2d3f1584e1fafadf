import { createRequire } from 'node:module';
import { AppFailure } from '../../shared/result';

/** Where API keys live. Main passes the OS keychain; nothing else ever holds a key at rest. */
export interface SecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

interface KeytarModule {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

const unavailable = (cause: unknown) =>
  new AppFailure({
    code: 'keychain_unavailable',
    message:
      'The system keychain is not available, so the key cannot be stored safely and was not saved. ' +
      (process.platform === 'linux'
        ? 'Start a Secret Service (GNOME Keyring or KWallet) and unlock it, then try again.'
        : 'Unlock the keychain and try again.') +
      (cause instanceof Error && cause.message ? ` (${cause.message.split('\n')[0]})` : ''),
  });

/** The OS keychain through keytar (Keychain, Credential Vault, Secret Service). */
export function createKeytarSecretStore(service: string): SecretStore {
  let keytar: KeytarModule | undefined;
  const load = (): KeytarModule => {
    if (keytar) return keytar;
    try {
      // keytar is a native addon: load it lazily so a broken build reports as "unavailable".
      const loaded = createRequire(import.meta.url)('keytar') as KeytarModule & { default?: KeytarModule };
      keytar = loaded.default ?? loaded;
      return keytar;
    } catch (error) {
      throw unavailable(error);
    }
  };
  const guard = async <T>(fn: (k: KeytarModule) => Promise<T>): Promise<T> => {
    const k = load();
    try {
      return await fn(k);
    } catch (error) {
      throw unavailable(error);
    }
  };
  return {
    get: (account) => guard((k) => k.getPassword(service, account)),
    set: (account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: (account) => guard((k) => k.deletePassword(service, account)),
  };
}

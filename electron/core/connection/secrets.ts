import { AppFailure } from '../../../shared/result';
import { secretRegistry } from './secret-registry';
import { loadOptionalNative } from '../optional-native';

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

/** The one sentence the user sees, with the fix; the technical cause goes to the log only. */
const unavailable = (cause: unknown, log: (message: string) => void) => {
  const detail = cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause);
  log(`[keychain] ${detail}`);
  return new AppFailure({
    code: 'keychain_unavailable',
    message:
      process.platform === 'linux'
        ? 'The system keychain is not running or is locked, so nothing was stored: start and unlock GNOME Keyring (or KWallet), then try again.'
        : 'The system keychain is locked or unavailable, so nothing was stored: unlock it, then try again.',
  });
};

/** keytar is optional, so `npm install` works without the libsecret headers; saving a key then says what to install. */
const notInstalled = (cause: unknown, log: (message: string) => void) => {
  log(`[keychain] keytar could not be loaded: ${cause instanceof Error ? (cause.message.split('\n')[0] ?? '') : String(cause)}`);
  return new AppFailure({
    code: 'keychain_unavailable',
    message:
      process.platform === 'linux'
        ? 'Saving a key needs the system keychain module, which is not built on this computer, so nothing was stored: install libsecret (Debian/Ubuntu: sudo apt-get install libsecret-1-dev), then run npm rebuild keytar in the app folder and restart.'
        : 'Saving a key needs the system keychain module (keytar), which is missing from this installation, so nothing was stored: reinstall the app.',
  });
};

/** The OS keychain through keytar (Keychain, Credential Vault, Secret Service). */
export function createKeytarSecretStore(
  service: string,
  options: { loadModule?: () => unknown; log?: (message: string) => void } = {},
): SecretStore {
  const log = options.log ?? ((m: string) => console.warn(secretRegistry.redact(m)));
  const loadModule = options.loadModule ?? (() => loadOptionalNative('keytar'));
  let keytar: KeytarModule | undefined;
  const load = (): KeytarModule => {
    if (keytar) return keytar;
    try {
      // keytar is an optional native addon: load it lazily so a missing or broken build is reported, not fatal.
      const loaded = loadModule() as KeytarModule & { default?: KeytarModule };
      keytar = loaded.default ?? loaded;
      return keytar;
    } catch (error) {
      throw notInstalled(error, log);
    }
  };
  const guard = async <T>(fn: (k: KeytarModule) => Promise<T>): Promise<T> => {
    const k = load();
    try {
      return await fn(k);
    } catch (error) {
      throw unavailable(error, log);
    }
  };
  return {
    get: (account) => guard((k) => k.getPassword(service, account)),
    set: (account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: (account) => guard((k) => k.deletePassword(service, account)),
  };
}

import Conf from 'conf';
import path from 'node:path';
import type { StoreFactory, StoreLike } from '../../electron/core/json-store';

/** conf instances with electron-store's options: what main gets, minus Electron. */
export function confStoreFactory(cwd: string): StoreFactory {
  return {
    open: (name) => new Conf({ cwd, configName: name, clearInvalidConfig: false, accessPropertiesByDotNotation: false }) as unknown as StoreLike,
    pathOf: (name) => path.join(cwd, `${name}.json`),
  };
}

import ElectronStore from 'electron-store';
import path from 'node:path';
import type { StoreFactory, StoreLike } from '../core/storage/json-store';

/** electron-store instances, one file per concern, in the app's userData folder. */
export function electronStoreFactory(cwd: string): StoreFactory {
  return {
    open: (name) =>
      new ElectronStore({ cwd, name, clearInvalidConfig: false, accessPropertiesByDotNotation: false }) as unknown as StoreLike,
    pathOf: (name) => path.join(cwd, `${name}.json`),
  };
}

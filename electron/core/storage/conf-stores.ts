import Conf from 'conf';
import path from 'node:path';
import type { StoreFactory, StoreLike } from './json-store';

/** conf instances with electron-store's options (electron-store is a thin layer over conf): for plain Node — the browser preview and the tests. */
export function confStoreFactory(cwd: string): StoreFactory {
  return {
    open: (name) =>
      new Conf({ cwd, configName: name, clearInvalidConfig: false, accessPropertiesByDotNotation: false }) as unknown as StoreLike,
    pathOf: (name) => path.join(cwd, `${name}.json`),
  };
}

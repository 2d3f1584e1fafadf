import Conf from 'conf';

/**
 * electron-store for the glue tests: conf (its base) with electron-store's `name` mapped to conf's
 * `configName` — without it every store would share one file. Used as
 * `vi.mock('electron-store', async () => await import('./conf-electron-store'))`.
 */
export default class ConfElectronStore extends Conf {
  constructor(options: Record<string, unknown>) {
    super({ ...options, configName: options.name as string });
  }
}

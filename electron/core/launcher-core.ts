import type { AppStatus } from '../../shared/contract';
import { isSupportedCountry } from '../../shared/phone';
import { AppFailure } from '../../shared/result';
import { createDialer } from './dialer';
import { loadDirectory } from './directory';
import { nodeHttpTransport, type HttpTransport } from './http-transport';
import type { HandlerTable } from './ipc-dispatch';
import { openDocument, type StoreFactory } from './json-store';
import { createProfiles, type SimulatorHandle } from './profiles';
import type { SecretStore } from './secrets';
import { SETTINGS_VERSION, SettingsSchema, defaultSettings, settingsMigrations } from './settings';

export interface CoreDeps {
  stores: StoreFactory;
  secrets: SecretStore;
  startSimulator(): Promise<SimulatorHandle>;
  transport?: HttpTransport;
  timeoutMs?: number;
  now?: () => Date;
  /** the OS locale's region, used for the default country on first start */
  localeRegion?: string;
}

/**
 * Everything the app does, without Electron: Electron serves these handlers over IPC and
 * the browser end-to-end tests call the very same table.
 */
export function createLauncherCore(deps: CoreDeps) {
  const now = deps.now ?? (() => new Date());
  const region = deps.localeRegion && isSupportedCountry(deps.localeRegion) ? deps.localeRegion : 'US';
  const settings = openDocument(
    deps.stores,
    'settings',
    { schema: SettingsSchema, version: SETTINGS_VERSION, migrations: settingsMigrations, create: () => defaultSettings(region), label: 'settings' },
    now,
  );
  const notices: string[] = settings.notice ? [settings.notice] : [];

  const profiles = createProfiles({
    settings,
    secrets: deps.secrets,
    transport: deps.transport ?? nodeHttpTransport,
    timeoutMs: deps.timeoutMs,
    startSimulator: deps.startSimulator,
    now,
  });

  const dialer = createDialer({
    client: () => profiles.activeClient(),
    now,
    onPlaced(intent) {
      settings.save({ ...settings.value, lastCaller: { fromNumberId: intent.fromNumberId.trim(), caller: intent.caller } });
    },
  });

  function status(): AppStatus {
    return {
      activeProfile: profiles.view(profiles.active()),
      profiles: profiles.views(),
      defaultCountry: settings.value.defaultCountry,
      lastCaller: settings.value.lastCaller,
      notices,
    };
  }

  const handlers = {
    app: {
      status: async () => status(),
      setDefaultCountry: async ({ country }: { country: string }) => {
        const code = country.toUpperCase();
        if (!isSupportedCountry(code)) {
          throw new AppFailure({ code: 'validation', message: 'Unknown country.', fields: { defaultCountry: 'Choose a country from the list.' } });
        }
        settings.save({ ...settings.value, defaultCountry: code });
        return status();
      },
    },
    connection: {
      use: async (request: Parameters<typeof profiles.use>[0]) => {
        profiles.use(request);
        return status();
      },
      saveKey: async ({ profileId, apiKey }: { profileId: string; apiKey: string }) => {
        await profiles.saveKey(profileId, apiKey);
        return status();
      },
      removeKey: async ({ profileId }: { profileId: string }) => {
        await profiles.removeKey(profileId);
        return status();
      },
      verify: async () => {
        await profiles.verifyActive();
        return status();
      },
    },
    directory: {
      list: async () => loadDirectory(await profiles.activeClient()),
    },
    call: {
      place: dialer.place,
    },
  } satisfies HandlerTable;

  return {
    handlers,
    settingsPath: settings.path,
    close: () => profiles.close(),
  };
}
export type LauncherCore = ReturnType<typeof createLauncherCore>;

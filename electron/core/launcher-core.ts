import type { AppStatus } from '../../shared/contract';
import type { ContactDraft } from '../../shared/contacts/contact';
import type { ContactQuery } from '../../shared/contacts/contacts-contract';
import type { ColumnMapping } from '../../shared/contacts/import/csv-import';
import { isSupportedCountry } from '../../shared/phone';
import { createContactsService } from './contacts/contacts-service';
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
  /** where the contacts snapshot and journal live (the app's userData folder) */
  dataDir: string;
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
  const contacts = createContactsService({ dir: deps.dataDir, defaultCountry: () => settings.value.defaultCountry, now });
  const notices: string[] = [...(settings.notice ? [settings.notice] : []), ...contacts.notices];

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
    blockedReason: (e164) => contacts.blockedReason(e164),
    onPlaced(intent) {
      settings.save({ ...settings.value, lastCaller: { fromNumberId: intent.fromNumberId.trim(), caller: intent.caller } });
      if (intent.contactId) void contacts.markCalled(intent.contactId);
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
    contacts: {
      query: async (q: ContactQuery) => contacts.query(q),
      get: async ({ id }: { id: string }) => contacts.get(id),
      create: ({ draft }: { draft: ContactDraft }) => contacts.create(draft),
      update: ({ id, draft }: { id: string; draft: ContactDraft }) => contacts.update(id, draft),
      setFavorite: ({ id, favorite }: { id: string; favorite: boolean }) => contacts.setFavorite(id, favorite),
      remove: async ({ ids }: { ids: string[] }) => contacts.remove(ids),
      undoRemove: ({ undoToken }: { undoToken: string }) => contacts.undoRemove(undoToken),
      tags: async () => contacts.tags(),
      lookupNumber: async ({ e164 }: { e164: string }) => contacts.lookupNumber(e164),
      duplicates: async () => contacts.duplicates(),
      merge: ({ keepId, mergeIds }: { keepId: string; mergeIds: string[] }) => contacts.merge(keepId, mergeIds),
      importPreview: async (request: { fileName: string; text: string; mapping?: ColumnMapping }) => contacts.imports.start(request),
      importStatus: async ({ jobId }: { jobId: string }) => contacts.imports.status(jobId),
      importCommit: async ({ jobId }: { jobId: string }) => contacts.imports.commit(jobId),
      importCancel: async ({ jobId }: { jobId: string }) => contacts.imports.cancel(jobId),
      export: async ({ format }: { format: 'csv' | 'vcard' }) => contacts.exportAll(format),
    },
  } satisfies HandlerTable;

  return {
    handlers,
    settingsPath: settings.path,
    contacts,
    close: async () => {
      await contacts.flush();
      await profiles.close();
    },
  };
}
export type LauncherCore = ReturnType<typeof createLauncherCore>;

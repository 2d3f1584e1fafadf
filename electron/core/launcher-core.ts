import type { AppStatus } from '../../shared/contract';
import type { ContactDraft } from '../../shared/contacts/contact';
import type { ContactQuery } from '../../shared/contacts/contacts-contract';
import type { ColumnMapping } from '../../shared/contacts/import/csv-import';
import { isSupportedCountry } from '../../shared/phone';
import type { TemplateDraft } from '../../shared/templates/template';
import { randomUUID } from 'node:crypto';
import { createContactsService } from './contacts/contacts-service';
import { AppFailure } from '../../shared/result';
import { createDialer } from './dialer';
import { z } from 'zod';

const DialerFileSchema = z.object({
  schemaVersion: z.literal(1),
  uncertain: z.array(z.object({ e164: z.string(), at: z.string(), requestId: z.string() })).max(1000),
});
type DialerFile = z.infer<typeof DialerFileSchema>;
import { createDirectory, DIRECTORY_VERSION, DirectoryFileSchema, directoryMigrations, type DirectoryFile } from './directory';
import { DEMO_NUMBER_NAMES } from '../simulator/seed';
import { SIMULATOR_PROFILE_ID } from './settings';
import { createTemplates, TEMPLATES_VERSION, TemplatesFileSchema, type TemplatesFile } from './templates-service';
import { nodeHttpTransport, type HttpTransport } from './http-transport';
import type { HandlerTable } from './ipc-dispatch';
import { openDocument, type StoreFactory } from './json-store';
import { createProfiles, type SimulatorHandle } from './profiles';
import { secretRegistry } from './secret-registry';
import { redactKeys } from '../../shared/key-hint';
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
  const directoryDoc = openDocument<DirectoryFile>(
    deps.stores,
    'directory',
    { schema: DirectoryFileSchema, version: DIRECTORY_VERSION, migrations: directoryMigrations, create: () => ({ schemaVersion: DIRECTORY_VERSION, profiles: {} }), label: 'directory cache' },
    now,
  );
  const templatesDoc = openDocument<TemplatesFile>(
    deps.stores,
    'templates',
    { schema: TemplatesFileSchema, version: TEMPLATES_VERSION, migrations: [], create: () => ({ schemaVersion: TEMPLATES_VERSION, templates: [] }), label: 'templates' },
    now,
  );
  // Feather numbers have no names; demo mode starts with the names a user would have given them.
  const directory = createDirectory(directoryDoc, now, { initialNumberNames: (id) => (id === SIMULATOR_PROFILE_ID ? { ...DEMO_NUMBER_NAMES } : {}) });
  const templates = createTemplates(templatesDoc, now, randomUUID);
  // Calls whose outcome is unknown, by number: kept across a restart, so the guard holds after one.
  const dialerDoc = openDocument<DialerFile>(
    deps.stores,
    'dialer',
    { schema: DialerFileSchema, version: 1, migrations: [], create: () => ({ schemaVersion: 1, uncertain: [] }), label: 'recent calls' },
    now,
  );
  const notices: string[] = [settings.notice, directoryDoc.notice, templatesDoc.notice, dialerDoc.notice, ...contacts.notices].filter((n): n is string => Boolean(n));

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
    async knowledge(intent, client) {
      const profileId = profiles.active().id;
      await directory.ensureApiVersion(profileId, client).catch(() => null);
      // Main's own copies of everything the plan reads: the directory, the template, the contact, who calls.
      const identity = profiles.active().identity;
      const contact = intent.contactId ? ((await contacts.get(intent.contactId)) ?? null) : null;
      return {
        directory: directory.list(profileId),
        template: intent.templateId ? (templates.list().find((t) => t.id === intent.templateId) ?? null) : undefined,
        context: { contact, user: { name: identity?.displayName ?? identity?.email ?? null }, now: now() },
      };
    },
    onPlaced(intent) {
      settings.save({ ...settings.value, lastCaller: { fromNumberId: intent.fromNumberId.trim(), caller: intent.caller } });
      if (intent.contactId) contacts.markCalled(intent.contactId).catch((error: unknown) => console.warn('could not mark the contact as called:', secretRegistry.redact(redactKeys(error instanceof Error ? error.message : String(error)))));
    },
    log: (message) => console.warn(secretRegistry.redact(redactKeys(message))),
    uncertain: { load: () => dialerDoc.value.uncertain, save: (uncertain) => dialerDoc.save({ schemaVersion: 1, uncertain }) },
  });
  const profileView = (p: Parameters<typeof profiles.view>[0]) => ({ ...profiles.view(p), apiVersion: directory.apiVersion(p.id) });

  function status(): AppStatus {
    return {
      activeProfile: profileView(profiles.active()),
      profiles: profiles.all().map(profileView),
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
      addProfile: async ({ name, baseUrl }: { name: string; baseUrl: string }) => {
        profiles.addProfile(name, baseUrl);
        return status();
      },
      switchProfile: async ({ profileId }: { profileId: string }) => {
        profiles.switchTo(profileId);
        return status();
      },
      removeProfile: async ({ profileId }: { profileId: string }) => {
        await profiles.removeProfile(profileId);
        directory.forget(profileId);
        return status();
      },
    },
    directory: {
      list: async () => directory.list(profiles.active().id),
      refresh: async () => {
        const profileId = profiles.active().id;
        let client;
        try {
          client = await profiles.activeClient();
        } catch (error) {
          if (error instanceof AppFailure) return { ...directory.list(profileId), refreshError: error.appError.message };
          throw error;
        }
        return directory.refresh(profileId, client);
      },
      addManual: async ({ kind, label, id }: { kind: 'phoneNumber' | 'agent' | 'team'; label: string; id: string }) => directory.addManual(profiles.active().id, kind, label, id),
      removeManual: async ({ kind, id }: { kind: 'phoneNumber' | 'agent' | 'team'; id: string }) => directory.removeManual(profiles.active().id, kind, id),
      nameNumber: async ({ id, name }: { id: string; name: string }) => directory.nameNumber(profiles.active().id, id, name),
    },
    templates: {
      list: async () => templates.list(),
      save: async ({ id, draft }: { id?: string; draft: TemplateDraft }) => templates.save(id, draft),
      duplicate: async ({ id }: { id: string }) => templates.duplicate(id),
      remove: async ({ id }: { id: string }) => templates.remove(id),
      export: async ({ ids }: { ids?: string[] }) => templates.exportFile(ids),
      importPreview: async ({ text }: { text: string }) => templates.importPreview(text),
      import: async ({ text, onConflict }: { text: string; onConflict: 'keep-both' | 'replace' | 'skip' }) => templates.importFile(text, onConflict),
    },
    call: {
      place: dialer.place,
      resend: async ({ requestId }: { requestId: string }) => dialer.resend(requestId),
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

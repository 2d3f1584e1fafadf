import { DIALER_VERSION, DialerFileSchema, dialerMigrations, emptyDialerFile, type DialerFile } from '../calls/dialer-document';
import { defaultSettings, SETTINGS_VERSION, SettingsSchema, settingsMigrations } from '../connection/settings';
import { DIRECTORY_VERSION, DirectoryFileSchema, directoryMigrations, type DirectoryFile } from '../feather/directory';
import { TEMPLATES_VERSION, TemplatesFileSchema, templatesMigrations, type TemplatesFile } from '../templates/templates-service';
import { openDocument, type StoreFactory } from './json-store';

/**
 * The app's small documents, each versioned with its migrations (a file that cannot be used is set
 * aside and reported; a newer one is never written): settings, the directory cache, templates, and
 * the dialer's (calls of unknown outcome, recent calls).
 */
export function openDocuments(stores: StoreFactory, now: () => Date, region: string) {
  const settings = openDocument(
    stores,
    'settings',
    {
      schema: SettingsSchema,
      version: SETTINGS_VERSION,
      migrations: settingsMigrations,
      create: () => defaultSettings(region),
      label: 'settings',
    },
    now,
  );
  const directory = openDocument<DirectoryFile>(
    stores,
    'directory',
    {
      schema: DirectoryFileSchema,
      version: DIRECTORY_VERSION,
      migrations: directoryMigrations,
      create: () => ({ schemaVersion: DIRECTORY_VERSION, profiles: {} }),
      label: 'directory cache',
    },
    now,
  );
  const templates = openDocument<TemplatesFile>(
    stores,
    'templates',
    {
      schema: TemplatesFileSchema,
      version: TEMPLATES_VERSION,
      migrations: templatesMigrations,
      create: () => ({ schemaVersion: TEMPLATES_VERSION, templates: [] }),
      label: 'templates',
    },
    now,
  );
  // Calls whose outcome is unknown, by number (the guard holds across a restart), and recent calls.
  const dialer = openDocument<DialerFile>(
    stores,
    'dialer',
    { schema: DialerFileSchema, version: DIALER_VERSION, migrations: dialerMigrations, create: emptyDialerFile, label: 'recent calls' },
    now,
  );
  return { settings, directory, templates, dialer };
}

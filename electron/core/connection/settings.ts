import { z } from 'zod';
import { IdentitySchema, LastCallerSchema, ProfileKindSchema } from '../../../shared/contract';
import type { Migration } from '../storage/json-store';
import { defaultPreferences, PreferencesSchema } from '../../../shared/preferences';

export const SANDBOX_BASE_URL = 'https://api-sandbox.featherhq.com';
export const SIMULATOR_PROFILE_ID = 'simulator';
export const SANDBOX_PROFILE_ID = 'sandbox';

export const ProfileSchema = z.object({
  id: z.string().min(1),
  kind: ProfileKindSchema,
  name: z.string().min(1),
  /** empty for the simulator: its port is chosen when it starts */
  baseUrl: z.string(),
  /** a recognisable hint of the stored key; the key itself lives only in the keychain */
  keyHint: z.string().nullable(),
  identity: IdentitySchema.nullable(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const SETTINGS_VERSION = 2;

export const SettingsSchema = z.object({
  schemaVersion: z.literal(SETTINGS_VERSION),
  profiles: z.array(ProfileSchema).min(1),
  activeProfileId: z.string(),
  defaultCountry: z.string().length(2),
  lastCaller: LastCallerSchema.nullable(),
  /** how the launcher lives on the desktop (tray, shortcuts, start at login) and which calls need "Call anyway" */
  preferences: PreferencesSchema,
});
export type Settings = z.infer<typeof SettingsSchema>;

export const builtInProfiles = (): Profile[] => [
  { id: SIMULATOR_PROFILE_ID, kind: 'simulator', name: 'Simulator', baseUrl: '', keyHint: null, identity: null },
  { id: SANDBOX_PROFILE_ID, kind: 'sandbox', name: 'Feather Sandbox', baseUrl: SANDBOX_BASE_URL, keyHint: null, identity: null },
];

/** First start: demo mode against the built-in simulator. */
export function defaultSettings(defaultCountry = 'US'): Settings {
  return {
    schemaVersion: SETTINGS_VERSION,
    profiles: builtInProfiles(),
    activeProfileId: SIMULATOR_PROFILE_ID,
    defaultCountry,
    lastCaller: null,
    preferences: defaultPreferences(),
  };
}

/**
 * Migrations, oldest first. Version 0 is the pre-release file that had only
 * `defaultCountry` and an optional `baseUrl` (one custom server, no profiles).
 */
export const settingsMigrations: Migration[] = [
  {
    to: 1,
    up(old) {
      const next: Record<string, unknown> = { ...defaultSettings() };
      if (typeof old.defaultCountry === 'string' && old.defaultCountry.length === 2) next.defaultCountry = old.defaultCountry.toUpperCase();
      if (typeof old.baseUrl === 'string' && old.baseUrl) {
        const custom: Profile = { id: 'custom-1', kind: 'custom', name: 'Custom', baseUrl: old.baseUrl, keyHint: null, identity: null };
        next.profiles = [...builtInProfiles(), custom];
        next.activeProfileId = custom.id;
      }
      return next;
    },
  },
  // 2: the launcher's preferences (tray, shortcuts, start at login) and call guards, at their defaults
  { to: 2, up: (old) => ({ ...old, preferences: defaultPreferences() }) },
];

/** https anywhere; plain http only on loopback (the simulator, tests). */
export function checkBaseUrl(input: string): { ok: true; url: string } | { ok: false; message: string } {
  const text = input.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Enter a full URL, like https://api.example.com.' };
  }
  if (url.username || url.password)
    return { ok: false, message: 'Leave user names and passwords out of the URL; the API key is sent separately.' };
  if (url.search || url.hash) return { ok: false, message: 'Remove the ?query or #fragment from the URL.' };
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol === 'http:' && !loopback) {
    return { ok: false, message: 'Use https. Plain http is only allowed for a server on this computer (localhost).' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: 'The URL must start with https://.' };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}

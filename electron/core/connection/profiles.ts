import type { Identity, ProfileView } from '../../../shared/contract';
import type { Whoami } from '../../../shared/feather-api';
import { keyHint } from './key-hint';
import { AppFailure } from '../../../shared/result';
import { createFeatherClient, type FeatherClient } from '../feather/feather-client';
import type { HttpTransport } from '../feather/http-transport';
import type { Document } from '../storage/json-store';
import { secretRegistry, type SecretRegistry } from './secret-registry';
import type { SecretStore } from './secrets';
import { SIMULATOR_PROFILE_ID, checkBaseUrl, type Profile, type Settings } from './settings';

export interface SimulatorHandle {
  url: string;
  demoKey: string;
  close(): Promise<void>;
}

export interface ProfilesDeps {
  settings: Document<Settings>;
  secrets: SecretStore;
  transport: HttpTransport;
  timeoutMs?: number;
  /** starts the in-process simulator for demo mode, on first use */
  startSimulator(): Promise<SimulatorHandle>;
  now(): Date;
  /** where keys held in memory are registered for redaction; default the process's registry */
  registry?: SecretRegistry;
}

const account = (profileId: string) => `profile:${profileId}`;

/**
 * Profiles (Simulator, Feather Sandbox, Custom) and their keys. Keys are read from the
 * keychain into main memory only; views for the renderer carry a hint, never the key.
 */
export function createProfiles(deps: ProfilesDeps) {
  const keys = new Map<string, string>();
  const registry = deps.registry ?? secretRegistry;
  /** the key held in memory for a profile, registered for redaction while it is held */
  function hold(profileId: string, key: string | undefined) {
    const old = keys.get(profileId);
    if (key === undefined) keys.delete(profileId);
    else {
      keys.set(profileId, key);
      registry.remember(key);
    }
    if (old !== undefined) registry.forget(old);
  }
  let simulator: Promise<SimulatorHandle> | undefined;

  const settings = () => deps.settings.value;
  const save = (next: Settings) => deps.settings.save(next);

  function find(profileId: string): Profile {
    const profile = settings().profiles.find((p) => p.id === profileId);
    if (!profile) throw new AppFailure({ code: 'not_found', message: 'That connection profile no longer exists.' });
    return profile;
  }
  const active = () => find(settings().activeProfileId);

  function update(profileId: string, patch: Partial<Profile>) {
    const s = settings();
    save({ ...s, profiles: s.profiles.map((p) => (p.id === profileId ? { ...p, ...patch } : p)) });
  }

  const sim = () => (simulator ??= deps.startSimulator());

  async function endpoint(profile: Profile): Promise<{ baseUrl: string; apiKey: string }> {
    if (profile.kind === 'simulator') {
      const handle = await sim();
      return { baseUrl: handle.url, apiKey: handle.demoKey };
    }
    let key = keys.get(profile.id);
    if (!key) {
      key = (await deps.secrets.get(account(profile.id))) ?? undefined;
      if (key) {
        hold(profile.id, key);
        // A hint stored before short keys got shorter hints is brought up to date.
        if (profile.keyHint !== null && profile.keyHint !== keyHint(key)) update(profile.id, { keyHint: keyHint(key) });
      }
    }
    if (!key) {
      throw new AppFailure({ code: 'no_key', message: `No API key is saved for ${profile.name}. Add one in Connection.` });
    }
    return { baseUrl: profile.baseUrl, apiKey: key };
  }

  const clientWith = (baseUrl: string, apiKey: string): FeatherClient =>
    createFeatherClient({ baseUrl, apiKey, transport: deps.transport, timeoutMs: deps.timeoutMs });

  const identityOf = (who: Whoami): Identity => ({
    organizationName: who.organizationName,
    displayName: who.displayName,
    email: who.email,
    role: who.role,
    verifiedAt: deps.now().toISOString(),
  });

  function view(profile: Profile): Omit<ProfileView, 'apiVersion'> {
    return {
      id: profile.id,
      kind: profile.kind,
      name: profile.name,
      baseUrl: profile.kind === 'simulator' ? 'built-in simulator' : profile.baseUrl,
      hasKey: profile.kind === 'simulator' || profile.keyHint !== null,
      keyHint: profile.keyHint,
      identity: profile.identity,
    };
  }

  return {
    active,
    view,
    all: () => settings().profiles,

    /** a client for the active profile, with its own key */
    async activeClient(): Promise<FeatherClient> {
      const { baseUrl, apiKey } = await endpoint(active());
      return clientWith(baseUrl, apiKey);
    },

    /** a client for any connection: a call placed on one is followed after a switch to another */
    async clientFor(profileId: string): Promise<FeatherClient> {
      const { baseUrl, apiKey } = await endpoint(find(profileId));
      return clientWith(baseUrl, apiKey);
    },

    use(request: { kind: 'simulator' } | { kind: 'sandbox' } | { kind: 'custom'; baseUrl: string }) {
      const s = settings();
      if (request.kind !== 'custom') {
        const target = s.profiles.find((p) => p.kind === request.kind);
        if (!target) throw new AppFailure({ code: 'not_found', message: 'That profile is missing.' });
        save({ ...s, activeProfileId: target.id });
        return;
      }
      const checked = checkBaseUrl(request.baseUrl);
      if (!checked.ok) throw new AppFailure({ code: 'validation', message: checked.message, fields: { baseUrl: checked.message } });
      // One profile per server: a key belongs to the server it was issued by.
      let target = s.profiles.find((p) => p.kind === 'custom' && p.baseUrl === checked.url);
      const profiles = [...s.profiles];
      if (!target) {
        const n = profiles.filter((p) => p.kind === 'custom').length + 1;
        target = {
          id: `custom-${Date.now().toString(36)}-${n}`,
          kind: 'custom',
          name: `Custom (${new URL(checked.url).host})`,
          baseUrl: checked.url,
          keyHint: null,
          identity: null,
        };
        profiles.push(target);
      }
      save({ ...s, profiles, activeProfileId: target.id });
    },

    /** verify with whoami first; only a key Feather accepts is stored */
    async saveKey(profileId: string, rawKey: string) {
      const profile = find(profileId);
      if (profile.kind === 'simulator') {
        throw new AppFailure({
          code: 'validation',
          message: 'The simulator has a built-in key.',
          fields: { apiKey: 'The simulator needs no key.' },
        });
      }
      const apiKey = rawKey.trim();
      if (!apiKey) throw new AppFailure({ code: 'validation', message: 'Paste your API key.', fields: { apiKey: 'Paste your API key.' } });
      if (/\s/.test(apiKey) || apiKey.length < 8) {
        const message = 'That does not look like an API key: keys are one word, like fth_live_…';
        throw new AppFailure({ code: 'validation', message, fields: { apiKey: message } });
      }
      // Held (and redacted) while it is verified; errors leave here redacted, as it is forgotten after.
      registry.remember(apiKey);
      try {
        let who: Whoami;
        try {
          who = await clientWith(profile.baseUrl, apiKey).whoami();
        } catch (error) {
          if (error instanceof AppFailure && error.appError.code === 'invalid_key') {
            const message = 'Feather did not accept this key. Check that you copied all of it and that it belongs to this server.';
            throw new AppFailure({ ...error.appError, message, fields: { apiKey: message } });
          }
          throw error;
        }
        await deps.secrets.set(account(profile.id), apiKey);
        hold(profile.id, apiKey);
        update(profile.id, { keyHint: keyHint(apiKey), identity: identityOf(who) });
      } catch (error) {
        throw registry.redactError(error);
      } finally {
        registry.forget(apiKey);
      }
    },

    /** A named custom server, e.g. "Production (EU)". */
    addProfile(name: string, baseUrl: string) {
      const fields: Record<string, string> = {};
      const checked = checkBaseUrl(baseUrl);
      if (!checked.ok) fields.baseUrl = checked.message;
      const label = name.trim();
      if (!label) fields.profileName = 'Name this connection, e.g. "Production".';
      else if (settings().profiles.some((p) => p.name.toLowerCase() === label.toLowerCase()))
        fields.profileName = 'Another connection has this name.';
      if (Object.keys(fields).length || !checked.ok)
        throw new AppFailure({ code: 'validation', message: 'Check the new connection.', fields });
      const s = settings();
      const profile: Profile = {
        id: `custom-${Date.now().toString(36)}-${s.profiles.length}`,
        kind: 'custom',
        name: label,
        baseUrl: checked.url,
        keyHint: null,
        identity: null,
      };
      save({ ...s, profiles: [...s.profiles, profile], activeProfileId: profile.id });
      return profile;
    },

    switchTo(profileId: string) {
      find(profileId);
      save({ ...settings(), activeProfileId: profileId });
    },

    /** Removes a custom connection, its key in the keychain included. */
    async removeProfile(profileId: string) {
      const profile = find(profileId);
      if (profile.kind !== 'custom') throw new AppFailure({ code: 'validation', message: 'The built-in connections cannot be removed.' });
      await deps.secrets.delete(account(profile.id));
      hold(profile.id, undefined);
      const s = settings();
      save({
        ...s,
        profiles: s.profiles.filter((p) => p.id !== profileId),
        activeProfileId: s.activeProfileId === profileId ? SIMULATOR_PROFILE_ID : s.activeProfileId,
      });
    },

    async removeKey(profileId: string) {
      const profile = find(profileId);
      if (profile.kind === 'simulator') return;
      await deps.secrets.delete(account(profile.id));
      hold(profile.id, undefined);
      update(profile.id, { keyHint: null, identity: null });
    },

    /** re-check the active profile's key and refresh who it belongs to */
    async verifyActive() {
      const profile = active();
      const { baseUrl, apiKey } = await endpoint(profile);
      const who = await clientWith(baseUrl, apiKey).whoami();
      update(profile.id, { identity: identityOf(who) });
    },

    async close() {
      for (const profileId of [...keys.keys()]) hold(profileId, undefined);
      if (simulator) await (await simulator).close();
    },
  };
}
export type Profiles = ReturnType<typeof createProfiles>;
export { SIMULATOR_PROFILE_ID };

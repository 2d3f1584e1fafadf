import { z } from 'zod';
import { ApiVersionSchema, type ApiVersion } from '../../../shared/feather-api';
import { BindingSchema, DeclaredVariableSchema, DirectoryEntrySchema, type Directory, type DirectoryEntry } from '../../../shared/contract';
import { parsePhone } from '../../../shared/phone';
import { AppFailure } from '../../../shared/result';
import { fetchDirectory } from './directory-fetch';
import type { FeatherClient } from './feather-client';
import type { Document, Migration } from '../storage/json-store';

/** One profile's directory as cached on disk: what Feather listed, plus what the user added. */
const CachedSchema = z.object({
  apiVersion: ApiVersionSchema.nullable(),
  fetchedAt: z.string().nullable(),
  phoneNumbers: z.array(DirectoryEntrySchema),
  agents: z.array(DirectoryEntrySchema),
  teams: z.array(DirectoryEntrySchema),
  bindings: z.record(z.string(), BindingSchema),
  variables: z.record(z.string(), z.array(DeclaredVariableSchema)),
  revisionVariables: z.record(z.string(), z.array(DeclaredVariableSchema)),
  /** the user's names for numbers (Feather has none), by number id */
  numberNames: z.record(z.string(), z.string()),
  unavailable: z.array(z.string()),
});
type Cached = z.infer<typeof CachedSchema>;

export const DIRECTORY_VERSION = 2;
export const DirectoryFileSchema = z.object({ schemaVersion: z.literal(DIRECTORY_VERSION), profiles: z.record(z.string(), CachedSchema) });
export type DirectoryFile = z.infer<typeof DirectoryFileSchema>;

/** v1 → v2: API version, local number names, pinned-revision variables. */
export const directoryMigrations: Migration[] = [
  {
    to: 2,
    up(data) {
      // Only a file of the old shape is migrated; anything else fails the schema and is kept aside.
      if (typeof data.profiles !== 'object' || data.profiles === null || Array.isArray(data.profiles)) return data;
      const profiles = data.profiles as Record<string, Record<string, unknown>>;
      const next: Record<string, unknown> = {};
      for (const [id, p] of Object.entries(profiles)) {
        next[id] = typeof p === 'object' && p !== null ? { apiVersion: null, revisionVariables: {}, numberNames: {}, ...p } : p;
      }
      return { ...data, profiles: next };
    },
  },
];

const empty = (numberNames: Record<string, string> = {}): Cached => ({
  apiVersion: null,
  fetchedAt: null,
  phoneNumbers: [],
  agents: [],
  teams: [],
  bindings: {},
  variables: {},
  revisionVariables: {},
  numberNames,
  unavailable: [],
});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Kind = 'phoneNumber' | 'agent' | 'team';
const listOf = (kind: Kind) =>
  (kind === 'phoneNumber' ? 'phoneNumbers' : kind === 'agent' ? 'agents' : 'teams') as 'phoneNumbers' | 'agents' | 'teams';

/** What a number is shown as: E.164 and the local name. */
export const numberLabel = (e164: string, name: string | null | undefined) => (name ? `${e164} · ${name}` : e164);

const formatted = new Map<string, string>(); // a profile has a handful of numbers; views are built often
/** "+44 20 7946 0958" for "+442079460958", for the pickers (the window has no phone metadata); the E.164 where it cannot be parsed. */
function displayNumber(e164: string): string {
  let shown = formatted.get(e164);
  if (shown === undefined) {
    const parsed = parsePhone(e164, '');
    formatted.set(e164, (shown = parsed.ok ? parsed.international : e164));
  }
  return shown;
}

/**
 * Discovery for the pickers, cached per profile so they work offline. A list that is missing
 * (404/405) or an unreachable server leaves the cache as it was and manual entries stand in
 * — never a dead end. One refresh per profile runs at a time; callers that ask meanwhile
 * share it.
 */
export function createDirectory(
  doc: Document<DirectoryFile>,
  now: () => Date,
  options: { initialNumberNames?(profileId: string): Record<string, string> } = {},
) {
  const errors = new Map<string, string>(); // profile → why its last refresh failed
  const inFlight = new Map<string, Promise<Directory>>();
  /** profiles refreshed in this session: a server whose version cannot be detected is not asked before every call */
  const refreshedThisSession = new Set<string>();

  const cached = (profileId: string): Cached => doc.value.profiles[profileId] ?? empty(options.initialNumberNames?.(profileId));
  const store = (profileId: string, value: Cached) => doc.save({ ...doc.value, profiles: { ...doc.value.profiles, [profileId]: value } });
  const view = (profileId: string): Directory => {
    const c = cached(profileId);
    return {
      apiVersion: c.apiVersion,
      fetchedAt: c.fetchedAt,
      phoneNumbers: c.phoneNumbers.map((n) =>
        n.manual || !n.e164
          ? n
          : {
              ...n,
              international: displayNumber(n.e164),
              localName: c.numberNames[n.id] ?? null,
              label: numberLabel(n.e164, c.numberNames[n.id]),
            },
      ),
      agents: c.agents,
      teams: c.teams,
      bindings: c.bindings,
      variables: c.variables,
      revisionVariables: c.revisionVariables,
      unavailable: c.unavailable,
      refreshError: errors.get(profileId) ?? null,
    };
  };

  /** Discovered entries replace the last discovered ones; manual ones stay. */
  const mergeManual = (fresh: DirectoryEntry[], old: DirectoryEntry[]) => [
    ...fresh,
    ...old.filter((o) => o.manual && !fresh.some((f) => f.id === o.id)),
  ];

  async function runRefresh(profileId: string, client: FeatherClient): Promise<Directory> {
    const old = cached(profileId);
    try {
      const fresh = await fetchDirectory(client, old.apiVersion);
      // Re-read: the user may have named a number while the lists were being fetched.
      const current = cached(profileId);
      store(profileId, {
        ...current,
        apiVersion: fresh.apiVersion ?? current.apiVersion,
        fetchedAt: now().toISOString(),
        phoneNumbers: fresh.phoneNumbers ? mergeManual(fresh.phoneNumbers, current.phoneNumbers) : current.phoneNumbers,
        agents: fresh.agents ? mergeManual(fresh.agents, current.agents) : current.agents,
        teams: fresh.teams ? mergeManual(fresh.teams, current.teams) : current.teams,
        bindings: fresh.bindings ?? current.bindings,
        variables: fresh.variables ? { ...current.variables, ...fresh.variables } : current.variables,
        revisionVariables: fresh.revisionVariables
          ? { ...current.revisionVariables, ...fresh.revisionVariables }
          : current.revisionVariables,
        unavailable: fresh.unavailable,
      });
      errors.delete(profileId);
    } catch (error) {
      // Offline or the key was refused: keep showing what we had, and say why it is not fresh.
      errors.set(profileId, error instanceof AppFailure ? error.appError.message : 'The directory could not be refreshed.');
    }
    return view(profileId);
  }

  return {
    list: (profileId: string) => view(profileId),
    apiVersion: (profileId: string): ApiVersion | null => cached(profileId).apiVersion,

    refresh(profileId: string, client: FeatherClient): Promise<Directory> {
      const running = inFlight.get(profileId);
      if (running) return running;
      refreshedThisSession.add(profileId);
      const attempt = runRefresh(profileId, client).finally(() => inFlight.delete(profileId));
      inFlight.set(profileId, attempt);
      return attempt;
    },

    /** Detects (and caches) the server's API version when it is not known yet. */
    async ensureApiVersion(profileId: string, client: FeatherClient): Promise<ApiVersion | null> {
      const known = cached(profileId).apiVersion;
      if (known) return known;
      if (refreshedThisSession.has(profileId)) return (await inFlight.get(profileId))?.apiVersion ?? null;
      await this.refresh(profileId, client);
      return cached(profileId).apiVersion;
    },

    addManual(profileId: string, kind: Kind, label: string, id: string): Directory {
      const fields: Record<string, string> = {};
      if (!label.trim()) fields.label = 'Give it a name you will recognise.';
      if (!UUID.test(id.trim())) fields.id = 'Feather IDs are UUIDs, like 3f2c1a9e-8d2a-4f57-b9e4-1a2c3d4e5f60.';
      if (Object.keys(fields).length) throw new AppFailure({ code: 'validation', message: 'Check the entry.', fields });
      const c = cached(profileId);
      const list = listOf(kind);
      if (c[list].some((e) => e.id.toLowerCase() === id.trim().toLowerCase())) {
        throw new AppFailure({ code: 'validation', message: 'Already in the list.', fields: { id: 'This ID is already in the list.' } });
      }
      store(profileId, { ...c, [list]: [...c[list], { id: id.trim().toLowerCase(), label: label.trim(), manual: true }] });
      return view(profileId);
    },

    removeManual(profileId: string, kind: Kind, id: string): Directory {
      const c = cached(profileId);
      const list = listOf(kind);
      store(profileId, { ...c, [list]: c[list].filter((e) => !(e.manual && e.id === id)) });
      return view(profileId);
    },

    /** The user's own name for a number ('' removes it). Feather numbers have no names. */
    nameNumber(profileId: string, id: string, rawName: string): Directory {
      const c = cached(profileId);
      const name = rawName.replace(/\s+/g, ' ').trim();
      const entry = c.phoneNumbers.find((n) => n.id === id);
      if (!entry)
        throw new AppFailure({
          code: 'not_found',
          message: 'That number is not in this connection’s list any more; refresh and try again.',
        });
      const taken = c.phoneNumbers.find(
        (n) => n.id !== id && name && (c.numberNames[n.id] ?? (n.manual ? n.label : '')).toLowerCase() === name.toLowerCase(),
      );
      if (taken) {
        const message = `Another number (${taken.e164 ?? taken.label}) already has this name.`;
        throw new AppFailure({ code: 'validation', message, fields: { [`numberName.${id}`]: message } });
      }
      if (entry.manual) {
        if (!name)
          throw new AppFailure({
            code: 'validation',
            message: 'A number saved by hand needs a name.',
            fields: { [`numberName.${id}`]: 'A number saved by hand needs a name.' },
          });
        store(profileId, { ...c, phoneNumbers: c.phoneNumbers.map((n) => (n.id === id ? { ...n, label: name } : n)) });
        return view(profileId);
      }
      const { [id]: _old, ...rest } = c.numberNames;
      store(profileId, { ...c, numberNames: name ? { ...rest, [id]: name } : rest });
      return view(profileId);
    },

    forget(profileId: string) {
      const { [profileId]: _gone, ...rest } = doc.value.profiles;
      doc.save({ ...doc.value, profiles: rest });
      errors.delete(profileId);
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectory>;

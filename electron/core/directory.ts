import { z } from 'zod';
import { DeclaredVariableSchema, DirectoryEntrySchema, type Directory } from '../../shared/contract';
import { AgentSchema, ChannelSchema, PhoneNumberSchema, TeamSchema, VariableSchema } from '../../shared/feather-api';
import { AppFailure } from '../../shared/result';
import type { FeatherClient } from './feather-client';
import type { Document } from './json-store';

/** One profile's directory as cached on disk: what Feather listed, plus manual entries. */
const CachedSchema = z.object({
  fetchedAt: z.string().nullable(),
  phoneNumbers: z.array(DirectoryEntrySchema),
  agents: z.array(DirectoryEntrySchema),
  teams: z.array(DirectoryEntrySchema),
  bindings: z.record(z.string(), z.object({ agentIds: z.array(z.string()), teamIds: z.array(z.string()) })),
  variables: z.record(z.string(), z.array(DeclaredVariableSchema)),
  unavailable: z.array(z.string()),
});
type Cached = z.infer<typeof CachedSchema>;

export const DIRECTORY_VERSION = 1;
export const DirectoryFileSchema = z.object({ schemaVersion: z.literal(DIRECTORY_VERSION), profiles: z.record(z.string(), CachedSchema) });
export type DirectoryFile = z.infer<typeof DirectoryFileSchema>;

const empty = (): Cached => ({ fetchedAt: null, phoneNumbers: [], agents: [], teams: [], bindings: {}, variables: {}, unavailable: [] });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Kind = 'phoneNumber' | 'agent' | 'team';
const listOf = (kind: Kind) => (kind === 'phoneNumber' ? 'phoneNumbers' : kind === 'agent' ? 'agents' : 'teams') as 'phoneNumbers' | 'agents' | 'teams';

/** Runs `fn` over items with at most `limit` requests in flight. */
async function pool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

/**
 * Discovery for the pickers, cached per profile so they work offline. Several list endpoints
 * are only assumed to exist: a missing one (404/405) or an unreachable server leaves the
 * cache as it was and manual entries stand in — never a dead end.
 */
export function createDirectory(doc: Document<DirectoryFile>, now: () => Date) {
  const errors = new Map<string, string>(); // profile → why its last refresh failed

  const cached = (profileId: string): Cached => doc.value.profiles[profileId] ?? empty();
  const store = (profileId: string, value: Cached) => doc.save({ ...doc.value, profiles: { ...doc.value.profiles, [profileId]: value } });
  const view = (profileId: string): Directory => ({ ...cached(profileId), refreshError: errors.get(profileId) ?? null });

  /** Discovered entries replace the last discovered ones; manual ones stay. */
  const mergeManual = (fresh: Directory['agents'], old: Directory['agents']) => [...fresh, ...old.filter((o) => o.manual && !fresh.some((f) => f.id === o.id))];

  async function attempt<T>(what: string, unavailable: string[], fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AppFailure && (error.appError.code === 'invalid_key' || error.appError.code === 'offline' || error.appError.code === 'no_key')) throw error;
      unavailable.push(what);
      return null;
    }
  }

  return {
    list: (profileId: string) => view(profileId),

    async refresh(profileId: string, client: FeatherClient): Promise<Directory> {
      const old = cached(profileId);
      const unavailable: string[] = [];
      try {
        const [numbers, agents, teams] = await Promise.all([
          attempt('phone numbers', unavailable, () => client.list('/v1/communication/phone-numbers', PhoneNumberSchema)),
          attempt('agents', unavailable, () => client.list('/v1/agents', AgentSchema)),
          attempt('teams', unavailable, () => client.list('/v1/teams', TeamSchema)),
        ]);
        const usable = numbers?.filter((n) => n.status === 'active' && n.capabilities.includes('voice')) ?? null;
        const bindings: Cached['bindings'] = {};
        if (usable) {
          const lists = await pool(usable, 4, (n) => attempt(`bindings of ${n.phone_e164}`, unavailable, () => client.list(`/v1/communication/phone-numbers/${encodeURIComponent(n.id)}/channels`, ChannelSchema)));
          usable.forEach((n, i) => {
            const channels = lists[i];
            if (!channels) return;
            const outbound = channels.filter((c) => c.channel_type === 'outbound_call');
            bindings[n.id] = { agentIds: outbound.flatMap((c) => (c.agent_id ? [c.agent_id] : [])), teamIds: outbound.flatMap((c) => (c.team_id ? [c.team_id] : [])) };
          });
        }
        const variables: Cached['variables'] = {};
        if (agents) {
          const lists = await pool(agents, 4, (a) => attempt(`variables of ${a.name}`, unavailable, () => client.list(`/v1/agents/${encodeURIComponent(a.id)}/variables`, VariableSchema, 5)));
          agents.forEach((a, i) => {
            const vars = lists[i];
            if (vars) variables[a.id] = vars.map((v) => ({ name: v.name, source: v.source ?? null, type: v.type ?? null, enumValues: v.enum_values ?? [], description: v.description ?? null }));
          });
        }
        const next: Cached = {
          fetchedAt: now().toISOString(),
          phoneNumbers: usable ? mergeManual(usable.map((n) => ({ id: n.id, label: n.label ? `${n.phone_e164} · ${n.label}` : n.phone_e164, manual: false })), old.phoneNumbers) : old.phoneNumbers,
          agents: agents ? mergeManual(agents.map((a) => ({ id: a.id, label: a.name, manual: false })), old.agents) : old.agents,
          teams: teams ? mergeManual(teams.map((t) => ({ id: t.id, label: t.name, manual: false })), old.teams) : old.teams,
          bindings: usable ? bindings : old.bindings,
          variables: agents ? { ...old.variables, ...variables } : old.variables,
          unavailable,
        };
        store(profileId, next);
        errors.delete(profileId);
      } catch (error) {
        // Offline or the key was refused: keep showing what we had, and say why it is not fresh.
        errors.set(profileId, error instanceof AppFailure ? error.appError.message : 'The directory could not be refreshed.');
      }
      return view(profileId);
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

    forget(profileId: string) {
      const { [profileId]: _gone, ...rest } = doc.value.profiles;
      doc.save({ ...doc.value, profiles: rest });
      errors.delete(profileId);
    },
  };
}
export type DirectoryService = ReturnType<typeof createDirectory>;

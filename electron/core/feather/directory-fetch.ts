import type { z } from 'zod';
import type { Binding, DirectoryEntry } from '../../../shared/contract';
import type { ContextSchemaSchema, VariableSchema, ApiVersion } from '../../../shared/feather-api';
import type { DeclaredVariable } from '../../../shared/templates/declared-check';
import { AppFailure } from '../../../shared/result';
import type { FeatherClient } from './feather-client';

/** One discovery pass: each list is fetched once; null = that list was not available. */
export interface FetchedDirectory {
  apiVersion: ApiVersion | null;
  phoneNumbers: DirectoryEntry[] | null;
  agents: DirectoryEntry[] | null;
  teams: DirectoryEntry[] | null;
  bindings: Record<string, Binding> | null;
  variables: Record<string, DeclaredVariable[]> | null;
  revisionVariables: Record<string, DeclaredVariable[]> | null;
  /** lists that were not available, in words */
  unavailable: string[];
}

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

const toDeclared = (v: z.output<typeof VariableSchema>, source?: string): DeclaredVariable => ({
  name: v.name,
  source: source ?? v.source ?? null,
  type: v.type ?? null,
  enumValues: v.enum_values ?? [],
  description: v.description ?? null,
});

/** A revision's context schema as declared variables: `system` ones keep that source. */
export const fromContextSchema = (schema: z.output<typeof ContextSchemaSchema>): DeclaredVariable[] => [
  ...schema.system.map((v) => toDeclared(v, 'system')),
  ...schema.workflow_inputs.map((v) => toDeclared(v, 'derived')),
  ...schema.workflow_derived.map((v) => toDeclared(v, 'derived')),
];

/**
 * Fetches everything the pickers and the pre-flight checks use, with the spec's own filters:
 * numbers (voice, active), each number's outbound_call bindings, agents (1.90 /v1/assistants,
 * else 1.21 /v1/agents — which one answers tells the version), teams, each agent's declared
 * variables, and the context schema of every revision a binding pins. A refused key or no
 * network stops the pass (the caller keeps its cache); any other failure marks one list.
 */
export async function fetchDirectory(client: FeatherClient, knownVersion: ApiVersion | null): Promise<FetchedDirectory> {
  const unavailable: string[] = [];
  async function attempt<T>(what: string, fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (error) {
      // A refused key or no network stops the pass; a 403 on one list (a role without that permission) only marks that list.
      if (
        error instanceof AppFailure &&
        ['invalid_key', 'offline', 'no_key'].includes(error.appError.code) &&
        error.appError.httpStatus !== 403
      )
        throw error;
      unavailable.push(error instanceof AppFailure && error.appError.httpStatus === 403 ? `${what} (not allowed for this key)` : what);
      return null;
    }
  }

  const [numbers, agentList, teams] = await Promise.all([
    attempt('phone numbers', () => client.listPhoneNumbers()),
    attempt('agents', () => client.listAgents(knownVersion)),
    attempt('teams', () => client.listTeams()),
  ]);
  // The filter is asked of the server; a server that ignores it must not offer an SMS-only number.
  const usable = numbers?.filter((n) => n.status === 'active' && n.capabilities.includes('voice')) ?? null;
  const version = agentList?.version ?? null;
  const agents = agentList?.agents ?? null;

  let bindings: Record<string, Binding> | null = null;
  if (usable) {
    bindings = {};
    const lists = await pool(usable, 4, (n) => attempt(`bindings of ${n.phone_e164}`, () => client.listOutboundChannels(n.id)));
    usable.forEach((n, i) => {
      const channels = lists[i];
      if (!channels) return;
      const outbound = channels.filter((c) => c.channel_type === 'outbound_call');
      const agentRevisions: Record<string, string> = {};
      for (const c of outbound) if (c.agent_id && c.agent_revision_id) agentRevisions[c.agent_id] = c.agent_revision_id;
      bindings![n.id] = {
        agentIds: outbound.flatMap((c) => (c.agent_id ? [c.agent_id] : [])),
        teamIds: outbound.flatMap((c) => (c.team_id ? [c.team_id] : [])),
        agentRevisions,
      };
    });
  }

  let variables: Record<string, DeclaredVariable[]> | null = null;
  let revisionVariables: Record<string, DeclaredVariable[]> | null = null;
  if (agents && version) {
    variables = {};
    const lists = await pool(agents, 4, (a) => attempt(`variables of ${a.name}`, () => client.agentVariables(version, a.id)));
    agents.forEach((a, i) => {
      const vars = lists[i];
      if (vars) variables![a.id] = vars.map((v) => toDeclared(v));
    });
    // 1.90: a binding may pin an older revision; its variables are that revision's, not the active one's.
    if (version === '1.90' && bindings) {
      revisionVariables = {};
      const pins = new Map<string, string>(); // revision → agent
      for (const b of Object.values(bindings)) {
        for (const [agentId, revisionId] of Object.entries(b.agentRevisions)) {
          const active = agents.find((a) => a.id === agentId)?.active_revision_id;
          if (revisionId !== active) pins.set(revisionId, agentId);
        }
      }
      const entries = [...pins.entries()];
      const schemas = await pool(entries, 4, ([revisionId, agentId]) =>
        attempt(`variables of a pinned revision`, () => client.contextSchema(agentId, revisionId)),
      );
      entries.forEach(([revisionId], i) => {
        const schema = schemas[i];
        if (schema) revisionVariables![revisionId] = fromContextSchema(schema);
      });
    }
  }

  return {
    apiVersion: version,
    phoneNumbers:
      usable?.map((n) => ({
        id: n.id,
        label: n.phone_e164,
        manual: false,
        e164: n.phone_e164,
        capabilities: n.capabilities,
        status: n.status,
      })) ?? null,
    agents: agents?.map((a) => ({ id: a.id, label: a.name, manual: false, activeRevisionId: a.active_revision_id ?? null })) ?? null,
    teams: teams?.map((t) => ({ id: t.id, label: t.name, manual: false })) ?? null,
    bindings,
    variables,
    revisionVariables,
    unavailable: [...new Set(unavailable)],
  };
}

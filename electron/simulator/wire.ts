import { createHash } from 'node:crypto';
import type { SimAgent, SimChannel, SimPhoneNumber, SimRevision, SimSeed, SimTeam, SimVariable } from './seed';

/**
 * The simulator's answers in the exact shapes of Feather's published spec, per version
 * (shared/docs/feather-openapi-digest.md). Nothing here may add a field the spec lacks:
 * test/contract checks every answer with strict schemas.
 */

export type ApiVersion = '1.21' | '1.90';
export const API_VERSIONS: readonly ApiVersion[] = ['1.21', '1.90'];

/** Demo mode answers as 1.90 (the newest spec) unless FEATHER_SIMULATOR_API=1.21 says otherwise. */
export function simulatorApiVersion(env: Record<string, string | undefined>): ApiVersion {
  const asked = env.FEATHER_SIMULATOR_API;
  return asked && (API_VERSIONS as readonly string[]).includes(asked) ? (asked as ApiVersion) : '1.90';
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface ValidationItem {
  loc: Array<string | number>;
  msg: string;
  type: string;
  input?: unknown;
  ctx?: Record<string, unknown>;
}

/** `ErrorResponse`: `{error, message}`; 1.90 adds `retryable` and `retry_after`. */
export function errorReply(
  version: ApiVersion,
  status: number,
  error: string,
  message: string,
  extra: { retryable?: boolean; retryAfter?: number } = {},
): Reply {
  const body: Record<string, unknown> = { error, message };
  if (version === '1.90') {
    body.retryable = extra.retryable ?? null;
    body.retry_after = extra.retryAfter ?? null;
  }
  return { status, body, ...(extra.retryAfter !== undefined ? { headers: { 'retry-after': String(extra.retryAfter) } } : {}) };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** Pydantic's complaint about a value that is not a UUID. */
export function uuidItem(loc: Array<string | number>, input: unknown): ValidationItem {
  return {
    loc,
    msg: 'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-]',
    type: 'uuid_parsing',
    input,
  };
}

/** Pydantic's lax boolean parsing of a query value. */
export function parseBool(raw: string): boolean | 'invalid' {
  const s = raw.trim().toLowerCase();
  if (['true', 't', 'yes', 'y', 'on', '1'].includes(s)) return true;
  if (['false', 'f', 'no', 'n', 'off', '0'].includes(s)) return false;
  return 'invalid';
}

/** FastAPI's 422 `HTTPValidationError`. */
export const validationReply = (items: ValidationItem[]): Reply => ({ status: 422, body: { detail: items } });

/** A stable UUID for a name, for ids the seed does not carry (users, end users). */
export function uuidFor(name: string): string {
  const h = createHash('sha256').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function phoneNumberWire(version: ApiVersion, orgId: string, n: SimPhoneNumber) {
  return {
    id: n.id,
    organization_id: orgId,
    phone_e164: n.phone_e164,
    vendor: 'twilio',
    vendor_mode: 'platform',
    capabilities: n.capabilities,
    vendor_metadata: {},
    status: n.status,
    ...(version === '1.90' ? { retired_at: null, retired_by: null, restored_at: null, restored_by: null } : {}),
    created_at: n.created_at,
    updated_at: n.updated_at,
  };
}

export function channelWire(version: ApiVersion, numberId: string, c: SimChannel, agents: SimAgent[]) {
  const base = {
    id: c.id,
    phone_number_id: numberId,
    channel_type: c.channel_type,
    agent_id: c.agent_id,
    agent_revision_id: c.agent_revision_id,
    team_id: c.team_id,
    team_revision_id: c.team_revision_id,
    created_at: c.created_at,
  };
  if (version === '1.21') return base;
  const agent = agents.find((a) => a.id === c.agent_id);
  const pinned = c.agent_revision_id ? agent?.revisions.find((r) => r.id === c.agent_revision_id) : undefined;
  return {
    ...base,
    revision_state: !c.agent_id
      ? null
      : !c.agent_revision_id
        ? 'legacy_unpinned'
        : c.agent_revision_id === agent?.active_revision_id
          ? 'pinned_current'
          : 'pinned_stale',
    pinned_revision_name: pinned?.name ?? null,
    active_revision_id: agent?.active_revision_id ?? null,
  };
}

export function agentWire(version: ApiVersion, orgId: string, a: SimAgent) {
  if (version === '1.21') {
    return {
      id: a.id,
      organization_id: orgId,
      name: a.name,
      description: a.description,
      active_revision_id: a.active_revision_id,
      knowledge_gap_analysis_enabled: true,
      created_at: a.created_at,
      updated_at: a.updated_at,
    };
  }
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    active_revision_id: a.active_revision_id,
    active_revision_name: a.revisions.find((r) => r.id === a.active_revision_id)?.name ?? null,
    archived_at: null,
    created_at: a.created_at,
    updated_at: a.updated_at,
  };
}

export function teamWire(version: ApiVersion, orgId: string, t: SimTeam) {
  return {
    id: t.id,
    organization_id: orgId,
    name: t.name,
    description: t.description,
    active_revision_id: t.active_revision_id,
    ...(version === '1.90' ? { memory_enabled: true } : {}),
    created_at: t.created_at,
    updated_at: t.updated_at,
  };
}

export const variableWire = (v: SimVariable) => ({
  name: v.name,
  type: v.type,
  source: v.source,
  description: v.description,
  enum_values: v.enum_values ?? null,
});

/** 1.90 `AssistantContextSchemaResponse` of one revision. */
export function contextSchemaWire(revision: SimRevision) {
  const item = (v: SimVariable) => ({ name: v.name, type: v.type, description: v.description, enum_values: v.enum_values ?? null });
  return {
    system: revision.variables.filter((v) => v.source === 'system').map(item),
    workflow_inputs: revision.variables.filter((v) => v.source !== 'system' && v.group !== 'workflow_derived').map(item),
    workflow_derived: revision.variables.filter((v) => v.source !== 'system' && v.group === 'workflow_derived').map(item),
  };
}

export function whoamiWire(
  version: ApiVersion,
  seed: SimSeed,
  user: { user_id: string; role: string; email: string; display_name: string },
) {
  const userId = isUuid(user.user_id) ? user.user_id : uuidFor(`user:${user.user_id}`);
  return {
    user_id: userId,
    clerk_user_id: `user_${userId.replace(/-/g, '').slice(0, 24)}`,
    email: user.email,
    display_name: user.display_name,
    role: user.role,
    organization_id: seed.organization.id,
    organization_name: seed.organization.name,
    kb_clearance_level: 0,
    kb_acl_enabled: false,
    ...(version === '1.90' ? { is_internal: false } : {}),
  };
}

/** A cursor page, `{items, has_more, next_cursor}` (or `{assistants, …}` on 1.90's /v1/assistants). */
export function cursorPage<T>(
  items: T[],
  query: Record<string, string>,
  key: 'items' | 'assistants' = 'items',
): { body: Record<string, unknown> } {
  const limit = Number(query.limit ?? 50);
  const start = query.cursor ? Number(Buffer.from(query.cursor, 'base64url').toString()) || 0 : 0;
  const slice = items.slice(start, start + limit);
  const more = start + limit < items.length;
  return { body: { [key]: slice, has_more: more, next_cursor: more ? Buffer.from(String(start + limit)).toString('base64url') : null } };
}

/** Checks `limit` (and `cursor`) the way FastAPI would; null when fine. */
export function checkLimit(query: Record<string, string>, max: number | null): ValidationItem | null {
  if (query.limit === undefined) return null;
  const n = Number(query.limit);
  if (!/^-?\d+$/.test(query.limit))
    return {
      loc: ['query', 'limit'],
      msg: 'Input should be a valid integer, unable to parse string as an integer',
      type: 'int_parsing',
      input: query.limit,
    };
  if (n < 1)
    return { loc: ['query', 'limit'], msg: 'Input should be greater than or equal to 1', type: 'greater_than_equal', input: query.limit };
  if (max !== null && n > max)
    return { loc: ['query', 'limit'], msg: `Input should be less than or equal to ${max}`, type: 'less_than_equal', input: query.limit };
  return null;
}

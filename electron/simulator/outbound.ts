// Over 300 lines on purpose: POST /v1/voice/outbound exactly as the spec says for both versions — validation, the calling-hours queue, idempotent replays — in one place.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { outcomeFor } from './call-outcomes';
import type { SimAgent, SimRevision, SimSeed, SimVariable } from './seed';
import type { Conversation, SimState } from './sim-state';
import { errorReply, validationReply, type ApiVersion, type Reply, type ValidationItem } from './wire';

/**
 * POST /v1/voice/outbound as the spec describes it. 1.21: the call dials at once and the
 * answer carries room and dispatch. 1.90: the call is queued for the organisation's
 * calling-hours window unless `instant` is true (`queued: true`, room and dispatch null),
 * `idempotency_key` replays the first answer, `expires_in_seconds` bounds the wait.
 */

export interface OutboundOptions {
  version: ApiVersion;
  seed: SimSeed;
  now(): number;
  /** 1.90: how long a queued call waits for its calling-hours window (ms) */
  queueDelayMs: number;
  /** 1.90: how long a queued call waits before it expires undialled, when the request does not say (s) */
  defaultQueueExpirySeconds: number;
  /** 1.90: whether outbound is paused for the org, this agent (a single-agent call) or this team */
  outboundPaused(agentId: string | null, teamId: string | null): boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const E164 = /^\+[1-9]\d{6,14}$/;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,120}$/;
type Json = Record<string, unknown>;

export function placeOutbound(raw: unknown, state: SimState, options: OutboundOptions): Reply {
  const { version } = options;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return validationReply([
      {
        loc: ['body'],
        msg: 'Input should be a valid dictionary or object to extract fields from',
        type: 'model_attributes_type',
        input: raw,
      },
    ]);
  }
  const body = raw as Json;
  const errors = validateBody(body, version);
  if (errors.length) return validationReply(errors);

  // 1.90 replays the first answer for the same key; a different request under it is refused.
  const key = version === '1.90' && typeof body.idempotency_key === 'string' ? body.idempotency_key : null;
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(stableBody(body)))
    .digest('hex');
  if (key) {
    const seen = state.idempotency.get(key);
    if (seen) {
      if (seen.fingerprint === fingerprint) return seen.reply;
      return validationReply([
        {
          loc: ['body', 'idempotency_key'],
          msg: 'This idempotency_key was already used for a different request',
          type: 'value_error',
          input: key,
        },
      ]);
    }
  }
  const reply = dial(body, state, options);
  if (key && reply.status === 200) state.idempotency.set(key, { fingerprint, reply });
  return reply;
}

function validateBody(body: Json, version: ApiVersion): ValidationItem[] {
  const errors: ValidationItem[] = [];
  const missing = (field: string) => errors.push({ loc: ['body', field], msg: 'Field required', type: 'missing', input: body });
  const uuid = (field: string, required: boolean) => {
    const v = body[field];
    if (v === undefined) {
      if (required) missing(field);
    } else if (!(v === null && !required) && (typeof v !== 'string' || !UUID.test(v))) {
      errors.push({ loc: ['body', field], msg: 'Input should be a valid UUID', type: 'uuid_parsing', input: v });
    }
  };
  uuid('from_phone_number_id', true);
  const to = body.to_phone_number;
  if (to === undefined) missing('to_phone_number');
  else if (typeof to !== 'string' || !E164.test(to)) {
    errors.push({
      loc: ['body', 'to_phone_number'],
      msg: "String should match pattern '^\\+[1-9]\\d{6,14}$'",
      type: 'string_pattern_mismatch',
      input: to,
    });
  }
  uuid('agent_id', false);
  uuid('team_id', false);
  const vars = body.context_variables;
  if (vars !== undefined && vars !== null && (typeof vars !== 'object' || Array.isArray(vars))) {
    errors.push({ loc: ['body', 'context_variables'], msg: 'Input should be a valid dictionary', type: 'dict_type', input: vars });
  }
  if (version === '1.90') {
    uuid('agent_revision_id', false);
    const key = body.idempotency_key;
    if (key !== undefined && key !== null && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
      errors.push({
        loc: ['body', 'idempotency_key'],
        msg: "String should match pattern '^[A-Za-z0-9_\\-]{1,120}$'",
        type: 'string_pattern_mismatch',
        input: key,
      });
    }
    for (const flag of ['instant', 'override_pause']) {
      if (body[flag] !== undefined && typeof body[flag] !== 'boolean')
        errors.push({ loc: ['body', flag], msg: 'Input should be a valid boolean', type: 'bool_type', input: body[flag] });
    }
    const exp = body.expires_in_seconds;
    if (exp !== undefined && exp !== null) {
      if (typeof exp !== 'number' || !Number.isInteger(exp))
        errors.push({ loc: ['body', 'expires_in_seconds'], msg: 'Input should be a valid integer', type: 'int_type', input: exp });
      else if (exp < 0)
        errors.push({
          loc: ['body', 'expires_in_seconds'],
          msg: 'Input should be greater than or equal to 0',
          type: 'greater_than_equal',
          input: exp,
        });
      else if (exp > 2_592_000)
        errors.push({
          loc: ['body', 'expires_in_seconds'],
          msg: 'Input should be less than or equal to 2592000',
          type: 'less_than_equal',
          input: exp,
        });
    }
  }
  if (!errors.length && body.agent_id && body.team_id) {
    errors.push({ loc: ['body'], msg: 'Value error, agent_id and team_id are mutually exclusive', type: 'value_error', input: body });
  }
  return errors;
}

/** The request without the fields that do not change what is dialled, for replay matching. */
function stableBody(body: Json) {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([k]) => k !== 'idempotency_key')
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function dial(body: Json, state: SimState, options: OutboundOptions): Reply {
  const { version, seed } = options;
  const refuse = (field: string, msg: string) => validationReply([{ loc: ['body', field], msg, type: 'value_error', input: body[field] }]);
  const number = seed.phoneNumbers.find((n) => n.id === body.from_phone_number_id);
  if (!number) return refuse('from_phone_number_id', 'Phone number not found in this organization');
  if (number.status !== 'active') return refuse('from_phone_number_id', `Phone number ${number.phone_e164} is ${number.status}`);
  if (!number.capabilities.includes('voice'))
    return refuse('from_phone_number_id', `Phone number ${number.phone_e164} is not voice-capable`);
  const bindings = number.channels.filter((c) => c.channel_type === 'outbound_call');
  if (bindings.length === 0) return refuse('from_phone_number_id', 'Phone number has no outbound_call binding');

  let agent: SimAgent | undefined;
  let pinnedRevisionId: string | null = null;
  let teamId: string | null = null;
  if (typeof body.agent_id === 'string') {
    agent = seed.agents.find((a) => a.id === body.agent_id);
    if (!agent) return refuse('agent_id', 'Agent not found');
    const binding = bindings.find((b) => b.agent_id === agent!.id);
    if (!binding) return refuse('agent_id', 'Agent is not bound to this phone number for outbound_call');
    pinnedRevisionId = binding.agent_revision_id;
  } else if (typeof body.team_id === 'string') {
    const team = seed.teams.find((t) => t.id === body.team_id);
    if (!team) return refuse('team_id', 'Team not found');
    if (!bindings.some((b) => b.team_id === team.id)) return refuse('team_id', 'Team is not bound to this phone number for outbound_call');
    agent = seed.agents.find((a) => a.id === team.default_agent_id);
    teamId = team.id;
  } else {
    const binding = bindings[0]!; // "at random" in Feather; the first one here, for repeatable tests
    if (binding.agent_id) {
      agent = seed.agents.find((a) => a.id === binding.agent_id);
      pinnedRevisionId = binding.agent_revision_id;
    } else {
      const team = seed.teams.find((t) => t.id === binding.team_id);
      agent = seed.agents.find((a) => a.id === team?.default_agent_id);
      teamId = team?.id ?? null;
    }
  }
  if (!agent) return errorReply(version, 500, 'internal_error', 'Internal Server Error');

  // Which revision answers: an explicit override (1.90), else the binding's pin, else the active one.
  let revision: SimRevision | undefined;
  let revisionSource: 'override' | 'pin' | 'active_fallback' = 'active_fallback';
  if (version === '1.90' && typeof body.agent_revision_id === 'string') {
    revision = agent.revisions.find((r) => r.id === body.agent_revision_id);
    if (!revision) return refuse('agent_revision_id', 'Revision not found for this agent');
    revisionSource = 'override';
  } else if (pinnedRevisionId) {
    revision = agent.revisions.find((r) => r.id === pinnedRevisionId);
    revisionSource = 'pin';
  }
  revision ??= agent.revisions.find((r) => r.id === agent!.active_revision_id)!;

  // Variables are honoured for single-agent calls only; a team ignores them (v1).
  const applied: Record<string, unknown> = {};
  const vars = body.context_variables;
  if (!teamId && vars && typeof vars === 'object') {
    const varErrors: ValidationItem[] = [];
    for (const [name, value] of Object.entries(vars as Json)) {
      const declared = revision.variables.find((v) => v.name === name);
      const loc = ['body', 'context_variables', name];
      if (!declared) {
        varErrors.push({
          loc,
          msg: `Unknown context variable '${name}': not declared on agent ${agent.name}`,
          type: 'value_error',
          input: value,
        });
        continue;
      }
      const coerced = coerce(value, declared);
      if (!coerced.ok) varErrors.push({ loc, msg: coerced.msg, type: coerced.type, input: value });
      else applied[name] = coerced.value;
    }
    if (varErrors.length) return validationReply(varErrors);
  }

  const now = options.now();
  // 1.90: while outbound is paused over it, even an instant call waits in the queue (held) unless it overrides the pause
  const held = version === '1.90' && body.override_pause !== true && options.outboundPaused(teamId ? null : agent.id, teamId);
  const queued = version === '1.90' && (body.instant !== true || held);
  const expiresIn = typeof body.expires_in_seconds === 'number' ? body.expires_in_seconds : options.defaultQueueExpirySeconds;
  const conv: Conversation = {
    id: randomUUID(),
    createdAt: now,
    agentId: agent.id,
    agentName: agent.name,
    revisionId: revision.id,
    revisionName: revision.name,
    teamId,
    fromNumber: number.phone_e164,
    toNumber: body.to_phone_number as string,
    contextVariables: applied,
    queued,
    eligibleAt: queued && body.instant !== true ? now + options.queueDelayMs : now,
    queueExpiresAt: queued ? now + expiresIn * 1000 : null,
    paused: false,
    overridePause: body.override_pause === true,
    dialledAt: queued ? null : now,
    cancelledAt: null,
    outcome: outcomeFor(body.to_phone_number as string),
  };
  state.conversations.push(conv);
  const room = queued ? null : `outbound-${conv.id.slice(0, 8)}`;
  const dispatch = queued ? null : `AD_${randomBytes(6).toString('hex')}`;
  if (version === '1.21') {
    return { status: 200, body: { room_name: room, dispatch_id: dispatch, agent_name: agent.name, session_id: conv.id } };
  }
  return {
    status: 200,
    body: {
      queued,
      room_name: room,
      dispatch_id: dispatch,
      agent_name: agent.name,
      session_id: conv.id,
      agent_revision_id: revision.id,
      agent_revision_name: revision.name,
      revision_source: revisionSource,
    },
  };
}

/** Pydantic-style lax coercion to a `ContextVarSpec` type. */
function coerce(value: unknown, v: SimVariable): { ok: true; value: unknown } | { ok: false; msg: string; type: string } {
  switch (v.type) {
    case 'int': {
      if (typeof value === 'boolean') return { ok: false, msg: 'Input should be a valid integer', type: 'int_type' };
      if (typeof value === 'number') {
        return Number.isInteger(value)
          ? { ok: true, value }
          : { ok: false, msg: 'Input should be a valid integer, got a number with a fractional part', type: 'int_from_float' };
      }
      if (typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value)) return { ok: true, value: Number(value) };
      return { ok: false, msg: 'Input should be a valid integer, unable to parse string as an integer', type: 'int_parsing' };
    }
    case 'float': {
      if (typeof value === 'number' && Number.isFinite(value)) return { ok: true, value };
      if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return { ok: true, value: Number(value) };
      return { ok: false, msg: 'Input should be a valid number, unable to parse string as a number', type: 'float_parsing' };
    }
    case 'bool': {
      if (typeof value === 'boolean') return { ok: true, value };
      const s = String(value).trim().toLowerCase();
      if (['true', 't', 'yes', 'y', 'on', '1'].includes(s)) return { ok: true, value: true };
      if (['false', 'f', 'no', 'n', 'off', '0'].includes(s)) return { ok: true, value: false };
      return { ok: false, msg: 'Input should be a valid boolean, unable to interpret input', type: 'bool_parsing' };
    }
    case 'enum': {
      const values = v.enum_values ?? [];
      return typeof value === 'string' && values.includes(value)
        ? { ok: true, value }
        : {
            ok: false,
            msg: `Input should be ${values
              .map((e) => `'${e}'`)
              .join(', ')
              .replace(/, ([^,]*)$/, ' or $1')}`,
            type: 'enum',
          };
    }
    default:
      return typeof value === 'string' ? { ok: true, value } : { ok: false, msg: 'Input should be a valid string', type: 'string_type' };
  }
}

import { queuedCallWire } from './conversations';
import type { Conversation, PauseEntry, PauseScope, SimState } from './sim-state';
import {
  checkLimit,
  cursorPage,
  errorReply,
  isUuid,
  parseBool,
  uuidFor,
  uuidItem,
  validationReply,
  type ApiVersion,
  type Reply,
  type ValidationItem,
} from './wire';

/**
 * 1.90's outbound queue: when a queued call leaves it, the pauses that hold it (one call, the
 * org, an agent, a team), and the queue's endpoints. A call waits until its `eligible_at`; a
 * paused call keeps waiting past it and dials on resume ("now", if its window has passed); a
 * call not dialled by its `queue_expires_at` expires, paused or not.
 *
 * Status is computed from time (call-outcomes.ts), but leaving the queue depends on pauses that
 * change over time, so it is recorded (`dialledAt`) by `advance(now)`, which runs before every
 * request and before every pause change.
 */

/** Which switch a pause is: the whole org, one agent, or one team. */
export type OutboundPauseTarget = { scope: 'org' } | { scope: 'agent'; agentId: string } | { scope: 'team'; teamId: string };

/** A pause in place when the simulator starts (`SimulatorOptions.pausedOutbound`). */
export type PausedOutboundSeed = OutboundPauseTarget & { reason?: string | null };

const targetIdOf = (t: OutboundPauseTarget) => (t.scope === 'agent' ? t.agentId : t.scope === 'team' ? t.teamId : null);

/** The queued call's own agent/team, as QueuedCall shows them: a team call has no agent of its own. */
const callAgent = (c: Conversation) => (c.teamId ? null : c.agentId);

export function scopePaused(state: SimState, agentId: string | null, teamId: string | null): boolean {
  return state.pauses.some(
    (p) =>
      p.paused &&
      (p.scope === 'org' ||
        (p.scope === 'agent' && agentId !== null && p.targetId === agentId) ||
        (p.scope === 'team' && teamId !== null && p.targetId === teamId)),
  );
}

/** Whether a waiting call is held: paused itself, or by a pause over it it does not override. */
export function isHeld(state: SimState, c: Conversation): boolean {
  return c.paused || (!c.overridePause && scopePaused(state, callAgent(c), c.teamId));
}

/** Still in the queue at `now`: not dialled, not cancelled, not expired. */
export function isWaiting(c: Conversation, now: number): boolean {
  return c.queued && c.dialledAt === null && c.cancelledAt === null && !(c.queueExpiresAt !== null && now >= c.queueExpiresAt);
}

/** Lets every call that may dial by `now` leave the queue (at its eligible time). True when one did. */
export function advance(state: SimState, now: number): boolean {
  let changed = false;
  for (const c of state.conversations) {
    if (!c.queued || c.dialledAt !== null || c.cancelledAt !== null) continue;
    if (c.eligibleAt > now || isHeld(state, c)) continue;
    if (c.queueExpiresAt !== null && c.queueExpiresAt <= c.eligibleAt) continue; // expired before its window opened
    c.dialledAt = c.eligibleAt;
    changed = true;
  }
  return changed;
}

/** Runs a change to what holds calls at `now`: calls it releases become eligible now if their time has passed. */
function changeHolds(state: SimState, now: number, change: () => void) {
  advance(state, now);
  // every undialled call held now, expired ones too: released, they count from now (and an expired one stays expired)
  const heldBefore = state.conversations.filter((c) => c.queued && c.dialledAt === null && c.cancelledAt === null && isHeld(state, c));
  change();
  for (const c of heldBefore) if (!isHeld(state, c) && c.eligibleAt < now) c.eligibleAt = now;
  advance(state, now);
}

export function setOutboundPause(
  state: SimState,
  now: number,
  target: OutboundPauseTarget,
  paused: boolean,
  options: { reason?: string | null; by?: string | null } = {},
) {
  changeHolds(state, now, () => {
    const targetId = targetIdOf(target);
    const entry = state.pauses.find((p) => p.scope === target.scope && p.targetId === targetId);
    const next: PauseEntry = {
      scope: target.scope,
      targetId,
      paused,
      reason: paused ? (options.reason ?? null) : null,
      pausedAt: paused ? (entry?.paused ? entry.pausedAt : now) : null,
      pausedBy: paused ? (options.by ?? null) : null,
      updatedAt: now,
    };
    if (entry) Object.assign(entry, next);
    else state.pauses.push(next);
  });
}

export function setCallPaused(state: SimState, now: number, c: Conversation, paused: boolean) {
  changeHolds(state, now, () => {
    c.paused = paused;
  });
}

/** 1.90 `PauseStateEntry` */
function pauseEntryWire(p: PauseEntry) {
  return {
    id: uuidFor(`pause:${p.scope}:${p.targetId ?? 'org'}`),
    scope: p.scope,
    agent_id: p.scope === 'agent' ? p.targetId : null,
    team_id: p.scope === 'team' ? p.targetId : null,
    paused: p.paused,
    reason: p.reason,
    paused_at: p.pausedAt === null ? null : new Date(p.pausedAt).toISOString(),
    paused_by: p.pausedBy,
    updated_at: new Date(p.updatedAt).toISOString(),
  };
}

/** 1.90 `OutboundControlsResponse`: the org switch, and the agents and teams paused now. */
export function controlsWire(state: SimState) {
  const paused = (scope: PauseScope) => state.pauses.filter((p) => p.scope === scope && p.paused).map(pauseEntryWire);
  return {
    org_paused: state.pauses.some((p) => p.scope === 'org' && p.paused),
    paused_agents: paused('agent'),
    paused_teams: paused('team'),
  };
}

/** 1.90's queue endpoints: list, cancel/pause/resume one call, controls, bulk cancel. Null: not a queue path. */
export function queueRoute(
  version: ApiVersion,
  state: SimState,
  now: number,
  method: string,
  path: string,
  query: Record<string, string>,
  body: unknown,
): Reply | null {
  const waiting = () => state.conversations.filter((c) => isWaiting(c, now));
  if (method === 'GET' && path === '/v1/voice/outbound/queued') {
    const bad: ValidationItem[] = [];
    const limit = checkLimit(query, 200);
    if (limit) bad.push(limit);
    for (const p of ['agent_id', 'team_id'] as const)
      if (query[p] !== undefined && !isUuid(query[p])) bad.push(uuidItem(['query', p], query[p]));
    const pausedFilter = query.paused === undefined ? null : parseBool(query.paused);
    if (pausedFilter === 'invalid')
      bad.push({
        loc: ['query', 'paused'],
        msg: 'Input should be a valid boolean, unable to interpret input',
        type: 'bool_parsing',
        input: query.paused,
      });
    if (bad.length) return validationReply(bad);
    const list = waiting().filter(
      (c) =>
        (!query.agent_id || callAgent(c) === query.agent_id) &&
        (!query.team_id || c.teamId === query.team_id) &&
        (pausedFilter === null || isHeld(state, c) === pausedFilter),
    );
    return {
      status: 200,
      ...cursorPage(
        list.map((c) => queuedCallWire(c, isHeld(state, c))),
        query,
      ),
    };
  }
  const m = /^\/v1\/voice\/outbound\/queued\/([^/]+)\/(cancel|pause|resume)$/.exec(path);
  if (method === 'POST' && m) {
    if (!isUuid(m[1]!)) return validationReply([uuidItem(['path', 'conversation_id'], m[1])]);
    const conv = waiting().find((c) => c.id === m[1]);
    if (!conv) return errorReply(version, 400, 'not_queued', 'This call is not waiting in the outbound queue');
    const action = m[2] === 'cancel' ? 'cancelled' : m[2] === 'pause' ? 'paused' : 'resumed';
    if (action === 'cancelled') conv.cancelledAt = now;
    else setCallPaused(state, now, conv, action === 'paused');
    return { status: 200, body: { conversation_id: conv.id, action, paused: action === 'cancelled' ? conv.paused : isHeld(state, conv) } };
  }
  if (method === 'GET' && path === '/v1/voice/outbound/controls') return { status: 200, body: controlsWire(state) };
  if (method === 'POST' && path === '/v1/voice/outbound/cancel') {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    if (!['org', 'agent', 'team'].includes(String(b.scope))) {
      return validationReply([{ loc: ['body', 'scope'], msg: "Input should be 'org', 'agent' or 'team'", type: 'enum', input: b.scope }]);
    }
    for (const c of waiting()) {
      if (b.scope === 'org' || (b.scope === 'agent' && callAgent(c) === b.agent_id) || (b.scope === 'team' && c.teamId === b.team_id))
        c.cancelledAt = now;
    }
    return {
      status: 202,
      body: {
        accepted: true,
        scope: b.scope,
        agent_id: (b.agent_id as string | undefined) ?? null,
        team_id: (b.team_id as string | undefined) ?? null,
      },
    };
  }
  return null;
}

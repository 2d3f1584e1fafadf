import { endedAt, statusAt, timelineOf, type CallTimings, type Timeline } from './call-outcomes';
import type { Conversation } from './sim-state';
import { uuidFor, type ApiVersion } from './wire';

/**
 * The conversations a simulated call becomes: 1.21 serves them under /v1/v2/conversations,
 * 1.90 under /v1/conversations, each in its own spec shape (1.90 adds `surface`, numbers,
 * revisions, and `seq` on turns). How a call goes over time is call-outcomes.ts's.
 */

const iso = (ms: number) => new Date(ms).toISOString();

/** Where a recording of an answered call is kept (plausible, never fetched). */
export const recordingUrlOf = (id: string) => `https://recordings.feather.example/${id}.mp3`;

/** The turns said by `now`, in order; `seq` counts from 0 (1.90 shows it, 1.21 does not). */
function turnsAt(version: ApiVersion, conv: Conversation, timeline: Timeline, now: number) {
  return timeline.turns
    .filter((t) => t.at <= now)
    .map((t, i) => ({
      id: uuidFor(`turn:${conv.id}:${i}`),
      session_id: conv.id,
      ...(version === '1.90' ? { seq: i } : {}),
      role: t.role,
      content: t.content,
      metadata: {},
      created_at: iso(t.at),
    }));
}

export function sessionWire(version: ApiVersion, orgId: string, conv: Conversation, now: number, timings: CallTimings) {
  return sessionParts(version, orgId, conv, now, timings).session;
}

function sessionParts(version: ApiVersion, orgId: string, conv: Conversation, now: number, timings: CallTimings) {
  const timeline = timelineOf(conv, version, timings);
  const status = statusAt(timeline, now);
  const turns = turnsAt(version, conv, timeline, now);
  const ended = endedAt(timeline, now);
  const finished = ended !== null;
  const summary = finished ? timeline.summary : null;
  const recorded = finished && timeline.hasRecording;
  const lastChange = Math.max(
    conv.createdAt,
    ...timeline.phases.filter((p) => p.at <= now).map((p) => p.at),
    ...timeline.turns.filter((t) => t.at <= now).map((t) => t.at),
  );
  const base = {
    id: conv.id,
    organization_id: orgId,
    end_user_id: uuidFor(`end-user:${conv.toNumber}`),
    channel: 'voice',
    ...(version === '1.21' ? { origin: 'outbound' } : { surface: 'phone' }),
    external_session_id: null,
    status,
    session_type: 'live',
    priority: 'normal',
    subject: null,
    assigned_agent_id: conv.agentId,
    summary,
    metadata: {},
    context_variables: conv.contextVariables,
    message_count: turns.length,
    first_message_at: turns[0]?.created_at ?? null,
    last_message_at: turns.at(-1)?.created_at ?? null,
    started_at: iso(conv.createdAt),
    ended_at: ended !== null ? iso(ended) : null,
    closed_at: ended !== null && status === 'closed' ? iso(ended) : null,
    created_at: iso(conv.createdAt),
    updated_at: iso(lastChange),
    duration_ms: finished ? timeline.durationMs : null,
    summary_preview: summary && summary.length > 120 ? `${summary.slice(0, 119)}…` : summary,
    has_recording: recorded,
  };
  const session =
    version === '1.21'
      ? base
      : {
          ...base,
          revision_id: conv.revisionId,
          revision_name: conv.revisionName,
          team_revision_id: null,
          team_revision_name: null,
          from_number: conv.fromNumber,
          to_number: conv.toNumber,
          email: null,
        };
  return { session, turns, status, recordingUrl: recorded ? recordingUrlOf(conv.id) : null };
}

export function sessionDetailWire(version: ApiVersion, orgId: string, conv: Conversation, now: number, timings: CallTimings) {
  const { session, turns, recordingUrl } = sessionParts(version, orgId, conv, now, timings);
  return { ...session, recent_turns: turns, recording_url: recordingUrl };
}

/** `ConversationMessagesPoll`: the turns with seq > `since_seq` (-1 = all); `next_seq` is the seq the next turn will get. */
export function messagesWire(version: ApiVersion, conv: Conversation, now: number, sinceSeq: number, timings: CallTimings) {
  const timeline = timelineOf(conv, version, timings);
  const turns = turnsAt(version, conv, timeline, now);
  return { session_status: statusAt(timeline, now), messages: turns.filter((_, i) => i > sinceSeq), next_seq: turns.length };
}

/** 1.90 `QueuedCall`; `paused` is whether it is held now (by its own pause or one over its org, agent or team). */
export function queuedCallWire(conv: Conversation, paused: boolean) {
  return {
    conversation_id: conv.id,
    to_number: conv.toNumber,
    agent_id: conv.teamId ? null : conv.agentId,
    team_id: conv.teamId,
    paused,
    created_at: iso(conv.createdAt),
    eligible_at: iso(conv.eligibleAt),
    queue_expires_at: conv.queueExpiresAt === null ? null : iso(conv.queueExpiresAt),
  };
}

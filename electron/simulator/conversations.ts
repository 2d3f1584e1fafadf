import type { Conversation } from './outbound';
import { uuidFor, type ApiVersion } from './wire';

/**
 * The conversations a simulated call becomes: 1.21 serves them under /v1/v2/conversations,
 * 1.90 under /v1/conversations, each in its own spec shape (1.90 adds `surface`, numbers,
 * revisions, and `seq` on turns).
 */

type Status = 'queued' | 'ringing' | 'active' | 'closed' | 'expired' | 'pending_dispatch';

/** Where a call is now: queued until its window opens (or it expires), then rings, talks, ends. */
export function statusOf(conv: Conversation, now: number): Status {
  if (conv.cancelled) return 'closed';
  if (conv.queued && now < conv.eligibleAt) {
    return conv.queueExpiresAt !== null && now >= conv.queueExpiresAt ? 'expired' : 'queued';
  }
  if (conv.queued && conv.queueExpiresAt !== null && conv.queueExpiresAt < conv.eligibleAt) return 'expired';
  const age = now - conv.eligibleAt;
  return age < 2_000 ? 'ringing' : age < 20_000 ? 'active' : 'closed';
}

const TURNS = (conv: Conversation) => [
  { role: 'assistant' as const, content: `Hello, this is ${conv.agentName.split(' ')[0]} calling from Northwind Clinics.` },
  { role: 'user' as const, content: 'Hi, yes, go ahead.' },
  { role: 'assistant' as const, content: 'I am calling about your upcoming appointment.' },
];

function turns(version: ApiVersion, conv: Conversation, now: number) {
  const status = statusOf(conv, now);
  const shown = status === 'active' ? 2 : status === 'closed' && !conv.cancelled ? 3 : 0;
  return TURNS(conv)
    .slice(0, shown)
    .map((t, i) => ({
      id: uuidFor(`turn:${conv.id}:${i}`),
      session_id: conv.id,
      ...(version === '1.90' ? { seq: i } : {}),
      role: t.role,
      content: t.content,
      metadata: {},
      created_at: new Date(conv.eligibleAt + 2_000 + i * 4_000).toISOString(),
    }));
}

export function sessionWire(version: ApiVersion, orgId: string, conv: Conversation, now: number) {
  const status = statusOf(conv, now);
  const shownTurns = turns(version, conv, now);
  const ended = status === 'closed' || status === 'expired';
  const started = new Date(conv.createdAt).toISOString();
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
    summary: status === 'closed' && !conv.cancelled ? 'The patient confirmed the appointment.' : null,
    metadata: {},
    context_variables: conv.contextVariables,
    message_count: shownTurns.length,
    first_message_at: shownTurns[0]?.created_at ?? null,
    last_message_at: shownTurns.at(-1)?.created_at ?? null,
    started_at: started,
    ended_at: ended ? new Date(Math.min(now, conv.eligibleAt + 20_000)).toISOString() : null,
    closed_at: status === 'closed' ? new Date(Math.min(now, conv.eligibleAt + 20_000)).toISOString() : null,
    created_at: started,
    updated_at: new Date(now).toISOString(),
    duration_ms: status === 'closed' && !conv.cancelled ? 17_000 : null,
    has_recording: false,
  };
  if (version === '1.21') return base;
  return {
    ...base,
    revision_id: conv.revisionId,
    revision_name: conv.revisionName,
    team_revision_id: null,
    team_revision_name: null,
    from_number: conv.fromNumber,
    to_number: conv.toNumber,
    email: null,
  };
}

export function sessionDetailWire(version: ApiVersion, orgId: string, conv: Conversation, now: number) {
  return { ...sessionWire(version, orgId, conv, now), recent_turns: turns(version, conv, now), recording_url: null };
}

/** `ConversationMessagesPoll`: turns after `since_seq` (-1 = all). */
export function messagesWire(version: ApiVersion, conv: Conversation, now: number, sinceSeq: number) {
  const all = turns(version, conv, now);
  return { session_status: statusOf(conv, now), messages: all.filter((_, i) => i > sinceSeq), next_seq: all.length };
}

/** 1.90 `QueuedCall`. */
export function queuedCallWire(conv: Conversation) {
  return {
    conversation_id: conv.id,
    to_number: conv.toNumber,
    agent_id: conv.teamId ? null : conv.agentId,
    team_id: conv.teamId,
    paused: conv.paused,
    created_at: new Date(conv.createdAt).toISOString(),
    eligible_at: new Date(conv.eligibleAt).toISOString(),
    queue_expires_at: conv.queueExpiresAt === null ? null : new Date(conv.queueExpiresAt).toISOString(),
  };
}

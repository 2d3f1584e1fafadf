import type { CallOutcome, Conversation } from './sim-state';
import type { ApiVersion } from './wire';

export type { CallOutcome } from './sim-state';

/**
 * How a simulated call goes once it dials, chosen by the number dialled so tests and demos can
 * pick an outcome. The LAST FOUR DIGITS of `to_phone_number` decide:
 *
 *   0010–0019  not answered  rings, then `closed`: no `user` turn (one `system_event` says nobody
 *                            answered), a summary saying so, a short duration, no recording
 *   0020–0029  failed        rings briefly, then `error`
 *   0030–0039  superseded    rings, then `superseded` (a newer session took it over)
 *   any other  answered      rings, talks (`active`), then `closed` with user and assistant turns,
 *                            a summary, `duration_ms` and a recording
 *
 * e.g. +1 415 555 0010 is never answered, +1 415 555 0123 always is. No demo or test number in
 * use ends in 0010–0039, so everything that was answered before still is.
 */
export const OUTCOME_BY_LAST_FOUR_DIGITS: ReadonlyArray<{ from: string; to: string; outcome: Exclude<CallOutcome, 'answered'> }> = [
  { from: '0010', to: '0019', outcome: 'no_answer' },
  { from: '0020', to: '0029', outcome: 'failed' },
  { from: '0030', to: '0039', outcome: 'superseded' },
];

/** One number per outcome, for tests and demos. */
export const OUTCOME_NUMBERS: Readonly<Record<CallOutcome, string>> = {
  answered: '+14155550123',
  no_answer: '+14155550010',
  failed: '+14155550020',
  superseded: '+14155550030',
};

export function outcomeFor(toNumber: string): CallOutcome {
  const last4 = toNumber.replace(/\D/g, '').slice(-4);
  return OUTCOME_BY_LAST_FOUR_DIGITS.find((r) => last4 >= r.from && last4 <= r.to)?.outcome ?? 'answered';
}

/**
 * When things happen, in ms. A call "dials" when it leaves the queue (or at once for an instant
 * call); on 1.90 a call that waited in the queue is first `pending_dispatch` for
 * `pendingDispatchMs`, then rings. Everything after is counted from when it starts ringing.
 */
export interface CallTimings {
  /** 1.90, calls that waited in the queue: `pending_dispatch` this long when the window opens; default 1 s */
  pendingDispatchMs: number;
  /** answered calls ring this long, then are `active`; default 2 s */
  ringMs: number;
  /** answered calls are `closed` this long after they started ringing; default 20 s */
  callMs: number;
  /** unanswered calls ring this long, then are `closed`; default 8 s */
  noAnswerMs: number;
  /** failed calls ring this long, then are `error`; default 1.5 s */
  failMs: number;
}

export const DEFAULT_CALL_TIMINGS: Readonly<CallTimings> = {
  pendingDispatchMs: 1_000,
  ringMs: 2_000,
  callMs: 20_000,
  noAnswerMs: 8_000,
  failMs: 1_500,
};

/** The statuses a simulated call passes through (a subset of SessionResponse.status of both versions). */
export type SessionStatus = 'queued' | 'pending_dispatch' | 'ringing' | 'active' | 'closed' | 'expired' | 'error' | 'superseded';
export const TERMINAL_STATUSES: readonly SessionStatus[] = ['closed', 'expired', 'error', 'superseded'];

export interface TimedTurn {
  role: 'user' | 'assistant' | 'system_event';
  content: string;
  at: number;
}

export interface Timeline {
  /** in time order; the first is at the call's creation */
  phases: Array<{ status: SessionStatus; at: number }>;
  turns: TimedTurn[];
  /** what the finished call says about itself (visible once its last phase has begun) */
  summary: string | null;
  durationMs: number | null;
  hasRecording: boolean;
}

/**
 * The whole life of a call as far as it is decided now. A call still waiting in the queue has only
 * `queued` (and `expired` at its expiry): leaving the queue is queue.ts's decision, recorded in
 * `dialledAt`, because pauses can hold a call past its eligible time.
 */
export function timelineOf(conv: Conversation, version: ApiVersion, timings: CallTimings): Timeline {
  const phases: Timeline['phases'] = [];
  const none = { turns: [], summary: null, durationMs: null, hasRecording: false };
  if (conv.queued) phases.push({ status: 'queued', at: conv.createdAt });
  if (conv.dialledAt === null) {
    if (conv.cancelledAt !== null) phases.push({ status: 'closed', at: conv.cancelledAt });
    else if (conv.queueExpiresAt !== null) phases.push({ status: 'expired', at: conv.queueExpiresAt });
    if (phases.length === 0) phases.push({ status: 'queued', at: conv.createdAt });
    return { phases, ...none };
  }
  const dialled = conv.dialledAt;
  const waited = conv.queued && version === '1.90';
  if (waited) phases.push({ status: 'pending_dispatch', at: dialled });
  const rings = dialled + (waited ? timings.pendingDispatchMs : 0);
  phases.push({ status: 'ringing', at: rings });
  const agent = conv.agentName.split(' ')[0] ?? 'The agent';

  switch (conv.outcome) {
    case 'answered': {
      const answered = rings + timings.ringMs;
      const ends = rings + timings.callMs;
      phases.push({ status: 'active', at: answered }, { status: 'closed', at: ends });
      const script = answeredScript(conv, agent);
      const step = (ends - answered) / script.length;
      return {
        phases,
        turns: script.map((t, i) => ({ ...t, at: answered + Math.floor(i * step) })),
        summary: `${agent} reached the person called; they confirmed the details and the call ended normally.`,
        durationMs: ends - answered,
        hasRecording: true,
      };
    }
    case 'no_answer': {
      const ends = rings + timings.noAnswerMs;
      const seconds = Math.round(timings.noAnswerMs / 1000);
      phases.push({ status: 'closed', at: ends });
      return {
        phases,
        turns: [{ role: 'system_event', content: `No answer: the phone rang for ${seconds} s and nobody picked up.`, at: ends }],
        summary: `Nobody answered: the call rang for ${seconds} seconds and was not picked up. No voicemail was left.`,
        durationMs: timings.noAnswerMs,
        hasRecording: false,
      };
    }
    case 'failed': {
      const ends = rings + timings.failMs;
      phases.push({ status: 'error', at: ends });
      return {
        phases,
        turns: [{ role: 'system_event', content: 'The call could not be connected: the carrier rejected it.', at: ends }],
        summary: 'The call failed before anyone answered: the carrier could not connect it.',
        durationMs: null,
        hasRecording: false,
      };
    }
    case 'superseded': {
      const ends = rings + timings.ringMs;
      phases.push({ status: 'superseded', at: ends });
      return {
        phases,
        turns: [{ role: 'system_event', content: 'This session was superseded by a newer session for the same call.', at: ends }],
        summary: null,
        durationMs: null,
        hasRecording: false,
      };
    }
  }
}

function answeredScript(conv: Conversation, agent: string): Array<Omit<TimedTurn, 'at'>> {
  const vars = conv.contextVariables;
  const name = [vars.patient_first_name, vars.first_name, vars.customer_name].find((v) => typeof v === 'string' && v.trim() !== '');
  return [
    { role: 'assistant', content: `Hello${name ? ` ${String(name)}` : ''}, this is ${agent} calling from Northwind Clinics.` },
    { role: 'user', content: 'Hi, yes, go ahead.' },
    { role: 'assistant', content: 'I am calling to go over a few details with you. Is now a good time?' },
    { role: 'user', content: 'Sure, that all sounds right. Thank you.' },
    { role: 'assistant', content: 'Wonderful, that is everything I needed. Goodbye!' },
  ];
}

/** The phase a call is in at `now`. */
export function statusAt(timeline: Timeline, now: number): SessionStatus {
  let status = timeline.phases[0]!.status;
  for (const p of timeline.phases) if (p.at <= now) status = p.status;
  return status;
}

/** When the call reached its terminal status, if it has by `now`. */
export function endedAt(timeline: Timeline, now: number): number | null {
  const last = timeline.phases.at(-1)!;
  return TERMINAL_STATUSES.includes(last.status) && last.at <= now ? last.at : null;
}

import type { ApiVersion } from '../../../shared/feather-api';
import type { HistoryEntry } from '../../../shared/history/history-entry';
import { AppFailure } from '../../../shared/result';
import type { FeatherTurn, MessagesPoll, SessionDetail } from '../feather/conversation-schemas';
import { TRACK_FOR_MS } from './history-service';
import { outcomeOfStatus, TERMINAL_STATUSES } from './outcome-rules';

/**
 * Follows placed calls until Feather says they ended: polls the conversation's messages
 * (`since_seq`) with backoff 2 s → 30 s and jitter, at most `maxConcurrent` polls at once; honours
 * 429 Retry-After; keeps going through offline spells; stops at a terminal status, on 404
 * ("status not available from Feather"), or 2 hours after the call could first dial. At the end it
 * reads the conversation once for the summary, duration and recording.
 *
 * ASSUMPTION (the one place it is made): Feather's `session_id` from POST /v1/voice/outbound is the
 * conversation id the conversation endpoints take. A 404 on the first poll is read as "this Feather
 * does not tell", not as a failed call.
 */
export const conversationIdOf = (entry: Pick<HistoryEntry, 'sessionId'>): string | null => entry.sessionId;

/** What the tracker needs from Feather, for the connection a call was placed on. */
export interface TrackerClient {
  messages(version: ApiVersion, conversationId: string, sinceSeq: number): Promise<MessagesPoll>;
  conversation(version: ApiVersion, conversationId: string): Promise<SessionDetail>;
}

export interface TrackerDeps {
  /** a client for that connection; null when it has no key any more (tracking waits) */
  client(profileId: string): Promise<TrackerClient | null>;
  apiVersion(profileId: string): ApiVersion | null;
  get(id: string): HistoryEntry | null;
  update(id: string, change: (entry: HistoryEntry) => Partial<HistoryEntry> | null): HistoryEntry | null;
  now(): Date;
  random?(): number;
  maxConcurrent?: number;
  log?(message: string): void;
}

/** a recording link is kept only as an https URL: it is the one outside link the window may open */
function httpsOnly(url: string | null | undefined): string | null {
  if (!url || url.length > 2000) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export const FIRST_DELAY_MS = 2_000;
export const MAX_DELAY_MS = 30_000;
/** a queued call is looked at no more often than this while its window is far away */
const QUEUED_MAX_DELAY_MS = 5 * 60_000;
const TRANSCRIPT_TAIL = 10;

interface Tracked {
  id: string;
  delay: number;
  timer: ReturnType<typeof setTimeout> | null;
  sinceSeq: number;
  answered: boolean;
  turns: HistoryEntry['transcript'];
  failures: number;
}

export function createOutcomeTracker(deps: TrackerDeps) {
  const random = deps.random ?? Math.random;
  const maxConcurrent = deps.maxConcurrent ?? 3;
  const tracked = new Map<string, Tracked>();
  const waiting: Tracked[] = [];
  let running = 0;
  let stopped = false;

  const jitter = (ms: number) => Math.round(ms * (0.8 + 0.4 * random()));
  const nowMs = () => deps.now().getTime();

  function schedule(t: Tracked, ms: number) {
    if (stopped || !tracked.has(t.id)) return;
    if (t.timer) clearTimeout(t.timer);
    t.timer = setTimeout(() => {
      t.timer = null;
      waiting.push(t);
      pump();
    }, ms);
    t.timer.unref?.();
  }

  function pump() {
    while (running < maxConcurrent && waiting.length > 0) {
      const t = waiting.shift()!;
      if (!tracked.has(t.id)) continue;
      running++;
      poll(t)
        .catch((error: unknown) => deps.log?.(`call tracking: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => {
          running--;
          pump();
        });
    }
  }

  function stop(t: Tracked) {
    if (t.timer) clearTimeout(t.timer);
    tracked.delete(t.id);
  }

  /** the moment the 2-hour limit counts from: when the call could first dial */
  function startOf(entry: HistoryEntry): number {
    const placed = Date.parse(entry.at);
    const eligible = entry.eligibleAt ? Date.parse(entry.eligibleAt) : NaN;
    return Number.isNaN(eligible) ? placed : Math.max(placed, eligible);
  }

  function nextDelay(t: Tracked, entry: HistoryEntry, changed: boolean): number {
    t.delay = changed ? FIRST_DELAY_MS : Math.min(MAX_DELAY_MS, Math.round(t.delay * 1.6));
    if (entry.outcome === 'queued' && entry.eligibleAt) {
      // far from its window: look again shortly before it opens (a pause or a cancel shows then too)
      const until = Date.parse(entry.eligibleAt) - nowMs();
      if (until > 2 * MAX_DELAY_MS) return Math.min(QUEUED_MAX_DELAY_MS, until - MAX_DELAY_MS);
    }
    return jitter(t.delay);
  }

  async function poll(t: Tracked) {
    const entry = deps.get(t.id);
    const conversationId = entry && conversationIdOf(entry);
    if (!entry || !conversationId || !['queued', 'in_progress'].includes(entry.outcome)) return stop(t);
    const queuedFor = entry.outcome === 'queued' && entry.queueExpiresAt ? Date.parse(entry.queueExpiresAt) : 0;
    if (nowMs() - startOf(entry) > TRACK_FOR_MS && nowMs() > queuedFor) {
      stop(t);
      deps.update(t.id, (e) => ({
        outcome: 'untracked',
        reason: 'Stopped following this call after 2 hours without an end from Feather.',
        tracking: false,
        timeline: [...e.timeline, { at: deps.now().toISOString(), status: 'gave_up', note: 'No end after 2 hours' }],
      }));
      return;
    }
    const client = await deps.client(entry.profileId).catch(() => null);
    const version = (entry.apiVersion as ApiVersion | null) ?? deps.apiVersion(entry.profileId);
    if (!client || !version) return schedule(t, jitter(MAX_DELAY_MS));
    let answer: MessagesPoll;
    try {
      answer = await client.messages(version, conversationId, t.sinceSeq);
    } catch (error) {
      return failed(t, error);
    }
    t.failures = 0;
    const turns = answer.messages.map((m: FeatherTurn) => ({
      role: m.role.slice(0, 20),
      content: (m.content ?? '').slice(0, 2000),
      at: m.created_at,
    }));
    if (answer.messages.some((m) => m.role === 'user')) t.answered = true;
    t.turns = [...t.turns, ...turns].slice(-TRANSCRIPT_TAIL);
    t.sinceSeq = Math.max(t.sinceSeq, answer.next_seq - 1);
    const status = answer.session_status;
    const changed = status !== entry.status;
    if (TERMINAL_STATUSES.has(status)) return finish(t, entry, version, client, status);
    const outcome = outcomeOfStatus(status, t.answered);
    deps.update(t.id, (e) =>
      changed || turns.length
        ? {
            status,
            outcome,
            transcript: t.turns,
            timeline: changed ? [...e.timeline, { at: deps.now().toISOString(), status, note: null }] : e.timeline,
          }
        : null,
    );
    schedule(t, nextDelay(t, { ...entry, outcome }, changed));
  }

  async function finish(t: Tracked, entry: HistoryEntry, version: ApiVersion, client: TrackerClient, status: string) {
    stop(t);
    let detail: SessionDetail | null = null;
    try {
      detail = await client.conversation(version, conversationIdOf(entry)!);
    } catch (error) {
      deps.log?.(`could not read the ended conversation: ${error instanceof Error ? error.message : String(error)}`);
    }
    const recent = (detail?.recent_turns ?? []).map((m) => ({
      role: m.role.slice(0, 20),
      content: (m.content ?? '').slice(0, 2000),
      at: m.created_at,
    }));
    const answered = t.answered || recent.some((m) => m.role === 'user');
    const transcript = t.turns.length ? t.turns : recent.slice(-TRANSCRIPT_TAIL);
    deps.update(t.id, (e) => ({
      status,
      outcome: e.outcome === 'cancelled' ? 'cancelled' : outcomeOfStatus(status, answered),
      tracking: false,
      transcript,
      summary: detail?.summary ?? detail?.summary_preview ?? null,
      durationMs: detail?.duration_ms ?? null,
      recordingUrl: httpsOnly(detail?.recording_url),
      endedAt: detail?.ended_at ?? deps.now().toISOString(),
      timeline: [...e.timeline, { at: deps.now().toISOString(), status, note: null }],
    }));
  }

  function failed(t: Tracked, error: unknown) {
    const code = error instanceof AppFailure ? error.appError.code : 'internal';
    if (code === 'not_found') {
      stop(t);
      deps.update(t.id, (e) => ({
        outcome: 'untracked',
        reason: 'Status not available from Feather: it does not know this call’s conversation.',
        tracking: false,
        timeline: [...e.timeline, { at: deps.now().toISOString(), status: 'not_available', note: 'The poll answered 404' }],
      }));
      return;
    }
    t.failures++;
    t.delay = Math.min(MAX_DELAY_MS, Math.round(t.delay * 1.6));
    const retryAfter = error instanceof AppFailure ? error.appError.retryAfterSeconds : undefined;
    // offline, a timeout, a server error, a refused key: keep trying, ever more slowly, until the 2-hour limit
    schedule(t, Math.max(jitter(t.delay), (retryAfter ?? 0) * 1000));
  }

  return {
    /** starts following an entry (a placed call, a linked conversation, a resumed one) */
    track(id: string, firstDelayMs = FIRST_DELAY_MS) {
      if (stopped) return;
      const existing = tracked.get(id);
      if (existing) return schedule(existing, firstDelayMs);
      // from the first turn again (after a restart too): the transcript is rebuilt, never doubled
      const t: Tracked = {
        id,
        delay: FIRST_DELAY_MS,
        timer: null,
        sinceSeq: -1,
        answered: false,
        turns: [],
        failures: 0,
      };
      tracked.set(id, t);
      schedule(t, firstDelayMs);
    },
    /** how many calls are followed now */
    size: () => tracked.size,
    stop() {
      stopped = true;
      for (const t of tracked.values()) if (t.timer) clearTimeout(t.timer);
      tracked.clear();
      waiting.length = 0;
    },
  };
}
export type OutcomeTracker = ReturnType<typeof createOutcomeTracker>;

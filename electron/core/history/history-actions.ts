import type { Candidate, QueuedCallView } from '../../../shared/history/history-contract';
import type { HistoryEntry } from '../../../shared/history/history-entry';
import type { ApiVersion } from '../../../shared/feather-api';
import { AppFailure } from '../../../shared/result';
import type { FeatherClient } from '../feather/feather-client';
import type { History } from './history-service';
import type { OutcomeTracker } from './outcome-tracker';

/**
 * What the user does with the history that asks Feather: settling an unknown outcome (list the
 * conversations started around the attempt, link one or mark it not placed) and, on 1.90, the
 * outbound queue (list, cancel, pause, resume).
 */
export interface HistoryActionsDeps {
  history: History;
  tracker: Pick<OutcomeTracker, 'track'>;
  clientFor(profileId: string): Promise<FeatherClient>;
  activeProfileId(): string;
  apiVersion(profileId: string): ApiVersion | null;
  /** the dialer's "recently uncertain" guard for this card lifts */
  settled(requestId: string): void;
  /** an agent's or team's name on a connection */
  callerName(profileId: string, agentId: string | null, teamId: string | null): string | null;
  now(): Date;
}

/** how far around an attempt its conversation may have started (clocks differ; a slow answer) */
const BEFORE_MS = 2 * 60_000;
const AFTER_MS = 10 * 60_000;

export function createHistoryActions(deps: HistoryActionsDeps) {
  const stamp = () => deps.now().toISOString();

  function unknownEntry(id: string): HistoryEntry {
    const entry = deps.history.require(id);
    if (entry.outcome !== 'unknown')
      throw new AppFailure({ code: 'validation', message: 'This call’s outcome is already settled; there is nothing to link.' });
    return entry;
  }

  async function candidates(id: string): Promise<{ candidates: Candidate[]; note: string | null }> {
    const entry = unknownEntry(id);
    const version = (entry.apiVersion as ApiVersion | null) ?? deps.apiVersion(entry.profileId);
    if (!version)
      throw new AppFailure({
        code: 'not_found',
        message: 'This connection’s Feather API version is not known yet; refresh it in Connection.',
      });
    const at = Date.parse(entry.at);
    const client = await deps.clientFor(entry.profileId);
    const sessions = await client.conversations(version, {
      startedAfter: new Date(at - BEFORE_MS).toISOString(),
      startedBefore: new Date(at + AFTER_MS).toISOString(),
      toNumber: entry.toNumber,
    });
    const list = sessions
      .filter((s) => {
        const linked = deps.history.bySession(s.id);
        return !linked || linked.id === entry.id;
      })
      .map((s) => ({
        sessionId: s.id,
        startedAt: s.started_at,
        status: s.status,
        toNumber: s.to_number ?? null,
        sameNumber: version === '1.90' ? s.to_number === entry.toNumber : null,
        summary: s.summary_preview ?? s.summary ?? null,
      }))
      // 1.90 says which number each called: the attempt's number first
      .sort((a, b) => Number(b.sameNumber === true) - Number(a.sameNumber === true));
    const note =
      version === '1.21'
        ? 'This Feather server (API 1.21) does not say which number a conversation called: compare the times and summaries.'
        : list.length === 0
          ? 'Feather lists no conversation to this number around that time.'
          : null;
    return { candidates: list, note };
  }

  async function settle(request: { id: string; as: 'placed'; sessionId: string } | { id: string; as: 'not_placed' }) {
    const entry = unknownEntry(request.id);
    if (request.as === 'placed') {
      const other = deps.history.bySession(request.sessionId);
      if (other && other.id !== entry.id)
        throw new AppFailure({ code: 'conflict', message: 'That conversation is already linked to another call in the history.' });
      const next = deps.history.update(entry.id, (e) => ({
        outcome: 'in_progress',
        sessionId: request.sessionId,
        status: null,
        reason: null,
        tracking: true,
        timeline: [...e.timeline, { at: stamp(), status: 'linked', note: 'You linked this call to a Feather conversation' }],
      }))!;
      deps.settled(entry.requestId);
      deps.tracker.track(entry.id, 0);
      return next;
    }
    const next = deps.history.update(entry.id, (e) => ({
      outcome: 'not_placed',
      reason: 'You marked this call as not placed.',
      tracking: false,
      timeline: [...e.timeline, { at: stamp(), status: 'not_placed', note: 'Marked not placed by you' }],
    }))!;
    deps.settled(entry.requestId);
    return next;
  }

  async function queue(): Promise<{ calls: QueuedCallView[]; unavailable: string | null }> {
    const profileId = deps.activeProfileId();
    const version = deps.apiVersion(profileId);
    if (version === '1.21') return { calls: [], unavailable: 'This Feather server (API 1.21) has no outbound queue: calls ring at once.' };
    const client = await deps.clientFor(profileId);
    let queued;
    try {
      queued = await client.queuedCalls();
    } catch (error) {
      if (error instanceof AppFailure && error.appError.code === 'not_found')
        return { calls: [], unavailable: 'This Feather server has no outbound queue.' };
      throw error;
    }
    return {
      calls: queued.map((q) => {
        const entry = deps.history.bySession(q.conversation_id);
        return {
          conversationId: q.conversation_id,
          toNumber: q.to_number ?? null,
          name: entry?.contactName ?? null,
          callerName: deps.callerName(profileId, q.agent_id ?? null, q.team_id ?? null),
          paused: q.paused,
          createdAt: q.created_at,
          eligibleAt: q.eligible_at ?? null,
          queueExpiresAt: q.queue_expires_at ?? null,
          entryId: entry?.id ?? null,
        };
      }),
      unavailable: null,
    };
  }

  async function queueAction(conversationId: string, action: 'cancel' | 'pause' | 'resume') {
    const client = await deps.clientFor(deps.activeProfileId());
    const answer = await client.queuedAction(conversationId, action);
    const entry = deps.history.bySession(conversationId);
    if (entry)
      deps.history.update(entry.id, (e) => ({
        ...(answer.action === 'cancelled' ? { outcome: 'cancelled' as const, status: 'cancelled', tracking: false } : {}),
        timeline: [
          ...e.timeline,
          { at: stamp(), status: answer.action, note: `${answer.action[0]!.toUpperCase()}${answer.action.slice(1)} by you` },
        ],
      }));
    return { conversationId: answer.conversation_id, action: answer.action, paused: answer.paused };
  }

  /** "Call now instead" cancelled this queued call: its entry says so */
  function replaced(conversationId: string) {
    const entry = deps.history.bySession(conversationId);
    if (!entry) return;
    deps.history.update(entry.id, (e) => ({
      outcome: 'cancelled',
      status: 'cancelled',
      tracking: false,
      timeline: [...e.timeline, { at: stamp(), status: 'cancelled', note: 'Cancelled by Call now instead' }],
    }));
  }

  return { candidates, settle, queue, queueAction, replaced };
}
export type HistoryActions = ReturnType<typeof createHistoryActions>;

import { randomUUID } from 'node:crypto';
import type { Directory, ProfileView } from '../../../shared/contract';
import type { ApiVersion } from '../../../shared/feather-api';
import type { HistoryEntry, HistoryRow } from '../../../shared/history/history-entry';
import type { HistoryPreferences } from '../../../shared/preferences';
import type { AttemptReport } from '../calls/dialer';
import type { UnderWay } from '../calls/call-planner';
import type { FeatherClient } from '../feather/feather-client';
import { createHistory, type HistoryDeps } from './history-service';
import { createOutcomeTracker } from './outcome-tracker';
import { createHistoryActions } from './history-actions';
import { endNotice } from './outcome-rules';

/**
 * The call history as core composes it: the store, the tracker that follows placed calls, the
 * user's actions on it, and the recorder the dialer reports every attempt to.
 */
export interface CallHistoryDeps {
  database: HistoryDeps['database'];
  preferences(): HistoryPreferences;
  now(): Date;
  profiles(): Array<Pick<ProfileView, 'id' | 'name'>>;
  activeProfileId(): string;
  directory(profileId: string): Directory;
  apiVersion(profileId: string): ApiVersion | null;
  clientFor(profileId: string): Promise<FeatherClient>;
  contactName(contactId: string): string | null;
  templateName(templateId: string): string | null;
  /** the dialer's guard for a card lifts (its outcome is known now) */
  settled(requestId: string): void;
  onChanged(row: HistoryRow): void;
  /** a call ended; the notification or toast is the caller's */
  onEnded(entry: HistoryEntry, notice: { title: string; body: string }): void;
  /** the tray's and the palette's recent calls changed */
  onRecentsChanged(): void;
  log(message: string): void;
}

export function createCallHistory(deps: CallHistoryDeps) {
  const history = createHistory({
    database: deps.database,
    preferences: deps.preferences,
    now: deps.now,
    onChanged: deps.onChanged,
    onEnded: (entry) => {
      if (deps.preferences().notifyOnEnd) deps.onEnded(entry, endNotice(entry));
    },
    log: deps.log,
  });
  const tracker = createOutcomeTracker({
    client: (profileId) => deps.clientFor(profileId).catch(() => null),
    apiVersion: deps.apiVersion,
    get: history.get,
    update: history.update,
    now: deps.now,
    log: deps.log,
  });
  const callerName = (profileId: string, agentId: string | null, teamId: string | null) => {
    const dir = deps.directory(profileId);
    if (agentId) return dir.agents.find((a) => a.id === agentId)?.label ?? null;
    if (teamId) return dir.teams.find((t) => t.id === teamId)?.label ?? null;
    return null;
  };
  const actions = createHistoryActions({
    history,
    tracker,
    clientFor: deps.clientFor,
    activeProfileId: deps.activeProfileId,
    apiVersion: deps.apiVersion,
    settled: deps.settled,
    callerName,
    now: deps.now,
  });

  /** The dialer's report of one try → a new entry, or (a resend) the unknown entry moving on. */
  function record(report: AttemptReport) {
    const { intent, body, result, error } = report;
    const at = deps.now().toISOString();
    const outcome = result
      ? result.sessionId
        ? result.queued
          ? ('queued' as const)
          : ('in_progress' as const)
        : ('untracked' as const)
      : error?.code === 'outcome_unknown'
        ? ('unknown' as const)
        : ('not_placed' as const);
    const step = {
      at,
      status: result ? (result.queued ? 'queued' : 'placed') : outcome === 'unknown' ? 'outcome_unknown' : 'not_placed',
      note: result
        ? `Feather answered HTTP ${result.httpStatus}${result.replayed ? ' (a replay of the first answer)' : ''}`
        : (error?.message ?? null),
    };
    const reason =
      outcome === 'untracked'
        ? 'Feather accepted the call but its answer could not be read (no session id), so its status cannot be followed.'
        : outcome === 'not_placed'
          ? (error?.message ?? 'Not placed.')
          : null;
    const placedFields = {
      sessionId: result?.sessionId ?? null,
      roomName: result?.roomName ?? null,
      dispatchId: result?.dispatchId ?? null,
      agentName: result?.agentName ?? null,
      eligibleAt: result?.eligibleAt ?? null,
      queueExpiresAt: result?.queueExpiresAt ?? null,
      status: result?.queued ? 'queued' : null,
      tracking: outcome === 'queued' || outcome === 'in_progress',
    };

    if (report.resend) {
      const previous = history.latestForRequest(intent.requestId);
      if (previous) {
        const next = history.update(previous.id, (e) => ({
          ...placedFields,
          outcome,
          reason,
          timeline: [...e.timeline, { ...step, note: `Asked again: ${step.note ?? ''}` }],
        }));
        if (next?.tracking) tracker.track(next.id);
        deps.onRecentsChanged();
        return;
      }
    }

    const profileId = report.profileId ?? deps.activeProfileId();
    const dir = deps.directory(profileId);
    const fromNumberId = body?.from_phone_number_id ?? intent.fromNumberId.trim();
    const agentId = body ? (body.agent_id ?? null) : intent.caller.mode === 'agent' ? intent.caller.agentId : null;
    const teamId = body ? (body.team_id ?? null) : intent.caller.mode === 'team' ? intent.caller.teamId : null;
    const entry = history.add({
      id: randomUUID(),
      requestId: intent.requestId,
      at,
      profileId,
      profileName: deps.profiles().find((p) => p.id === profileId)?.name ?? profileId,
      apiVersion: report.apiVersion,
      toNumber: body?.to_phone_number ?? result?.toNumber ?? intent.toNumber.trim().slice(0, 40),
      contactId: report.contactId,
      contactName: report.contactId ? deps.contactName(report.contactId) : null,
      fromNumberId,
      fromNumber: dir.phoneNumbers.find((n) => n.id === fromNumberId)?.e164 ?? null,
      caller: agentId
        ? { kind: 'agent', id: agentId, name: callerName(profileId, agentId, null) ?? result?.agentName ?? null }
        : teamId
          ? { kind: 'team', id: teamId, name: callerName(profileId, null, teamId) }
          : null,
      templateId: intent.templateId ?? null,
      templateName: intent.templateId ? deps.templateName(intent.templateId) : null,
      body: body ? { ...body } : null,
      outcome,
      reason,
      summary: null,
      durationMs: null,
      recordingUrl: null,
      endedAt: null,
      timeline: [step],
      transcript: [],
      ...placedFields,
    });
    if (entry.tracking) tracker.track(entry.id);
    if (outcome !== 'not_placed') deps.onRecentsChanged();
  }

  /** the planner's "a call is on its way to this number" */
  function underWay(e164: string, profileId: string, exceptRequestId?: string): UnderWay | null {
    const e = history.underWayTo(e164, profileId, exceptRequestId);
    if (!e) return null;
    return {
      at: e.at,
      queued: e.outcome === 'queued',
      status: e.status,
      eligibleAt: e.eligibleAt,
      sessionId: e.sessionId,
      replaceable: e.outcome === 'queued' && e.apiVersion === '1.90' && Boolean(e.sessionId),
    };
  }

  // Calls still on their way when the app last stopped are followed again (the 2-hour limit applies).
  const resumed = history.toResume();
  resumed.forEach((e, i) => tracker.track(e.id, 500 + i * 250));
  const pruneSoon = setTimeout(() => history.prune(), 5_000);
  pruneSoon.unref?.();

  return {
    history,
    actions,
    tracker,
    record,
    underWay,
    close() {
      clearTimeout(pruneSoon);
      tracker.stop();
      history.close();
    },
  };
}
export type CallHistory = ReturnType<typeof createCallHistory>;

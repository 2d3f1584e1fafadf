import { randomUUID } from 'node:crypto';
import type { Directory, ProfileView } from '../../../shared/contract';
import type { HistoryRow } from '../../../shared/history/history-entry';
import type { ApiVersion } from '../../../shared/feather-api';
import type { HistoryPreferences } from '../../../shared/preferences';
import type { AttemptReport } from '../calls/dialer';
import type { UnderWay } from '../calls/call-planner';
import type { FeatherClient } from '../feather/feather-client';
import { createHistory, type HistoryDeps } from './history-service';
import { createOutcomeTracker } from './outcome-tracker';
import { createOutboundControls } from '../calls/outbound-controls';
import { createHistoryActions } from './history-actions';
import { endNotice } from './outcome-rules';
import type { EventBus } from '../event-bus';
import type { DesktopPort } from '../desktop/desktop-port';

/**
 * The call history as core composes it: the store, the tracker that follows placed calls, the
 * user's actions on it, and the recorder the dialer reports every attempt to.
 */
export interface CallHistoryDeps {
  database: HistoryDeps['database'];
  preferences(): HistoryPreferences;
  now(): Date;
  profiles: {
    all(): Array<Pick<ProfileView, 'id' | 'name'>>;
    active(): { id: string };
    clientFor(profileId: string): Promise<FeatherClient>;
  };
  directory: { list(profileId: string): Directory; apiVersion(profileId: string): ApiVersion | null };
  contactName(contactId: string): string | null;
  templateName(templateId: string): string | null;
  /** the dialer's guard for a card lifts (its outcome is known now) */
  settled(requestId: string): void;
  /** main → window events: `history:changed`, `call:ended`, `history:open`, `recents:changed` */
  emit: EventBus['emit'];
  /** the desktop's notification, where there is one */
  notify?: DesktopPort['notify'];
  log(message: string): void;
}

export function createCallHistory(deps: CallHistoryDeps) {
  /** while an attempt is recorded (before the window has the call's answer): its rows, announced right after */
  let later: HistoryRow[] | null = null;
  const history = createHistory({
    database: deps.database,
    preferences: deps.preferences,
    now: deps.now,
    onChanged: (row) => (later ? later.push(row) : deps.emit('history:changed', row)),
    // the end of a call: a desktop notification (clicking it opens the entry), else the window's toast
    onEnded: (entry) => {
      if (!deps.preferences().notifyOnEnd) return;
      const notice = endNotice(entry);
      const shownByDesktop = deps.notify?.(notice, () => deps.emit('history:open', { id: entry.id })) ?? false;
      deps.emit('call:ended', { entryId: entry.id, ...notice, shownByDesktop });
    },
    log: deps.log,
  });
  const tracker = createOutcomeTracker({
    client: (profileId) => deps.profiles.clientFor(profileId).catch(() => null),
    apiVersion: (profileId) => deps.directory.apiVersion(profileId),
    get: history.get,
    update: history.update,
    now: deps.now,
    log: deps.log,
  });
  // 1.90: outbound paused for the organisation, an agent or a team, read for the card (cached briefly);
  // a change re-plans the cards (directory:changed)
  const controls = createOutboundControls({
    read: async (profileId) =>
      deps.directory.apiVersion(profileId) === '1.90' ? (await deps.profiles.clientFor(profileId)).controls() : null,
    now: deps.now,
    onChange: (profileId) => {
      if (profileId === deps.profiles.active().id) deps.emit('directory:changed', { profileId, directory: deps.directory.list(profileId) });
    },
  });
  const callerName = (profileId: string, agentId: string | null, teamId: string | null) => {
    const dir = deps.directory.list(profileId);
    if (agentId) return dir.agents.find((a) => a.id === agentId)?.label ?? null;
    if (teamId) return dir.teams.find((t) => t.id === teamId)?.label ?? null;
    return null;
  };
  const actions = createHistoryActions({
    history,
    tracker,
    clientFor: (profileId) => deps.profiles.clientFor(profileId),
    activeProfileId: () => deps.profiles.active().id,
    apiVersion: (profileId) => deps.directory.apiVersion(profileId),
    settled: deps.settled,
    callerName,
    now: deps.now,
  });

  // the tray's and palette's recent calls: a query, read after the window has the call's answer (record runs before it)
  let recentsSoon: ReturnType<typeof setTimeout> | null = null;
  const recentsChanged = () => {
    recentsSoon ??= setTimeout(() => {
      recentsSoon = null;
      deps.emit('recents:changed', history.recentCalls(10));
    }, 0);
  };

  /**
   * The dialer's report of one try → a new entry, or (a resend) the unknown entry moving on. It runs before
   * the window hears how the try ended: only the write happens now; the announcements follow on a timer.
   */
  function record(report: AttemptReport) {
    later = [];
    try {
      write(report);
    } finally {
      const rows = later;
      later = null;
      if (rows.length) setTimeout(() => rows.forEach((row) => deps.emit('history:changed', row)), 0);
    }
  }

  function write(report: AttemptReport) {
    const { intent, body, result, error } = report;
    const at = report.at ?? deps.now().toISOString();
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
        recentsChanged();
        return;
      }
    }

    const profileId = report.profileId ?? deps.profiles.active().id;
    const dir = deps.directory.list(profileId);
    const fromNumberId = body?.from_phone_number_id ?? intent.fromNumberId.trim();
    const agentId = body ? (body.agent_id ?? null) : intent.caller.mode === 'agent' ? intent.caller.agentId : null;
    const teamId = body ? (body.team_id ?? null) : intent.caller.mode === 'team' ? intent.caller.teamId : null;
    const entry = history.add({
      id: randomUUID(),
      requestId: intent.requestId,
      at,
      profileId,
      profileName: deps.profiles.all().find((p) => p.id === profileId)?.name ?? profileId,
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
    if (outcome !== 'not_placed') recentsChanged();
  }

  /** 1.90: when a queued call may dial and when it expires, read after the card had its answer */
  function queueWindow(requestId: string, window: { eligibleAt: string | null; queueExpiresAt: string | null }) {
    const entry = history.latestForRequest(requestId);
    if (!entry || entry.outcome !== 'queued') return;
    history.update(entry.id, () => window);
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
    controls,
    record,
    queueWindow,
    underWay,
    close() {
      clearTimeout(pruneSoon);
      if (recentsSoon) clearTimeout(recentsSoon);
      tracker.stop();
      history.close();
    },
  };
}

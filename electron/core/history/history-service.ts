import Database from 'better-sqlite3';
import Papa from 'papaparse';
import type { HistoryFilter } from '../../../shared/history/history-contract';
import {
  FINAL_OUTCOMES,
  OUTCOME_LABELS,
  UNDER_WAY_OUTCOMES,
  type HistoryEntry,
  type HistoryRow,
  type Outcome,
} from '../../../shared/history/history-entry';
import type { HistoryPreferences } from '../../../shared/preferences';
import type { RecentCall } from '../../../shared/recent-call';
import { AppFailure } from '../../../shared/result';
import { HISTORY_SCHEMA, historyTable, type HistoryTable } from './history-db';
import { detailOf } from './outcome-rules';

/**
 * The call history: one entry per attempt, kept in contacts.db's `calls` table. Main records an
 * entry when a call is placed, refused or left with an unknown outcome; the outcome tracker moves
 * it on as Feather reports. Every change is announced (`onChanged`) so lists and the placed card
 * follow; an end (ended, not answered, failed, expired) is announced once more (`onEnded`).
 */

export interface HistoryDeps {
  /** contacts.db's handle (null when it is read-only: the history then lives in memory) and whether an import holds it */
  database: { db: Database.Database | null; busy(): boolean };
  preferences(): HistoryPreferences;
  now(): Date;
  onChanged?(row: HistoryRow): void;
  onEnded?(entry: HistoryEntry): void;
  log?(message: string): void;
}

/** how long a placed call is followed (and counts as "under way" for a new card) */
export const TRACK_FOR_MS = 2 * 3600_000;
const HOUR = 3600_000;

const ROW_KEYS = [
  'id',
  'requestId',
  'at',
  'profileId',
  'profileName',
  'toNumber',
  'contactId',
  'contactName',
  'fromNumberId',
  'fromNumber',
  'caller',
  'templateName',
  'outcome',
  'status',
  'detail',
  'sessionId',
  'eligibleAt',
  'queueExpiresAt',
  'durationMs',
  'tracking',
] as const satisfies ReadonlyArray<keyof HistoryRow>;

export function rowOf(entry: HistoryEntry): HistoryRow {
  return Object.fromEntries(ROW_KEYS.map((k) => [k, entry[k]])) as HistoryRow;
}

/** A cell a spreadsheet would run as a formula (=, @, or +/- not followed by a plain number) gets a leading quote. */
const FORMULA = /^(?:[=@\t\r]|[+-](?![\d\s().-]*$))/;

export function createHistory(deps: HistoryDeps) {
  const notices: string[] = [];
  let db = deps.database.db;
  if (!db) {
    db = new Database(':memory:');
    db.exec(HISTORY_SCHEMA);
    notices.push(
      'The call history cannot be saved on this computer (the contacts database is read-only); calls are listed until you quit.',
    );
  }
  const table: HistoryTable = historyTable(db);
  /** writes waiting for an import's transaction to end (or for a failed write to be retried) */
  const pending = new Map<string, HistoryEntry>();
  let flushTimer: ReturnType<typeof setTimeout> | null = null;

  /** the database is closing or closed (the app quits): writes are no longer tried */
  let closed = false;
  function flush() {
    flushTimer = null;
    if (closed) return;
    if (deps.database.busy()) return schedule();
    for (const [id, entry] of pending) {
      try {
        table.put(entry);
        pending.delete(id);
      } catch (error) {
        deps.log?.(`could not save a call history entry: ${error instanceof Error ? error.message : String(error)}`);
        return schedule();
      }
    }
  }
  function schedule() {
    flushTimer ??= setTimeout(flush, 250);
    flushTimer.unref?.();
  }
  function save(entry: HistoryEntry) {
    if (closed) {
      // a call's outcome that arrived while the app quits: listed until then, not saved
      deps.log?.('a call history entry changed after closing; not saved');
      return void pending.set(entry.id, entry);
    }
    pending.set(entry.id, entry);
    if (pending.size === 1 && !flushTimer) flush();
    else schedule();
  }

  function get(id: string): HistoryEntry | null {
    return pending.get(id) ?? (closed ? null : table.get(id)); // closed: what is in memory only (a poll finishing as the app quits)
  }

  function announce(before: HistoryEntry | null, entry: HistoryEntry) {
    try {
      deps.onChanged?.(rowOf(entry));
      const ended = ['ended', 'not_answered', 'failed', 'expired'].includes(entry.outcome);
      if (ended && (!before || before.outcome !== entry.outcome)) deps.onEnded?.(entry);
    } catch (error) {
      deps.log?.(`after a call history change: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** the body as kept: each variable's value left out when the preferences say so */
  function keptBody(body: Record<string, unknown> | null): { body: Record<string, unknown> | null; redacted: boolean } {
    if (!body || deps.preferences().keepVariableValues) return { body, redacted: false };
    const vars = body.context_variables;
    if (!vars || typeof vars !== 'object') return { body, redacted: false };
    return { body: { ...body, context_variables: Object.fromEntries(Object.keys(vars).map((k) => [k, null])) }, redacted: true };
  }

  function prune() {
    const prefs = deps.preferences();
    try {
      if (deps.database.busy()) return;
      const before = new Date(deps.now().getTime() - prefs.retentionDays * 24 * HOUR).toISOString();
      const gone = table.prune(before, prefs.maxEntries);
      if (gone) deps.log?.(`call history: ${gone} old entr${gone === 1 ? 'y' : 'ies'} removed (retention)`);
    } catch (error) {
      deps.log?.(`could not prune the call history: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const pruneTimer = setInterval(prune, 6 * HOUR);
  pruneTimer.unref?.();

  return {
    notices,
    prune,
    rowOf,

    /** a new entry (an attempt) */
    add(entry: Omit<HistoryEntry, 'detail' | 'valuesRedacted'> & { valuesRedacted?: boolean }): HistoryEntry {
      const kept = entry.valuesRedacted ? { body: entry.body, redacted: true } : keptBody(entry.body);
      const full: HistoryEntry = { ...entry, body: kept.body, valuesRedacted: kept.redacted, detail: null };
      full.detail = detailOf(full);
      save(full);
      announce(null, full);
      return full;
    },

    /** changes an entry (the tracker, a settle, a resend); null when it does not exist */
    update(id: string, change: (entry: HistoryEntry) => Partial<HistoryEntry> | null): HistoryEntry | null {
      const before = get(id);
      if (!before) return null;
      const patch = change(before);
      if (!patch) return before;
      const next: HistoryEntry = { ...before, ...patch };
      next.detail = detailOf(next);
      save(next);
      announce(before, next);
      return next;
    },

    get,
    require(id: string): HistoryEntry {
      const entry = get(id);
      if (!entry) throw new AppFailure({ code: 'not_found', message: 'That call is no longer in the history.' });
      return entry;
    },
    bySession: (sessionId: string) => table.bySession(sessionId),
    /** a change to this card's entry waits to be written (an import holds the database, or a write failed) */
    waiting(requestId: string): boolean {
      return [...pending.values()].some((e) => e.requestId === requestId);
    },
    latestForRequest(requestId: string): HistoryEntry | null {
      return [...pending.values()].find((e) => e.requestId === requestId) ?? table.latestForRequest(requestId);
    },

    list(filter: HistoryFilter, offset: number, limit: number) {
      return { rows: table.page(filter, offset, limit).map(rowOf), total: table.count(filter), all: table.all() };
    },

    /** entries the tracker picks up again after a start: placed, not final, recent enough */
    toResume(): HistoryEntry[] {
      const since = new Date(deps.now().getTime() - 30 * 24 * HOUR).toISOString();
      return table.withOutcome(['queued', 'in_progress'], since).filter((e) => e.sessionId);
    },

    /** the newest call from this app still on its way to this number (queued, ringing, in the call) */
    underWayTo(e164: string, profileId: string, exceptRequestId?: string): HistoryEntry | null {
      const now = deps.now().getTime();
      const found = table
        .latestTo(e164, 20)
        .filter((e) => e.profileId === profileId && e.requestId !== exceptRequestId && UNDER_WAY_OUTCOMES.has(e.outcome))
        .find((e) => e.outcome === 'queued' || now - Date.parse(e.at) < TRACK_FOR_MS);
      return found ?? null;
    },

    recentCalls(limit = 10): RecentCall[] {
      return table.recentNumbers(limit).map((e) => ({ e164: e.toNumber, contactId: e.contactId, name: e.contactName, at: e.at }));
    },

    lastByContact(contactIds: readonly string[]): Map<string, { at: string; outcome: Outcome }> {
      const out = new Map<string, { at: string; outcome: Outcome }>();
      for (const [id, e] of table.lastByContact(contactIds)) out.set(id, { at: e.at, outcome: e.outcome });
      return out;
    },

    exportCsv(filter: HistoryFilter) {
      const fields = [
        'Time',
        'Outcome',
        'Detail',
        'Contact',
        'To',
        'From',
        'Caller',
        'Template',
        'Connection',
        'Duration (s)',
        'Session id',
        'Room',
        'Dispatch id',
        'Summary',
      ];
      const data: string[][] = [];
      for (const e of table.each(filter)) {
        data.push([
          e.at,
          OUTCOME_LABELS[e.outcome],
          e.detail ?? '',
          e.contactName ?? '',
          e.toNumber,
          e.fromNumber ?? e.fromNumberId,
          e.caller?.name ?? e.caller?.id ?? '',
          e.templateName ?? '',
          e.profileName,
          e.durationMs === null ? '' : String(Math.round(e.durationMs / 1000)),
          e.sessionId ?? '',
          e.roomName ?? '',
          e.dispatchId ?? '',
          e.summary ?? '',
        ]);
      }
      const date = deps.now().toISOString().slice(0, 10);
      return {
        fileName: `feather-call-history-${date}.csv`,
        text: '\uFEFF' + Papa.unparse({ fields, data }, { newline: '\r\n', escapeFormulae: FORMULA }),
        count: data.length,
      };
    },

    isFinal: (outcome: Outcome) => FINAL_OUTCOMES.has(outcome),

    /** a recording link of a call in the history: the window may open it in the browser */
    isRecordingUrl: (url: string) => [...pending.values()].some((e) => e.recordingUrl === url) || table.hasRecording(url),

    /** the last writes (the caller runs this when no import holds the database), then none */
    close() {
      clearInterval(pruneTimer);
      if (flushTimer) clearTimeout(flushTimer);
      flushTimer = null;
      if (!deps.database.busy()) flush();
      closed = true;
    },
  };
}
export type History = ReturnType<typeof createHistory>;

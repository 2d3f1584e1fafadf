import type Database from 'better-sqlite3';
import { HistoryEntrySchema, type HistoryEntry, type Outcome } from '../../../shared/history/history-entry';
import type { HistoryFilter } from '../../../shared/history/history-contract';
import { fold } from '../../../shared/contacts/fold';

/**
 * The `calls` table of contacts.db (created by its migration 2, contacts-db.ts): one row per
 * attempt, the entry as JSON in `doc`, and the columns the filters use, each indexed with `at`
 * so a filtered page is read newest first without sorting.
 */

type Db = Database.Database;

export const HISTORY_SCHEMA = `
CREATE TABLE calls (
  n INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  request_id TEXT NOT NULL,
  at TEXT NOT NULL,
  profile_id TEXT NOT NULL,
  outcome TEXT NOT NULL,
  caller_id TEXT,
  contact_id TEXT,
  to_number TEXT NOT NULL,
  session_id TEXT,
  search TEXT NOT NULL,
  recording_url TEXT,
  doc TEXT NOT NULL
);
-- newest first is (at, n) descending: n is the insertion order, for calls in the same millisecond.
-- calls_scan holds every filter column beside the time, so a text filter scans this small index in
-- time order and reads a row (with its JSON) only for the entries it shows
CREATE INDEX calls_scan ON calls (at, n, outcome, profile_id, caller_id, search);
CREATE INDEX calls_outcome ON calls (outcome, at, n);
CREATE INDEX calls_profile ON calls (profile_id, at, n);
CREATE INDEX calls_caller ON calls (caller_id, at, n);
CREATE INDEX calls_contact ON calls (contact_id, at, n);
CREATE INDEX calls_to ON calls (to_number, at, n);
CREATE INDEX calls_session ON calls (session_id);
CREATE INDEX calls_request ON calls (request_id);
CREATE INDEX calls_recording ON calls (recording_url) WHERE recording_url IS NOT NULL;
`;

/** what the text filter looks in: the contact's name folded, the number's digits */
export function searchTextOf(entry: Pick<HistoryEntry, 'contactName' | 'toNumber'>): string {
  return `${fold(entry.contactName ?? '')} ${entry.toNumber.replace(/\D/g, '')}`;
}

/** `WHERE` for a filter, with its parameters. */
function where(filter: HistoryFilter): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (filter.from) {
    parts.push('at >= ?');
    params.push(filter.from);
  }
  if (filter.to) {
    parts.push('at < ?');
    params.push(filter.to);
  }
  if (filter.outcomes.length) {
    parts.push(`outcome IN (${filter.outcomes.map(() => '?').join(',')})`);
    params.push(...filter.outcomes);
  }
  if (filter.profileId) {
    parts.push('profile_id = ?');
    params.push(filter.profileId);
  }
  if (filter.callerId) {
    parts.push('caller_id = ?');
    params.push(filter.callerId);
  }
  const text = filter.text.trim();
  if (text) {
    // Digits match the number with or without its separators; words match the name.
    const digits = /^[\d\s()+.-]+$/.test(text) ? text.replace(/\D/g, '') : '';
    for (const word of (digits ? [digits] : fold(text).split(/\s+/)).filter(Boolean)) {
      parts.push("search LIKE ? ESCAPE '\\'");
      params.push(`%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export interface HistoryTable {
  put(entry: HistoryEntry): void;
  get(id: string): HistoryEntry | null;
  bySession(sessionId: string): HistoryEntry | null;
  latestForRequest(requestId: string): HistoryEntry | null;
  /** the newest entries to a number */
  latestTo(e164: string, limit: number): HistoryEntry[];
  page(filter: HistoryFilter, offset: number, limit: number): HistoryEntry[];
  count(filter: HistoryFilter): number;
  all(): number;
  /** every entry the filter matches, newest first, one at a time (the CSV export) */
  each(filter: HistoryFilter): IterableIterator<HistoryEntry>;
  /** entries with one of these outcomes placed after `since` (tracking to resume, calls under way) */
  withOutcome(outcomes: readonly Outcome[], since: string): HistoryEntry[];
  /** the newest entry per contact */
  lastByContact(contactIds: readonly string[]): Map<string, HistoryEntry>;
  /** the newest entries to distinct numbers (the tray's recent calls) */
  recentNumbers(limit: number): HistoryEntry[];
  /** a recording link Feather gave for a call in the history (the only non-Feather links the app opens) */
  hasRecording(url: string): boolean;
  /** drops entries older than `before` and beyond the newest `keep`; returns how many went */
  prune(before: string, keep: number): number;
}

export function historyTable(db: Db): HistoryTable {
  const upsert = db.prepare(
    `INSERT INTO calls (id, request_id, at, profile_id, outcome, caller_id, contact_id, to_number, session_id, search, recording_url, doc)
     VALUES (@id, @requestId, @at, @profileId, @outcome, @callerId, @contactId, @toNumber, @sessionId, @search, @recordingUrl, @doc)
     ON CONFLICT (id) DO UPDATE SET outcome = excluded.outcome, contact_id = excluded.contact_id,
       session_id = excluded.session_id, search = excluded.search, recording_url = excluded.recording_url, doc = excluded.doc`,
  );
  const byId = db.prepare('SELECT doc FROM calls WHERE id = ?').pluck();
  const bySession = db.prepare('SELECT doc FROM calls WHERE session_id = ? ORDER BY at DESC, n DESC LIMIT 1').pluck();
  const total = db.prepare('SELECT count(*) FROM calls').pluck();
  const latestTo = db.prepare('SELECT doc FROM calls WHERE to_number = ? ORDER BY at DESC, n DESC LIMIT ?').pluck();
  const hasRecording = db.prepare('SELECT 1 FROM calls WHERE recording_url = ? LIMIT 1').pluck();
  const byRequest = db.prepare('SELECT doc FROM calls WHERE request_id = ? ORDER BY at DESC, n DESC LIMIT 1').pluck();
  const read = (doc: unknown): HistoryEntry | null => {
    if (typeof doc !== 'string') return null;
    try {
      const parsed = HistoryEntrySchema.safeParse(JSON.parse(doc));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  };
  const docs = (rows: unknown[]) => rows.map(read).filter((e): e is HistoryEntry => e !== null);
  const recentSql = db
    .prepare(
      `SELECT doc FROM calls WHERE id IN (
         SELECT id FROM (SELECT id, to_number, max(at) AS last FROM calls WHERE outcome != 'not_placed' GROUP BY to_number ORDER BY last DESC LIMIT ?))
       ORDER BY at DESC`,
    )
    .pluck();
  return {
    put(entry) {
      upsert.run({
        id: entry.id,
        requestId: entry.requestId,
        at: entry.at,
        profileId: entry.profileId,
        outcome: entry.outcome,
        callerId: entry.caller?.id ?? null,
        contactId: entry.contactId,
        toNumber: entry.toNumber,
        sessionId: entry.sessionId,
        search: searchTextOf(entry),
        recordingUrl: entry.recordingUrl,
        doc: JSON.stringify(entry),
      });
    },
    get: (id) => read(byId.get(id)),
    bySession: (sessionId) => read(bySession.get(sessionId)),
    latestForRequest: (requestId) => read(byRequest.get(requestId)),
    latestTo: (e164, limit) => docs(latestTo.all(e164, limit)),
    page(filter, offset, limit) {
      const w = where(filter);
      return docs(
        db
          .prepare(`SELECT doc FROM calls ${w.sql} ORDER BY at DESC, n DESC LIMIT ? OFFSET ?`)
          .pluck()
          .all(...w.params, limit, offset),
      );
    },
    count(filter) {
      const w = where(filter);
      return db
        .prepare(`SELECT count(*) FROM calls ${w.sql}`)
        .pluck()
        .get(...w.params) as number;
    },
    all: () => total.get() as number,
    *each(filter) {
      const w = where(filter);
      for (const doc of db
        .prepare(`SELECT doc FROM calls ${w.sql} ORDER BY at DESC, n DESC`)
        .pluck()
        .iterate(...w.params)) {
        const entry = read(doc);
        if (entry) yield entry;
      }
    },
    withOutcome(outcomes, since) {
      if (!outcomes.length) return [];
      return docs(
        db
          .prepare(`SELECT doc FROM calls WHERE outcome IN (${outcomes.map(() => '?').join(',')}) AND at >= ? ORDER BY at`)
          .pluck()
          .all(...outcomes, since),
      );
    },
    lastByContact(contactIds) {
      const out = new Map<string, HistoryEntry>();
      const ids = [...new Set(contactIds)];
      for (let i = 0; i < ids.length; i += 200) {
        const slice = ids.slice(i, i + 200);
        const rows = db
          .prepare(
            `SELECT c.doc FROM calls c JOIN (SELECT contact_id, max(at) AS last FROM calls WHERE contact_id IN (${slice.map(() => '?').join(',')}) GROUP BY contact_id) m
             ON c.contact_id = m.contact_id AND c.at = m.last`,
          )
          .pluck()
          .all(...slice);
        for (const e of docs(rows)) if (e.contactId) out.set(e.contactId, e);
      }
      return out;
    },
    recentNumbers: (limit) => docs(recentSql.all(limit)),
    hasRecording: (url) => hasRecording.get(url) !== undefined,
    prune(before, keep) {
      const old = db.prepare('DELETE FROM calls WHERE at < ?').run(before).changes;
      const over = db
        .prepare('DELETE FROM calls WHERE id IN (SELECT id FROM calls ORDER BY at DESC, n DESC LIMIT -1 OFFSET ?)')
        .run(keep).changes;
      return old + over;
    },
  };
}

import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createContactsService } from '../electron/core/contacts/contacts-service';
import { createHistory } from '../electron/core/history/history-service';
import { historyTable } from '../electron/core/history/history-db';
import { HistoryFilterSchema, type HistoryFilterInput } from '../shared/history/history-contract';
import { OUTCOMES, type HistoryEntry } from '../shared/history/history-entry';
import { defaultHistoryPreferences } from '../shared/preferences';
import { pct, round2 as ms, type PartResult } from './figures';

/**
 * The call history at 100k entries (part of `npm run bench`): opening the database and showing the
 * first page, one filter keystroke, and one append (how long it holds the main thread) — each next
 * to a simple baseline measured in the same run on the same file:
 * - open: a bare better-sqlite3 open plus `SELECT doc … ORDER BY at DESC LIMIT 60`;
 * - keystroke: the same text filter done the naive way, a scan of every row already in memory;
 * - append: one INSERT of the same JSON into a table with no index.
 */
const FIRST = ['Maria', 'James', 'Aiko', 'Chen', 'Olga', 'Pedro', 'Fatima', 'Liam', 'Noor', 'Søren'];
const LAST = ['Garcia', 'Smith', 'Tanaka', 'Wang', 'Ivanova', 'Silva', 'Khan', 'Murphy', 'Haddad', 'Jørgensen'];
const TYPED = ['m', 'ma', 'mar', 'mari', 'maria', 'maria g', 'maria ga', '5', '55', '555', '555 0', '555 01', '+44 2', 'zz'];

function entry(i: number, start: number): Omit<HistoryEntry, 'detail' | 'valuesRedacted'> {
  const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}`;
  const outcome = OUTCOMES[i % OUTCOMES.length]!;
  const to = i % 7 === 0 ? `+44207946${String(i % 10_000).padStart(4, '0')}` : `+1415555${String(i % 10_000).padStart(4, '0')}`;
  return {
    id: `bench-${i}`,
    requestId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    at: new Date(start + i * 60_000).toISOString(),
    profileId: i % 5 === 0 ? 'live' : 'simulator',
    profileName: i % 5 === 0 ? 'Live' : 'Simulator',
    toNumber: to,
    contactId: i % 3 === 0 ? null : `contact-${i % 5000}`,
    contactName: i % 3 === 0 ? null : name,
    fromNumberId: 'n1',
    fromNumber: '+14155550000',
    caller: { kind: 'agent', id: `agent-${i % 4}`, name: `Agent ${i % 4}` },
    templateName: 'Reminder',
    outcome,
    status: outcome === 'ended' ? 'closed' : null,
    sessionId: `11111111-1111-4111-8111-${String(i).padStart(12, '0')}`,
    eligibleAt: null,
    queueExpiresAt: null,
    durationMs: outcome === 'ended' ? 61_000 : null,
    tracking: false,
    apiVersion: '1.90',
    templateId: 't1',
    body: {
      from_phone_number_id: 'n1',
      to_phone_number: to,
      agent_id: `agent-${i % 4}`,
      context_variables: { first_name: name.split(' ')[0], appointment_date: '2026-12-10', clinic: 'Northwind Central' },
      idempotency_key: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    },
    roomName: `outbound-${i}`,
    dispatchId: `AD_${i}`,
    agentName: `Agent ${i % 4}`,
    reason: null,
    summary: outcome === 'ended' ? 'The patient confirmed the appointment and asked for a reminder the day before.' : null,
    recordingUrl: null,
    endedAt: null,
    timeline: [
      { at: new Date(start + i * 60_000).toISOString(), status: 'placed', note: 'Feather answered HTTP 200' },
      { at: new Date(start + i * 60_000 + 3000).toISOString(), status: 'closed', note: null },
    ],
    transcript: [
      { role: 'assistant', content: 'Hello, this is Riley from Northwind Clinics.', at: new Date(start).toISOString() },
      { role: 'user', content: 'Hi, yes.', at: new Date(start).toISOString() },
    ],
  };
}

export async function benchHistory(opts: { quick: boolean }): Promise<PartResult> {
  const size = opts.quick ? 10_000 : 100_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'feather-bench-history-'));
  try {
    const start = Date.parse('2026-06-01T00:00:00Z');
    const now = () => new Date(start + size * 60_000);
    const prefs = () => ({ ...defaultHistoryPreferences(), retentionDays: 3650, maxEntries: 1_000_000 });
    // fill: one transaction, straight into the table
    {
      const contacts = createContactsService({ dir, defaultCountry: () => 'US', now });
      const db = contacts.database.db!;
      const table = historyTable(db);
      const t0 = performance.now();
      db.transaction(() => {
        for (let i = 0; i < size; i++) table.put({ ...entry(i, start), detail: null, valuesRedacted: false });
      })();
      console.error(`history bench: ${size} entries written in ${Math.round(performance.now() - t0)} ms`);
      await contacts.close();
    }
    const file = path.join(dir, 'contacts.db');
    const mb = statSync(file).size / 1e6;

    const filter = (f: HistoryFilterInput = {}) => HistoryFilterSchema.parse(f);
    // open → the first page on screen, as the app starts
    const t0 = performance.now();
    const contacts = createContactsService({ dir, defaultCountry: () => 'US', now });
    const history = createHistory({ database: contacts.database, preferences: prefs, now });
    const first = history.list(filter(), 0, 60);
    const openMs = performance.now() - t0;
    if (first.all !== size) throw new Error(`expected ${size} entries, found ${first.all}`);

    const b0 = performance.now();
    const bare = new Database(file, { readonly: true });
    bare.prepare('SELECT doc FROM calls ORDER BY at DESC LIMIT 60').pluck().all();
    const bareOpenMs = performance.now() - b0;

    // a filter keystroke: a page of 60 and the total, as the list asks
    const keystroke: number[] = [];
    for (const text of TYPED) {
      const k0 = performance.now();
      history.list(filter({ text }), 0, 60);
      keystroke.push(performance.now() - k0);
    }
    const outcomeFilter: number[] = [];
    for (const outcomes of [['ended'], ['not_answered', 'failed'], ['unknown']] as const) {
      const k0 = performance.now();
      history.list(filter({ outcomes: [...outcomes] }), 0, 60);
      outcomeFilter.push(performance.now() - k0);
    }
    // the naive way: every row in memory, scanned per keystroke
    const rows = (bare.prepare('SELECT doc FROM calls').pluck().all() as string[]).map(
      (d) => JSON.parse(d) as { contactName: string | null; toNumber: string },
    );
    const naive: number[] = [];
    for (const text of TYPED) {
      const k0 = performance.now();
      const t = text.toLowerCase();
      const digits = /^[\d\s+]+$/.test(text) ? text.replace(/\D/g, '') : '';
      rows.filter((r) => (digits ? r.toNumber.includes(digits) : (r.contactName ?? '').toLowerCase().includes(t))).slice(0, 60);
      naive.push(performance.now() - k0);
    }
    bare.close();

    // one append (a placed call): the main thread is held until it returns
    const append: number[] = [];
    for (let i = 0; i < 50; i++) {
      const a0 = performance.now();
      history.add({ ...entry(size + i, start), id: `append-${i}` });
      append.push(performance.now() - a0);
    }
    const raw = new Database(path.join(dir, 'baseline.db'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT NOT NULL)');
    const insert = raw.prepare('INSERT INTO t (doc) VALUES (?)');
    const bareAppend: number[] = [];
    for (let i = 0; i < 50; i++) {
      const a0 = performance.now();
      insert.run(JSON.stringify({ ...entry(size + i, start), detail: null }));
      bareAppend.push(performance.now() - a0);
    }
    raw.close();
    history.close();
    await contacts.close();
    const p95 = (v: number[]) => ms(pct(v, 95));
    return {
      part: 'history',
      on: `${size.toLocaleString('en')} call-history entries (${ms(mb)} MB)`,
      figures: [
        { what: 'open + first page', ours: ms(openMs), unit: 'ms', floor: ms(bareOpenMs), floorIs: 'bare open + SELECT 60' },
        {
          what: 'text filter keystroke p95',
          ours: p95(keystroke),
          unit: 'ms',
          floor: p95(naive),
          floorIs: 'scan of every row in memory, p95',
        },
        {
          what: 'outcome filter p95',
          ours: p95(outcomeFilter),
          unit: 'ms',
          floor: p95(naive),
          floorIs: 'scan of every row in memory, p95',
        },
        {
          what: 'one append (main thread) p95',
          ours: p95(append),
          unit: 'ms',
          floor: p95(bareAppend),
          floorIs: 'INSERT into an unindexed table, p95',
        },
      ],
      details: { entries: size, databaseMB: ms(mb), keystrokeP50Ms: ms(pct(keystroke, 50)), appendP50Ms: ms(pct(append, 50)) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

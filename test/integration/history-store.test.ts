import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createContactsService } from '../../electron/core/contacts/contacts-service';
import { CONTACTS_DB } from '../../electron/core/contacts/contacts-db';
import { createHistory } from '../../electron/core/history/history-service';
import { HistoryFilterSchema, type HistoryFilterInput } from '../../shared/history/history-contract';
import type { HistoryEntry, HistoryRow } from '../../shared/history/history-entry';
import { defaultHistoryPreferences, type HistoryPreferences } from '../../shared/preferences';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { entryOf, historyRow } from '../support/history-fixtures';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-history-'));
const clock = new Date('2026-12-01T12:00:00Z');
const now = () => clock;
const filter = (f: HistoryFilterInput = {}) => HistoryFilterSchema.parse(f);
let n = 0;

/** a new attempt, one second after the last, to +1 415 555 0100 as Ava */
function entry(overrides: Partial<HistoryEntry> = {}): Omit<HistoryEntry, 'detail' | 'valuesRedacted'> {
  n++;
  const row = historyRow(0, {
    id: `entry-${n}`,
    requestId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    at: new Date(clock.getTime() + n * 1000).toISOString(),
    toNumber: '+14155550100',
    fromNumberId: 'n1',
    fromNumber: '+14155550000',
    caller: { kind: 'agent', id: 'agent-ava', name: 'Ava' },
    outcome: 'in_progress',
    status: null,
    durationMs: null,
  });
  const {
    detail: _detail,
    valuesRedacted: _redacted,
    ...kept
  } = entryOf(row, {
    timeline: [],
    body: { from_phone_number_id: 'n1', to_phone_number: '+14155550100', context_variables: { first_name: 'Maria', plan: 'gold' } },
  });
  return { ...kept, ...overrides };
}

async function open(prefs: Partial<HistoryPreferences> = {}, busy = () => false) {
  const dir = await tmp();
  const contacts = createContactsService({ dir, defaultCountry: () => 'US', now });
  const changed: HistoryRow[] = [];
  const ended: HistoryEntry[] = [];
  const history = createHistory({
    database: { db: contacts.database.db, busy },
    preferences: () => ({ ...defaultHistoryPreferences(), ...prefs }),
    now,
    onChanged: (row) => changed.push(row),
    onEnded: (e) => ended.push(e),
  });
  return { dir, contacts, history, changed, ended };
}

describe('call history in contacts.db', () => {
  it('a database from before the history gets its calls table; its contacts stay', async () => {
    const dir = await tmp();
    const db = new Database(path.join(dir, CONTACTS_DB));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE contacts (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)');
    const old = createContactsService({ dir: await tmp(), defaultCountry: () => 'US', now });
    const ana = await old.create({
      ...emptyDraft(),
      displayName: 'Ana',
      phones: [{ label: 'mobile', raw: '+14155550100', doNotCall: false }],
    });
    db.prepare('INSERT INTO contacts (id, doc) VALUES (?, ?)').run(ana.id, JSON.stringify(ana));
    db.pragma('user_version = 1');
    db.close();

    const contacts = createContactsService({ dir, defaultCountry: () => 'US', now });
    expect(contacts.notices).toEqual([]);
    expect(contacts.get(ana.id).displayName).toBe('Ana');
    const history = createHistory({ database: contacts.database, preferences: defaultHistoryPreferences, now });
    history.add(entry({ contactId: ana.id, contactName: 'Ana' }));
    expect(history.list(filter(), 0, 10).rows.map((r) => r.contactName)).toEqual(['Ana']);
    const check = new Database(path.join(dir, CONTACTS_DB), { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(2);
    expect(check.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'calls'").pluck().all()).toEqual(
      expect.arrayContaining(['calls_scan', 'calls_outcome', 'calls_profile', 'calls_caller', 'calls_contact', 'calls_to']),
    );
    check.close();
  });

  it('lists newest first and filters by outcome, text (name or digits, with or without separators), dates, connection and caller', async () => {
    const { history } = await open();
    history.add(entry({ contactName: 'María José', toNumber: '+34911234567', outcome: 'ended' }));
    history.add(entry({ contactName: 'Bob', toNumber: '+14155550123', outcome: 'not_answered', profileId: 'live', profileName: 'Live' }));
    history.add(
      entry({
        toNumber: '+442079460958',
        outcome: 'not_placed',
        reason: 'Not called — do-not-call.',
        caller: { kind: 'team', id: 'team-1', name: 'Front desk' },
      }),
    );
    const all = history.list(filter(), 0, 10);
    expect(all.rows.map((r) => r.toNumber)).toEqual(['+442079460958', '+14155550123', '+34911234567']);
    expect(all).toMatchObject({ total: 3, all: 3 });
    const texts = (f: HistoryFilterInput) => history.list(filter(f), 0, 10).rows.map((r) => r.toNumber);
    expect(texts({ outcomes: ['ended', 'not_answered'] })).toEqual(['+14155550123', '+34911234567']);
    expect(texts({ text: 'maria' })).toEqual(['+34911234567']);
    expect(texts({ text: '(415) 555-0123' })).toEqual(['+14155550123']);
    expect(texts({ text: '020 7946' })).toEqual([]); // the national 0 is not part of the E.164
    expect(texts({ text: '20 7946 0958' })).toEqual(['+442079460958']);
    expect(texts({ profileId: 'live' })).toEqual(['+14155550123']);
    expect(texts({ callerId: 'team-1' })).toEqual(['+442079460958']);
    const second = all.rows[1]!.at;
    expect(texts({ from: second })).toEqual(['+442079460958', '+14155550123']);
    expect(texts({ to: second })).toEqual(['+34911234567']);
    expect(history.list(filter({ text: '%' }), 0, 10).total).toBe(0);
    expect(history.list(filter(), 1, 1).rows.map((r) => r.toNumber)).toEqual(['+14155550123']);
    expect(all.rows[2]!.detail).toBe('Ended');
    expect(history.get(all.rows[0]!.id)!.detail).toBe('Not called — do-not-call.');
  });

  it('announces every change, and an end once', async () => {
    const { history, changed, ended } = await open();
    const e = history.add(entry({ outcome: 'queued', status: 'queued' }));
    history.update(e.id, () => ({ outcome: 'in_progress', status: 'ringing' }));
    history.update(e.id, () => ({ outcome: 'ended', status: 'closed', summary: 'Booked.' }));
    history.update(e.id, () => ({ durationMs: 17_000 }));
    expect(changed.map((r) => r.outcome)).toEqual(['queued', 'in_progress', 'ended', 'ended']);
    expect(changed.map((r) => r.detail)).toEqual(['Waiting for the calling-hours window', 'Ringing', 'Booked.', 'Booked.']);
    expect(ended).toHaveLength(1);
  });

  it('keeps variable names but not their values when the preference says so', async () => {
    const { history } = await open({ keepVariableValues: false });
    const e = history.add(entry());
    expect(history.get(e.id)).toMatchObject({
      valuesRedacted: true,
      body: { to_phone_number: '+14155550100', context_variables: { first_name: null, plan: null } },
    });
  });

  it('exports the filtered list as CSV that reads back the same, with formula cells defused and numbers as they are', async () => {
    const { history } = await open();
    history.add(
      entry({ contactName: '=HYPERLINK("http://evil")', outcome: 'ended', summary: 'Said "yes", then, hung up', durationMs: 61_400 }),
    );
    history.add(entry({ contactName: 'Bob', outcome: 'not_placed', reason: 'Offline' }));
    const csv = history.exportCsv(filter({ outcomes: ['ended'] }));
    expect(csv.count).toBe(1);
    expect(csv.fileName).toMatch(/^feather-call-history-2026-12-01\.csv$/);
    const parsed = Papa.parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    expect(parsed.data).toHaveLength(1);
    expect(parsed.data[0]).toMatchObject({
      Outcome: 'Ended',
      Contact: `'=HYPERLINK("http://evil")`,
      To: '+14155550100',
      'Duration (s)': '61',
      Summary: 'Said "yes", then, hung up',
      Caller: 'Ava',
    });
  });

  it('removes entries past the retention (days, then the newest N)', async () => {
    const { history } = await open({ retentionDays: 30, maxEntries: 100 });
    const old = history.add(entry({ at: new Date(clock.getTime() - 31 * 86400_000).toISOString() }));
    for (let i = 0; i < 105; i++) history.add(entry());
    history.prune();
    expect(history.get(old.id)).toBeNull();
    expect(history.list(filter(), 0, 500).all).toBe(100);
  });

  it('waits while an import holds the database, and reads its own pending entries meanwhile', async () => {
    let busy = true;
    const { history, dir } = await open({}, () => busy);
    const e = history.add(entry());
    expect(history.get(e.id)).toMatchObject({ id: e.id });
    const peek = () => {
      const db = new Database(path.join(dir, CONTACTS_DB), { readonly: true });
      try {
        return db.prepare('SELECT count(*) FROM calls').pluck().get();
      } finally {
        db.close();
      }
    };
    expect(peek()).toBe(0);
    busy = false;
    await new Promise((r) => setTimeout(r, 400));
    expect(peek()).toBe(1);
  });

  it('closed in turn with the contacts, its waiting entry is saved; a change after closing is kept in memory only', async () => {
    let busy = true;
    const logged: string[] = [];
    const dir = await tmp();
    const contacts = createContactsService({ dir, defaultCountry: () => 'US', now });
    const history = createHistory({
      database: { db: contacts.database.db, busy: () => busy },
      preferences: () => defaultHistoryPreferences(),
      now,
      log: (line) => logged.push(line),
    });
    const e = history.add(entry()); // an import holds the database: it waits
    busy = false;
    await contacts.close(() => history.close()); // as the core closes: after the contacts' writes, before the database closes
    const db = new Database(path.join(dir, CONTACTS_DB), { readonly: true });
    expect(db.prepare('SELECT id FROM calls').pluck().all()).toEqual([e.id]);
    db.close();
    // an outcome that arrives while the app quits: no write into the closed database, no retries
    expect(history.update(e.id, () => ({ outcome: 'ended' }))).toBeNull(); // not in memory any more: nothing to change
    const late = history.add(entry()); // a new one (a call answered as the app quits)
    expect(history.get(late.id)).toMatchObject({ id: late.id });
    await new Promise((r) => setTimeout(r, 600));
    expect(logged).toEqual(['a call history entry changed after closing; not saved']);
  });

  it('knows the calls on their way to a number (per connection), recent numbers and each contact’s last call', async () => {
    const { history } = await open();
    history.add(entry({ toNumber: '+14155550100', outcome: 'ended', contactId: 'c1', contactName: 'Ana' }));
    const queued = history.add(entry({ toNumber: '+14155550100', outcome: 'queued', contactId: 'c1', contactName: 'Ana' }));
    history.add(entry({ toNumber: '+14155550199', outcome: 'not_placed' }));
    history.add(entry({ toNumber: '+14155550111', outcome: 'failed', contactId: 'c2', contactName: 'Bo' }));
    expect(history.underWayTo('+14155550100', 'simulator')?.id).toBe(queued.id);
    expect(history.underWayTo('+14155550100', 'live')).toBeNull();
    expect(history.underWayTo('+14155550100', 'simulator', queued.requestId)).toBeNull();
    expect(history.recentCalls(10).map((r) => r.e164)).toEqual(['+14155550111', '+14155550100']);
    expect(Object.fromEntries(history.lastByContact(['c1', 'c2', 'c3']))).toEqual({
      c1: { at: queued.at, outcome: 'queued' },
      c2: { at: expect.any(String), outcome: 'failed' },
    });
  });

  it('knows the recording links Feather gave (the window may open only those)', async () => {
    const { history } = await open();
    const e = history.add(entry({ outcome: 'ended' }));
    expect(history.isRecordingUrl('https://rec.example/1.mp3')).toBe(false);
    history.update(e.id, () => ({ recordingUrl: 'https://rec.example/1.mp3' }));
    expect(history.isRecordingUrl('https://rec.example/1.mp3')).toBe(true);
    expect(history.isRecordingUrl('https://rec.example/2.mp3')).toBe(false);
  });

  it('a read-only contacts database: the history lives in memory and says so', () => {
    const history = createHistory({ database: { db: null, busy: () => false }, preferences: defaultHistoryPreferences, now });
    expect(history.notices).toEqual([expect.stringMatching(/cannot be saved/)]);
    history.add(entry());
    expect(history.list(filter(), 0, 10).total).toBe(1);
  });
});

import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateContacts } from '../../bench/generate-contacts';
import * as thread from '../../electron/core/contacts/checkpoint-thread';
import { CONTACTS_DB, openContactsStore } from '../../electron/core/contacts/contacts-db';
import { createContactsService } from '../../electron/core/contacts/contacts-service';
import { readWatermark } from '../../electron/core/contacts/db-watermark';
import { SqliteStore } from '../../electron/core/contacts/sqlite-store';

/**
 * A big import's WAL is copied into the database file on a thread of its own (a PASSIVE checkpoint
 * through a second connection), not on main, where it held everything for 200–300 ms at 100k; where
 * the thread cannot run it, main does, as before.
 */
const failThread = { on: false };
/** while set, the thread's checkpoint waits for it before it starts */
const holdThread: { until: Promise<void> | null } = { until: null };
vi.mock('../../electron/core/contacts/checkpoint-thread', async (importOriginal) => {
  const real = await importOriginal<typeof thread>();
  return {
    ...real,
    checkpointOnThread: vi.fn(async (file: string) => {
      if (failThread.on) throw new Error('the addon does not load in threads (test)');
      await holdThread.until;
      return real.checkpointOnThread(file);
    }),
  };
});

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-checkpoint-thread-'));
const now = () => new Date('2026-12-07T10:00:00Z');
const sizeOf = (file: string) => fs.statSync(file).size;
const onThread = () => vi.mocked(thread.checkpointOnThread);
type Store = ReturnType<typeof openContactsStore>['store'];

/** an import's commit of `count` contacts in one transaction, as import-jobs.ts writes it */
function importContacts(store: Store, count: number, seed = 7) {
  const bulk = store.begin();
  const contacts = generateContacts(count, seed);
  for (let i = 0; i < contacts.length; i += 1000)
    bulk.put(contacts.slice(i, i + 1000).map((c) => ({ id: `${seed}-${c.id}`, doc: JSON.stringify({ ...c, id: `${seed}-${c.id}` }) })));
  bulk.commit();
}

function countIn(file: string) {
  const other = new Database(file, { readonly: true });
  try {
    return other.prepare('SELECT count(*) FROM contacts').pluck().get();
  } finally {
    other.close();
  }
}

/** a store whose quiet-time checkpoint comes 20 ms after a write, main's checkpoints counted, and the file's size before anything */
async function openStore() {
  const dir = await tmp();
  const opened = openContactsStore(dir, now, { checkpointQuietMs: 20 });
  const file = path.join(dir, CONTACTS_DB);
  return { opened, file, onMain: vi.spyOn(SqliteStore.prototype, 'checkpoint'), before: sizeOf(file) };
}

/** every contact is in the file, and the next small edit checkpoints on main again (as SQLite does by itself), not on a thread */
async function allCopiedThenMainAgain(store: Store, file: string, onMain: { mock: { calls: unknown[] } }, threadCalls: number) {
  expect(countIn(file)).toBe(6000);
  store.write([{ ...generateContacts(1, 8)[0]!, id: 'after-import' }], []);
  await vi.waitFor(() => expect(onMain.mock.calls).toHaveLength(1), { timeout: 5000 });
  expect(onThread()).toHaveBeenCalledTimes(threadCalls);
}

afterEach(() => {
  failThread.on = false;
  holdThread.until = null;
  vi.restoreAllMocks();
  onThread().mockClear();
});

describe('the quiet-time checkpoint of a big import', () => {
  it('runs on its own thread: the database file holds the import, main never checkpointed it', async () => {
    const { opened, file, onMain, before } = await openStore();
    importContacts(opened.store, 6000);
    expect(sizeOf(file)).toBe(before); // committed into the WAL only
    await vi.waitFor(() => expect(onThread()).toHaveBeenCalled(), { timeout: 5000 });
    await opened.store.whenIdle();
    expect(onMain).not.toHaveBeenCalled();
    expect(sizeOf(file)).toBeGreaterThan(before + 1_000_000); // the pages are in the file now
    await allCopiedThenMainAgain(opened.store, file, onMain, 1);
    opened.docs.close();
    opened.store.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false); // a clean close: the last connection removed the WAL
  });

  it('a big import committed while the thread runs gets a checkpoint of its own, on the thread too', async () => {
    const { opened, file, onMain } = await openStore();
    let release!: () => void;
    holdThread.until = new Promise((resolve) => (release = resolve));
    importContacts(opened.store, 6000);
    await vi.waitFor(() => expect(onThread()).toHaveBeenCalledTimes(1), { timeout: 5000 });
    importContacts(opened.store, 6000, 12); // committed while the first checkpoint is on its way
    holdThread.until = null;
    release();
    await vi.waitFor(() => expect(onThread()).toHaveBeenCalledTimes(2), { timeout: 5000 });
    await opened.store.whenIdle();
    expect(onMain).not.toHaveBeenCalled();
    expect(countIn(file)).toBe(12_000);
    opened.docs.close();
    opened.store.close();
  });

  it('a checkpoint a reader kept from finishing is tried again on the thread, not left for main', async () => {
    const { opened, file, onMain } = await openStore();
    // another connection in the middle of a read: a passive checkpoint cannot copy what came after its snapshot
    const reader = new Database(file, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM contacts').pluck().get();
    importContacts(opened.store, 6000);
    await vi.waitFor(() => expect(onThread()).toHaveBeenCalledTimes(1), { timeout: 5000 });
    await opened.store.whenIdle();
    reader.exec('COMMIT');
    reader.close();
    await vi.waitFor(() => expect(onThread()).toHaveBeenCalledTimes(2), { timeout: 5000 });
    await opened.store.whenIdle();
    expect(onMain).not.toHaveBeenCalled();
    await allCopiedThenMainAgain(opened.store, file, onMain, 2);
    opened.docs.close();
    opened.store.close();
  });

  it('falls back to main when the thread cannot run it, and does not ask the thread again', async () => {
    failThread.on = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { opened, file, onMain, before } = await openStore();
    importContacts(opened.store, 6000);
    await vi.waitFor(() => expect(onMain).toHaveBeenCalledTimes(1), { timeout: 5000 });
    expect(sizeOf(file)).toBeGreaterThan(before + 1_000_000);
    expect(warn.mock.calls.flat().join(' ')).toMatch(
      /checkpoint thread: the addon does not load in threads \(test\); checkpoints run on the main thread from now on/,
    );
    // the next big import: main checkpoints it, without trying the thread or warning again
    importContacts(opened.store, 6000, 11);
    await vi.waitFor(() => expect(onMain).toHaveBeenCalledTimes(2), { timeout: 5000 });
    expect(onThread()).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledTimes(1);
    opened.docs.close();
    opened.store.close();
  });

  it("the service's close waits for a running checkpoint, and the file is recorded as closed cleanly", async () => {
    const dir = await tmp();
    const file = path.join(dir, CONTACTS_DB);
    const svc = createContactsService({ dir, defaultCountry: () => 'US', now, checkpointQuietMs: 20 });
    await svc.ready;
    let release!: () => void;
    holdThread.until = new Promise((resolve) => (release = resolve));
    const rows = Array.from({ length: 6000 }, (_, i) => `Person ${i},+44 7911 1${String(i).padStart(5, '0')}`);
    const { jobId } = svc.imports.start({ fileName: 'big.csv', text: ['Name,Phone', ...rows].join('\n') });
    expect((await svc.imports.settle(jobId)).phase).toBe('ready');
    svc.imports.commit(jobId);
    expect((await svc.imports.settle(jobId)).phase).toBe('done');
    await vi.waitFor(() => expect(onThread()).toHaveBeenCalled(), { timeout: 5000 });
    let closed = false;
    const closing = svc.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false); // the checkpoint is still on its way
    release();
    await closing;
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    // main's connection closed last: the next start finds the file as it was left and skips its check
    expect(readWatermark(dir)?.closed).toBeTruthy();
    expect(countIn(file)).toBe(6000);
  });
});

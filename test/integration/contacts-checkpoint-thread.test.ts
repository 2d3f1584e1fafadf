import Database from 'better-sqlite3';
import { mkdtemp } from 'node:fs/promises';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateContacts } from '../../bench/generate-contacts';
import * as thread from '../../electron/core/contacts/checkpoint-thread';
import { CONTACTS_DB, openContactsStore } from '../../electron/core/contacts/contacts-db';
import { SqliteStore } from '../../electron/core/contacts/sqlite-store';
import { readWatermark } from '../../electron/core/contacts/db-watermark';
import { emptyDraft } from '../../shared/contacts/contact-helpers';

/**
 * A big import's WAL is copied into the database file on a thread of its own (a PASSIVE checkpoint
 * through a second connection), not on main, where it held everything for 200–300 ms at 100k; where
 * the thread cannot run it, main does, as before.
 */
const failThread = { on: false };
vi.mock('../../electron/core/contacts/checkpoint-thread', async (importOriginal) => {
  const real = await importOriginal<typeof thread>();
  return {
    ...real,
    checkpointOnThread: vi.fn((file: string) =>
      failThread.on ? Promise.reject(new Error('the addon does not load in threads (test)')) : real.checkpointOnThread(file),
    ),
  };
});

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-checkpoint-thread-'));
const now = () => new Date('2026-12-07T10:00:00Z');
const sizeOf = (file: string) => fs.statSync(file).size;

/** an import's commit of `count` contacts in one transaction, as import-jobs.ts writes it */
function importContacts(store: ReturnType<typeof openContactsStore>['store'], count: number) {
  const bulk = store.begin();
  const contacts = generateContacts(count, 7);
  for (let i = 0; i < contacts.length; i += 1000) bulk.put(contacts.slice(i, i + 1000).map((c) => ({ id: c.id, doc: JSON.stringify(c) })));
  bulk.commit();
}

async function quietCheckpointDone(store: ReturnType<typeof openContactsStore>['store']) {
  await vi.waitFor(() => expect(vi.mocked(thread.checkpointOnThread)).toHaveBeenCalled(), { timeout: 5000 });
  await store.whenIdle();
}

afterEach(() => {
  failThread.on = false;
  vi.restoreAllMocks();
  vi.mocked(thread.checkpointOnThread).mockClear();
});

describe('the quiet-time checkpoint of a big import', () => {
  it('runs on its own thread: the database file holds the import, the WAL is copied, main never checkpointed', async () => {
    const dir = await tmp();
    const opened = openContactsStore(dir, now, { checkpointQuietMs: 20 });
    const file = path.join(dir, CONTACTS_DB);
    const onMain = vi.spyOn(SqliteStore.prototype, 'checkpoint');
    const before = sizeOf(file);
    importContacts(opened.store, 6000);
    expect(sizeOf(file)).toBe(before); // committed into the WAL only
    await quietCheckpointDone(opened.store);
    expect(onMain).not.toHaveBeenCalled();
    expect(sizeOf(file)).toBeGreaterThan(before + 1_000_000); // the pages are in the file now
    // another connection finds nothing left to copy, and every contact there
    const other = new Database(file, { readonly: true });
    expect(other.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(6000);
    other.close();
    // the next small edits checkpoint on main again, as SQLite does by itself
    opened.store.write([{ ...generateContacts(1, 8)[0]!, id: 'after-import' }], []);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(onMain).toHaveBeenCalledTimes(1);
    opened.docs.close();
    opened.store.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false); // a clean close: the last connection removed the WAL
  });

  it('falls back to main when the thread cannot run it', async () => {
    failThread.on = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const dir = await tmp();
    const opened = openContactsStore(dir, now, { checkpointQuietMs: 20 });
    const file = path.join(dir, CONTACTS_DB);
    const onMain = vi.spyOn(SqliteStore.prototype, 'checkpoint');
    const before = sizeOf(file);
    importContacts(opened.store, 6000);
    await quietCheckpointDone(opened.store);
    expect(onMain).toHaveBeenCalledTimes(1);
    expect(sizeOf(file)).toBeGreaterThan(before + 1_000_000);
    expect(warn.mock.calls.flat().join(' ')).toMatch(
      /checkpoint thread: the addon does not load in threads \(test\); checkpointing on the main thread/,
    );
    opened.docs.close();
    opened.store.close();
  });

  it('a close as the thread starts (close waits for a running one) leaves the file closed cleanly', async () => {
    const { createContactsService } = await import('../../electron/core/contacts/contacts-service');
    const dir = await tmp();
    const file = path.join(dir, CONTACTS_DB);
    const svc = createContactsService({ dir, defaultCountry: () => 'US', now, checkpointQuietMs: 1 });
    await svc.ready;
    const store = openContactsStore(dir, now, { checkpointQuietMs: 600_000 }); // a second writer stands in for the import's commit
    importContacts(store.store, 12_000);
    store.docs.close();
    store.store.close();
    // the service's own edit arms its quiet-time checkpoint; the WAL is big: it goes to the thread
    expect(sizeOf(`${file}-wal`)).toBeGreaterThan(4 * 1024 * 1024);
    await svc.create({ ...emptyDraft(), firstName: 'Ada' });
    await vi.waitFor(() => expect(vi.mocked(thread.checkpointOnThread)).toHaveBeenCalled(), { timeout: 5000 });
    await svc.close(); // at once: the thread has just started
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    // main's connection closed last (after the thread's): the file is recorded as closed cleanly, so the next start skips its check
    expect(readWatermark(dir)?.closed).toBeTruthy();
  });
});

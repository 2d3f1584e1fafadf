import Database from 'better-sqlite3';
import { mkdtemp, readdir, readFile, writeFile, mkdir, stat } from 'node:fs/promises';
import fs, { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createContactsService, type ContactsService } from '../../electron/core/contacts/contacts-service';
import { CONTACTS_DB, CONTACTS_DB_VERSION } from '../../electron/core/contacts/contacts-db';
import type { ContactDraft } from '../../shared/contacts/contact';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { legacyContact } from '../support/contacts-fixtures';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-contacts-sqlite-'));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/contacts/${name}`, import.meta.url), 'utf8');
/** the service once its start-up load is done (what the window shows once `contacts:changed` says so) */
async function open(dir: string) {
  const svc = createContactsService({ dir, defaultCountry: () => 'US', now: () => new Date('2026-11-26T10:00:00Z') });
  await svc.ready;
  return svc;
}
const draft = (patch: Partial<ContactDraft>): ContactDraft => ({ ...emptyDraft(), ...patch });
const q = (query = '', extra = {}) => ({ query, sort: 'name' as const, favoritesOnly: false, tags: [], offset: 0, limit: 100, ...extra });
const names = (svc: ContactsService) => svc.query(q('', { limit: 500 })).rows.map((r) => r.name);

/** A second connection, as another process would have: to look at the file or break it on purpose. */
function raw(dir: string) {
  return new Database(path.join(dir, CONTACTS_DB));
}
/** Makes every write to the contacts table fail inside SQLite, the way a full disk would. */
function failWrites(dir: string, message = 'disk full (test)') {
  const db = raw(dir);
  for (const event of ['INSERT', 'UPDATE', 'DELETE'])
    db.exec(`CREATE TRIGGER fail_${event.toLowerCase()} BEFORE ${event} ON contacts BEGIN SELECT RAISE(ABORT, '${message}'); END`);
  db.close();
}
function healWrites(dir: string) {
  const db = raw(dir);
  for (const event of ['insert', 'update', 'delete']) db.exec(`DROP TRIGGER fail_${event}`);
  db.close();
}

describe('contacts in SQLite', () => {
  it('uses WAL and records its schema version; a resolved create is committed', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    await svc.create(draft({ displayName: 'Ana' }));
    const db = raw(dir);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(CONTACTS_DB_VERSION);
    expect(db.prepare('SELECT count(*) FROM contacts').pluck().get()).toBe(1); // committed before create() resolved
    db.close();
    expect(svc.notices).toEqual([]);
  });

  it('acknowledges an edit only after the WAL is fsynced, off the main thread', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    const ana = await svc.create(draft({ displayName: 'Ana' }));
    const pending: Array<() => void> = [];
    const spy = vi.spyOn(fs, 'fdatasync').mockImplementation(((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      pending.push(() => callback(null));
    }) as typeof fs.fdatasync);
    try {
      let settled = false;
      const favourite = svc.setFavorite(ana.id, true).finally(() => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 30));
      expect(settled).toBe(false); // committed and in memory, but the disk has not confirmed it yet
      expect(svc.get(ana.id).favorite).toBe(true);
      expect(pending).toHaveLength(1);
      pending.shift()!();
      await favourite;
      expect(settled).toBe(true);

      spy.mockImplementation(((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
        callback(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
      }) as typeof fs.fdatasync);
      await expect(svc.setFavorite(ana.id, false)).rejects.toMatchObject({
        appError: { code: 'internal', message: expect.stringMatching(/saved but the disk did not confirm it \(EIO/) },
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('a failed write rejects, and memory (map, index, numbers) stays as it was', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    const ana = await svc.create(draft({ displayName: 'Ana Ruiz', phones: [{ label: 'work', raw: '415 555 0132', doNotCall: false }] }));
    const bob = await svc.create(draft({ displayName: 'Bob Stone' }));
    failWrites(dir);

    await expect(svc.setFavorite(ana.id, true)).rejects.toMatchObject({
      appError: { code: 'internal', message: expect.stringMatching(/could not be saved \(disk full \(test\)\)/) },
    });
    expect(svc.get(ana.id).favorite).toBe(false);
    expect(svc.query(q('', { favoritesOnly: true })).total).toBe(0);

    await expect(
      svc.update(ana.id, draft({ displayName: 'Renamed', phones: [{ label: 'work', raw: '415 555 0199', doNotCall: false }] })),
    ).rejects.toMatchObject({ appError: { code: 'internal' } });
    expect(svc.query(q('renamed')).total).toBe(0);
    expect(svc.lookupNumber('+14155550132')).toMatchObject({ contactId: ana.id });
    expect(svc.lookupNumber('+14155550199')).toBeNull();

    await expect(svc.create(draft({ displayName: 'Carl' }))).rejects.toMatchObject({ appError: { code: 'internal' } });
    await expect(svc.remove([bob.id])).rejects.toMatchObject({ appError: { code: 'internal' } });
    await expect(svc.merge(ana.id, [bob.id])).rejects.toMatchObject({ appError: { code: 'internal' } });
    await expect(svc.markCalled(ana.id)).rejects.toMatchObject({ appError: { code: 'internal' } });
    expect(names(svc)).toEqual(['Ana Ruiz', 'Bob Stone']);
    expect(svc.get(ana.id)).toEqual(ana);

    healWrites(dir);
    await svc.setFavorite(ana.id, true); // the queue is not stuck after a failure
    expect(svc.query(q('', { favoritesOnly: true })).rows.map((r) => r.name)).toEqual(['Ana Ruiz']);
    expect(names(await open(dir))).toEqual(['Ana Ruiz', 'Bob Stone']);
  });

  it('an undo that failed to save can be tried again', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    const c = await svc.create(draft({ displayName: 'Undo me' }));
    const { undoToken } = await svc.remove([c.id]);
    failWrites(dir);
    await expect(svc.undoRemove(undoToken)).rejects.toMatchObject({ appError: { code: 'internal' } });
    expect(svc.size()).toBe(0);
    healWrites(dir);
    await svc.undoRemove(undoToken);
    expect(names(await open(dir))).toEqual(['Undo me']);
  });

  it('an import commit is one transaction: a failure imports nothing and says so', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    await svc.create(draft({ displayName: 'Already here' }));
    const { jobId } = svc.imports.start({ fileName: 'google.csv', text: fixture('google.csv') });
    expect((await svc.imports.settle(jobId)).phase).toBe('ready');
    failWrites(dir);
    svc.imports.commit(jobId);
    const status = await svc.imports.settle(jobId);
    expect(status).toMatchObject({
      phase: 'failed',
      error: expect.stringMatching(/import could not be saved \(disk full \(test\)\); nothing was imported/),
    });
    expect(names(svc)).toEqual(['Already here']);
    healWrites(dir);
    expect(names(await open(dir))).toEqual(['Already here']);
  });

  it('cancelling during the commit rolls the whole import back', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    const rows = ['First Name,Last Name,Phone 1 - Label,Phone 1 - Value'];
    for (let i = 0; i < 5000; i++) rows.push(`Person,N${i},mobile,+1 415 555 ${String(i).padStart(4, '0')}`);
    const { jobId } = svc.imports.start({ fileName: 'big.csv', text: rows.join('\n') });
    expect((await svc.imports.settle(jobId)).phase).toBe('ready');
    svc.imports.commit(jobId);
    await new Promise((resolve) => setImmediate(resolve)); // the first slice is in the open transaction
    expect(svc.imports.cancel(jobId).phase).toBe('cancelled');
    await svc.flush();
    expect(svc.size()).toBe(0);
    expect((await open(dir)).size()).toBe(0);
  });

  it('an edit made during an import commit waits for it, and both are kept', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    const ana = await svc.create(draft({ displayName: 'Ana' }));
    const { jobId } = svc.imports.start({ fileName: 'google.csv', text: fixture('google.csv') });
    await svc.imports.settle(jobId);
    svc.imports.commit(jobId);
    const favourite = svc.setFavorite(ana.id, true);
    expect((await svc.imports.settle(jobId)).phase).toBe('done');
    await favourite;
    const again = await open(dir);
    expect(again.get(ana.id).favorite).toBe(true);
    expect(again.size()).toBe(svc.size());
  });

  it('sets aside a file that is not a database, and the app still opens', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, CONTACTS_DB), 'this is not a database, it is a text file that happens to be long enough'.repeat(20));
    const svc = await open(dir);
    expect(svc.notices).toEqual([
      expect.stringMatching(
        /contacts database could not be read \(file is not a database\)\. It is kept at .*contacts\.corrupt-2026-11-26T10-00-00-000Z\.db; a new, empty one was started/,
      ),
    ]);
    expect(svc.readOnly()).toBeNull();
    await svc.create(draft({ displayName: 'Fresh start' }));
    expect(names(await open(dir))).toEqual(['Fresh start']);
    expect(await readFile(path.join(dir, 'contacts.corrupt-2026-11-26T10-00-00-000Z.db'), 'utf8')).toMatch(/^this is not a database/);
  });

  it('sets aside a damaged database (pages overwritten)', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    for (let i = 0; i < 300; i++) await svc.create(draft({ displayName: `Person ${i}`, notes: 'x'.repeat(500) }));
    await svc.close();
    const file = path.join(dir, CONTACTS_DB);
    const bytes = await readFile(file);
    expect(bytes.length).toBeGreaterThan(16 * 4096);
    bytes.fill(0xa5, 4096 * 2, 4096 * 12); // interior b-tree pages of the contacts table
    await writeFile(file, bytes);
    const reopened = await open(dir);
    expect(reopened.notices[0]).toMatch(/could not be read .* It is kept at .*contacts\.corrupt-/);
    expect(reopened.size()).toBe(0);
    expect(reopened.readOnly()).toBeNull();
    expect((await readdir(dir)).filter((f) => f.startsWith('contacts.corrupt-'))).toContain('contacts.corrupt-2026-11-26T10-00-00-000Z.db');
  });

  it('a clean close records the file; a start that finds it changed checks it again and sets damage aside', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    for (let i = 0; i < 300; i++) await svc.create(draft({ displayName: `Person ${i}`, notes: 'x'.repeat(500) }));
    await svc.close();
    const count = () => JSON.parse(readFileSync(path.join(dir, 'contacts.count'), 'utf8')) as { closed?: unknown };
    expect(count().closed).toMatchObject({ size: (await stat(path.join(dir, CONTACTS_DB))).size });
    // opened and closed again untouched: everything is there, and the file is recorded again
    const again = await open(dir);
    expect(again.size()).toBe(300);
    expect(again.notices).toEqual([]);
    await again.create(draft({ displayName: 'One more' }));
    expect(count().closed).toBeUndefined(); // a change after the start: no longer as a clean close left it
    await again.close();
    expect(count().closed).toBeDefined();
    // another program puts a damaged copy of the same size in its place while the app is closed
    const file = path.join(dir, CONTACTS_DB);
    const bytes = await readFile(file);
    bytes.fill(0xa5, 4096 * 2, 4096 * 12);
    await writeFile(`${file}.tmp`, bytes);
    fs.renameSync(`${file}.tmp`, file);
    const reopened = await open(dir);
    expect(reopened.notices[0]).toMatch(/could not be read .* It is kept at .*contacts\.corrupt-/);
    expect(reopened.size()).toBe(0);
    expect(reopened.readOnly()).toBeNull();
  });

  it('damage that keeps the clean-close record (bit rot) is not recorded again: the next start checks and sets it aside', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    for (let i = 0; i < 300; i++) await svc.create(draft({ displayName: `Person ${i}`, notes: 'x'.repeat(500) }));
    await svc.close();
    const file = path.join(dir, CONTACTS_DB);
    const countFile = path.join(dir, 'contacts.count');
    const bytes = await readFile(file);
    bytes.fill(0xa5, 4096 * 2, 4096 * 12);
    await writeFile(file, bytes);
    // the record still matches the damaged file, as after damage that changes no size, inode or time
    const count = JSON.parse(readFileSync(countFile, 'utf8')) as { closed: { size: number; ino: number; ctimeMs: number } };
    const now = fs.statSync(file);
    writeFileSync(countFile, JSON.stringify({ ...count, closed: { size: now.size, ino: now.ino, ctimeMs: now.ctimeMs } }));
    // the open skips the check; the load finds the damage: shown read-only, nothing changed
    const first = await open(dir);
    expect(first.readOnly()).toMatch(/could not be read/);
    await first.close();
    expect(JSON.parse(readFileSync(countFile, 'utf8'))).not.toHaveProperty('closed');
    // so the next start checks the file, sets it aside and starts afresh, as for any damage
    const second = await open(dir);
    expect(second.notices.join(' ')).toMatch(/could not be read .* It is kept at .*contacts\.corrupt-/);
    expect(second.readOnly()).toBeNull();
  });

  it('a crash leaves no clean-close record: the next start checks the file and sets damage aside', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    for (let i = 0; i < 300; i++) await svc.create(draft({ displayName: `Person ${i}`, notes: 'x'.repeat(500) }));
    await svc.flush(); // checkpointed, still open: what a killed process leaves, minus the WAL
    const crashed = await tmp();
    fs.copyFileSync(path.join(dir, CONTACTS_DB), path.join(crashed, CONTACTS_DB));
    fs.copyFileSync(path.join(dir, 'contacts.count'), path.join(crashed, 'contacts.count'));
    await svc.close();
    expect(JSON.parse(readFileSync(path.join(crashed, 'contacts.count'), 'utf8'))).not.toHaveProperty('closed');
    const file = path.join(crashed, CONTACTS_DB);
    const bytes = await readFile(file);
    bytes.fill(0xa5, 4096 * 2, 4096 * 12);
    await writeFile(file, bytes);
    const reopened = await open(crashed);
    expect(reopened.notices[0]).toMatch(/could not be read .* It is kept at .*contacts\.corrupt-/);
    expect(reopened.size()).toBe(0);
  });

  it('sets aside a SQLite database of another kind', async () => {
    const dir = await tmp();
    const other = raw(dir);
    other.exec('CREATE TABLE songs (title TEXT)');
    other.close();
    const svc = await open(dir);
    expect(svc.notices[0]).toMatch(/could not be read \(the file is a database of another kind\)/);
    await svc.create(draft({ displayName: 'Mine' }));
    expect(names(await open(dir))).toEqual(['Mine']);
  });

  it('leaves a newer app’s database untouched and shows it read-only', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    const ana = await svc.create(draft({ displayName: 'Ana' }));
    await svc.close();
    const db = raw(dir);
    db.pragma(`user_version = ${CONTACTS_DB_VERSION + 1}`);
    db.close();
    const file = path.join(dir, CONTACTS_DB);
    const before = { bytes: await readFile(file), mtime: (await stat(file)).mtimeMs };

    const newer = await open(dir);
    expect(newer.notices).toEqual([
      expect.stringContaining(
        `saved by a newer version of Feather Launcher (database version ${CONTACTS_DB_VERSION + 1}; this app knows ${CONTACTS_DB_VERSION}). Update the app`,
      ),
    ]);
    expect(newer.readOnly()).toMatch(/Update the app/);
    expect(names(newer)).toEqual(['Ana']);
    await expect(newer.setFavorite(ana.id, true)).rejects.toMatchObject({ appError: { message: expect.stringMatching(/Update the app/) } });
    expect(newer.get(ana.id).favorite).toBe(false);
    const { jobId } = newer.imports.start({ fileName: 'google.csv', text: fixture('google.csv') });
    await newer.imports.settle(jobId);
    newer.imports.commit(jobId);
    expect(await newer.imports.settle(jobId)).toMatchObject({ phase: 'failed', error: expect.stringMatching(/Update the app/) });
    await newer.flush();
    expect(await readFile(file)).toEqual(before.bytes);
    expect((await stat(file)).mtimeMs).toBe(before.mtime);
    expect((await readdir(dir)).filter((f) => f.includes('corrupt'))).toEqual([]);
  });

  it('never throws at start: a database that cannot be opened leaves the store read-only', async () => {
    const dir = await tmp();
    await mkdir(path.join(dir, CONTACTS_DB)); // a folder where the database should be
    const svc = await open(dir);
    expect(svc.notices).toEqual([expect.stringMatching(/Contacts cannot be saved: the contacts database could not be opened/)]);
    await expect(svc.create(draft({ displayName: 'Nope' }))).rejects.toMatchObject({
      appError: { code: 'internal', message: expect.stringMatching(/cannot be saved/) },
    });
    expect(svc.size()).toBe(0);
  });

  it('sets aside rows it cannot read, and keeps the rest', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    await svc.create(draft({ displayName: 'Good' }));
    await svc.close();
    const db = raw(dir);
    db.prepare('INSERT INTO contacts (id, doc) VALUES (?, ?)').run('bad', '{"id":"bad","displayName":42}');
    db.close();
    const reopened = await open(dir);
    expect(reopened.notices).toEqual([expect.stringMatching(/1 contact could not be read and was set aside in .*contacts\.rejected-/)]);
    expect(names(reopened)).toEqual(['Good']);
    expect((await open(dir)).notices).toEqual([]); // reported once
  });

  it('recovers the edit the old journal lost after a torn line, and removes old temp files', async () => {
    const dir = await tmp();
    const first = legacyContact('a', 'Ana');
    const lost = { ...legacyContact('b', 'Bea'), favorite: true };
    // The old bug: a crash tore the last line; the next saved edit was appended right after it.
    const journal = `${JSON.stringify({ op: 'put', contact: first })}\n{"op":"put","contact":{"id":"x","displ${JSON.stringify({ op: 'put', contact: lost })}\n`;
    await writeFile(path.join(dir, 'contacts.journal-0.jsonl'), journal);
    await writeFile(path.join(dir, 'contacts.json.4242.tmp'), '{"schemaVersion":1,"generation":1,"contacts":[{"id"');
    await writeFile(path.join(dir, 'contacts.json.tmp-99'), 'partial');
    const svc = await open(dir);
    expect(names(svc)).toEqual(['Ana', 'Bea']);
    expect(svc.get('b').favorite).toBe(true);
    expect(svc.notices).toEqual([
      '1 change written right after an interrupted save was recovered.',
      'Your 2 contacts were moved to the new contacts database. The old files are kept as a backup: contacts.journal-0.jsonl.migrated-2026-11-26T10-00-00-000Z.',
    ]);
    const files = await readdir(dir);
    expect(files.filter((f) => f.includes('.tmp'))).toEqual([]);
    expect(files).toContain('contacts.journal-0.jsonl.migrated-2026-11-26T10-00-00-000Z');
  });

  it('a crash between the move and the renaming imports the same data again, harmlessly', async () => {
    const dir = await tmp();
    const snapshot = JSON.stringify({ schemaVersion: 1, generation: 0, contacts: [legacyContact('a', 'Ana'), legacyContact('b', 'Bea')] });
    await writeFile(path.join(dir, 'contacts.json'), snapshot);
    expect(names(await open(dir))).toEqual(['Ana', 'Bea']);
    await writeFile(path.join(dir, 'contacts.json'), snapshot); // as if the app had died before renaming it
    const again = await open(dir);
    expect(names(again)).toEqual(['Ana', 'Bea']); // upserts by id: nothing doubled
    expect((await readdir(dir)).filter((f) => f.startsWith('contacts.json'))).toEqual(['contacts.json.migrated-2026-11-26T10-00-00-000Z']);
  });

  it('leaves a newer app’s old-format snapshot untouched', async () => {
    const dir = await tmp();
    const text = JSON.stringify({ schemaVersion: 2, generation: 0, contacts: [] });
    await writeFile(path.join(dir, 'contacts.json'), text);
    const svc = await open(dir);
    expect(svc.notices[0]).toMatch(/written by a newer Feather Launcher \(schema 2\); it was left untouched/);
    expect(await readFile(path.join(dir, 'contacts.json'), 'utf8')).toBe(text);
  });
});

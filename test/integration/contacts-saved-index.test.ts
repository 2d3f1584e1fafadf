import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateContacts } from '../../bench/generate-contacts';
import { createContactsService, type ContactsService } from '../../electron/core/contacts/contacts-service';
import { readWatermark, stampOfFile, writeWatermarkSync, type FileStamp } from '../../electron/core/contacts/db-watermark';
import { SAVED_INDEX_FILE } from '../../electron/core/contacts/saved-index/index-file';
import type { ContactDraft } from '../../shared/contacts/contact';
import { emptyDraft } from '../../shared/contacts/contact-helpers';

/**
 * A clean close saves the contacts' search index and number map; the next start restores them
 * instead of reading every row — but only for the database exactly as that close left it. What the
 * user sees (the list, a search, whose number it is, the tags) is the same either way, and after any
 * other start (a crash, another program's change, a damaged copy) every row is read again.
 */
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-saved-index-'));
const q = (query = '', extra = {}) => ({ query, sort: 'name' as const, favoritesOnly: false, tags: [], offset: 0, limit: 100, ...extra });
const draft = (patch: Partial<ContactDraft>): ContactDraft => ({ ...emptyDraft(), ...patch });
const savedIn = (dir: string) => path.join(dir, SAVED_INDEX_FILE);

async function open(dir: string, savedIndexMin = 1) {
  const svc = createContactsService({ dir, defaultCountry: () => 'US', now: () => new Date('2026-11-26T10:00:00Z'), savedIndexMin });
  await svc.ready;
  return svc;
}

/** what a user can see of the address book */
function seen(svc: ContactsService) {
  const searches = ['', 'a', 'ma', 'smith', '415', '+44 20', 'acme', 'vip', '王'].map((query) => svc.query(q(query)));
  const favourites = svc.query(q('', { favoritesOnly: true, sort: 'recent' }));
  const numbers = svc
    .query(q('', { limit: 400 }))
    .rows.flatMap((r) => (r.primaryPhone?.e164 ? [svc.lookupNumber(r.primaryPhone.e164)] : []));
  return { searches, favourites, numbers, tags: svc.tags(), size: svc.size() };
}

/** a start and its close: where the index came from (checked), who a search finds, how many contacts there are */
async function startAndClose(dir: string, from: 'saved' | 'rows', search?: string) {
  const svc = await open(dir);
  expect(svc.loadedFrom()).toBe(from);
  const found = search === undefined ? [] : svc.query(q(search)).rows.map((r) => r.id);
  const size = svc.size();
  await svc.close();
  return { found, size };
}

/** a book written through the service (the one-time move from the old format), closed cleanly */
async function seeded(count: number) {
  const dir = await tmp();
  await writeFile(path.join(dir, 'contacts.json'), JSON.stringify({ schemaVersion: 1, generation: 0, contacts: generateContacts(count) }));
  await (await open(dir)).close();
  return dir;
}

/** the same book read the long way (every row), for comparison: a start that keeps no copy */
async function readTheLongWay(dir: string) {
  const svc = await open(dir, Infinity);
  expect(svc.loadedFrom()).toBe('rows');
  const what = seen(svc);
  await svc.close();
  return what;
}

type Header = { build: string; key: { closed: FileStamp } };
/** the saved copy's header changed by `edit` (its pieces as they are) */
async function editHeader(dir: string, edit: (header: Header) => void) {
  const bytes = await readFile(savedIn(dir));
  const length = bytes.readUInt32BE(bytes.length - 4);
  const header = JSON.parse(bytes.subarray(bytes.length - 4 - length, bytes.length - 4).toString('utf8')) as Header;
  edit(header);
  const text = Buffer.from(JSON.stringify(header));
  const size = Buffer.alloc(4);
  size.writeUInt32BE(text.length);
  await writeFile(savedIn(dir), Buffer.concat([bytes.subarray(0, bytes.length - 4 - length), text, size]));
}

afterEach(() => vi.restoreAllMocks());

describe('the saved index', () => {
  it('a clean close saves it; the next start restores it and shows the same list, searches, numbers and tags', async () => {
    const dir = await seeded(1500);
    expect(existsSync(savedIn(dir))).toBe(true);
    const svc = await open(dir);
    expect(svc.loadedFrom()).toBe('saved');
    const restored = seen(svc);
    await svc.close();
    expect(restored.size).toBe(1500);
    expect(restored).toEqual(await readTheLongWay(dir));
  });

  it('changes made after a restore are in the next one: added, edited, favourite, removed', async () => {
    const dir = await seeded(800);
    const svc = await open(dir);
    expect(svc.loadedFrom()).toBe('saved');
    const first = svc.query(q()).rows[0]!;
    const added = await svc.create(
      draft({
        displayName: 'Aaron Aardvark',
        tags: ['Brand New'],
        phones: [{ label: 'mobile', raw: '+44 20 7946 0001', doNotCall: false }],
      }),
    );
    await svc.setFavorite(first.id, !first.favorite);
    const gone = svc.query(q('', { offset: 5 })).rows[0]!;
    await svc.remove([gone.id]);
    const before = seen(svc);
    await svc.close();

    const again = await open(dir);
    expect(again.loadedFrom()).toBe('saved');
    const after = seen(again);
    expect(after).toEqual(before);
    expect(again.query(q('aardvark')).rows.map((r) => r.id)).toEqual([added.id]);
    expect(again.lookupNumber('+442079460001')).toMatchObject({ contactId: added.id });
    expect(again.query(q()).rows.map((r) => r.id)).not.toContain(gone.id);
    expect(again.tags()).toContainEqual({ tag: 'Brand New', count: 1 });
    await again.close();
    expect(after).toEqual(await readTheLongWay(dir));
  });

  it('after another program changed the database, or after a crash, every row is read again', async () => {
    const dir = await seeded(300);
    // another program adds a contact while the app is closed (later than the close: the file's change time moves on)
    await new Promise((resolve) => setTimeout(resolve, 20));
    const db = new Database(path.join(dir, 'contacts.db'));
    const [someone] = generateContacts(1, 99_999);
    db.prepare('INSERT INTO contacts (id, doc) VALUES (?, ?)').run(
      'outside',
      JSON.stringify({ ...someone, id: 'outside', displayName: 'Zelda Outside' }),
    );
    db.close();
    expect((await startAndClose(dir, 'rows', 'zelda outside')).found).toEqual(['outside']);
    await startAndClose(dir, 'saved');

    // another program changes a contact in place and the file looks untouched (a change time as coarse as the
    // file system's): the contacts table's change count still tells
    const renamer = new Database(path.join(dir, 'contacts.db'));
    const doc = renamer.prepare("SELECT doc FROM contacts WHERE id = 'outside'").pluck().get() as string;
    renamer
      .prepare("UPDATE contacts SET doc = ? WHERE id = 'outside'")
      .run(JSON.stringify({ ...JSON.parse(doc), displayName: 'Zelda Renamed' }));
    renamer.close();
    const looksUntouched = stampOfFile(path.join(dir, 'contacts.db'))!;
    writeWatermarkSync(dir, { ...readWatermark(dir)!, closed: looksUntouched });
    await editHeader(dir, (header) => (header.key.closed = looksUntouched)); // as if the file had not changed
    expect((await startAndClose(dir, 'rows', 'zelda renamed')).found).toEqual(['outside']);

    // the close saved it again; a crash (no clean-close record) does not use it
    await startAndClose(dir, 'saved');
    const mark = readWatermark(dir)!;
    writeWatermarkSync(dir, { generation: mark.generation, contacts: mark.contacts });
    expect((await startAndClose(dir, 'rows')).size).toBe(301);
  });

  it('a copy saved by another build (an update that indexes or lists contacts differently) is not used', async () => {
    const dir = await seeded(300);
    await editHeader(dir, (header) => (header.build = `${header.build}-older`));
    let svc = await open(dir);
    expect(svc.loadedFrom()).toBe('rows');
    await svc.close();
    svc = await open(dir); // saved again by this build
    expect(svc.loadedFrom()).toBe('saved');
    await svc.close();
  });

  it('a damaged copy is not used: the rows are read, the log says why, and the close saves a good one', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dir = await seeded(300);
    const bytes = await readFile(savedIn(dir));
    bytes[100]! ^= 0xff;
    await writeFile(savedIn(dir), bytes);
    let svc = await open(dir);
    expect(svc.loadedFrom()).toBe('rows');
    expect(svc.size()).toBe(300);
    expect(warn.mock.calls.map((c) => c.join(' ')).join('\n')).toMatch(/saved contacts index is not used.*damaged/);
    await svc.close();
    svc = await open(dir);
    expect(svc.loadedFrom()).toBe('saved');
    await svc.close();
  });

  it('a database from before the change count opens even while another program holds its lock; the count is added at a later start', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dir = await seeded(300);
    const file = path.join(dir, 'contacts.db');
    const old = new Database(file); // as an older build left it: no change count, no triggers
    for (const change of ['insert', 'update', 'delete']) old.exec(`DROP TRIGGER contacts_touched_on_${change}`);
    old.exec('ALTER TABLE contacts_meta DROP COLUMN touched');
    old.close();
    const holder = new Database(file);
    holder.exec('BEGIN IMMEDIATE'); // another program in the middle of a write
    let svc = await open(dir);
    expect(svc.readOnly()).toBeNull();
    expect(svc.loadedFrom()).toBe('rows');
    expect(svc.size()).toBe(300);
    expect(warn.mock.calls.map((c) => c.join(' ')).join('\n')).toMatch(/change count not added/);
    holder.exec('ROLLBACK');
    holder.close();
    await svc.close();
    expect(existsSync(savedIn(dir))).toBe(false); // no count, no copy

    svc = await open(dir); // the lock is free: the count is added; the close saves the index
    await svc.close();
    svc = await open(dir);
    expect(svc.loadedFrom()).toBe('saved');
    await svc.close();
  });

  it('a quit during the start leaves the copy for the next start', async () => {
    const dir = await seeded(3000);
    const svc = createContactsService({ dir, defaultCountry: () => 'US', savedIndexMin: 1 });
    await svc.close(); // at once, while the copy is being read
    expect(existsSync(savedIn(dir))).toBe(true);
    const next = await open(dir);
    expect(next.loadedFrom()).toBe('saved');
    expect(next.size()).toBe(3000);
    await next.close();
  });

  it('is not saved when another connection wrote to the database meanwhile, nor for a small address book', async () => {
    const dir = await seeded(200);
    const svc = await open(dir);
    // another program renames a contact while the app runs (the app's index does not know)
    const other = new Database(path.join(dir, 'contacts.db'));
    const [id, doc] = other.prepare('SELECT id, doc FROM contacts WHERE rowid = 1').raw().get() as [string, string];
    other
      .prepare('UPDATE contacts SET doc = ? WHERE id = ?')
      .run(JSON.stringify({ ...JSON.parse(doc), displayName: 'Renamed Elsewhere' }), id);
    other.close();
    await svc.close();
    expect(existsSync(savedIn(dir))).toBe(false);
    const next = await open(dir);
    expect(next.loadedFrom()).toBe('rows');
    expect(next.query(q('renamed elsewhere')).rows.map((r) => r.id)).toEqual([id]);
    await next.close();
    expect(existsSync(savedIn(dir))).toBe(true);

    const small = await open(dir, 1000); // 200 contacts: read in a few ms, no copy kept
    expect(small.loadedFrom()).toBe('rows');
    await small.close();
    expect(existsSync(savedIn(dir))).toBe(false);
  });
});

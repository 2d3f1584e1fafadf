import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateContacts } from '../../bench/generate-contacts';
import { NumberBook } from '../../electron/core/contacts/contact-numbers';
import { toIndexed } from '../../electron/core/contacts/contacts-service';
import { inSlices, restoreIndex, saveIndex, SAVED_INDEX_FILE, type Parts } from '../../electron/core/contacts/saved-index/index-file';
import { ContactIndex, type IndexedFields, type IndexState, type SearchOptions } from '../../electron/core/contacts/search-index';

/**
 * The index a clean close saves (saved-index/index-file.ts) must come back as the same index: every
 * query answered the same (first 60, totals), every row the same, every number the same contacts —
 * and it must go on changing as the original does. A copy that is damaged, cut short, or another
 * database's is never used.
 */
const NOW = Date.parse('2026-11-20T12:00:00Z');
const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-saved-index-'));
const BUILD = '2:123456';
const KEY = { generation: 7, touched: 9100, closed: { size: 1234, ino: 42, ctimeMs: 1700000000000.5 } };

const QUERIES = [
  ...'abcmsz'.split(''),
  ...['an', 'jo', 'ma', 'maría garcía', 'garcia maria', 'smiht', 'jonhson', 'anna smith'],
  ...['415 555', '212-555', '(646) 2', '+49 3', '0207', '+44 (0) 20', "o'brien", 'jean-luc'],
  ...['王', '小明', '田中', '김', 'acme', 'northwind health', 'vip', 'patients', 'maria 555', ''],
];
const PREFIXES = [...new Set(QUERIES.flatMap((q) => Array.from({ length: Math.max(1, q.length) }, (_, i) => q.slice(0, i + 1))))];
const OPTIONS: SearchOptions[] = [{ sort: 'name' }, { sort: 'recent' }, { sort: 'frequent', favoritesOnly: true }, { tags: ['vip'] }];

type Row = { id: string; name: string; n: number };
const withRow = (c: IndexedFields, n = 0) => ({ ...c, row: { id: c.id, name: c.name, n } });

function expectSame(restored: ContactIndex<Row>, original: ContactIndex<Row>, ids: string[]) {
  const differences: string[] = [];
  for (const q of PREFIXES)
    for (const options of OPTIONS) {
      const want = original.find(q, options, 60);
      const got = restored.find(q, options, 60);
      if (got.total !== want.total || got.ids.join() !== want.ids.join())
        differences.push(`${JSON.stringify(q)} ${JSON.stringify(options)}`);
    }
  for (const id of ids) if (JSON.stringify(restored.row(id)) !== JSON.stringify(original.row(id))) differences.push(`row ${id}`);
  expect(differences.slice(0, 10)).toEqual([]);
  expect(restored.size).toBe(original.size);
}

async function saveAndRestore(dir: string, parts: Parts): Promise<Parts> {
  await saveIndex(dir, KEY, BUILD, parts);
  const restored = await restoreIndex(dir, KEY, BUILD);
  expect(restored).not.toBeNull();
  return restored!;
}

afterEach(() => vi.restoreAllMocks());

describe('the saved index', () => {
  const people = generateContacts(6000);
  const contacts = people.map(toIndexed);

  it(
    'comes back answering every query, row and number as the index it was saved from, and changes as it does',
    { timeout: 60_000 },
    async () => {
      const original = new ContactIndex<Row>(() => NOW);
      const book = new NumberBook();
      for (let i = 0; i < contacts.length; i += 1500) original.upsertMany(contacts.slice(i, i + 1500).map((c) => withRow(c)));
      for (const c of people) book.set(c, true);
      // removed contacts whose entries wait for a clean-up, and one-at-a-time edits
      for (const c of people.slice(100, 400)) {
        original.remove(c.id);
        book.set(c, false);
      }
      for (const c of contacts.slice(500, 520))
        original.upsert(withRow({ ...c, favorite: true, callCount: 9, lastCalledAt: '2026-11-19T08:00:00.000Z' }, 1));

      const dir = await tmp();
      const parts = await saveAndRestore(dir, {
        ...original.state(),
        numbers: book.state((id) => original.slotOf(id)),
      });
      const { numbers, ...indexParts } = parts;
      const restored = (await inSlices(ContactIndex.restore<Row>(indexParts as IndexState, () => NOW)))!;
      const restoredBook = (await inSlices(NumberBook.restore(numbers!, (slot) => restored.idAt(slot))))!;
      const ids = contacts.map((c) => c.id);
      expectSame(restored, original, ids);
      const twins = contacts.slice(4000, 4040).map((c, i) => ({ ...c, id: i % 2 ? `zz-twin-${i}` : `0-twin-${i}` }));
      for (const c of contacts) for (const p of c.phones) if (p.e164) expect(restoredBook.ids(p.e164)).toEqual(book.ids(p.e164));

      // the same changes to both: renamed, removed (enough for a clean-up of removed entries), put back, new
      const edits: Array<(ix: ContactIndex<Row>) => void> = [
        (ix) => ix.upsertMany(contacts.slice(0, 300).map((c, i) => withRow({ ...c, name: `Zed ${c.lastName}`, firstName: 'Zed' }, i))),
        (ix) => contacts.slice(1000, 3500).forEach((c) => ix.remove(c.id)),
        (ix) => ix.upsertMany(contacts.slice(1200, 1400).map((c) => withRow({ ...c, tags: ['VIP'] }, 2))),
        (ix) => ix.upsert(withRow({ ...contacts[0]!, id: 'new-one', name: 'Aaron Aardvark', firstName: 'Aaron', lastName: 'Aardvark' }, 3)),
        // namesakes of restored contacts: the same name is ordered by id, before and after theirs
        (ix) => ix.upsertMany(twins.map((c) => withRow(c, 4))),
      ];
      for (const edit of edits) {
        edit(original);
        edit(restored);
      }
      const all = [...ids, 'new-one', ...twins.map((c) => c.id)];
      expectSame(restored, original, all);
      expect(original.search(twins[0]!.name.toLowerCase()).slice(0, 2)).toEqual([twins[0]!.id, contacts[4000]!.id]);
      // saved again from the restored index (rows it never parsed are saved as they came): the same once more
      const again = await saveAndRestore(dir, restored.state());
      expectSame((await inSlices(ContactIndex.restore<Row>(again as IndexState, () => NOW)))!, original, all);
    },
  );

  it('saved again after a restore in which only a few rows were shown, it still holds every row', async () => {
    const index = new ContactIndex<Row>(() => NOW);
    index.upsertMany(contacts.slice(0, 3000).map((c, i) => withRow(c, i)));
    const dir = await tmp();
    const first = (await inSlices(ContactIndex.restore<Row>((await saveAndRestore(dir, index.state())) as IndexState, () => NOW)))!;
    first.find('a', {}, 10).ids.forEach((id) => first.row(id)); // a page of the list shown: those rows parsed
    const second = (await inSlices(ContactIndex.restore<Row>((await saveAndRestore(dir, first.state())) as IndexState, () => NOW)))!;
    expectSame(
      second,
      index,
      contacts.slice(0, 3000).map((c) => c.id),
    );
  });

  it('is not used when it is damaged, cut short or another database’s; a damaged one is removed and the log says why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dir = await tmp();
    const index = new ContactIndex<Row>(() => NOW);
    index.upsertMany(contacts.slice(0, 500).map((c) => withRow(c)));
    await saveIndex(dir, KEY, BUILD, index.state());
    const file = path.join(dir, SAVED_INDEX_FILE);
    const good = await readFile(file);

    // another generation, another file: ignored, and kept (the close replaces it)
    expect(await restoreIndex(dir, { ...KEY, generation: 8 }, BUILD)).toBeNull();
    expect(await restoreIndex(dir, { ...KEY, touched: 9101 }, BUILD)).toBeNull();
    expect(await restoreIndex(dir, KEY, '2:654321')).toBeNull(); // another build's
    expect(await restoreIndex(dir, { ...KEY, closed: { ...KEY.closed, ctimeMs: KEY.closed.ctimeMs + 1 } }, BUILD)).toBeNull();
    expect(existsSync(file)).toBe(true);
    expect(warn).not.toHaveBeenCalled();

    const damaged = Buffer.from(good);
    damaged[Math.floor(good.length / 3)]! ^= 0x20; // one bit inside a piece
    for (const [bytes, why] of [
      [damaged, /damaged/],
      [good.subarray(0, good.length - 10), /cut short|not one this build reads|not as long/],
      [good.subarray(0, 3), /cut short/],
    ] as const) {
      await writeFile(file, bytes);
      warn.mockClear();
      expect(await restoreIndex(dir, KEY, BUILD)).toBeNull();
      expect(warn.mock.calls[0]?.join(' ')).toMatch(why);
      expect(existsSync(file)).toBe(false);
    }
  });

  it('does not fit an index whose parts have other fields (another build’s): restoring it throws', async () => {
    const index = new ContactIndex<Row>(() => NOW);
    index.upsertMany(contacts.slice(0, 50).map((c) => withRow(c)));
    const parts = await saveAndRestore(await tmp(), index.state());
    const extra = { ...parts, slots: { ...parts.slots, somethingNew: 1 } } as unknown as IndexState;
    await expect(inSlices(ContactIndex.restore<Row>(extra))).rejects.toThrow(/does not fit this build/);
    const retyped = { ...parts, names: { ...parts.names, order: new Int32Array(3) } } as unknown as IndexState;
    await expect(inSlices(ContactIndex.restore<Row>(retyped))).rejects.toThrow(/order is a Int32Array, not a Array/);
  });
});

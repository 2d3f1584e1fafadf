import { describe, expect, it } from 'vitest';
import { generateContacts } from '../../bench/generate-contacts';
import { toIndexed } from '../../electron/core/contacts/contacts-service';
import { ContactIndex, TIER, type IndexedFields, type SearchOptions } from '../../electron/core/contacts/search-index';
import { ContactIndex as ReferenceIndex, TIER as REFERENCE_TIER } from '../support/search-index-reference';

/**
 * The search index was rewritten for speed at 100k contacts; what a user sees must not change. On a
 * generated 20k address book, every prefix of many queries (as they are typed) gets the same first 60
 * contacts in the same order and the same total from the new index as from the frozen copy of the old
 * one (test/support/search-index-reference.ts) — under every sort and filter, and again after edits,
 * favourites, calls and deletions.
 */
const NOW = Date.parse('2026-11-20T12:00:00Z'); // some generated calls are within the last 14 days, most are not

const TYPED = [
  ...'abcdefghijklmnopqrstuvwxyz'.split(''),
  ...['an', 'jo', 'ma', 'sa', 'ch', 'li', 'mu', 'ki', 'le', 'st', 'em', 'no', 'ol', 'ba', 'wa', 'yu', 'gr', 'fi', 'za', 'ø'],
  ...['maría garcía', 'garcia maria', 'anna smith', 'smith anna', 'zoe muller', 'müller zoë', 'tom baker', 'baker tom'],
  ...['olivia rossi', 'rossi olivia', 'emma nguyen', 'samantha lee', 'lee sam', 'ann annable', 'søren kierkegaard'],
  ...['smiht', 'kowalsky', 'bregman', 'garica', 'mulller', 'jonhson', 'fischr', 'tanak', 'oliva', 'anan'],
  ...['415 555', '4155550', '212-555', '(646) 2', '917.3', '5550', '7185553', '555 01', '12125', '44207', '30 1'],
  ...['+49 3', '+49 30 1', '0207', '020 7', '+1 (212) 555', '0044 20', '00 1', '+44 (0) 20', '001 212'],
  ...["o'brien", 'o’brien', 'obrien', 'jean-luc', 'anne-marie', 'o-b', "d'a"],
  ...['王', '小明', '田中', '김', '서연', '陈静', '佐藤 健', '由紀 田中', '李伟', '明', '紀 田', '연', '中'],
  ...['acme', 'northwind health', 'stark ind', 'müller & söhne', 'clinica', 'norrebro', 'wayne ent'],
  ...['vip', 'patients', 'leads', 'suppliers', 'renewals'],
  ...['maria 555', 'anna 212', 'smith +44', '415 garcia', 'kim 0207', 'lee acme vip'],
  // a selective part first, then words (with typos) and numbers checked on its few matches (the Quills below)
  ...['quill anna', 'quill 303 777', 'quill 0303', '3037770 anna', '2125 smiht olivia', 'søren kierkegaard 212'],
  ...[' ', '  a', '+', '-', '()', ' . ', '1', '12', "'"],
  ...['john', 'dr who', 'who', 'lena', 'bäcker', 'backer', 'σοφ', 'σοφιας', 'παπα', '王小', 'front desk', "d'angelo", 'dangelo', '0199'],
];
const prefixes = [...new Set(TYPED.flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1))))];

const OPTIONS: SearchOptions[] = [
  { sort: 'name' },
  { sort: 'recent' },
  { sort: 'frequent' },
  { sort: 'name', favoritesOnly: true },
  { sort: 'recent', tags: ['Patients'] },
  { sort: 'frequent', favoritesOnly: true, tags: ['vip'] },
];

function both(build: (index: { upsertMany(list: IndexedFields[]): void }) => void) {
  const reference = new ReferenceIndex(() => NOW);
  const index = new ContactIndex(() => NOW);
  build(reference);
  build(index);
  return { reference, index };
}

/** Every prefix under every option, the first 60 ids and the total; a few whole lists too. */
function expectSameRanking(reference: ReferenceIndex, index: ContactIndex, queries: string[]) {
  const differences: string[] = [];
  for (const q of queries) {
    for (const options of OPTIONS) {
      const want = reference.find(q, options, 60);
      const got = index.find(q, options, 60);
      if (got.total !== want.total || got.ids.join() !== want.ids.join())
        differences.push(`${JSON.stringify(q)} ${JSON.stringify(options)}: total ${got.total} (want ${want.total})`);
    }
  }
  for (const q of ['a', 'm', 's', 'ann', '555', '王', 'vip', '']) {
    if (index.search(q).join() !== reference.search(q).join()) differences.push(`${JSON.stringify(q)}: the whole list differs`);
  }
  expect(differences.slice(0, 20)).toEqual([]);
  expect(index.size).toBe(reference.size);
}

describe('search ranking is unchanged (top 60 and totals against the previous index, 20k contacts)', () => {
  // the generated book, and a few people whose rare surname and shared number make a very selective first part
  const quills = Array.from({ length: 36 }, (_, i): IndexedFields => {
    const firstName = ['Ann', 'Ana', 'Anna', 'Annika'][i % 4]!;
    const phones: IndexedFields['phones'] = [
      { e164: `+1303777${String(i).padStart(4, '0')}`, raw: `(303) 777-${String(i).padStart(4, '0')}` },
    ];
    // "0303" inside this one, "303" at the start of the first: the form as typed decides the tier
    if (i % 3 === 0) phones.push({ e164: null, raw: '7777 0303' });
    return { ...toIndexed(generateContacts(1, i)[0]!), id: `quill-${i}`, name: `${firstName} Quill`, firstName, lastName: 'Quill', phones };
  });
  // display names that do not hold the first and last name, other scripts, a name made of digits
  const named = (id: string, name: string, firstName: string, lastName: string, company = ''): IndexedFields => ({
    ...toIndexed(generateContacts(1, id.length)[0]!),
    id,
    name,
    firstName,
    lastName,
    company,
  });
  const odd = [
    named('dr', 'Dr. Who', 'John', 'Smith'),
    named('anna-lena', 'ANNA-LENA Quill', 'Anna-Lena', 'Quill'),
    named('baker', 'Zoë the Baker', 'ZOË', 'Bäcker'),
    named('sofia', 'Σοφία Παπαδοπούλου', 'ΣΟΦΊΑΣ', 'Papadopoulou'),
    named('wang', '王小明', '小明', '王'),
    named('akemi', '明美 中村', '明美', '中村'), // starts with what other CJK names hold inside
    named('desk', 'Acme Front Desk', '', '', 'Acme Corp'),
    named('digits', '(415) 555-0199', '', ''),
    named('dangelo', "D'Angelo O'Brien", "D'Angelo", "O'BRIEN"),
  ];
  const contacts = [...generateContacts(20_000).map(toIndexed), ...quills, ...odd];

  it('keeps the same match tiers', () => {
    expect(TIER).toEqual(REFERENCE_TIER);
  });

  // two indexes, ~500 prefixes × 6 options each: seconds, more on a loaded machine
  it('ranks and counts every prefix of names, typos, numbers, CJK, companies and tags the same', { timeout: 60_000 }, () => {
    // the new index built in start-up chunks, the reference in one go
    const { reference, index } = both((ix) =>
      (ix instanceof ContactIndex ? chunks(contacts, 3_000) : [contacts]).forEach((c) => ix.upsertMany(c)),
    );
    expectSameRanking(reference, index, prefixes);
  });

  it('still agrees after edits, favourites, calls, deletions and contacts added one at a time', { timeout: 60_000 }, () => {
    const { reference, index } = both((ix) => ix.upsertMany(contacts));
    const edits: Array<(ix: ReferenceIndex | ContactIndex) => void> = [];
    // renamed (a new first name moves them in name order), new numbers, a new company word
    const renamed = contacts.slice(0, 400).map((c, i) => ({
      ...c,
      name: `${i % 2 ? 'Annika' : 'Zed'} ${c.lastName}`,
      firstName: i % 2 ? 'Annika' : 'Zed',
      phones: [{ e164: `+4930${String(1_000_000 + i)}`, raw: `030 ${1_000_000 + i}` }],
      company: i % 3 ? c.company : 'Brand New Co',
    }));
    edits.push((ix) => ix.upsertMany(renamed));
    // favourites and calls, one at a time as the app makes them
    for (const c of contacts.slice(1000, 1150)) edits.push((ix) => ix.upsert({ ...c, favorite: !c.favorite }));
    for (const c of contacts.slice(2000, 2150))
      edits.push((ix) => ix.upsert({ ...c, lastCalledAt: '2026-11-19T08:00:00.000Z', callCount: c.callCount + 5 }));
    // many deletions (enough for any clean-up of removed entries to run), then some put back
    for (const c of contacts.slice(5000, 12_000)) edits.push((ix) => ix.remove(c.id));
    for (const c of contacts.slice(6000, 6300)) edits.push((ix) => ix.upsert(c));
    edits.push((ix) => ix.upsertMany(contacts.slice(7000, 9000).map((c) => ({ ...c, tags: ['VIP', 'Leads'] }))));
    edits.push((ix) => ix.remove('no such id'));
    for (const edit of edits) {
      edit(reference);
      edit(index);
    }
    expectSameRanking(reference, index, prefixes);
  });
});

function chunks<T>(list: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

import { describe, expect, it } from 'vitest';
import { ContactIndex, planQuery, withinOneEdit, type IndexedFields } from '../../electron/core/contacts/search-index';
import { fold } from '../../shared/contacts/fold';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const person = (id: string, name: string, extra: Partial<IndexedFields> = {}): IndexedFields => {
  const [firstName = '', ...rest] = name.split(' ');
  return {
    id,
    name,
    firstName,
    lastName: rest.join(' '),
    company: '',
    tags: [],
    phones: [],
    favorite: false,
    lastCalledAt: null,
    callCount: 0,
    ...extra,
  };
};

function index(list: IndexedFields[]) {
  const ix = new ContactIndex(() => NOW);
  for (const c of list) ix.upsert(c);
  return ix;
}

describe('fold', () => {
  it('ignores accents and case, and folds letters NFD cannot split', () => {
    expect(fold('Zoë MÜLLER')).toBe('zoe muller');
    expect(fold('Łukasz Straße Øre')).toBe('lukasz strasse ore');
  });
});

describe('contact search', () => {
  const ix = index([
    person('ann', 'Ann Lee'),
    person('anna', 'Anna Smith'),
    person('joanne', 'Bob Annable'),
    person('zoe', 'Zoë Müller', { company: 'Müller & Söhne', tags: ['Suppliers'] }),
    person('maria', 'María García', { phones: [{ e164: '+14155550132', raw: '(415) 555-0132' }] }),
    person('london', 'Priya Patel', { phones: [{ e164: '+442079460958', raw: '020 7946 0958' }] }),
    person('ny', 'Tom Baker', { phones: [{ e164: '+12125550100', raw: '212-555-0100 ext. 42' }], company: 'Baker Plumbing' }),
    person('cjk', '王小明', { firstName: '王', lastName: '小明' }),
  ]);

  it('ranks exact word, then name prefix, then word start', () => {
    expect(ix.search('ann')).toEqual(['ann', 'anna', 'joanne']);
  });

  it('is accent- and case-insensitive in both directions', () => {
    expect(ix.search('muller')).toEqual(['zoe']);
    expect(ix.search('MÜLLER')).toEqual(['zoe']);
    expect(ix.search('garcia maria')).toEqual(['maria']); // any word order
  });

  it('searches company and tags, ranking a name match above a company match', () => {
    expect(ix.search('plumb')).toEqual(['ny']);
    expect(ix.search('supplier')).toEqual(['zoe']);
    const b = index([person('co', 'Dana Tanaka', { company: 'Müller & Söhne', favorite: true }), person('nm', 'Anna Müller')]);
    expect(b.search('muller')).toEqual(['nm', 'co']);
  });

  it('finds one typo after better matches', () => {
    expect(ix.search('smiht')).toEqual(['anna']); // swapped letters
    expect(ix.search('mulller')).toEqual(['zoe']); // one letter too many
    expect(ix.search('bakr')).toEqual(['ny']);
  });

  it('finds digits of any number in any format', () => {
    expect(ix.search('5550132')).toEqual(['maria']);
    expect(ix.search('+44 20 79')).toEqual(['london']);
    expect(ix.search('0044 2079')).toEqual(['london']);
    expect(ix.search('020 7946')).toEqual(['london']);
    expect(ix.search('(212) 555')).toEqual(['ny']);
    expect(ix.search('415-555-01')).toEqual(['maria']);
    expect(ix.search('999')).toEqual([]);
  });

  it('combines a name and a number', () => {
    expect(ix.search('maria 555')).toEqual(['maria']);
    expect(ix.search('tom 555 0132')).toEqual([]);
  });

  it('finds CJK names by any part', () => {
    expect(ix.search('小明')).toEqual(['cjk']);
    expect(ix.search('王小明')).toEqual(['cjk']);
  });

  it('boosts favourites and recently called within a tier, never above a better tier', () => {
    const b = index([
      person('a', 'Sam Alpha'),
      person('b', 'Sam Beta', { favorite: true }),
      person('c', 'Sam Gamma', { lastCalledAt: '2026-11-25T09:00:00Z' }),
      person('d', 'Samantha Delta', { favorite: true, lastCalledAt: '2026-11-25T09:00:00Z', callCount: 9 }),
    ]);
    expect(b.search('sam')).toEqual(['b', 'c', 'a', 'd']);
  });

  it('sorts by name, recent and frequent when there is no query, with filters', () => {
    const b = index([
      person('z', 'Zed', { callCount: 3, lastCalledAt: '2026-11-01T00:00:00Z' }),
      person('a', 'Al', { favorite: true, tags: ['VIP'] }),
      person('m', 'Mo', { callCount: 8, lastCalledAt: '2026-10-01T00:00:00Z', tags: ['vip'] }),
    ]);
    expect(b.search('')).toEqual(['a', 'm', 'z']);
    expect(b.search('', { sort: 'recent' })).toEqual(['z', 'm', 'a']);
    expect(b.search('', { sort: 'frequent' })).toEqual(['m', 'z', 'a']);
    expect(b.search('', { favoritesOnly: true })).toEqual(['a']);
    expect(b.search('', { tags: ['VIP'] })).toEqual(['a', 'm']);
  });

  it('updates incrementally: edits and removals are seen at once', () => {
    const b = index([person('x', 'Old Name', { phones: [{ e164: '+14155550100', raw: '' }] })]);
    b.upsert(person('x', 'New Name', { phones: [{ e164: '+14155550199', raw: '' }] }));
    expect(b.search('old')).toEqual([]);
    expect(b.search('new')).toEqual(['x']);
    expect(b.search('5550100')).toEqual([]);
    expect(b.search('5550199')).toEqual(['x']);
    b.remove('x');
    expect(b.search('new')).toEqual([]);
    expect(b.size).toBe(0);
  });
});

describe('query planning and edit distance', () => {
  it('reads a phone-like query as one number', () => {
    expect(planQuery('+44 20 79')).toEqual([{ kind: 'digits', text: '442079' }]);
    expect(planQuery('maria 555')).toEqual([
      { kind: 'text', text: 'maria' },
      { kind: 'digits', text: '555' },
    ]);
  });
  it('counts one insert, delete, substitution or swap', () => {
    expect(withinOneEdit('smith', 'smiht')).toBe(true);
    expect(withinOneEdit('smith', 'smth')).toBe(true);
    expect(withinOneEdit('smith', 'smyth')).toBe(true);
    expect(withinOneEdit('smith', 'smithe')).toBe(true);
    expect(withinOneEdit('smith', 'smyht')).toBe(false);
  });
});

describe('contacts added in many slices (the start-up load)', () => {
  it('lists and finds them exactly as when they are added at once', () => {
    // 12k names from a few parts, so many share a name and the id decides; slices of 700 are put in name order as they come
    const firsts = ['Ana', 'Bo', 'Émile', 'zoë', 'Chen', 'Dmitri', 'Ólafur', 'ann', 'Anna-Lena', 'Bob'];
    const lasts = ['Smith', 'Ng', 'Ødegaard', "O'Neil", 'Li', 'smith', 'Van Dyke', 'Łukasz', 'Abe'];
    const list = Array.from({ length: 12_000 }, (_, i) =>
      person(`id-${(i * 7919) % 12_000}`, `${firsts[i % 10]} ${lasts[(i * 31) % 9]}${i % 13 === 0 ? ` ${i}` : ''}`),
    );
    const once = new ContactIndex(() => NOW);
    once.upsertMany(list);
    const sliced = new ContactIndex(() => NOW);
    for (let i = 0; i < list.length; i += 700) sliced.upsertMany(list.slice(i, i + 700));
    expect(sliced.search('')).toEqual(once.search(''));
    for (const q of ['a', 'an', 'smith', 'emile o', 'zoe', '13']) expect(sliced.find(q, {}, 60)).toEqual(once.find(q, {}, 60));
    // removals and re-adds between slices keep the order whole
    for (let i = 0; i < 300; i++) {
      once.remove(`id-${i * 17}`);
      sliced.remove(`id-${i * 17}`);
    }
    sliced.upsertMany(list.slice(0, 5000));
    once.upsertMany(list.slice(0, 5000));
    expect(sliced.search('')).toEqual(once.search(''));
  });
});

import type { Contact } from '../shared/contacts/contact';

/** Deterministic, believable contacts for benchmarks: accents, CJK names, several countries. */
export function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'María',
  'José',
  'Ana',
  'Zoë',
  'Liam',
  'Noah',
  'Olivia',
  'Emma',
  'Søren',
  'Ingrid',
  'Aisha',
  'Priya',
  'Chloé',
  'Mateo',
  'Lucía',
  'Jürgen',
  'Anna',
  'Ann',
  'Samantha',
  'Sam',
  'Tom',
  'Émilie',
  'Yuki',
  'Kenji',
  'Fatima',
  'Omar',
  'Nikolai',
  'Łucja',
  'Björn',
  'Siobhán',
  'Dana',
  'Fox',
  'Grace',
  'Henry',
  'Isla',
  'Jack',
  'Kai',
  'Leo',
  'Mia',
  'Nora',
];
const LAST = [
  'García',
  'Müller',
  'Smith',
  'Johnson',
  'Álvarez',
  'Kierkegaard',
  'Bergman',
  'Khan',
  'Patel',
  'Dubois',
  'Tanaka',
  'Rossi',
  'Novák',
  'Kowalski',
  'O’Brien',
  'Nguyen',
  'Kim',
  'Lee',
  'Brown',
  'Wilson',
  'Martin',
  'Bernard',
  'Schmidt',
  'Fischer',
  'Weber',
  'López',
  'Gómez',
  'Sánchez',
  'Pérez',
  'Hansen',
  'Larsen',
  'Jensen',
  'Baker',
  'Scully',
  'Mulder',
  'Annable',
  'Walker',
  'Young',
  'King',
  'Wright',
];
const CJK_FAMILY = ['王', '李', '张', '刘', '陈', '田中', '佐藤', '김', '이', '박'];
const CJK_GIVEN = ['小明', '伟', '芳', '娜', '由紀', '健', '민준', '서연', '静', '磊'];
const COMPANY = [
  'Clínica Norte',
  'Müller & Söhne',
  'Baker Plumbing',
  'Northwind Health',
  'Contoso',
  'Fabrikam',
  'Nørrebro Apotek',
  'Acme Corp',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark Industries',
  'Wayne Enterprises',
  'Hooli',
  '',
];
const AREA = [
  '212',
  '415',
  '646',
  '617',
  '312',
  '202',
  '305',
  '404',
  '512',
  '206',
  '303',
  '213',
  '702',
  '718',
  '917',
  '614',
  '919',
  '503',
  '602',
  '713',
];
const TAGS = ['Patients', 'Suppliers', 'VIP', 'Leads', 'Partners', 'Renewals', 'Survey'];

const pick = <T>(r: () => number, list: T[]) => list[Math.floor(r() * list.length)]!;
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');

export function generateContacts(count: number, seed = 42): Contact[] {
  const r = rng(seed);
  const out: Contact[] = [];
  for (let i = 0; i < count; i++) {
    const cjk = r() < 0.05;
    const firstName = cjk ? pick(r, CJK_GIVEN) : pick(r, FIRST);
    const lastName = cjk ? pick(r, CJK_FAMILY) : pick(r, LAST);
    const phones = [];
    const n = 1 + Math.floor(r() * 2.2);
    for (let p = 0; p < n; p++) {
      const kind = r();
      // Valid-looking numbers in a few countries; the index only needs their digits.
      const exchange = String(200 + Math.floor(r() * 800));
      const e164 =
        kind < 0.7
          ? `+1${pick(r, AREA)}${exchange}${digits(r, 4)}`
          : kind < 0.85
            ? `+4420${7 + Math.floor(r() * 2)}${digits(r, 7)}`
            : `+4930${digits(r, 7)}`;
      const raw = e164.startsWith('+1') ? `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}` : e164;
      phones.push({
        id: `p${i}-${p}`,
        label: pick(r, ['mobile', 'work', 'home']),
        raw,
        e164,
        problem: null,
        extension: null,
        doNotCall: false,
      });
    }
    const called = r() < 0.1;
    out.push({
      id: `c${i}`,
      displayName: '',
      firstName,
      lastName,
      company: pick(r, COMPANY),
      title: '',
      phones,
      emails: [],
      tags: r() < 0.4 ? [pick(r, TAGS)] : [],
      notes: '',
      custom: {},
      favorite: r() < 0.05,
      doNotCall: r() < 0.01 ? { reason: 'Asked not to be called' } : null,
      timeZone: null,
      defaultCaller: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      lastCalledAt: called ? new Date(Date.parse('2026-11-01T00:00:00Z') + Math.floor(r() * 25 * 86400_000)).toISOString() : null,
      callCount: called ? 1 + Math.floor(r() * 12) : 0,
    });
  }
  return out;
}

/** The same people as a Google Contacts CSV export. */
export function generateGoogleCsv(count: number, seed = 7): string {
  const rows = ['First Name,Last Name,Organization Name,Labels,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value'];
  for (const c of generateContacts(count, seed)) {
    const q = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    rows.push(
      [
        c.firstName,
        c.lastName,
        c.company,
        ['* myContacts', ...c.tags].join(' ::: '),
        c.phones[0]?.label ?? '',
        c.phones[0]?.raw ?? '',
        c.phones[1]?.label ?? '',
        c.phones[1]?.raw ?? '',
      ]
        .map(q)
        .join(','),
    );
  }
  return rows.join('\n');
}

import { rng } from './generate-contacts';

/**
 * A Google Contacts CSV whose numbers are mostly foreign and written the way their owners write
 * them at home (no country code): UK mobiles and London lines, Indian mobiles, German, French,
 * Spanish, Italian, Australian, Mexican and Brazilian numbers, a few written with `+`, and a
 * minority of American ones. Imported with the default country US (as the real export
 * was), nearly every number is invalid at home and the planner has to find where it is valid:
 * the costly path the generated set (`generateGoogleCsv`, mostly US) hardly takes.
 */

const FIRST = ['Aarav', 'Priya', 'Oliver', 'Amelia', 'Lukas', 'Mia', 'Chloé', 'Hugo', 'Lucía', 'Mateo', 'Giulia', 'Marco', 'Jack', 'Isla'];
const LAST = [
  'Sharma',
  'Patel',
  'Smith',
  'Jones',
  'Müller',
  'Schmidt',
  'Dubois',
  'Martin',
  'García',
  'López',
  'Rossi',
  'Bianchi',
  'Nguyen',
];
const COMPANY = ['Tata Consulting', 'Barclays', 'Siemens', 'Renault', 'Telefónica', 'Fiat', 'Qantas', 'Cemex', 'Natura', ''];

type Maker = (r: () => number) => string;
const d = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join('');
const one = (r: () => number, s: string) => s[Math.floor(r() * s.length)]!;

/** [share of numbers, how one is written]: national format of each country unless it says `+` */
const WRITERS: Array<[number, Maker]> = [
  [0.2, (r) => `${one(r, '6789')}${d(r, 4)} ${d(r, 5)}`], // India mobile: 98765 43210
  [0.12, (r) => `07${one(r, '45789')}${d(r, 2)} ${d(r, 6)}`], // UK mobile: 07911 123456
  [0.06, (r) => `020 ${one(r, '78')}${d(r, 3)} ${d(r, 4)}`], // London: 020 7946 0123
  [0.08, (r) => `030 ${one(r, '2345689')}${d(r, 7)}`], // Berlin: 030 12345678
  [0.06, (r) => `01${one(r, '567')}${one(r, '0123456789')} ${d(r, 7)}`], // German mobile: 0151 2345678
  [0.08, (r) => `0${one(r, '67')} ${d(r, 2)} ${d(r, 2)} ${d(r, 2)} ${d(r, 2)}`], // France: 06 12 34 56 78
  [0.05, (r) => `6${d(r, 2)} ${d(r, 3)} ${d(r, 3)}`], // Spain mobile: 612 345 678
  [0.05, (r) => `3${one(r, '2345')}${d(r, 1)} ${d(r, 3)} ${d(r, 4)}`], // Italy mobile: 347 123 4567
  [0.05, (r) => `04${d(r, 2)} ${d(r, 3)} ${d(r, 3)}`], // Australia mobile: 0412 345 678
  [0.04, (r) => `55 ${one(r, '123456789')}${d(r, 3)} ${d(r, 4)}`], // Mexico City: 55 1234 5678
  [0.03, (r) => `(11) 9${d(r, 4)}-${d(r, 4)}`], // São Paulo mobile: (11) 91234-5678
  [0.08, (r) => (r() < 0.5 ? `+44 7${one(r, '45789')}${d(r, 2)} ${d(r, 6)}` : `+91 ${one(r, '6789')}${d(r, 4)} ${d(r, 5)}`)], // with their code
  [0.1, (r) => `(${one(r, '2345679')}${d(r, 1)}${one(r, '2345678')}) ${one(r, '2345678')}${d(r, 2)}-${d(r, 4)}`], // American
];

function number(r: () => number): string {
  let roll = r();
  for (const [share, make] of WRITERS) {
    if (roll < share) return make(r);
    roll -= share;
  }
  return WRITERS[0]![1](r);
}

/** `count` people, one or two numbers each, in the columns a Google export has. */
export function generateForeignCsv(count: number, seed = 11): string {
  const r = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const rows = ['First Name,Last Name,Organization Name,Labels,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value'];
  for (let i = 0; i < count; i++) {
    const second = r() < 0.6;
    rows.push(
      [
        pick(FIRST),
        pick(LAST),
        pick(COMPANY),
        '* myContacts',
        'Mobile',
        number(r),
        second ? pick(['Work', 'Home']) : '',
        second ? number(r) : '',
      ]
        .map((s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s))
        .join(','),
    );
  }
  return rows.join('\n');
}

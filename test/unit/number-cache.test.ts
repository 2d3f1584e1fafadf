import { describe, expect, it } from 'vitest';
import { generateForeignCsv } from '../../bench/generate-foreign-csv';
import { clearNumberCache, readNumberCached, validReading } from '../../electron/core/contacts/import/number-cache';
import { parsePhone } from '../../shared/phone';
import { shapes } from '../support/national-numbers';

/**
 * The import's number parses, cached per raw string and country (issue 18), must read every number
 * exactly as an uncached parse does — the first time and every time after — and the quick check used
 * when trying other countries must never turn away a number that is valid there.
 */
/** written as people write them, and a few hundred more as the bench's foreign export writes them */
const FROM_FILE = generateForeignCsv(300, 5)
  .split('\n')
  .slice(1)
  .flatMap((line) => [line.split(',')[5]!, line.split(',')[7]!])
  .filter(Boolean);
const NUMBERS = [
  ...FROM_FILE,
  '98765 43210',
  '07911 123456',
  '020 7946 0958',
  '030 12345678',
  '0151 2345678',
  '06 12 34 56 78',
  '612 345 678',
  '347 123 4567',
  '0412 345 678',
  '55 1234 5678',
  '(11) 91234-5678',
  '(415) 555-0132',
  '905-111-1234',
  '555-555-1111',
  '+44 20 7946 0958',
  '0044 20 7946 0958',
  '1.23E+11',
  '212 555 0100 ext 4',
  'call me',
  '',
  '0',
];
const COUNTRIES = ['US', 'GB', 'IN', 'DE', 'FR', 'ES', 'IT', 'AU', 'MX', 'BR', 'CA', 'JE', 'XX'];
const plain = (p: ReturnType<typeof parsePhone>) =>
  p.ok ? { ok: true, e164: p.e164, country: p.country, international: p.international, national: p.national } : { ...p };

describe('number parses for an import', () => {
  it('read as an uncached parse reads them, the first time and again (trunk prefix required)', () => {
    for (let round = 0; round < 2; round++)
      for (const n of NUMBERS)
        for (const c of COUNTRIES) {
          const expected = plain(parsePhone(n, c, { requireNationalPrefix: true }));
          expect(plain(readNumberCached(n, c)), `${n} in ${c}`).toEqual(expected);
        }
  });

  it('reads thousands of numbers as parsePhone does, messages included, in countries with odd prefixes too', () => {
    clearNumberCache();
    const numbers = [...FROM_FILE, ...shapes()];
    for (const c of ['US', 'GB', 'SG', 'NZ', 'AU', 'KZ'])
      numbers.forEach((n, i) => {
        if (i % 2 === 0)
          expect(plain(readNumberCached(n, c)), `${n} in ${c}`).toEqual(plain(parsePhone(n, c, { requireNationalPrefix: true })));
      });
  });

  it('the quick check for another country finds every number valid there, and only those', () => {
    clearNumberCache(); // every number checked anew, not answered from the parses above
    for (const n of NUMBERS)
      for (const c of COUNTRIES) {
        const full = parsePhone(n, c, { requireNationalPrefix: true });
        const quick = validReading(n, c);
        expect(quick === null ? null : plain(quick), `${n} in ${c}`).toEqual(full.ok ? plain(full) : null);
      }
  });
});

import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { possibleNational, quickReading, type QuickOutcome } from '../../electron/core/contacts/import/quick-reading';
import { COMMON_COUNTRIES, parsePhone, type ParsedPhone } from '../../shared/phone';
import { FROM_FILE, fromExamples, shapes } from '../support/national-numbers';

/**
 * An import tries each national number that is not valid at home in a dozen other countries, and
 * reads it there without libphonenumber's parse when it can (quick-reading.ts). Every reading it
 * gives must be the one parsePhone gives — country, E.164, both formats, type — and every number it
 * turns away one parsePhone refuses (with the trunk prefix required, as imports read).
 */

const COUNTRIES: CountryCode[] = [...COMMON_COUNTRIES, ...(['GG', 'VI', 'AR', 'CX', 'JP', 'KZ'] as const)];
const plain = (p: ParsedPhone) =>
  p.ok ? { e164: p.e164, country: p.country, international: p.international, national: p.national, type: p.type } : null;
/** the same, without its type (libphonenumber's, from the same number): quicker, for many numbers */
const core = (p: ParsedPhone) => (p.ok ? { e164: p.e164, country: p.country, national: p.national, international: p.international } : null);
/** what a failure says, as far as the quick reading tells it */
const why = (p: QuickOutcome | ParsedPhone) =>
  p.ok ? null : { problem: p.problem, prefix: 'prefix' in p ? p.prefix : (/start with (\d+);/.exec(p.message)?.[1] ?? '') };

describe('the import’s quick reading of a national number in another country', () => {
  it('reads every number it answers for exactly as parsePhone does, and says why not as parsePhone does', () => {
    const numbers = [...new Set([...FROM_FILE, ...fromExamples(), ...shapes()])];
    let answered = 0;
    let valid = 0;
    const failed = new Set<string>();
    let tries = 0;
    // each number in a third of the countries, in turn: every country meets every kind of number
    numbers.forEach((n, i) =>
      COUNTRIES.forEach((c, j) => {
        if ((i + j) % 3 !== 0) return;
        tries++;
        const quick = quickReading(n, c);
        if (quick === undefined) return;
        answered++;
        const full = parsePhone(n, c, { requireNationalPrefix: true });
        if (full.ok) valid++;
        else failed.add(full.problem);
        if (quick.ok) expect(core(quick), `${n} in ${c}`).toEqual(core(full));
        else expect(why(full), `${n} in ${c}`).toEqual(why(quick));
      }),
    );
    expect(answered / tries).toBeGreaterThan(0.6); // it answers for most
    expect(valid).toBeGreaterThan(2_000); // many of those are valid readings
    expect([...failed].sort()).toEqual(['invalid', 'invalid_country', 'no_national_prefix', 'too_long', 'too_short']); // and it tells every failure
  }, 120_000); // tens of thousands of parses to compare with, on a busy machine

  it('tells how a number is written in the North American way as libphonenumber does (possible there, and its national format)', () => {
    const national = [...new Set([...FROM_FILE, ...shapes()])].filter((n) => !/^\s*(?:\+|00)/.test(n));
    let answered = 0;
    for (const n of national)
      for (const c of ['US', 'CA', 'GB', 'IN'] as const) {
        const quick = possibleNational(n, c);
        if (quick === undefined) continue;
        answered++;
        const parsed = parsePhoneNumberFromString(n, c);
        expect(quick, `${n} in ${c}`).toBe(parsed?.isPossible() ? parsed.formatNational() : null);
      }
    expect(answered).toBeGreaterThan(national.length * 3);
  });

  it('leaves to the parse what it does not mirror: carrier codes, letters, non-country calling codes', () => {
    expect(quickReading('1831 212345678', 'AU')).toBeUndefined();
    expect(quickReading('0800 FLOWERS', 'GB')).toBeUndefined();
    expect(quickReading('+800 1234 5678', 'GB')).toBeUndefined();
    for (const [written, country] of [
      ['07911 123456', 'GB'],
      ['44 7911 123456', 'GB'],
      ['00 44 7911 123456', 'DE'],
      ['011 44 20 7946 0958', 'CA'],
      ['+91 98765 43210', 'US'],
    ] as const) {
      const quick = quickReading(written, country);
      expect(quick?.ok && plain(quick), written).toEqual(plain(parsePhone(written, country)));
    }
    expect(quickReading('+0 20 7946 0958', 'GB')).toMatchObject({ ok: false, problem: 'invalid_country' });
    expect(quickReading('7911 123456', 'GB')).toEqual({ ok: false, problem: 'no_national_prefix', prefix: '0', international: false }); // its trunk 0 left out
  });
});

import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { FROM_FILE, fromExamples, shapes } from '../support/national-numbers';
import { mayBeValid } from '../../electron/core/contacts/import/number-prefilter';
import { COMMON_COUNTRIES } from '../../shared/phone';

/**
 * The import tries each national number that is not valid at home in a dozen other countries; the
 * metadata prefilter spares it most of those parses. It must never turn away a number
 * libphonenumber finds valid there — else a UK mobile in a US file would lose its one-click offer.
 */

/** The import's candidates, the countries sharing their calling codes, and those whose trunk prefix libphonenumber rewrites. */
const COUNTRIES: CountryCode[] = [
  ...COMMON_COUNTRIES,
  ...([
    'US',
    'GG',
    'JE',
    'IM',
    'VI',
    'AG',
    'PR',
    'AR',
    'CC',
    'CX',
    'JP',
    'GA',
    'NF',
    'SM',
    'MG',
    'CO',
    'RU',
    'KZ',
    'BY',
    'CN',
    'PK',
    'AE',
  ] as const),
];

const valid = (n: string, c: CountryCode) => parsePhoneNumberFromString(n, c)?.isValid() ?? false;

describe('the import’s metadata prefilter', () => {
  it('never turns away a number libphonenumber finds valid, in any of the countries an import tries', () => {
    const numbers = [...new Set([...FROM_FILE, ...fromExamples(), ...shapes()])];
    let turnedAway = 0;
    let tries = 0;
    for (const n of numbers)
      for (const c of COUNTRIES) {
        tries++;
        if (mayBeValid(n, c)) continue;
        turnedAway++;
        if (valid(n, c)) expect.fail(`${n} in ${c}: turned away, but libphonenumber finds it valid`);
      }
    expect(tries).toBeGreaterThan(200_000);
    expect(turnedAway / tries).toBeGreaterThan(0.5); // and spares most of the parses
  });

  it('every country’s numbers pass in that country and in those sharing its calling code', () => {
    const byCode = new Map<string, CountryCode[]>();
    for (const c of getCountries()) byCode.set(getCountryCallingCode(c), [...(byCode.get(getCountryCallingCode(c)) ?? []), c]);
    let checked = 0;
    for (const country of getCountries())
      for (const n of fromExamples([country]))
        for (const c of byCode.get(getCountryCallingCode(country))!) {
          checked++;
          if (!mayBeValid(n, c) && valid(n, c)) expect.fail(`${n} in ${c}: turned away, but valid`);
        }
    expect(checked).toBeGreaterThan(10_000);
  });

  it('turns away a French mobile tried as Indian and an Indian mobile tried as British; keeps each at home', () => {
    expect(mayBeValid('06 12 34 56 78', 'IN')).toBe(false);
    expect(mayBeValid('98765 43210', 'GB')).toBe(false);
    expect(mayBeValid('06 12 34 56 78', 'FR')).toBe(true);
    expect(mayBeValid('07911 123456', 'GB')).toBe(true);
    expect(mayBeValid('98765 43210', 'IN')).toBe(true);
    // written with the calling code but no +, and Guernsey's mobile read in the UK
    expect(mayBeValid('447911123456', 'GB')).toBe(true);
    expect(mayBeValid('07781 123456', 'GB')).toBe(true);
  });
});

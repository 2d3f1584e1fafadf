import { getCountries } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { isSupportedCountry, SUPPORTED_COUNTRIES } from '../../shared/countries';
import { CountryCodeSchema } from '../../shared/contacts/import/import-contract';

describe('supported countries (the window’s list, without libphonenumber)', () => {
  it('is exactly libphonenumber’s list, so it cannot drift when the library is updated', () => {
    expect([...SUPPORTED_COUNTRIES]).toEqual(getCountries());
  });

  it('answers for codes the way the import contract checks them', () => {
    expect(isSupportedCountry('GB')).toBe(true);
    expect(isSupportedCountry('XX')).toBe(false);
    expect(isSupportedCountry('toString')).toBe(false);
    expect(CountryCodeSchema.safeParse('IN').success).toBe(true);
    expect(CountryCodeSchema.safeParse('ZZ').error?.issues[0]?.message).toBe('This country has no phone numbering plan the app knows.');
  });
});

import { homeNumbers, lookFrom, numbersFrom } from '../../../../shared/country-words';
import { callingCode, plural } from './import-country';

/**
 * The numbers of one import that look like another country's: those not valid in the import's
 * country but valid there (`invalidHere`), and, when that is a pattern of the file, those valid
 * in both (`ambiguous`). `applied` is what the user chose: nothing yet, read them as that
 * country ('as'), or keep the ambiguous ones as the import country's ('home').
 */
export interface CountryGroup {
  country: string;
  callingCode: string;
  count: number;
  invalidHere: number;
  ambiguous: number;
  applied: 'none' | 'as' | 'home';
  message: string;
  /** the numbers themselves (up to 200): after the fix, every one that was read as this country */
  numbers: Array<{ row: number; name: string; raw: string; e164: string }>;
}

/** The sentence the preview shows for a group, e.g. "409 numbers look Indian (valid as +91, not as United States numbers) — import them as +91?" */
export function describeGroup(group: CountryGroup, home: string): Pick<CountryGroup, 'callingCode' | 'message'> {
  const code = callingCode(group.country);
  const homeName = homeNumbers(home);
  const { count, invalidHere, ambiguous } = group;
  let message: string;
  if (group.applied === 'as') {
    message = `${plural(count, 'number')} ${count === 1 ? 'is' : 'are'} read as ${numbersFrom(group.country)} (${code}), not as ${homeName}, as you chose.`;
  } else if (ambiguous === 0) {
    message = `${plural(count, 'number')} ${lookFrom(group.country, count)} (valid as ${code}, not as ${homeName}) — import ${count === 1 ? 'it' : 'them'} as ${code}?`;
  } else if (group.applied === 'home') {
    message =
      `${plural(invalidHere, 'number')} ${lookFrom(group.country, invalidHere)} (valid as ${code}, not as ${homeName}) — import ${invalidHere === 1 ? 'it' : 'them'} as ${code}? ` +
      `${plural(ambiguous, 'number')} valid as both ${ambiguous === 1 ? 'is' : 'are'} kept as ${homeName}, as you chose.`;
  } else {
    message =
      `${plural(count, 'number')} ${lookFrom(group.country, count)}: ${invalidHere.toLocaleString('en')} ${invalidHere === 1 ? 'is' : 'are'} valid as ${code} and not as ${homeName}, ` +
      `${ambiguous.toLocaleString('en')} ${ambiguous === 1 ? 'is' : 'are'} valid as both and cannot be called until you choose — import them as ${code}?`;
  }
  return { callingCode: code, message };
}

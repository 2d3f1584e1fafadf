import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { isSupportedCountry, parsePhone, type ParsedPhone } from '../../../../shared/phone';

/**
 * Number parses for an import, cached per distinct raw string and country. The same number often
 * comes back: a switchboard on every row of a company, a family's landline, and above all every
 * number again when the preview is planned once more (another country, "Import these as India",
 * another encoding or mapping) — the worker keeps one file, and this cache, for all its plans.
 *
 * Bounded: past MAX_ENTRIES new parses are not kept. A file of distinct numbers gains nothing from
 * the cache in its first plan, and each entry keeps a parse alive that the planner would have let go
 * (tried in a dozen countries, a 200,000-row file would hold millions); a re-plan of a file that size
 * finds its first numbers here. Failures that read alike share one object.
 */
const MAX_ENTRIES = 50_000;
const parses = new Map<string, ParsedPhone>();
const failures = new Map<string, ParsedPhone>();

/** How an import reads a number in `country`: `parsePhone`, the trunk prefix required (import-country.ts), cached. */
export function readNumberCached(number: string, country: string): ParsedPhone {
  const key = `${country}\u0000${number}`;
  let read = parses.get(key);
  if (read === undefined) {
    read = parsePhone(number, country, { requireNationalPrefix: true });
    if (!read.ok) {
      const shape = `${read.problem}\u0000${read.message}\u0000${read.suggestion?.e164 ?? ''}`;
      read = failures.get(shape) ?? (failures.set(shape, read), read);
    }
    if (parses.size < MAX_ENTRIES) parses.set(key, read);
  }
  return read;
}

/**
 * The same, when only a valid reading matters (trying the other countries a national number may
 * belong to): a number libphonenumber itself finds invalid there is answered with a plain `null`
 * after one parse, without the second parse and the message a failure costs; most tries fail.
 * Exact: `parsePhone` reads what it accepts with the same parse and requires it valid.
 */
export function validReading(number: string, country: string): ParsedPhone | null {
  const key = `${country}\u0000${number}`;
  const known = parses.get(key);
  if (known !== undefined) return known.ok ? known : null;
  // the text parsePhone parses (its spaces made one); a number written with + or 00 is read as parsePhone reads it
  const candidate = number.trim().replace(/[\s\u00a0]+/g, ' ');
  if (!/^(?:\+|00)/.test(candidate) && (!isSupportedCountry(country) || !parsePhoneNumberFromString(candidate, country)?.isValid()))
    return null;
  const read = readNumberCached(number, country);
  return read.ok ? read : null;
}

/** Empties the cache (a worker starts with an empty one; tests). */
export function clearNumberCache() {
  parses.clear();
  failures.clear();
}

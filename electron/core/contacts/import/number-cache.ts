import { parsePhone, type ParsedPhone } from '../../../../shared/phone';
import { mayBeValid } from './number-prefilter';
import { quickReading, type QuickOutcome } from './quick-reading';

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
/** country → raw string → its reading: a number tried in a dozen countries is looked up by the same string each time */
const parses = new Map<string, Map<string, ParsedPhone>>();
let entries = 0;
const cached = (number: string, country: string) => parses.get(country)?.get(number);
const failures = new Map<string, ParsedPhone>();
/** failures by how quick-reading.ts says a number fails: country, problem, trunk prefix, written as international */
const failedAlike = new Map<string, ParsedPhone>();

/** How an import reads a number in `country`: `parsePhone`, the trunk prefix required (import-country.ts), cached. */
export function readNumberCached(number: string, country: string): ParsedPhone {
  let read = cached(number, country);
  if (read === undefined) {
    read = readNumber(number, country);
    if (entries < MAX_ENTRIES) {
      let inCountry = parses.get(country);
      if (!inCountry) parses.set(country, (inCountry = new Map()));
      inCountry.set(number, read);
      entries++;
    }
  }
  return read;
}

/**
 * parsePhone's answer: worked out by quick-reading.ts when it can. A failure it works out is
 * parsePhone's own, from an earlier parse that failed the same way in the same country: its
 * message says only that (too short for a United States number; UK numbers start with 0).
 */
function readNumber(number: string, country: string): ParsedPhone {
  const quick = quickReading(number, country);
  if (quick?.ok) return quick;
  const outcome = quick ? `${country}\u0000${quick.problem}\u0000${quick.prefix}\u0000${quick.international}` : null;
  const known = outcome === null ? undefined : failedAlike.get(outcome);
  if (known) return known;
  const read = parsePhone(number, country, { requireNationalPrefix: true });
  if (read.ok) return read;
  const shape = `${read.problem}\u0000${read.message}\u0000${read.suggestion?.e164 ?? ''}`;
  const shared = failures.get(shape) ?? (failures.set(shape, read), read);
  if (outcome !== null && read.problem === quick?.problem) failedAlike.set(outcome, shared);
  return shared;
}

/**
 * The same, when only a valid reading matters (trying the other countries a national number may
 * belong to): a number the metadata rules out there (number-prefilter.ts: most tries) is answered
 * with a plain `null`, without a parse or the message a failure costs. The others are read as
 * parsePhone reads them: by quick-reading.ts when it can (plain digits), else by `readNumberCached`.
 * Exact: `parsePhone` accepts a national number only when libphonenumber finds it valid.
 */
export function validReading(number: string, country: string): ParsedPhone | null {
  if (!mayBeValid(number, country)) return null;
  let read: ParsedPhone | QuickOutcome | undefined = cached(number, country);
  if (read === undefined) read = quickReading(number, country) ?? readNumberCached(number, country);
  return read.ok ? read : null;
}

/** Empties the cache (a worker starts with an empty one; tests). */
export function clearNumberCache() {
  parses.clear();
  entries = 0;
  failures.clear();
  failedAlike.clear();
}

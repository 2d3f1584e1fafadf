import { getCountryCallingCode, Metadata, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { COMMON_COUNTRIES, isSupportedCountry, regionName, type ParsedPhone } from '../../../../shared/phone';
import { aNumberFrom, lookFrom } from '../../../../shared/country-words';
import { readNumberCached, validReading } from './number-cache';
import { possibleNational } from './quick-reading';

/**
 * How an import reads a number. Written with `+` or `00`, it keeps its own country. Written in
 * national format, it is read in the import's country and accepted only when libphonenumber's
 * full metadata says it is valid there, trunk prefix included (the UK's 0). When it is not,
 * the other countries that would make it valid are looked for, to say which one it looks like;
 * nothing is ever moved to another country unless the user asks for it.
 */
export const readNumber = (number: string, country: string): ParsedPhone => readNumberCached(number, country); // parsePhone, the trunk prefix required: number-cache.ts

/** Written with its country code (`+44…`, `0044…`): never reinterpreted. */
export const isInternational = (number: string) => /^\s*(?:\+|00)/.test(number);

/** Failures another country might explain; not spreadsheet damage, letters, extensions… */
const GUESSABLE = new Set(['too_short', 'too_long', 'invalid', 'no_national_prefix']);
export const mightBeForeign = (read: ParsedPhone) => !read.ok && GUESSABLE.has(read.problem);

/** A reading of a national number in another country, where it is valid. */
export interface Alternative {
  readonly country: CountryCode;
  readonly e164: string;
  readonly international: string;
  /** how that country writes it at home: "98765 43210", "(415) 555-0132" */
  readonly national: string;
}

/**
 * An Alternative formatted on first use, once: formatting costs as much as parsing, and of a
 * number's few valid readings most are only looked at for their national format, and only one
 * (the one offered) for its international format.
 */
class ValidAlternative implements Alternative {
  readonly e164: string;
  private formats: { international?: string; national?: string } = {};
  constructor(
    readonly country: CountryCode,
    private readonly read: ParsedPhone & { ok: true },
  ) {
    this.e164 = read.e164;
  }
  get international(): string {
    return (this.formats.international ??= this.read.international);
  }
  get national(): string {
    return (this.formats.national ??= this.read.national);
  }
}

/**
 * Finds the countries, among `candidates`, where a national number is valid (strictly: full
 * metadata and trunk prefix). Countries whose numbers cannot have that many digits are
 * skipped, then those the metadata rules out (number-prefilter.ts); the rest are read as
 * parsePhone reads them without its parse (quick-reading.ts): a 100k-row file with foreign
 * numbers stays quick.
 */
export class CountryGuesser {
  private readonly plans: Array<{ country: CountryCode; lengths: Set<number> }> = [];
  private readonly tried = new Set<string>();

  constructor(candidates: Iterable<string>) {
    const metadata = new Metadata();
    for (const code of new Set(candidates)) {
      if (!isSupportedCountry(code)) continue;
      metadata.selectNumberingPlan(code);
      this.plans.push({ country: code, lengths: new Set(metadata.numberingPlan?.possibleLengths() ?? []) });
      this.tried.add(code);
    }
  }

  get countries(): CountryCode[] {
    return this.plans.map((p) => p.country);
  }

  /** Every candidate country where `number` is a valid national number, in candidate order. */
  validIn(number: string): Alternative[] {
    const digits = number.replace(/\D/g, '');
    const found: Alternative[] = [];
    for (const plan of this.plans) {
      const alt = this.tryPlan(plan, number, digits);
      if (alt) found.push(alt);
    }
    return found;
  }

  /** The reading in one country, when valid there. */
  validAs(number: string, country: string): Alternative | null {
    const plan = this.plans.find((p) => p.country === country);
    return plan ? this.tryPlan(plan, number, number.replace(/\D/g, '')) : null;
  }

  private tryPlan(plan: { country: CountryCode; lengths: Set<number> }, number: string, digits: string): Alternative | null {
    // written with a trunk prefix (1–2 digits) or an unprefixed country code (1–3 digits) it is longer
    const fits = plan.lengths.size === 0 || [0, 1, 2, 3].some((extra) => plan.lengths.has(digits.length - extra));
    if (!fits) return null;
    const read = validReading(number, plan.country); // most countries ruled out by the metadata, the others read without libphonenumber's parse
    if (!read?.ok) return null;
    // Read in one country, a number may belong to another that shares its calling code: 07911 123456
    // read in the UK is a Guernsey mobile (+44 7911…). That country says so when it is a candidate
    // too ((905) 555-1234 is Canadian, not American); otherwise the number is this one's (a UK number).
    const own =
      read.country === plan.country ||
      (read.country !== undefined && !this.tried.has(read.country) && sameCode(read.country, plan.country));
    return own ? new ValidAlternative(plan.country, read) : null;
  }
}

/** The candidate list: the app's common countries, then those the file's international numbers use (most used first). */
export function candidateCountries(home: string, seen: ReadonlyMap<string, number>): string[] {
  const fromFile = [...seen.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  return [...new Set([...COMMON_COUNTRIES, ...fromFile])].filter((c) => c !== home);
}

/**
 * How the digits are grouped, leaving out the first group (where a trunk prefix or brackets
 * vary): "(415) 555-0132" → "3,4", "98765 43210" → "5". Empty for digits written in one run.
 */
export function grouping(text: string): string {
  // as text.split(/\D+/) would find the runs, without making them: a file's numbers meet it a dozen times each
  let out = '';
  let groups = 0;
  let run = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c >= 48 && c <= 57) run++;
    else if (run > 0) {
      if (groups > 0) out += groups > 1 ? `,${run}` : `${run}`;
      groups++;
      run = 0;
    }
  }
  return groups < 2 ? '' : out;
}

/** Written the way `country` writes its numbers ("(415) 555-0132" is American, "98765 43210" Indian). */
export function writtenAs(number: string, national: string): boolean {
  if (number !== lastWritten.number) lastWritten = { number, grouping: grouping(number) }; // a number meets each of its readings in turn
  return lastWritten.grouping !== '' && lastWritten.grouping === grouping(national);
}
let lastWritten = { number: '', grouping: '' };

const sameCode = (a: CountryCode, b: CountryCode) => getCountryCallingCode(a) === getCountryCallingCode(b);

/** Lengths of the digit groups as written: "(800) 000-0000" → [3, 3, 4]. */
const groupLengths = (text: string) =>
  text
    .split(/\D+/)
    .filter(Boolean)
    .map((g) => g.length);
const sameGroups = (a: number[], b: number[]) => a.length === b.length && a.every((n, i) => n === b[i]);

/** The North American Numbering Plan: its calling code, and the country its national format is read in. */
const NANP = { code: '1', country: 'US' } as const;

/**
 * Written the North American way ("555-555-1111", "(800) 000-0000", "1-905-111-1234"): a possible
 * NANP number (by libphonenumber's metadata, valid or not) grouped exactly as the NANP's national
 * format groups it, a leading 1 aside. Digits in one run are not: Mexico and India write ten too.
 */
function nanpShaped(number: string): boolean {
  const written = groupLengths(number);
  if (written.length < 2) return false;
  // The answer depends only on the groups and the leading digits (which pick the format): a file
  // of 100k numbers written alike parses a few hundred of them, not all.
  const key = `${written.join(',')}|${number.replace(/\D/g, '').slice(0, 4)}|${/^\D*1\D/.test(number)}`;
  let shaped = nanpShapes.get(key);
  if (shaped === undefined) {
    let formatted = possibleNational(number, NANP.country); // quick-reading.ts: libphonenumber's answer, without its parse
    if (formatted === undefined) {
      const parsed = parsePhoneNumberFromString(number, NANP.country);
      formatted = parsed?.isPossible() ? parsed.formatNational() : null;
    }
    const national = formatted === null ? null : groupLengths(formatted);
    shaped = national !== null && (sameGroups(written, national) || (/^\D*1\D/.test(number) && sameGroups(written.slice(1), national)));
    if (nanpShapes.size < 20_000) nanpShapes.set(key, shaped);
  }
  return shaped;
}
const nanpShapes = new Map<string, boolean>();

/**
 * How the way a national number is written fits one country's reading of it:
 * - `shaped`: its digits are grouped as that country's national format groups them (a number
 *   written the North American way, for a North American country);
 * - `neutral`: its writing says nothing either way (digits in one run, other groups);
 * - `unlike`: written the North American way, for a country outside it; or a written trunk 0
 *   that is not that country's (its national format does not spell these digits).
 */
type Fit = 'shaped' | 'neutral' | 'unlike';
let lastFit = { number: '', digits: '' };
function fit(number: string, alternative: Alternative, nanp: boolean): Fit {
  if (nanp) return getCountryCallingCode(alternative.country) === NANP.code ? 'shaped' : 'unlike';
  if (number !== lastFit.number) lastFit = { number, digits: number.replace(/\D/g, '') }; // a number meets each of its readings in turn
  const { digits } = lastFit;
  if (digits.startsWith('0') && alternative.national.replace(/\D/g, '') !== digits) return 'unlike';
  return writtenAs(number, alternative.national) ? 'shaped' : 'neutral';
}

/** Whether the way a number is written allows this reading at all ("(212) 555-0130" is never Indian). */
export const writingAllows = (number: string, alternative: Alternative) => fit(number, alternative, nanpShaped(number)) !== 'unlike';

/** A flagged number's valid readings, sorted by how its writing fits them (`unlike` ones dropped). */
export interface Readings {
  shaped: Alternative[];
  neutral: Alternative[];
}
export function sortReadings(number: string, alternatives: readonly Alternative[]): Readings {
  const nanp = nanpShaped(number);
  const out: Readings = { shaped: [], neutral: [] };
  for (const a of alternatives) {
    const f = fit(number, a, nanp);
    if (f !== 'unlike') out[f].push(a);
  }
  return out;
}

/** The one country a number's writing points to, if only one: evidence for the file's other numbers. */
export function pointsTo(readings: Readings): string | null {
  const list = readings.shaped.length ? readings.shaped : readings.neutral;
  return list.length === 1 ? list[0]!.country : null;
}

/**
 * Of the countries that make a flagged number valid, the one to offer, or none: a country is
 * offered only where the number is valid **and** plausible for the file. Plausible are the
 * countries whose national format it is written in ("07911 123456" is British, "98765 43210"
 * Indian); when its writing matches none, those it does not contradict and that the file's other
 * numbers point to (`evidence`: their country codes, numbers written only that country's way).
 * A number written the North American way is never offered as another region's. Among the
 * plausible, the one the file points to most; on a tie, the first candidate (the app's common
 * countries come first). Only ever a suggestion.
 */
export function bestGuess(readings: Readings, evidence: (country: string) => number): Alternative | null {
  const pool = readings.shaped.length ? readings.shaped : readings.neutral.filter((a) => evidence(a.country) > 0);
  let best: Alternative | null = null;
  for (const a of pool) if (!best || evidence(a.country) > evidence(best.country)) best = a;
  return best;
}

/**
 * A group of foreign-looking numbers is a pattern of the file (not a few typos) when it holds
 * at least 2 numbers and a tenth of the file's national-format numbers. Only then are numbers
 * valid in both countries held back as ambiguous.
 */
export const isFilePattern = (groupSize: number, nationalNumbers: number) => groupSize >= 2 && groupSize * 10 >= nationalNumbers;

/** "+91" */
export const callingCode = (country: string) => (isSupportedCountry(country) ? `+${getCountryCallingCode(country)}` : '');

/** The flag a national number gets when it is not valid in the import's country but is in `likely`. */
export function foreignProblem(home: ParsedPhone & { ok: false }, homeCountry: string, likely: Alternative): string {
  const base = home.problem === 'no_national_prefix' ? home.message : `Not a valid ${regionName(homeCountry)} number.`;
  return `${base} It looks like ${aNumberFrom(likely.country)}: ${likely.international}.`;
}

/** The flag for a number valid both in the import's country and in the country most of the file looks like. */
export function ambiguousProblem(home: string, homeReading: string, other: Alternative): string {
  return `Valid both as ${aNumberFrom(home)} (${homeReading}) and as ${aNumberFrom(other.country)} (${other.international}), and many numbers in this file ${lookFrom(other.country, 2)}. Choose how to read them above; until then it cannot be called.`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

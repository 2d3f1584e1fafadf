import { getCountryCallingCode, Metadata, type CountryCode } from 'libphonenumber-js/max';
import { COMMON_COUNTRIES, isSupportedCountry, parsePhone, regionName, type ParsedPhone } from '../../../../shared/phone';
import { aNumberFrom, lookFrom } from '../../../../shared/country-words';

/**
 * How an import reads a number. Written with `+` or `00`, it keeps its own country. Written in
 * national format, it is read in the import's country and accepted only when libphonenumber's
 * full metadata says it is valid there, trunk prefix included (the UK's 0). When it is not,
 * the other countries that would make it valid are looked for, to say which one it looks like;
 * nothing is ever moved to another country unless the user asks for it.
 */
export const readNumber = (number: string, country: string): ParsedPhone => parsePhone(number, country, { requireNationalPrefix: true });

/** Written with its country code (`+44…`, `0044…`): never reinterpreted. */
export const isInternational = (number: string) => /^\s*(?:\+|00)/.test(number);

/** Failures another country might explain; not spreadsheet damage, letters, extensions… */
const GUESSABLE = new Set(['too_short', 'too_long', 'invalid', 'no_national_prefix']);
export const mightBeForeign = (read: ParsedPhone) => !read.ok && GUESSABLE.has(read.problem);

/** A reading of a national number in another country, where it is valid. */
export interface Alternative {
  country: CountryCode;
  e164: string;
  international: string;
  /** how that country writes it at home: "98765 43210", "(415) 555-0132" */
  national: string;
}

/**
 * Finds the countries, among `candidates`, where a national number is valid (strictly: full
 * metadata and trunk prefix). Countries whose numbers cannot have that many digits are
 * skipped before parsing, which keeps a 100k-row file with foreign numbers quick.
 */
export class CountryGuesser {
  private readonly plans: Array<{ country: CountryCode; lengths: Set<number> }> = [];

  constructor(candidates: Iterable<string>) {
    const metadata = new Metadata();
    for (const code of new Set(candidates)) {
      if (!isSupportedCountry(code)) continue;
      metadata.selectNumberingPlan(code);
      this.plans.push({ country: code, lengths: new Set(metadata.numberingPlan?.possibleLengths() ?? []) });
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
    const read = readNumber(number, plan.country);
    return read.ok && read.country === plan.country
      ? { country: plan.country, e164: read.e164, international: read.international, national: read.national }
      : null;
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
  const groups = text.split(/\D+/).filter(Boolean);
  return groups.length < 2
    ? ''
    : groups
        .slice(1)
        .map((g) => g.length)
        .join(',');
}

/** Written the way `country` writes its numbers ("(415) 555-0132" is American, "98765 43210" Indian). */
export const writtenAs = (number: string, national: string) => grouping(number) !== '' && grouping(number) === grouping(national);

/**
 * Of the countries that make a number valid, the one this file points to: among those whose
 * way of grouping digits matches how it was written (all, when none does), the most frequent
 * in the file (its international numbers, plus numbers only it makes valid); on a tie, the
 * first candidate (the app's common countries come first). Only ever a suggestion.
 */
export function bestGuess(
  number: string,
  alternatives: readonly Alternative[],
  frequency: ReadonlyMap<string, number>,
): Alternative | null {
  if (alternatives.length <= 1) return alternatives[0] ?? null;
  const styled = alternatives.filter((a) => writtenAs(number, a.national));
  const pool = styled.length ? styled : alternatives;
  let best = pool[0]!;
  for (const a of pool) if ((frequency.get(a.country) ?? 0) > (frequency.get(best.country) ?? 0)) best = a;
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

import { getCountryCallingCode, Metadata } from 'libphonenumber-js/max';
import { isSupportedCountry } from '../../../../shared/phone';

/**
 * Whether a national number could be valid in a country, answered from libphonenumber-js's own
 * metadata without parsing it — so an import that tries a number in a dozen countries parses it
 * only in the few where it may be valid. Exact in what it turns away: `false` only when
 * `parsePhoneNumberFromString(number, country)?.isValid()` is false (test/unit/number-prefilter.test.ts
 * checks it over many thousands of numbers and every candidate country); `true` says nothing.
 *
 * How libphonenumber reads a national number written with digits only (and spaces, brackets,
 * dots, dashes, slashes): its digits, unless they start with the country's international prefix
 * (then they are international: not judged here), with its national prefix (or carrier code)
 * taken off or transformed as the country's `national_prefix_for_parsing` rule says — or not
 * taken off — and, when they start with the calling code written without `+`, perhaps without
 * it (then read with the calling code's main country's rule). The number it ends with is valid
 * when, in one of the countries sharing the calling code (it picks one of them by the digits:
 * `07911 123456` read in the UK is Guernsey's), it matches the general pattern and one type's
 * pattern (fixed line, mobile, toll free…) at one of that type's lengths. This module tries every
 * one of those readings against every one of those countries: it answers `false` only when none fits.
 */

/** The parts of libphonenumber-js's numbering plan this reads; its typings leave them out. */
interface PlanType {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface Plan {
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  IDDPrefix(): string;
  type(type: string): PlanType | undefined;
  possibleLengths(): number[] | undefined;
  leadingDigits(): string | undefined;
}
interface MetadataInternals {
  selectNumberingPlan(country: string): void;
  numberingPlan?: Plan;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  hasCallingCode(callingCode: string): boolean | undefined;
}

/** The types getNumberType tries (libphonenumber-js, helpers/getNumberType.js): a number of none of them is invalid. */
const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

/** What libphonenumber may strip from (or make of) the front of a national number in one country. */
interface Stripper {
  prefix: RegExp;
  transform: string | undefined;
}
interface CountryRule {
  callingCode: string;
  idd: RegExp;
  own: Stripper | null;
  /** the calling code's main country's, used once the calling code is taken off */
  main: Stripper | null;
}
interface ValidDefinition {
  general: string;
  types: Array<{ pattern: string; lengths: number[] | undefined }>;
}

const metadata = new Metadata() as unknown as MetadataInternals;
const rules = new Map<string, CountryRule | null>();
const definitions = new Map<string, ValidDefinition[] | null>();
/** per calling code, by length: a national number of that length valid in one of the code's countries matches it */
const validAtLength = new Map<string, Array<RegExp | null>>();

/** The plan's internals this needs, or null (another libphonenumber-js: then nothing is turned away). */
function plan(country: string): Plan | null {
  metadata.selectNumberingPlan(country);
  const p = metadata.numberingPlan;
  const has = (name: keyof Plan) => typeof p?.[name] === 'function';
  return p &&
    has('nationalNumberPattern') &&
    has('nationalPrefixForParsing') &&
    has('nationalPrefixTransformRule') &&
    has('IDDPrefix') &&
    has('type')
    ? p
    : null;
}

function stripperOf(p: Plan): Stripper | null {
  const prefix = p.nationalPrefixForParsing();
  return prefix ? { prefix: new RegExp(`^(?:${prefix})`), transform: p.nationalPrefixTransformRule() || undefined } : null;
}

function ruleOf(country: string): CountryRule | null {
  let rule = rules.get(country);
  if (rule !== undefined) return rule;
  rule = null;
  const callingCode = isSupportedCountry(country) ? getCountryCallingCode(country) : null;
  const mainCountry =
    callingCode && typeof metadata.getCountryCodesForCallingCode === 'function'
      ? metadata.getCountryCodesForCallingCode(callingCode)?.[0]
      : undefined;
  const own = callingCode ? plan(country) : null;
  if (callingCode && own && mainCountry && own.IDDPrefix()) {
    const idd = new RegExp(own.IDDPrefix());
    const ownStripper = stripperOf(own);
    const main = plan(mainCountry);
    if (main) rule = { callingCode, idd, own: ownStripper, main: stripperOf(main) };
  }
  rules.set(country, rule);
  return rule;
}

/** What extractNationalNumberFromPossiblyIncompleteNumber makes of `digits`, when its rule matches them. */
function stripped(digits: string, stripper: Stripper | null): string | null {
  if (!stripper) return null;
  const match = stripper.prefix.exec(digits);
  if (!match) return null;
  const groups = match.length - 1;
  if (stripper.transform && groups > 0 && match[groups]) return digits.replace(stripper.prefix, stripper.transform);
  return digits.slice(match[0].length);
}

function definitionsOf(callingCode: string): ValidDefinition[] | null {
  let found = definitions.get(callingCode);
  if (found !== undefined) return found;
  found = [];
  for (const country of metadata.getCountryCodesForCallingCode(callingCode) ?? []) {
    const p = plan(country);
    if (!p) {
      found = null;
      break;
    }
    const types: ValidDefinition['types'] = [];
    for (const name of TYPES) {
      const type = p.type(name);
      const pattern = type?.pattern();
      if (type && pattern) types.push({ pattern, lengths: type.possibleLengths() });
    }
    found.push({ general: p.nationalNumberPattern(), types });
  }
  definitions.set(callingCode, found);
  return found;
}

/** One pattern for every national number of `length` digits valid in a country of `callingCode` (null: none is). */
function validPattern(callingCode: string, length: number, defined: ValidDefinition[]): RegExp | null {
  let byLength = validAtLength.get(callingCode);
  if (!byLength) validAtLength.set(callingCode, (byLength = []));
  let re = byLength[length];
  if (re !== undefined) return re;
  const alternatives = defined.flatMap((d) => {
    const types = d.types.filter((t) => !t.lengths || t.lengths.includes(length)).map((t) => `(?:${t.pattern})`);
    // the whole number matches the general pattern, and the whole number one of the types
    return types.length ? [`(?=(?:${d.general})$)(?:${types.join('|')})`] : [];
  });
  re = alternatives.length ? new RegExp(`^(?:${alternatives.join('|')})$`) : null;
  byLength[length] = re;
  return re;
}

/** What libphonenumber's parse reads of one country's plan (quick-reading.ts mirrors the parse with it). */
export interface CountryFacts {
  country: string;
  callingCode: string;
  /** the countries sharing the calling code, the main one first (libphonenumber's order) */
  sharing: string[];
  idd: RegExp;
  nationalPrefix: RegExp | null;
  general: RegExp;
  possibleLengths: number[] | undefined;
  leadingDigits: RegExp | null;
  /** valid for getNumberType: the general pattern, and one type's at one of its lengths */
  valid(national: string): boolean;
}
const facts = new Map<string, CountryFacts | null>();

export function countryFacts(country: string): CountryFacts | null {
  let found = facts.get(country);
  if (found !== undefined) return found;
  found = null;
  const rule = ruleOf(country);
  const p = rule ? plan(country) : null;
  const sharing = rule ? metadata.getCountryCodesForCallingCode(rule.callingCode) : undefined;
  if (rule && p && sharing && typeof p.possibleLengths === 'function' && typeof p.leadingDigits === 'function') {
    const general = p.nationalNumberPattern();
    const types: ValidDefinition['types'] = [];
    for (const name of TYPES) {
      const type = p.type(name);
      const pattern = type?.pattern();
      if (type && pattern) types.push({ pattern, lengths: type.possibleLengths() });
    }
    const byLength = new Map<number, RegExp | null>();
    const leading = p.leadingDigits();
    found = {
      country,
      callingCode: rule.callingCode,
      sharing,
      idd: rule.idd,
      nationalPrefix: rule.own?.prefix ?? null,
      general: new RegExp(`^(?:${general})$`),
      possibleLengths: p.possibleLengths(),
      leadingDigits: leading ? new RegExp(leading) : null,
      valid(national) {
        let re = byLength.get(national.length);
        if (re === undefined) {
          const fitting = types.filter((t) => !t.lengths || t.lengths.includes(national.length)).map((t) => `(?:${t.pattern})`);
          re = fitting.length ? new RegExp(`^(?=(?:${general})$)(?:${fitting.join('|')})$`) : null;
          byLength.set(national.length, re);
        }
        return re !== null && re.test(national);
      },
    };
  }
  facts.set(country, found);
  return found;
}

/** The countries of a calling code, main one first; `null` for a calling code of no country (+800…); undefined for none. */
export function countriesOf(callingCode: string): string[] | null | undefined {
  const countries = metadata.getCountryCodesForCallingCode(callingCode);
  if (countries) return countries;
  return typeof metadata.hasCallingCode !== 'function' || metadata.hasCallingCode(callingCode) ? null : undefined;
}

/** Text libphonenumber reads as exactly its digits: no letters, no extension, no `+` (see the module's comment). */
const DIGITS_ONLY = /^[\d\s().\-/]*$/;

/**
 * The digits of a number written with digits only (and spaces, brackets, dots, dashes, slashes),
 * after a `+` or not: `international` when written with `+` or `00` (parsePhone's international).
 * Null for anything else (letters, other signs). The last answer is kept: an import asks for the
 * same number in one country after another.
 */
export function writtenDigits(number: string): { digits: string; international: boolean; plus: boolean } | null {
  if (number === last.number) return last.written;
  const text = number.trim();
  const plus = text.startsWith('+');
  const body = plus ? text.slice(1) : text;
  const written =
    text.length <= 250 && DIGITS_ONLY.test(body)
      ? { digits: body.replace(/\D/g, ''), international: plus || text.startsWith('00'), plus }
      : null;
  last = { number, written };
  return written;
}
let last: { number: string; written: ReturnType<typeof writtenDigits> } = { number: '', written: null };

const fits = (callingCode: string, defined: ValidDefinition[], national: string | null) =>
  national !== null && validPattern(callingCode, national.length, defined)?.test(national) === true;

/** `false` only when `number` is not a valid national number in `country` for libphonenumber (see above). */
export function mayBeValid(number: string, country: string): boolean {
  const written = writtenDigits(number);
  if (!written || written.international) return true;
  const { digits } = written;
  const rule = ruleOf(country);
  if (!rule || digits.search(rule.idd) === 0) return true;
  const defined = definitionsOf(rule.callingCode);
  if (!defined) return true;
  const code = rule.callingCode;
  if (fits(code, defined, digits) || fits(code, defined, stripped(digits, rule.own))) return true;
  if (!digits.startsWith(code)) return false;
  const shorter = digits.slice(code.length);
  return (
    fits(code, defined, shorter) || fits(code, defined, stripped(shorter, rule.main)) || fits(code, defined, stripped(shorter, rule.own))
  );
}

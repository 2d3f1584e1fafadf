import { PhoneNumber, type CountryCode } from 'libphonenumber-js/max';
import { E164_PATTERN } from '../../../../shared/feather-api';
import type { ParsedPhone } from '../../../../shared/phone';
import { formatInternational, formatNational, formatNationalBoth, prefixWrittenBefore } from './national-format';
import { countriesOf, countryFacts, writtenDigits, type CountryFacts } from './number-prefilter';

/**
 * How `parsePhone(number, country, { requireNationalPrefix: true })` reads a national number —
 * valid (the reading itself) or why not — worked out without libphonenumber's parse, the slow
 * part of an import (it compiles its metadata's patterns again on every call). Mirrors, with
 * patterns compiled once, what the parse does for digits (spaces, brackets, dots, dashes, slashes),
 * after a `+` or not, whose national prefix, if any, carries no carrier code, and whose calling
 * code, if written, is a country's. Anything else is `undefined`: parse it. The formats come from libphonenumber itself, on first use.
 * test/unit/quick-reading.test.ts holds it to parsePhone's answer over many thousands of numbers.
 */
export type QuickOutcome =
  | (ParsedPhone & { ok: true })
  | {
      ok: false;
      problem: 'too_short' | 'too_long' | 'invalid' | 'no_national_prefix' | 'invalid_country';
      /** the trunk prefix left out */
      prefix: string;
      /** written with + or 00: parsePhone's messages say so */
      international: boolean;
    };

export function quickReading(number: string, country: string): QuickOutcome | undefined {
  const written = writtenDigits(number);
  if (!written || written.digits.length < 3) return undefined;
  // written with + or 00, parsePhone reads it as international: its calling code follows
  const { digits, international } = written;
  const read = international ? withCallingCode(written.plus ? digits : digits.slice(2)) : asNational(digits, country);
  if (read === NO_CODE) return failure('invalid_country', international);
  if (!read) return undefined;
  const { national, where, resolved } = read;
  // the parse refuses national numbers of fewer than 2 or more than 17 digits
  if (national.length < 2) return failure('too_short', international);
  if (national.length > 17) return failure('too_long', international);
  if (!where.valid(national)) {
    // parsePhone then asks validatePhoneNumberLength, which checks the same number's length in the same country
    const length = lengthFit(national, where.possibleLengths);
    return failure(length === 'TOO_SHORT' ? 'too_short' : length === 'TOO_LONG' ? 'too_long' : 'invalid', international);
  }
  const e164 = `+${where.callingCode}${national}`;
  if (!E164_PATTERN.test(e164)) return undefined;
  const reading = new QuickReading(e164, resolved as CountryCode | undefined, national, where);
  // parsePhone's missingNationalPrefix: written as the bare national number where the country's format writes a trunk prefix
  if (!international && digits === national) {
    // most formats say it from the format alone; the number is written out only where they do not
    const prefix = prefixWrittenBefore(national, where.country);
    if (prefix !== undefined) return prefix === '' ? reading : failure('no_national_prefix', international, prefix);
    const formats = formatNationalBoth(national, where.country);
    if (formats) reading.knownNational = formats.national;
    const usual = (formats?.bare ?? reading.bareNational()).replace(/\D/g, '');
    if (usual.length > national.length && usual.endsWith(national))
      return failure('no_national_prefix', international, usual.slice(0, usual.length - national.length));
  }
  return reading;
}

const failure = (problem: Exclude<QuickOutcome, { ok: true }>['problem'], international: boolean, prefix = ''): QuickOutcome => ({
  ok: false,
  problem,
  prefix,
  international,
});

/** How the parse reads digits written without `+` in `country`: perhaps after its international prefix, perhaps with its calling code. */
function asNational(digits: string, country: string): Reading | typeof NO_CODE | undefined {
  const facts = countryFacts(country);
  if (!facts) return undefined;
  // libphonenumber's stripIddPrefix: the country's international prefix, not followed by 0
  const idd = digits.search(facts.idd) === 0 ? digits.slice(facts.idd.exec(digits)![0].length) : '';
  return idd !== '' && idd[0] !== '0' ? withCallingCode(idd) : nationalReading(digits, facts);
}

/**
 * `parsePhoneNumberFromString(number, country)`'s national format when it is a possible number
 * (`isPossible()`: a possible length there, valid or not), null when it is not one; undefined
 * where this cannot tell. For a number written without `+` or `00`.
 */
export function possibleNational(number: string, country: string): string | null | undefined {
  const written = writtenDigits(number);
  if (!written || written.international) return undefined;
  const read = written.digits.length < 3 ? undefined : asNational(written.digits, country);
  if (read === NO_CODE) return null; // the parse refuses it
  if (!read || !read.where.possibleLengths) return undefined;
  const { national, where } = read;
  if (national.length < 2 || national.length > 17) return null; // the parse refuses it
  return lengthFit(national, where.possibleLengths) === 'IS_POSSIBLE' ? (formatNational(national, where.country) ?? undefined) : null;
}

/**
 * What the parse reads: the national number, the country whose plan says whether it is valid, and
 * the country it gives the number (none when the calling code was written and no country of it
 * claims the number).
 */
interface Reading {
  national: string;
  where: CountryFacts;
  resolved: string | undefined;
}

/**
 * The digits after `+` (or an international prefix): a calling code, then the number, read in that
 * code's main country's plan. `NO_CODE` when they start with no calling code (libphonenumber: INVALID_COUNTRY).
 */
function withCallingCode(digits: string): Reading | typeof NO_CODE | undefined {
  if (digits[0] === '0') return NO_CODE;
  for (let length = 1; length <= 3 && length <= digits.length; length++) {
    const countries = countriesOf(digits.slice(0, length));
    if (countries === undefined) continue;
    return countries === null ? undefined : inMainCountry(digits.slice(length), countries[0]!);
  }
  return NO_CODE;
}
const NO_CODE = 'no calling code';

function inMainCountry(rest: string, mainCountry: string): Reading | undefined {
  const main = countryFacts(mainCountry);
  const national = main ? nationalNumber(rest, main) : undefined;
  if (!main || national === undefined) return undefined;
  const resolved = byNationalNumber(main, national);
  if (resolved === undefined) return undefined;
  const where = resolved === null ? main : countryFacts(resolved);
  return where ? { national, where, resolved: resolved ?? undefined } : undefined;
}

/**
 * What the parse reads: the national number, the country whose plan says whether it is valid, and
 * the country it gives the number (none when the calling code was written and no country of it
 * claims the number). Undefined where this does not mirror the parse.
 */
function nationalReading(digits: string, facts: CountryFacts): Reading | undefined {
  // extractCountryCallingCodeFromInternationalNumberWithoutPlusSign: the calling code written without +
  if (digits.startsWith(facts.callingCode)) {
    const shorter = digits.slice(facts.callingCode.length);
    const asWritten = nationalNumber(digits, facts);
    const withoutCode = nationalNumber(shorter, facts);
    if (asWritten === undefined || withoutCode === undefined) return undefined;
    if ((!facts.general.test(asWritten) && facts.general.test(withoutCode)) || lengthFit(asWritten, facts.possibleLengths) === 'TOO_LONG')
      return inMainCountry(shorter, facts.sharing[0]!);
  }
  const national = nationalNumber(digits, facts);
  if (national === undefined) return undefined;
  const resolved = byNationalNumber(facts, national);
  if (resolved === undefined) return undefined;
  const where = resolved === null ? facts : countryFacts(resolved);
  return where ? { national, where, resolved: where.country } : undefined;
}

/** libphonenumber's extractNationalNumber (no carrier code): the national prefix taken off, unless the rest cannot be a number. */
function nationalNumber(digits: string, facts: CountryFacts): string | undefined {
  const match = facts.nationalPrefix?.exec(digits);
  if (!match) return digits;
  if (match.slice(1).some(Boolean)) return undefined; // a carrier code or a rewritten prefix: parse it
  const rest = digits.slice(match[0].length);
  if (rest === digits) return digits;
  if (facts.general.test(digits) && !facts.general.test(rest)) return digits;
  if (!facts.possibleLengths) return rest;
  const resolved = byNationalNumber(facts, rest);
  if (resolved === undefined) return undefined;
  const lengths = resolved === null ? facts.possibleLengths : countryFacts(resolved)?.possibleLengths;
  if (resolved !== null && !countryFacts(resolved)) return undefined;
  const fits = lengthFit(rest, lengths);
  return fits === 'TOO_SHORT' || fits === 'INVALID_LENGTH' ? digits : rest;
}

/** libphonenumber's checkNumberLength (no type). */
function lengthFit(national: string, lengths: number[] | undefined): string {
  if (!lengths || lengths.length === 0) return 'IS_POSSIBLE';
  const n = national.length;
  if (lengths[0] === n) return 'IS_POSSIBLE';
  if (lengths[0]! > n) return 'TOO_SHORT';
  if (lengths[lengths.length - 1]! < n) return 'TOO_LONG';
  return lengths.indexOf(n, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

/** libphonenumber's getCountryByCallingCode: the country of the calling code the number belongs to (null: none; undefined: parse it). */
function byNationalNumber(facts: CountryFacts, national: string): string | null | undefined {
  if (facts.sharing.length === 1) return facts.sharing[0]!;
  for (const code of facts.sharing) {
    const other = countryFacts(code);
    if (!other) return undefined;
    if (other.leadingDigits) {
      if (national.search(other.leadingDigits) === 0) return code;
    } else if (other.valid(national)) return code;
  }
  return null;
}

/** parsePhone's valid reading: formatted on first use, by libphonenumber where national-format.ts cannot tell. */
class QuickReading {
  readonly ok = true as const;
  private phoneNumber: PhoneNumber | null = null;
  constructor(
    readonly e164: string,
    readonly country: CountryCode | undefined,
    private readonly nationalNumber: string,
    /** the plan it is formatted in: its country's, or its calling code's main one */
    private readonly plan: CountryFacts,
  ) {}
  private get parsed(): PhoneNumber {
    if (!this.phoneNumber) {
      this.phoneNumber = new PhoneNumber(this.e164 as ConstructorParameters<typeof PhoneNumber>[0]);
      if (this.country) this.phoneNumber.country = this.country;
    }
    return this.phoneNumber;
  }
  get international() {
    return formatInternational(this.nationalNumber, this.plan.country, this.plan.callingCode) ?? this.parsed.formatInternational();
  }
  /** its national format, once worked out */
  knownNational: string | undefined;
  get national() {
    return (this.knownNational ??= formatNational(this.nationalNumber, this.plan.country) ?? this.parsed.formatNational());
  }
  get type() {
    return this.parsed.getType();
  }
  /** libphonenumber's national format without an optional national prefix */
  bareNational() {
    return this.parsed.formatNational({ nationalPrefix: false });
  }
}

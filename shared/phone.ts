import { aNumberFrom, regionName as regionNameOf } from './country-words';
import { E164_PATTERN } from './feather-api';
import {
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  getCountries,
  type CountryCode,
  type NumberType,
  type PhoneNumber,
} from 'libphonenumber-js/max';

export type PhoneProblem =
  | 'empty'
  | 'spreadsheet_damage'
  | 'extension'
  | 'letters'
  | 'invalid_characters'
  | 'too_short'
  | 'too_long'
  | 'invalid_country'
  | 'no_national_prefix'
  | 'invalid';

export type ParsedPhone =
  | { ok: true; e164: string; country: CountryCode | undefined; international: string; national: string; type?: NumberType }
  | { ok: false; problem: PhoneProblem; message: string; suggestion?: CountrySuggestion };

/** A national number that is not valid for the default country but is for another one. */
export interface CountrySuggestion {
  country: CountryCode;
  e164: string;
  international: string;
}

const SUPPORTED = new Set<string>(getCountries());
export const isSupportedCountry = (code: string): code is CountryCode => SUPPORTED.has(code);

const SCIENTIFIC = /^\d(?:[.,]\d+)?e\+?\d+$/i;
const EXTENSION = /(?:\b(?:ext|extension|x)\.?\s*|[#;,]\s*)\d+\s*$/i;
const ALLOWED = /^[+\d\s().\-/\u00a0]+$/;

function fail(problem: PhoneProblem, message: string, suggestion?: CountrySuggestion): ParsedPhone {
  return suggestion ? { ok: false, problem, message, suggestion } : { ok: false, problem, message };
}

/** Countries tried first when guessing where a national number belongs (then all others). */
const LIKELY = ['US', 'GB', 'CA', 'AU', 'IN', 'DE', 'FR', 'ES', 'IT', 'NL', 'IE', 'NZ', 'ZA', 'MX', 'BR', 'SG'] as const;
/** The countries the app's users call most; an import checks these (and the file's own) for a number's likely country. */
export const COMMON_COUNTRIES: readonly CountryCode[] = LIKELY;

/**
 * A national number that is not valid for `except` may be valid somewhere else: the first
 * such country (common ones first), by libphonenumber's full metadata. Never applied silently.
 */
export function likelyCountry(national: string, except: string | undefined): CountrySuggestion | undefined {
  const digits = national.replace(/[^\d]/g, '');
  if (digits.length < 6 || national.trim().startsWith('+')) return undefined;
  const order = [...LIKELY, ...getCountries().filter((c) => !(LIKELY as readonly string[]).includes(c))];
  for (const country of order) {
    if (country === except) continue;
    try {
      const p = parsePhoneNumberWithError(digits, country as CountryCode);
      if (p.isValid() && p.country === country)
        return { country: country as CountryCode, e164: p.number, international: p.formatInternational() };
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Hyphens, dashes and minus signs people paste from documents and web pages. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
/** Non-breaking, thin, figure and other spaces. */
const SPACES = /[\u00A0\u2000-\u200B\u202F\u205F\u3000\t]/g;
const PASTE_EXTENSION = /(?:;\s*ext\s*=\s*|[,;#]\s*|\b(?:ext|extension|x)\.?\s*)(\d{1,8})\s*$/i;

/**
 * What a person pasted, made dialable: `tel:` / `callto:` links (percent-escapes decoded, URI
 * parameters dropped), typographic dashes and odd spaces, full-width digits; an extension is
 * taken off with a notice (the agent cannot dial one). Anything else is left for parsePhone
 * to judge.
 */
export function normalizeDialInput(input: string): { text: string; extension: string | null; notices: string[] } {
  const notices: string[] = [];
  let text = input.normalize('NFKC').replace(DASHES, '-').replace(SPACES, ' ').trim();
  const uri = /^(?:tel|callto|sip|sips):(?:\/\/)?/i.exec(text);
  if (uri) {
    text = text.slice(uri[0].length);
    try {
      text = decodeURIComponent(text);
    } catch {
      // a broken escape: keep the text as pasted, parsePhone will say what is wrong
    }
    const [number = '', ...params] = text.split(';');
    const ext = params.map((p) => /^\s*ext\s*=\s*(\d{1,8})\s*$/i.exec(p)?.[1]).find(Boolean);
    text = (number.split('@')[0] ?? '').trim() + (ext ? ` ext. ${ext}` : '');
  }
  let extension: string | null = null;
  const match = /[a-z,;#]/i.test(text) ? PASTE_EXTENSION.exec(text) : null;
  if (match && /\d/.test(text.slice(0, match.index))) {
    extension = match[1]!;
    text = text.slice(0, match.index).trim();
    notices.push(`Extension ${extension} was removed: the agent dials the main number and cannot dial an extension.`);
  }
  return { text, extension, notices };
}

export interface ParseOptions {
  /** on failure, scan other countries for one where the national number is valid (dial screen) */
  suggestCountry?: boolean;
  /**
   * Refuse a national number written without the trunk prefix its country always writes
   * (the UK's, Germany's, Australia's 0…): `905-555-1234` is not `0905 555 1234`. Countries
   * where the prefix is optional (India's mobiles, the US's 1) are not affected. On by default
   * everywhere (Dial, the contact editor, imports): without it `905-555-1234` under GB would
   * become +44 905…, a premium-rate line. `false` only to describe what a number would be.
   */
  requireNationalPrefix?: boolean;
}

/**
 * Turn what a person typed or pasted into E.164, or say exactly why not.
 * A number written with `+` or `00` keeps its own country; anything else is read as a
 * national number of `defaultCountry` and is never "fixed" into another country.
 */
export function parsePhone(input: string, defaultCountry: string, options: ParseOptions = {}): ParsedPhone {
  const text = input.trim();
  if (text === '') return fail('empty', 'Enter a phone number.');
  if (SCIENTIFIC.test(text)) {
    return fail(
      'spreadsheet_damage',
      `"${text}" looks like a spreadsheet turned the number into scientific notation; digits are lost. Re-enter the number.`,
    );
  }
  if (/[a-z,;#]/i.test(text) && EXTENSION.test(text)) {
    return fail('extension', 'Extensions cannot be dialled by the agent. Remove the extension part.');
  }
  if (/\p{L}/u.test(text)) return fail('letters', 'Phone numbers cannot contain letters.');
  if (!ALLOWED.test(text)) {
    return fail('invalid_characters', 'Use only digits, spaces, +, -, ( ) and dots.');
  }
  let candidate = text.replace(/[\s\u00a0]+/g, ' ');
  if (candidate.indexOf('+') > 0) return fail('invalid_characters', '"+" can only stand at the start.');
  if (candidate.startsWith('00')) candidate = '+' + candidate.slice(2);
  const international = candidate.startsWith('+');
  const country = isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  if (!international && !country) {
    return fail('invalid_country', 'Start the number with + and its country code, or choose a default country.');
  }
  const where = () => (international ? 'international' : regionName(country)); // only for messages: lazy
  /** "an international number", "a United States number" */
  const aWhere = () => `${/^(?:[aeio]|uz)/i.test(where()) ? 'an' : 'a'} ${where()}`; // a United…, a Ukraine…, an Uzbekistan…
  /** A national number that fails here may be another country's: say so (opt-in), never apply it. */
  const national = (problem: PhoneProblem, message: string): ParsedPhone => {
    if (international) return fail(problem, message);
    const suggestion = options.suggestCountry ? likelyCountry(candidate, country) : undefined; // a scan of many countries
    return suggestion
      ? fail(
          problem,
          `Not a valid ${where()} number. It looks like ${aNumberFrom(suggestion.country)}: ${suggestion.international}.`,
          suggestion,
        )
      : fail(problem, message);
  };
  try {
    const parsed = parsePhoneNumberWithError(candidate, international ? undefined : country);
    if (!parsed.isValid()) {
      const length = validatePhoneNumberLength(candidate, international ? undefined : country);
      if (length === 'TOO_SHORT') return national('too_short', `Too short for ${aWhere()} number.`);
      if (length === 'TOO_LONG') return national('too_long', `Too long for ${aWhere()} number.`);
      if (length === 'INVALID_COUNTRY') return fail('invalid_country', 'Unknown country calling code.');
      if (international) return fail('invalid', 'This is not a valid number for its country code.');
      return national('invalid', `Not a valid ${where()} number. For another country, start with + and its country code.`);
    }
    const e164 = parsed.number;
    if (!E164_PATTERN.test(e164)) return fail('invalid', 'Not a valid E.164 number.');
    if ((options.requireNationalPrefix ?? true) && !international) {
      const prefix = missingNationalPrefix(candidate, parsed);
      if (prefix)
        return national(
          'no_national_prefix',
          `${regionName(country)} numbers written without a country code start with ${prefix}; this one does not.`,
        );
    }
    return new ValidPhone(e164, parsed);
  } catch (error) {
    if (error instanceof ParseError) {
      switch (error.message) {
        case 'TOO_SHORT':
          return national('too_short', `Too short for ${aWhere()} number.`);
        case 'TOO_LONG':
          return national('too_long', `Too long for ${aWhere()} number.`);
        case 'INVALID_COUNTRY':
          return fail('invalid_country', 'Unknown country calling code.');
        default:
          return fail('invalid', 'This is not a phone number.');
      }
    }
    throw error;
  }
}

/**
 * The trunk prefix (`0`) a national number should have started with, when its country always
 * writes one in national format and the digits as written lack it; otherwise null. Written
 * with the prefix (or with the country code, which libphonenumber strips), the digits are
 * longer than the national significant number.
 */
function missingNationalPrefix(written: string, parsed: PhoneNumber): string | null {
  const nsn = parsed.nationalNumber;
  if (written.replace(/\D/g, '') !== nsn) return null;
  // `nationalPrefix: false` drops the prefix only where it is optional for this number's format
  const usual = parsed.formatNational({ nationalPrefix: false }).replace(/\D/g, '');
  return usual.length > nsn.length && usual.endsWith(nsn) ? usual.slice(0, usual.length - nsn.length) : null;
}

/**
 * A valid number. Formatting costs as much as parsing and imports of 100k numbers never
 * need it, so the formats are computed on first use (getters on the prototype stay cheap).
 */
class ValidPhone {
  readonly ok = true as const;
  readonly country: CountryCode | undefined;
  constructor(
    readonly e164: string,
    private readonly parsed: PhoneNumber,
  ) {
    this.country = parsed.country;
  }
  get international() {
    return this.parsed.formatInternational();
  }
  get national() {
    return this.parsed.formatNational();
  }
  /** FIXED_LINE, MOBILE, PREMIUM_RATE… (full metadata); undefined when libphonenumber cannot tell */
  get type() {
    return this.parsed.getType();
  }
}

/** "United States" for "US"; falls back to the code where ICU has no name. Kept per code: ICU's lookup is slow, and an import's messages name a country per number. */
const regionNames = new Map<string | undefined, string>();
export function regionName(code: string | undefined): string {
  let name = regionNames.get(code);
  if (name === undefined) regionNames.set(code, (name = regionNameOf(code)));
  return name;
}

import {
  parsePhoneNumberWithError,
  ParseError,
  validatePhoneNumberLength,
  getCountries,
  type CountryCode,
  type PhoneNumber,
} from 'libphonenumber-js/max';

/** The pattern Feather enforces on `to_phone_number`. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

export type PhoneProblem =
  | 'empty'
  | 'spreadsheet_damage'
  | 'extension'
  | 'letters'
  | 'invalid_characters'
  | 'too_short'
  | 'too_long'
  | 'invalid_country'
  | 'invalid';

export type ParsedPhone =
  | { ok: true; e164: string; country: CountryCode | undefined; international: string; national: string }
  | { ok: false; problem: PhoneProblem; message: string };

const SUPPORTED = new Set<string>(getCountries());
export const isSupportedCountry = (code: string): code is CountryCode => SUPPORTED.has(code);
export const supportedCountries = (): CountryCode[] => getCountries();

const SCIENTIFIC = /^\d(?:[.,]\d+)?e\+?\d+$/i;
const EXTENSION = /(?:\b(?:ext|extension|x)\.?\s*|[#;,]\s*)\d+\s*$/i;
const ALLOWED = /^[+\d\s().\-/\u00a0]+$/;

function fail(problem: PhoneProblem, message: string): ParsedPhone {
  return { ok: false, problem, message };
}

/**
 * Turn what a person typed or pasted into E.164, or say exactly why not.
 * A number written with `+` or `00` keeps its own country; anything else is read as a
 * national number of `defaultCountry` and is never "fixed" into another country.
 */
export function parsePhone(input: string, defaultCountry: string): ParsedPhone {
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
  try {
    const parsed = parsePhoneNumberWithError(candidate, international ? undefined : country);
    if (!parsed.isValid()) {
      const length = validatePhoneNumberLength(candidate, international ? undefined : country);
      if (length === 'TOO_SHORT') return fail('too_short', `Too short for a ${where()} number.`);
      if (length === 'TOO_LONG') return fail('too_long', `Too long for a ${where()} number.`);
      if (length === 'INVALID_COUNTRY') return fail('invalid_country', 'Unknown country calling code.');
      return fail(
        'invalid',
        international
          ? 'This is not a valid number for its country code.'
          : `Not a valid ${where()} number. For another country, start with + and its country code.`,
      );
    }
    const e164 = parsed.number;
    if (!E164_PATTERN.test(e164)) return fail('invalid', 'Not a valid E.164 number.');
    return new ValidPhone(e164, parsed);
  } catch (error) {
    if (error instanceof ParseError) {
      switch (error.message) {
        case 'TOO_SHORT':
          return fail('too_short', `Too short for a ${where()} number.`);
        case 'TOO_LONG':
          return fail('too_long', `Too long for a ${where()} number.`);
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
}

let displayNames: Intl.DisplayNames | undefined;
/** "United States" for "US"; falls back to the code where ICU has no name. */
export function regionName(code: string | undefined): string {
  if (!code) return 'unknown country';
  try {
    displayNames ??= new Intl.DisplayNames(['en'], { type: 'region' });
    return displayNames.of(code) ?? code;
  } catch {
    return code;
  }
}

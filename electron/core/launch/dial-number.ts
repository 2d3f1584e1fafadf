import { getCountries, getCountryCallingCode, parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { CONTROL } from './launch-request';

/**
 * The number in a `tel:`/`callto:` link or after `--dial`, checked and made plain: visual
 * separators go, an extension stays (" ext. 12": the card's normalisation drops it with its notice),
 * a local number with a global `phone-context` becomes the full number (RFC 3966). Whether the
 * number is valid for the default country is the call plan's to say, as for a typed number.
 */
export type NumberResult = { ok: true; number: string } | { ok: false; problem: string };

/** Script-like text anywhere in a link: it is refused whole, with a message that never repeats it. */
const SCRIPT_LIKE = /[<>"`{}\\]|\b(?:javascript|vbscript)\s*:/i;
/** Hyphens, dashes and minus signs, and odd spaces, people paste from documents. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;
const SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
/** RFC 3966 visual separators (-.()), spaces, a leading + */
const NUMBER = /^\+?[\d\s().-]+$/;
const MAX_DIGITS = 20;
/** RFC 3966 parameters: `;name` or `;name=value`, names of letters, digits and hyphens */
const PARAMETER = /^\s*[a-z0-9-]+\s*(?:=[^;]*)?$/i;

export const SCRIPT_PROBLEM = 'This link holds script-like text or control characters, so it was not opened.';

/** Control characters, or script-like text, at any level of percent-decoding (so `%253C` is caught too). */
export function looksHostile(text: string): boolean {
  let current = text;
  for (let level = 0; level < 4; level++) {
    if (CONTROL.test(current) || SCRIPT_LIKE.test(current)) return true;
    if (!current.includes('%')) return false;
    try {
      const next = decodeURIComponent(current);
      if (next === current) return false;
      current = next;
    } catch {
      return false; // a broken escape is reported by the parser where it matters
    }
  }
  return false;
}

/** `%2B1…` → `+1…`; null for a broken escape such as `%ZZ` or a lone `%`. */
export function percentDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const CALLING_CODES = new Set(getCountries().map((c) => getCountryCallingCode(c) as string));

/** A local number with its global context: `020 7946 0958` + `+44` → `+442079460958` (the trunk 0 dropped). */
function withContext(localDigits: string, context: string): NumberResult {
  const contextDigits = context.replace(/[\s().-]/g, '').slice(1);
  if (!/^\d{1,15}$/.test(contextDigits)) return { ok: false, problem: 'The phone-context of this number is not a +country code.' };
  const code = [1, 2, 3].map((n) => contextDigits.slice(0, n)).find((prefix) => CALLING_CODES.has(prefix));
  if (!code) return { ok: false, problem: `The phone-context +${contextDigits.slice(0, 15)} is not a country calling code.` };
  try {
    const national = contextDigits.slice(code.length) + localDigits;
    return { ok: true, number: parsePhoneNumberWithError(national, { defaultCallingCode: code }).number };
  } catch {
    return { ok: false, problem: `This number cannot be read with its phone-context +${code}.` };
  }
}

/**
 * Reads the number part of a link (already percent-decoded) or a `--dial` value: `number` with
 * optional `;ext=`, `;phone-context=` and other RFC 3966 parameters (ignored, as the RFC says).
 */
export function readDialNumber(decoded: string): NumberResult {
  if (CONTROL.test(decoded) || SCRIPT_LIKE.test(decoded)) return { ok: false, problem: SCRIPT_PROBLEM };
  const text = decoded.normalize('NFKC').replace(DASHES, '-').replace(SPACES, ' ').trim();
  const [numberPart = '', ...params] = text.split(';');
  const number = numberPart.trim();
  if (!number) return { ok: false, problem: 'There is no number to call.' };
  if (/\p{L}/u.test(number)) return { ok: false, problem: 'Phone numbers cannot contain letters, so this one cannot be called.' };
  if (!NUMBER.test(number)) return { ok: false, problem: 'A number holds only digits, spaces, a leading +, -, ( ) and dots.' };
  const digits = number.replace(/\D/g, '');
  if (digits.length === 0) return { ok: false, problem: 'There is no number to call.' };
  if (digits.length > MAX_DIGITS) return { ok: false, problem: `The number has ${digits.length} digits, more than any phone number.` };
  if (number.startsWith('+') && digits.length > 15) {
    return { ok: false, problem: `A number with its +country code has at most 15 digits (E.164); this one has ${digits.length}.` };
  }

  let extension: string | null = null;
  let context: string | null = null;
  for (const param of params) {
    if (!PARAMETER.test(param))
      return { ok: false, problem: 'The number is followed by something that is not a tel: parameter (like ;ext=12).' };
    const [rawName = '', ...rest] = param.split('=');
    const name = rawName.trim().toLowerCase();
    const value = rest.join('=').trim();
    if (name === 'ext') {
      if (extension !== null) return { ok: false, problem: 'The number has two extensions.' };
      if (!/^\d{1,8}$/.test(value.replace(/[\s().-]/g, ''))) return { ok: false, problem: 'An extension holds 1 to 8 digits.' };
      extension = value.replace(/\D/g, '');
    } else if (name === 'phone-context') {
      if (context !== null) return { ok: false, problem: 'The number has two phone-contexts.' };
      context = value;
    }
    // isub, postd and other parameters: nothing the agent can dial (RFC 3966: unknown ones are ignored)
  }

  let plain = (number.startsWith('+') ? '+' : '') + digits;
  if (!plain.startsWith('+') && context !== null) {
    if (!context.startsWith('+')) {
      return {
        ok: false,
        problem: 'This number is local to a private network (its phone-context is not a +country code), so it cannot be called from here.',
      };
    }
    const full = withContext(digits, context);
    if (!full.ok) return full;
    plain = full.number;
  }
  return { ok: true, number: extension ? `${plain} ext. ${extension}` : plain };
}

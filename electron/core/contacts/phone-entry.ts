import { parsePhone } from '../../../shared/phone';
import type { PhoneEntry } from '../../../shared/contacts/contact';

const EXTENSION = /(?:[,;#]|\b(?:ext|extension|x)\.?)\s*(\d{1,8})\s*$/i;

/** `212-555-0100 ext. 12` → number and extension kept apart. */
export function splitExtension(raw: string): { number: string; extension: string | null } {
  const text = raw.trim();
  // a cheap test first: most numbers end in a digit run with no marker before it
  if (!/[a-z,;#]/i.test(text)) return { number: text, extension: null };
  const match = EXTENSION.exec(text);
  if (!match || !/\d/.test(text.slice(0, match.index))) return { number: text, extension: null };
  return { number: text.slice(0, match.index).trim(), extension: match[1]! };
}

/**
 * A contact's number: what was typed is kept, E.164 is added when valid, and a number that
 * is not valid for its country is flagged with the reason — never "fixed" into another country.
 */
export function toPhoneEntry(input: { id: string; label: string; raw: string; doNotCall?: boolean }, defaultCountry: string): PhoneEntry {
  const { number, extension } = splitExtension(input.raw);
  const parsed = parsePhone(number, defaultCountry);
  return {
    id: input.id,
    label: input.label.trim().toLowerCase() || 'other',
    raw: input.raw.trim(),
    e164: parsed.ok ? parsed.e164 : null,
    problem: parsed.ok ? null : parsed.message,
    extension,
    doNotCall: input.doNotCall ?? false,
  };
}

/** Digits only, for duplicate detection and search. */
export const digitsOf = (text: string) => text.replace(/\D+/g, '');

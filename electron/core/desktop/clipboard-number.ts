import { findPhoneNumbersInText, isSupportedCountry } from 'libphonenumber-js/max';

/** Longer text is not read: a clipboard holding a document is not a phone number. */
const MAX_TEXT = 2000;

/**
 * The phone number on the clipboard (or in the selected text, on Linux), read as the default
 * country reads national numbers: the first one found, with its E.164 and how it is written.
 */
export function numberOnClipboard(text: string, defaultCountry: string): { e164: string; international: string } | null {
  const sample = text.slice(0, MAX_TEXT);
  if (!/\d{3}/.test(sample.replace(/[\s().\-\u00a0]/g, ''))) return null;
  const found = findPhoneNumbersInText(sample, isSupportedCountry(defaultCountry) ? { defaultCountry } : undefined);
  const number = found.find((f) => f.number.isValid())?.number;
  return number ? { e164: number.number, international: number.formatInternational() } : null;
}

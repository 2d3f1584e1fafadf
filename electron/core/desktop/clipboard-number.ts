import { findPhoneNumbersInText, isSupportedCountry } from 'libphonenumber-js/max';

/** Longer text is not read: a clipboard holding a document is not a phone number. */
const MAX_TEXT = 2000;

/**
 * The phone number on the clipboard, read as the default country reads national numbers: the first
 * one found, with its E.164 and how it is written. Several texts are read in order (on Linux the
 * selected text, then the clipboard): the first that holds a number gives it.
 */
export function numberOnClipboard(
  texts: string | readonly string[],
  defaultCountry: string,
): { e164: string; international: string } | null {
  for (const text of typeof texts === 'string' ? [texts] : texts) {
    const number = numberIn(text, defaultCountry);
    if (number) return number;
  }
  return null;
}

function numberIn(text: string, defaultCountry: string) {
  const sample = text.slice(0, MAX_TEXT);
  if (!/\d{3}/.test(sample.replace(/[\s().\-\u00a0]/g, ''))) return null;
  const found = findPhoneNumbersInText(sample, isSupportedCountry(defaultCountry) ? { defaultCountry } : undefined);
  const number = found.find((f) => f.number.isValid())?.number;
  return number ? { e164: number.number, international: number.formatInternational() } : null;
}

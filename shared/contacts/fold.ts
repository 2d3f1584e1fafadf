/** Letters NFD cannot take apart. */
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const SPECIAL_RE = /[ßæœøłđðþı]/g;

/** Accent- and case-insensitive form: "Zoë Müller-Łukasz" → "zoe muller-lukasz". */
// eslint-disable-next-line no-control-regex -- "only ASCII" is exactly what this tests
const ASCII = /^[\x00-\x7f]*$/;
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase(); // the common case, ten times cheaper
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
}

/** Words of a folded text: letters and digits, split on everything else. */
export function words(folded: string): string[] {
  return (ASCII.test(folded) ? folded.split(/[^a-z0-9]+/) : folded.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** CJK names are not written with spaces between words, so they are matched by substring. */
export const hasCjk = (text: string) => CJK.test(text);

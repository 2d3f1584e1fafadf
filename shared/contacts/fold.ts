/** Letters NFD cannot take apart. */
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };
const SPECIAL_RE = /[ßæœøłđðþı]/g;

/** Accent- and case-insensitive form: "Zoë Müller-Łukasz" → "zoe muller-lukasz". */
// eslint-disable-next-line no-control-regex -- "only ASCII" is exactly what this tests
const ASCII = /^[\x00-\x7f]*$/;
export function fold(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase(); // the common case, ten times cheaper
  return foldLatin(text) ?? foldByNormalizing(text);
}

/** The whole rule: lower case, decomposed (NFD), combining marks dropped, then the letters NFD cannot take apart. */
export function foldByNormalizing(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(SPECIAL_RE, (c) => SPECIAL[c] ?? c);
}

/**
 * Below U+0250 (Latin-1 and Latin Extended-A and -B: most accented names) a text folds character by
 * character — none of them is a combining mark, and none lower-cases differently beside another — so
 * each one's fold is looked up (made by `foldByNormalizing` the first time it is seen): about 3× faster
 * than normalizing the whole text. Null when a character is beyond that range.
 */
const LATIN_END = 0x250;
const latinFolds: Array<string | undefined> = [];
function foldLatin(text: string): string | null {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= LATIN_END) return null;
    out += latinFolds[c] ??= foldByNormalizing(text[i]!);
  }
  return out;
}

/** Words of a folded text: letters and digits, split on everything else. */
export function words(folded: string): string[] {
  return (ASCII.test(folded) ? folded.split(/[^a-z0-9]+/) : folded.split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
/** CJK names are not written with spaces between words, so they are matched by substring. */
export const hasCjk = (text: string) => CJK.test(text);

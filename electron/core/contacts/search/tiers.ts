import { FIRST_WORD, NAME_WORD } from './contact-terms';

/** Match tiers, best first: exact word, name prefix, word start, fuzzy (one typo). */
export const TIER = { exact: 4, prefix: 3, word: 2, fuzzy: 1 } as const;

/**
 * A word's tier by its role in the contact (entry & 3): when it is the query word, a word of the
 * name ranks as exact; when it only starts with the query word, the name's first word ranks as a
 * name prefix; any other word as a word start.
 */
const ROLES = [0, 1, 2, 3];
export const EXACT_TIER: readonly number[] = ROLES.map((role) => (role & (FIRST_WORD | NAME_WORD) ? TIER.exact : TIER.word));
export const PREFIX_TIER: readonly number[] = ROLES.map((role) => (role & FIRST_WORD ? TIER.prefix : TIER.word));

/** A number's tier for typed digits: the whole number, its start (or just after a country code), or inside it. */
export function digitTier(text: string, v: string): number {
  const at = text.indexOf(v);
  if (at < 0) return 0;
  const before = at === 0 ? -1 : text.lastIndexOf('|', at - 1);
  return text === v ? TIER.exact : at - before - 1 <= 3 ? TIER.prefix : TIER.word;
}

/** CJK names are written without spaces between words: the whole name, its start, or inside it. */
export function cjkTier(folded: string, token: string): number {
  return folded === token ? TIER.exact : folded.startsWith(token) ? TIER.prefix : folded.includes(token) ? TIER.word : 0;
}

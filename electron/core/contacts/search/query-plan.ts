import { fold, words } from '../../../../shared/contacts/fold';

/** One part of a query: a word (matched against name, company and tag words) or a number's digits. */
export type QueryPart = { kind: 'text' | 'digits'; text: string };
const PHONE_LIKE = /^[+\d\s().\-/]+$/;

/** "+44 20 79" is one number; "maria 555" is a word and a number. */
export function planQuery(query: string): QueryPart[] {
  const trimmed = query.trim();
  if (!trimmed) return [];
  if (PHONE_LIKE.test(trimmed) && /\d/.test(trimmed)) {
    const digits = trimmed.replace(/\D+/g, '');
    return digits.length >= 3 ? [{ kind: 'digits', text: digits }] : [{ kind: 'text', text: digits }];
  }
  const parts: QueryPart[] = [];
  for (const raw of trimmed.split(/\s+/)) {
    const digits = raw.replace(/\D+/g, '');
    if (PHONE_LIKE.test(raw) && digits.length >= 3) parts.push({ kind: 'digits', text: digits });
    else for (const w of words(fold(raw))) parts.push({ kind: 'text', text: w });
  }
  return parts;
}

/**
 * The forms of a typed number tried in turn: as typed, then without an international "00" or a
 * national trunk "0". Shorter than three digits they match nothing.
 */
export function digitVariants(query: string): string[] {
  const variants = [query];
  if (query.startsWith('00')) variants.push(query.slice(2));
  else if (query.startsWith('0')) variants.push(query.slice(1));
  return variants.filter((v) => v.length >= 3);
}

/** Optimal-string-alignment distance ≤ 1 (one insert, delete, substitution or adjacent swap). */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

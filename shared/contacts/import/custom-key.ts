import { fold } from '../fold';
import { identifierProblem } from '../../identifiers';

/** Custom-field keys (the CSV mapping step, the importer): the rule and the key a header suggests. Zod-free: the window imports these. */
export const CUSTOM_KEY_MAX = 60;

/** Why `key` cannot name a custom field, or null. Same rule as the contact editor's, plus a length. */
export function customKeyProblem(key: string): string | null {
  if (!key) return 'Give the field a name, like plan.';
  if (key.length > CUSTOM_KEY_MAX) return `Field names are at most ${CUSTOM_KEY_MAX} characters.`;
  return identifierProblem(key, 'Field names');
}

/**
 * A custom-field key from a column header or a Google custom-field label: "Plan" → `plan`,
 * "Account Manager" → `accountManager`, "Société" → `societe`; a header that is already a key
 * in lower camel or snake case is kept as it is (`customer_id`). `fallback` when nothing is left.
 */
export function customKeyFor(header: string, fallback = 'field'): string {
  const text = header.trim();
  if (/^[a-z][A-Za-z0-9_]*$/.test(text) && !customKeyProblem(text)) return text;
  const parts = fold(text.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'))
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let key = parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('');
  if (!key) key = fallback;
  if (/^[0-9]/.test(key)) key = `_${key}`;
  key = key.slice(0, CUSTOM_KEY_MAX);
  if (customKeyProblem(key)) key = `${key.slice(0, CUSTOM_KEY_MAX - 5)}Field`; // a reserved name such as "constructor"
  return key;
}

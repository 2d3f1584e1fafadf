import { fold, words } from '../../../../shared/contacts/fold';
import type { Vocabulary } from './vocabulary';

/** What the index needs to know about a contact. */
export interface IndexedFields {
  id: string;
  name: string;
  firstName: string;
  lastName: string;
  company: string;
  tags: string[];
  /** E.164 and as-typed forms of every number */
  phones: Array<{ e164: string | null; raw: string }>;
  favorite: boolean;
  lastCalledAt: string | null;
  callCount: number;
}

/** A word's role in its contact: the first word of the name, and/or any word of the name. */
export const FIRST_WORD = 1;
export const NAME_WORD = 2;

/**
 * Reads one contact's searchable terms into reused arrays (no objects per contact): the distinct
 * words of its name, company and tags as vocabulary ids with their roles, and its numbers' digits.
 * During a batch, the words of a company or tag already seen are not folded and split again.
 */
export class ContactTerms {
  readonly wordIds: number[] = [];
  readonly roles: number[] = [];
  /** every number's digits: E.164, then the as-typed form when it adds digits; in the contact's order */
  readonly digits: string[] = [];
  /** the folded name is ASCII (so it holds no CJK) */
  ascii = true;
  private textWords: Map<string, number[]> | null = null;

  constructor(private readonly vocabulary: Vocabulary) {}

  beginBatch() {
    this.textWords ??= new Map();
  }

  endBatch() {
    this.textWords = null;
  }

  /** Fills wordIds, roles and digits for `fields`, whose name folds to `folded`. */
  read(fields: IndexedFields, folded: string) {
    this.wordIds.length = 0;
    this.roles.length = 0;
    this.ascii = this.nameWords(folded);
    this.partWords(folded, fields.firstName);
    this.partWords(folded, fields.lastName);
    if (fields.company) for (const id of this.wordsOf(fields.company)) this.push(id, 0);
    for (const tag of fields.tags) if (tag) for (const id of this.wordsOf(tag)) this.push(id, 0);
    const digits = this.digits;
    digits.length = 0;
    for (const p of fields.phones) {
      const e164 = p.e164 ? digitsOf(p.e164) : '';
      if (e164 && !digits.includes(e164)) digits.push(e164);
      // "(212) 555-0100" adds nothing that "12125550100" does not already hold
      if (endsWithDigitsOf(e164, p.raw)) continue;
      const raw = digitsOf(p.raw);
      if (!digits.includes(raw)) digits.push(raw);
    }
  }

  /** First and last name: their words count as the name's when the name does not hold them (a display name). */
  private partWords(folded: string, part: string) {
    if (!part || holdsFolded(folded, part)) return;
    for (const w of words(fold(part))) this.push(this.vocabulary.idOf(w), NAME_WORD);
  }

  /** The name's words, the first one marked: cut straight from an ASCII name, else split. Whether it is ASCII. */
  private nameWords(folded: string): boolean {
    let ascii = true;
    let start = -1;
    for (let i = 0; i <= folded.length; i++) {
      const c = i < folded.length ? folded.charCodeAt(i) : 32;
      if (c >= 128) {
        // not ASCII: the Unicode split, as words() does it
        this.wordIds.length = 0;
        this.roles.length = 0;
        for (const w of words(folded)) this.push(this.vocabulary.idOf(w), NAME_WORD);
        ascii = false;
        break;
      }
      const inWord = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
      if (inWord && start < 0) start = i;
      else if (!inWord && start >= 0) {
        this.push(this.vocabulary.idOf(folded, start, i), NAME_WORD);
        start = -1;
      }
    }
    if (this.roles.length > 0) this.roles[0] = FIRST_WORD | NAME_WORD;
    return ascii;
  }

  /** Vocabulary ids of the words of a company or tag. */
  private wordsOf(text: string): number[] {
    const known = this.textWords?.get(text);
    if (known) return known;
    const ids = words(fold(text)).map((w) => this.vocabulary.idOf(w));
    this.textWords?.set(text, ids);
    return ids;
  }

  /** Adds a word once: a word already there keeps its first role (a name word stays one). */
  private push(id: number, role: number) {
    if (this.wordIds.includes(id)) return;
    this.wordIds.push(id);
    this.roles.push(role);
  }
}

/** The digits of `text`, as `text.replace(/\D+/g, '')` gives them ("+12125550100" → "12125550100"). */
function digitsOf(text: string): string {
  let start = 0;
  if (text.charCodeAt(0) === 43) start = 1; // '+'
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return text.replace(/\D+/g, '');
  }
  return start === 0 ? text : text.slice(1);
}

/** Whether `raw` has no digits, or its digits are how `digits` ends — without cutting them out. */
function endsWithDigitsOf(digits: string, raw: string): boolean {
  let at = digits.length;
  for (let i = raw.length - 1; i >= 0; i--) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) continue;
    if (at === 0 || digits.charCodeAt(--at) !== c) return false;
  }
  return true;
}

/** `folded.includes(fold(part))`, without folding an ASCII part (its fold only lowers A–Z). */
function holdsFolded(folded: string, part: string): boolean {
  for (let j = 0; j < part.length; j++) if (part.charCodeAt(j) >= 128) return folded.includes(fold(part));
  const last = folded.length - part.length;
  outer: for (let i = 0; i <= last; i++) {
    for (let j = 0; j < part.length; j++) {
      let c = part.charCodeAt(j);
      if (c >= 65 && c <= 90) c += 32;
      if (folded.charCodeAt(i + j) !== c) continue outer;
    }
    return true;
  }
  return false;
}

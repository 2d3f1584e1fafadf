import { withinOneEdit } from './query-plan';

/**
 * Every word of every contact, with its postings: the contacts (slots) that have it, each entry
 * `slot * 4 + role` so a match's tier needs no string comparison. Words are found by a hash of
 * their characters (a word inside a longer text is looked up without cutting it out), kept
 * sorted for the range a prefix covers, and hashed by their one-deletion neighbourhood for typos.
 *
 * Entries of removed contacts stay until `purge` (the index skips them meanwhile): a removal
 * costs nothing here, and a purge clears many at once.
 */
export class Vocabulary {
  /** word by id ('' once dropped) */
  readonly words: string[] = [];
  /** entries by word id */
  readonly postings: number[][] = [];
  /** words in code-unit order, and their ids */
  private sorted: string[] = [];
  private order: number[] = [];
  /** open addressing: word id + 1 at the slot its hash picks (0: empty) */
  private table = new Int32Array(1024);
  private live = 0;
  private freeIds: number[] = [];
  /** added by a batch and not yet in `sorted` */
  private pending: number[] | null = null;
  /** hash of a word or of it less one character → ids of words of three or more characters */
  private neighbours = new Map<number, number | number[]>();

  /** The id of `text.slice(start, end)`, made a word if it is not one yet. */
  idOf(text: string, start = 0, end = text.length): number {
    const mask = this.table.length - 1;
    for (let at = hashRange(text, start, end, -1) & mask; ; at = (at + 1) & mask) {
      const held = this.table[at]! - 1;
      if (held < 0) break;
      if (sameText(this.words[held]!, text, start, end)) return held;
    }
    return this.create(start === 0 && end === text.length ? text : text.slice(start, end));
  }

  /** The id of `word`, or -1 when no contact has it. */
  find(word: string): number {
    const mask = this.table.length - 1;
    for (let at = hashRange(word, 0, word.length, -1) & mask; ; at = (at + 1) & mask) {
      const held = this.table[at]! - 1;
      if (held < 0) return -1;
      if (this.words[held] === word) return held;
    }
  }

  /** Adds one entry to a word's postings. */
  add(id: number, entry: number) {
    this.postings[id]!.push(entry);
  }

  /** New words from here to `endBatch` are sorted in once, not spliced in one by one. */
  beginBatch() {
    this.pending ??= [];
  }

  endBatch() {
    const added = this.pending;
    this.pending = null;
    if (!added?.length) return;
    added.sort((a, b) => (this.words[a]! < this.words[b]! ? -1 : 1));
    const words: string[] = [];
    const ids: number[] = [];
    let i = 0;
    for (const id of added) {
      const word = this.words[id]!;
      while (i < this.sorted.length && this.sorted[i]! < word) {
        words.push(this.sorted[i]!);
        ids.push(this.order[i++]!);
      }
      words.push(word);
      ids.push(id);
    }
    for (; i < this.sorted.length; i++) {
      words.push(this.sorted[i]!);
      ids.push(this.order[i]!);
    }
    this.sorted = words;
    this.order = ids;
  }

  /** The words starting with `prefix`: positions [from, to) of `sortedIds`. */
  prefixRange(prefix: string): { from: number; to: number } {
    const sorted = this.sorted;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let to = lo;
    while (to < sorted.length && sorted[to]!.startsWith(prefix)) to++;
    return { from: lo, to };
  }

  /** Word ids in word order (see prefixRange). */
  get sortedIds(): readonly number[] {
    return this.order;
  }

  /** How many entries the words starting with `prefix` hold (removed contacts' included). */
  entriesWithPrefix(prefix: string): number {
    const { from, to } = this.prefixRange(prefix);
    let total = 0;
    for (let i = from; i < to; i++) total += this.postings[this.order[i]!]!.length;
    return total;
  }

  /** Ids of the words one edit (insert, delete, substitute, swap) from `token`, never `token` itself. */
  fuzzy(token: string): number[] {
    const found: number[] = [];
    for (let skip = -1; skip < token.length; skip++) {
      const at = this.neighbours.get(hashRange(token, 0, token.length, skip) & NEIGHBOUR_MASK);
      if (at === undefined) continue;
      for (const id of typeof at === 'number' ? [at] : at) {
        const word = this.words[id]!;
        if (word !== token && !found.includes(id) && withinOneEdit(token, word)) found.push(id);
      }
    }
    return found;
  }

  /** Drops the entries whose slot `live` rejects, and the words left without any. */
  purge(live: (slot: number) => boolean) {
    let dropped = false;
    for (let id = 0; id < this.postings.length; id++) {
      const list = this.postings[id]!;
      let kept = 0;
      for (let i = 0; i < list.length; i++) if (live(list[i]! >> 2)) list[kept++] = list[i]!;
      list.length = kept;
      if (kept === 0 && this.words[id]) {
        this.drop(id);
        dropped = true;
      }
    }
    if (!dropped) return;
    const keep = this.order.map((id) => this.words[id] !== '');
    this.sorted = this.sorted.filter((_, i) => keep[i]);
    this.order = this.order.filter((_, i) => keep[i]);
    this.rehash(this.table.length);
  }

  private create(word: string): number {
    const id = this.freeIds.pop() ?? this.words.length;
    this.words[id] = word;
    this.postings[id] = [];
    if (++this.live * 2 > this.table.length) this.rehash(this.table.length * 2);
    else this.place(id);
    if (this.pending) this.pending.push(id);
    else {
      const { from } = this.prefixRange(word);
      this.sorted.splice(from, 0, word);
      this.order.splice(from, 0, id);
    }
    if (word.length >= 3)
      for (let skip = -1; skip < word.length; skip++) this.link(hashRange(word, 0, word.length, skip) & NEIGHBOUR_MASK, id);
    return id;
  }

  private drop(id: number) {
    const word = this.words[id]!;
    if (word.length >= 3)
      for (let skip = -1; skip < word.length; skip++) this.unlink(hashRange(word, 0, word.length, skip) & NEIGHBOUR_MASK, id);
    this.words[id] = '';
    this.live--;
    this.freeIds.push(id);
  }

  private place(id: number) {
    const word = this.words[id]!;
    const mask = this.table.length - 1;
    let at = hashRange(word, 0, word.length, -1) & mask;
    while (this.table[at] !== 0) at = (at + 1) & mask;
    this.table[at] = id + 1;
  }

  private rehash(size: number) {
    this.table = new Int32Array(size);
    for (let id = 0; id < this.words.length; id++) if (this.words[id]) this.place(id);
  }

  private link(hash: number, id: number) {
    const at = this.neighbours.get(hash);
    if (at === undefined) this.neighbours.set(hash, id);
    else if (typeof at === 'number') {
      if (at !== id) this.neighbours.set(hash, [at, id]);
    } else if (!at.includes(id)) at.push(id);
  }

  private unlink(hash: number, id: number) {
    const at = this.neighbours.get(hash);
    if (at === id) this.neighbours.delete(hash);
    else if (typeof at === 'object') {
      const rest = at.filter((x) => x !== id);
      this.neighbours.set(hash, rest.length === 1 ? rest[0]! : rest);
    }
  }
}

/** neighbourhood keys stay small integers (Smis) even with pointer compression */
const NEIGHBOUR_MASK = 0x3fffffff;

/**
 * FNV-1a of `text.slice(start, end)` without its character at `skip` (-1: none). Equal strings hash
 * equally, so a word and a typo's neighbours are always found; a collision only adds a candidate
 * that a comparison (or `withinOneEdit`) then rejects.
 */
function hashRange(text: string, start: number, end: number, skip: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    if (i - start === skip) continue;
    h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  }
  return h >>> 0;
}

function sameText(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

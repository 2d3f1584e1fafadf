import type { ContactSlots } from './contact-slots';
import { FIRST_WORD } from './contact-terms';
import type { NameOrder } from './name-order';
import { EXACT_TIER, TIER } from './tiers';
import type { Vocabulary } from './vocabulary';

const RANK_SPAN = 4294967296; // a sort key is (3 − boost) × RANK_SPAN + rank
const MAX_BOOST = 3;
/** irregular names (see below) are checked one by one; past this many the shortcut stands down */
const MAX_IRREGULAR = 2000;

/**
 * The shortcut for the slowest keystrokes: a query of one to three letters or digits, which matches
 * a large share of the book. Its matches, in the list's order, are: contacts with a name word equal
 * to it (exact), then contacts whose name's first word starts with it (name prefix), each by boost
 * then name, then the rest (word start). The name-prefix tier is a contiguous range of the name
 * order, since a name sorts by its folded text, which starts with its first word — so when the
 * exact and name-prefix tiers fill the page, nothing else needs to be looked at; and how many
 * contacts have a word starting with each such prefix is counted as contacts come and go. So the
 * page and the total cost a binary search and a page of work instead of a pass over every match.
 *
 * Anything else (a filter, a longer query, a page the two tiers do not fill, a name that does not
 * start with its first word starting with the query) goes the usual way (query-matcher.ts); the
 * ranking test compares both with the previous index.
 */
export class ShortPrefixes {
  /** contacts with a word starting with each prefix of one to three [0-9a-z] */
  private counts = new Int32Array(37 * 37 * 37);
  private keys: number[] = [];
  /** names whose folded text does not start with their first word ("(Ann) Lee"): slot → first word */
  private irregular = new Map<number, string>();
  private marks = new Uint8Array(1024);
  /** slots that may have a boost (favourite, called often, called at all), in name order */
  private boosted: number[] = [];
  private boostedFor = -1;
  // scratch: sort keys and slots of the exact matches, sort keys of the boosted in range
  private exactKeys = new Float64Array(256);
  private exactSlots = new Int32Array(256);
  private exactInRange = 0;
  private boostedKeys = new Float64Array(256);

  constructor(
    private readonly slots: ContactSlots,
    private readonly vocabulary: Vocabulary,
    private readonly names: NameOrder,
  ) {}

  /** A contact came (+1) or went (−1): its words (`wordIds[from … to)`, word id × 4 + role) and its folded name. */
  count(n: number, wordIds: ArrayLike<number>, from: number, to: number, folded: string, change: 1 | -1) {
    const keys = this.keys;
    keys.length = 0;
    const words = this.vocabulary.words;
    for (let i = from; i < to; i++) {
      const word = words[wordIds[i]! >> 2]!;
      let key = 0;
      for (let c = 0; c < 3 && c < word.length; c++) {
        const code = code36(word.charCodeAt(c));
        if (code === 0) break;
        key += code * POWERS[c]!;
        if (!keys.includes(key)) keys.push(key);
      }
    }
    for (const key of keys) this.counts[key]! += change;
    if (change < 0) this.irregular.delete(n);
    else if (to > from && (wordIds[from]! & FIRST_WORD) !== 0) {
      const first = words[wordIds[from]! >> 2]!; // the name's first word comes first
      if (!folded.startsWith(first)) this.irregular.set(n, first);
    }
  }

  /** The first `need` ids and the total for `token`, or null when the shortcut does not apply. `names` is settled. */
  find(token: string, need: number, recentSince: number): { total: number; ids: string[] } | null {
    const key = keyOf(token);
    if (key < 0 || !(need < Infinity) || recentSince < 0 || this.irregular.size > MAX_IRREGULAR) return null;
    for (const first of this.irregular.values()) if (first.startsWith(token)) return null;
    if (this.marks.length < this.slots.capacity) this.marks = new Uint8Array(this.slots.capacity);
    const { lo, hi } = this.nameRange(token);
    const exact = this.exactMatches(token, recentSince, lo, hi);
    // the two tiers fill the page, or there is nothing beyond them
    const covered = exact.length + (hi - lo - this.exactInRange);
    const ids = covered >= need || covered === this.counts[key] ? this.page(exact, lo, hi, need, recentSince) : null;
    for (let i = 0; i < exact.length; i++) this.marks[this.exactSlots[i]!] = 0;
    return ids && { total: this.counts[key]!, ids };
  }

  /**
   * Contacts with a name word equal to `token`, marked, as sorted keys (boost, then name); counts
   * those in the name range [lo, hi) in `exactInRange`.
   */
  private exactMatches(token: string, recentSince: number, lo: number, hi: number): Float64Array {
    this.exactInRange = 0;
    const id = this.vocabulary.find(token);
    if (id < 0) return this.exactKeys.subarray(0, 0);
    const list = this.vocabulary.postings[id]!;
    if (this.exactKeys.length < list.length) {
      this.exactKeys = new Float64Array(list.length * 2);
      this.exactSlots = new Int32Array(list.length * 2);
    }
    const keys = this.exactKeys;
    const slots = this.exactSlots;
    const rank = this.names.rank;
    let count = 0;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      const n = entry >> 2;
      const r = rank[n]!;
      if (r < 0 || EXACT_TIER[entry & 3] !== TIER.exact) continue;
      this.marks[n] = 1;
      if (r >= lo && r < hi) this.exactInRange++;
      slots[count] = n;
      keys[count++] = (MAX_BOOST - this.boost(n, recentSince)) * RANK_SPAN + r;
    }
    return keys.subarray(0, count).sort();
  }

  /** [lo, hi): the ranks of the names that start with `token`. */
  private nameRange(token: string): { lo: number; hi: number } {
    const order = this.names.order;
    const names = this.names.names;
    const search = (past: (name: string) => boolean) => {
      let lo = 0;
      let hi = order.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (past(names[order[mid]!]!)) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return { lo: search((name) => name < token), hi: search((name) => name < token || name.startsWith(token)) };
  }

  /** The exact matches, then the name-prefix range: its boosted contacts by boost, then the others in name order. */
  private page(exact: Float64Array, lo: number, hi: number, need: number, recentSince: number): string[] {
    const order = this.names.order;
    const ids = this.slots.ids;
    const out: string[] = [];
    for (let i = 0; i < exact.length && out.length < need; i++) out.push(ids[order[exact[i]! % RANK_SPAN]!]!);
    if (out.length === need) return out;
    const boosted = this.boostedIn(lo, hi, recentSince);
    for (let i = 0; i < boosted.length && out.length < need; i++) out.push(ids[order[boosted[i]! % RANK_SPAN]!]!);
    for (let r = lo; r < hi && out.length < need; r++) {
      const n = order[r]!;
      if (this.marks[n] === 0 && this.boost(n, recentSince) === 0) out.push(ids[n]!);
    }
    return out;
  }

  /** Sort keys of the boosted contacts (now) in the name range, not exact matches. */
  private boostedIn(lo: number, hi: number, recentSince: number): Float64Array {
    const rank = this.names.rank;
    if (this.boostedFor !== this.names.version) {
      const { staticBoost, lastCalledAt } = this.slots;
      this.boosted = this.names.order.filter((n) => staticBoost[n]! > 0 || lastCalledAt[n]! > 0);
      this.boostedFor = this.names.version;
    }
    const boosted = this.boosted;
    let at = 0;
    let end = boosted.length;
    while (at < end) {
      const mid = (at + end) >> 1;
      if (rank[boosted[mid]!]! < lo) at = mid + 1;
      else end = mid;
    }
    let count = 0;
    for (let end = at; end < boosted.length && rank[boosted[end]!]! < hi; end++) count++;
    if (this.boostedKeys.length < count) this.boostedKeys = new Float64Array(count * 2);
    const keys = this.boostedKeys;
    let kept = 0;
    for (let i = at; i < at + count; i++) {
      const n = boosted[i]!;
      const boost = this.marks[n] === 0 ? this.boost(n, recentSince) : 0;
      if (boost > 0) keys[kept++] = (MAX_BOOST - boost) * RANK_SPAN + rank[n]!;
    }
    return keys.subarray(0, kept).sort();
  }

  /** Favourite 2, called often 1, called lately 1: at most 3. */
  private boost(n: number, recentSince: number): number {
    const boost = this.slots.staticBoost[n]! + (this.slots.lastCalledAt[n]! > recentSince ? 1 : 0);
    return boost < MAX_BOOST ? boost : MAX_BOOST;
  }
}

const POWERS = [37 * 37, 37, 1];

/** '0'–'9' → 1–10, 'a'–'z' → 11–36, anything else 0 */
function code36(c: number): number {
  if (c >= 48 && c <= 57) return c - 47;
  if (c >= 97 && c <= 122) return c - 86;
  return 0;
}

/** The counter of a one-to-three character [0-9a-z] prefix; -1 for anything else. */
function keyOf(token: string): number {
  if (token.length === 0 || token.length > 3) return -1;
  let key = 0;
  for (let i = 0; i < token.length; i++) {
    const code = code36(token.charCodeAt(i));
    if (code === 0) return -1;
    key += code * POWERS[i]!;
  }
  return key;
}

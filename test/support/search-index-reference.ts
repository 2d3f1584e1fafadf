// Frozen copy of electron/core/contacts/search-index.ts as of commit 9df82a9: the reference for
// test/unit/search-ranking-compare.test.ts, which proves a faster index ranks and counts exactly as this one did. Never edit.
import { fold, hasCjk, words } from '../../shared/contacts/fold';

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

export type SortOrder = 'name' | 'recent' | 'frequent';
export interface SearchOptions {
  sort?: SortOrder;
  favoritesOnly?: boolean;
  /** every listed tag must be present (folded comparison) */
  tags?: string[];
}

/** Match tiers, best first: exact word, name prefix, word start, fuzzy (one typo). */
export const TIER = { exact: 4, prefix: 3, word: 2, fuzzy: 1 } as const;
const BOOSTS = 4; // favourite + recently called + frequently called, kept below one tier step
const RECENT_MS = 14 * 24 * 3600 * 1000;

interface Doc {
  id: string;
  folded: string;
  /** the first word of the name: a word match here is a name-prefix match */
  first: string;
  /** words of the name itself; an exact company or tag word ranks as a word-start match */
  nameWords: string[];
  tokens: string[];
  tags: string[];
  digits: string[];
  /** every digits string joined with '|', for one indexOf per contact */
  digitText: string;
  cjk: boolean;
  favorite: boolean;
  lastCalled: number;
  callCount: number;
}

/**
 * An in-memory contact search index, updated incrementally (one edit never rebuilds it):
 * a sorted vocabulary with posting sets for exact/prefix/word-start matches, a one-deletion
 * neighbourhood for typos, and digit trigrams for numbers typed in any format.
 */
export class ContactIndex {
  private docs: Array<Doc | undefined> = [];
  private free: number[] = [];
  private byId = new Map<string, number>();
  private postings = new Map<string, Set<number>>();
  private vocabulary: string[] = []; // sorted, for prefix ranges
  private deletions = new Map<string, Set<string>>();
  /**
   * digit trigram "000".."999" (as a number) → docs whose numbers contain it. Plain arrays:
   * removals leave stale entries (every candidate is verified anyway) until a rebuild.
   */
  private trigrams: number[][] = Array.from({ length: 1000 }, () => []);
  private trigramEntries = 0;
  private staleTrigramEntries = 0;
  private cjkDocs = new Set<number>();
  /** doc numbers in name order; kept sorted by binary insertion */
  private nameOrder: number[] = [];
  /** the no-query order per sort, rebuilt only after a change */
  private orderedCache = new Map<string, string[]>();
  private scratch = new Int16Array(0);
  /** per doc: favourite (2) + frequently called (1), and when last called — read per match, so typed */
  private staticBoost = new Int8Array(1024);
  private lastCalledAt = new Float64Array(1024);
  /** hot per-doc strings, kept outside the doc objects for tight loops */
  private firstWords: string[] = [];
  private nameWordLists: string[][] = [];
  /** folded name + id: one string comparison orders two docs */
  private sortKeys: string[] = [];
  private digitTexts: string[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  get size() {
    return this.byId.size;
  }

  upsert(fields: IndexedFields) {
    this.insert(fields);
    this.nameOrder.splice(this.namePosition(this.docs[this.byId.get(fields.id)!]!), 0, this.byId.get(fields.id)!);
  }

  /** Many at once (start-up, imports): one sort instead of a binary insertion each. */
  upsertMany(list: Iterable<IndexedFields>) {
    const added: number[] = [];
    for (const fields of list) {
      if (this.byId.has(fields.id)) this.upsert(fields);
      else {
        this.insert(fields);
        added.push(this.byId.get(fields.id)!);
      }
    }
    if (added.length === 0) return;
    const cmp = (a: number, b: number) => this.compareNames(a, b);
    added.sort(cmp);
    // merge two sorted runs
    const merged: number[] = new Array(this.nameOrder.length + added.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.nameOrder.length && j < added.length)
      merged[k++] = cmp(this.nameOrder[i]!, added[j]!) <= 0 ? this.nameOrder[i++]! : added[j++]!;
    while (i < this.nameOrder.length) merged[k++] = this.nameOrder[i++]!;
    while (j < added.length) merged[k++] = added[j++]!;
    this.nameOrder = merged;
  }

  private insert(fields: IndexedFields) {
    this.remove(fields.id);
    this.orderedCache.clear();
    const folded = fold(fields.name);
    const nameWords = new Set(words(folded));
    for (const part of [fields.firstName, fields.lastName])
      if (part && !folded.includes(fold(part))) for (const w of words(fold(part))) nameWords.add(w);
    const tokenSet = new Set(nameWords);
    for (const text of [fields.company, ...fields.tags]) if (text) for (const w of words(fold(text))) tokenSet.add(w);
    const digits = new Set<string>();
    for (const p of fields.phones) {
      const e164 = p.e164 ? p.e164.replace(/\D+/g, '') : '';
      if (e164) digits.add(e164);
      const raw = p.raw.replace(/\D+/g, '');
      // "(212) 555-0100" adds nothing that "12125550100" does not already hold
      if (raw && !e164.endsWith(raw)) digits.add(raw);
    }
    const doc: Doc = {
      id: fields.id,
      folded,
      first: words(folded)[0] ?? '',
      nameWords: [...nameWords],
      tokens: [...tokenSet],
      tags: fields.tags.map(fold),
      digits: [...digits],
      digitText: [...digits].join('|'),
      cjk: hasCjk(folded),
      favorite: fields.favorite,
      lastCalled: fields.lastCalledAt ? Date.parse(fields.lastCalledAt) : 0,
      callCount: fields.callCount,
    };
    const n = this.free.pop() ?? this.docs.length;
    this.docs[n] = doc;
    if (n >= this.staticBoost.length) {
      const grownBoost = new Int8Array(this.staticBoost.length * 2);
      grownBoost.set(this.staticBoost);
      this.staticBoost = grownBoost;
      const grownCalled = new Float64Array(this.lastCalledAt.length * 2);
      grownCalled.set(this.lastCalledAt);
      this.lastCalledAt = grownCalled;
    }
    this.staticBoost[n] = (doc.favorite ? 2 : 0) + (doc.callCount >= 5 ? 1 : 0);
    this.firstWords[n] = doc.first;
    this.nameWordLists[n] = doc.nameWords;
    this.sortKeys[n] = `${doc.folded}\u0000${doc.id}`;
    this.digitTexts[n] = doc.digitText;
    this.lastCalledAt[n] = doc.lastCalled;
    this.byId.set(doc.id, n);
    for (const token of doc.tokens) this.addToken(token, n);
    for (const d of doc.digits) {
      for (const g of trigramsOf(d)) {
        this.trigrams[g]!.push(n);
        this.trigramEntries++;
      }
    }
    if (doc.cjk) this.cjkDocs.add(n);
  }

  remove(id: string) {
    const n = this.byId.get(id);
    if (n === undefined) return;
    const doc = this.docs[n]!;
    this.orderedCache.clear();
    const at = this.namePosition(doc);
    const index = this.nameOrder.indexOf(n, Math.max(0, at - 1));
    this.nameOrder.splice(index >= 0 ? index : this.nameOrder.indexOf(n), 1);
    for (const token of doc.tokens) {
      const set = this.postings.get(token)!;
      set.delete(n);
      if (set.size === 0) this.dropToken(token);
    }
    for (const d of doc.digits) this.staleTrigramEntries += Math.max(0, d.length - 2);
    if (this.staleTrigramEntries > 1000 && this.staleTrigramEntries * 3 > this.trigramEntries) this.rebuildTrigrams(n);
    this.cjkDocs.delete(n);
    this.docs[n] = undefined;
    this.byId.delete(id);
    this.free.push(n);
  }

  /** Contact ids, best match first (or in the chosen order when the query is empty). */
  search(query: string, options: SearchOptions = {}): string[] {
    return this.find(query, options).ids;
  }

  /**
   * The first `need` ids in order and the total number of matches. Scoring is linear in the
   * matches; only the ids a screen can show are materialised.
   */
  find(query: string, options: SearchOptions = {}, need = Infinity): { total: number; ids: string[] } {
    const plan = planQuery(query);
    const keep = this.filter(options);
    if (plan.length === 0 && (options.sort ?? 'name') === 'name' && !keep) {
      // the whole book in name order: nothing to compute
      const ids: string[] = [];
      for (let i = 0; i < this.nameOrder.length && i < need; i++) ids.push(this.docs[this.nameOrder[i]!]!.id);
      return { total: this.nameOrder.length, ids };
    }
    if (plan.length === 0) {
      const key = `${options.sort ?? 'name'}|${options.favoritesOnly ? 1 : 0}|${(options.tags ?? []).join(',')}`;
      let ids = this.orderedCache.get(key);
      if (!ids) this.orderedCache.set(key, (ids = this.ordered(options.sort ?? 'name', keep)));
      return { total: ids.length, ids: need < ids.length ? ids.slice(0, need) : ids };
    }
    if (this.scratch.length < this.docs.length) this.scratch = new Int16Array(Math.max(1024, this.docs.length * 2));
    const scores = this.scratch;
    const touched: number[] = [];
    plan.forEach((part, i) => {
      const tiers = new Int8Array(this.docs.length);
      const hits: number[] = i === 0 ? touched : [];
      if (part.kind === 'digits') this.matchDigits(part.text, tiers, hits);
      else this.matchText(part.text, tiers, hits);
      if (i === 0) for (const n of touched) scores[n] = tiers[n]!;
      else for (const n of touched) scores[n] = tiers[n]! > 0 && scores[n]! > 0 ? scores[n]! + tiers[n]! : 0;
    });
    // Order: score (tier × 4 + boost) descending, then name order — by counting into buckets.
    const recentSince = this.now() - RECENT_MS;
    const buckets: string[][] = [];
    let total = 0;
    const add = (n: number) => {
      const base = scores[n]!;
      if (base <= 0) return;
      if (keep && !keep(this.docs[n]!)) return;
      const boost = this.staticBoost[n]! + (this.lastCalledAt[n]! > recentSince ? 1 : 0);
      const score = base * BOOSTS + (boost < BOOSTS ? boost : BOOSTS - 1);
      total++;
      const bucket = (buckets[score] ??= []);
      if (bucket.length < need) bucket.push(this.docs[n]!.id);
    };
    // A walk of the whole name order is cheap (typed reads); sorting many matches by name is not.
    if (touched.length * 64 > this.nameOrder.length) {
      const order = this.nameOrder;
      for (let i = 0; i < order.length; i++) if (scores[order[i]!]! > 0) add(order[i]!); // dense: walk the name order
    } else {
      touched.sort((a, b) => this.compareNames(a, b)); // sparse: sort the few matches
      for (const n of touched) add(n);
    }
    for (const n of touched) scores[n] = 0;
    const ids: string[] = [];
    for (let score = buckets.length - 1; score >= 0 && ids.length < need; score--) {
      const bucket = buckets[score];
      if (bucket) for (let i = 0; i < bucket.length && ids.length < need; i++) ids.push(bucket[i]!);
    }
    return { total, ids };
  }

  private compareNames(a: number, b: number): number {
    const x = this.sortKeys[a]!;
    const y = this.sortKeys[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  }

  /** Fills `tiers` (best tier per doc) and lists each doc the first time it matches in `hits`. */
  private matchText(token: string, tiers: Int8Array, hits: number[]) {
    const raise = (n: number, tier: number) => {
      const had = tiers[n]!;
      if (had === 0) hits.push(n);
      if (had < tier) tiers[n] = tier;
    };
    if (hasCjk(token)) {
      for (const n of this.cjkDocs) {
        const doc = this.docs[n]!;
        if (doc.folded === token) raise(n, TIER.exact);
        else if (doc.folded.startsWith(token)) raise(n, TIER.prefix);
        else if (doc.folded.includes(token)) raise(n, TIER.word);
      }
    }
    for (let i = lowerBound(this.vocabulary, token); i < this.vocabulary.length; i++) {
      const word = this.vocabulary[i]!;
      if (!word.startsWith(token)) break;
      const exact = word === token;
      const firstWords = this.firstWords;
      const nameWords = this.nameWordLists;
      for (const n of this.postings.get(word)!) {
        const tier =
          firstWords[n] === word ? (exact ? TIER.exact : TIER.prefix) : exact && nameWords[n]!.includes(word) ? TIER.exact : TIER.word;
        const had = tiers[n]!;
        if (had === 0) hits.push(n);
        if (had < tier) tiers[n] = tier;
      }
    }
    if (token.length >= 4) {
      for (const word of this.fuzzyWords(token)) for (const n of this.postings.get(word) ?? []) raise(n, TIER.fuzzy);
    }
  }

  private matchDigits(query: string, tiers: Int8Array, hits: number[]) {
    const variants = new Set([query]);
    if (query.startsWith('00')) variants.add(query.slice(2));
    else if (query.startsWith('0')) variants.add(query.slice(1)); // national trunk prefix
    for (const v of variants) {
      if (v.length < 3) continue;
      let smallest: number[] | undefined;
      for (const g of trigramsOf(v)) {
        const list = this.trigrams[g]!;
        if (!smallest || list.length < smallest.length) smallest = list;
      }
      for (const n of smallest ?? []) {
        if (tiers[n]! > 0 || !this.docs[n]) continue; // seen already, or a stale entry
        const text = this.digitTexts[n]!;
        const at = text.indexOf(v);
        if (at < 0) continue;
        // the start of a number, or just after its country code, ranks above a match inside it
        const before = at === 0 ? -1 : text.lastIndexOf('|', at - 1);
        const tier = text === v ? TIER.exact : at - before - 1 <= 3 ? TIER.prefix : TIER.word;
        const had = tiers[n]!;
        if (had === 0) hits.push(n);
        if (had < tier) tiers[n] = tier;
      }
    }
  }

  /** Vocabulary words one edit (insert, delete, substitute, swap) away. */
  private fuzzyWords(token: string): Set<string> {
    const found = new Set<string>();
    for (const variant of [token, ...deletionsOf(token)]) {
      for (const word of this.deletions.get(variant) ?? []) if (word !== token && withinOneEdit(token, word)) found.add(word);
    }
    return found;
  }

  private filter(options: SearchOptions): ((doc: Doc) => boolean) | null {
    const tags = (options.tags ?? []).map(fold);
    if (!options.favoritesOnly && tags.length === 0) return null;
    return (doc) => (!options.favoritesOnly || doc.favorite) && tags.every((t) => doc.tags.includes(t));
  }

  private ordered(sort: SortOrder, keep: ((doc: Doc) => boolean) | null): string[] {
    const all = keep ? this.nameOrder.filter((n) => keep(this.docs[n]!)) : this.nameOrder;
    if (sort === 'name') return all.map((n) => this.docs[n]!.id);
    // Recent/frequent: the called few first, then everyone else in name order.
    const key = (n: number) => (sort === 'recent' ? this.docs[n]!.lastCalled : this.docs[n]!.callCount);
    const called = all.filter((n) => key(n) > 0).sort((a, b) => key(b) - key(a));
    const rest = all.filter((n) => key(n) <= 0);
    return [...called, ...rest].map((n) => this.docs[n]!.id);
  }

  private namePosition(doc: Doc): number {
    const key = `${doc.folded}\u0000${doc.id}`;
    let lo = 0;
    let hi = this.nameOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortKeys[this.nameOrder[mid]!]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops stale trigram entries (left by removals) once they are a third of all entries. */
  private rebuildTrigrams(removing: number) {
    this.trigrams = Array.from({ length: 1000 }, () => []);
    this.trigramEntries = 0;
    this.staleTrigramEntries = 0;
    this.docs.forEach((doc, n) => {
      if (!doc || n === removing) return;
      for (const d of doc.digits) {
        for (const g of trigramsOf(d)) {
          this.trigrams[g]!.push(n);
          this.trigramEntries++;
        }
      }
    });
  }

  private addToken(token: string, n: number) {
    let set = this.postings.get(token);
    if (!set) {
      this.postings.set(token, (set = new Set()));
      this.vocabulary.splice(lowerBound(this.vocabulary, token), 0, token);
      if (token.length >= 3) for (const v of [token, ...deletionsOf(token)]) setOf(this.deletions, v).add(token);
    }
    set.add(n);
  }

  private dropToken(token: string) {
    this.postings.delete(token);
    const at = lowerBound(this.vocabulary, token);
    if (this.vocabulary[at] === token) this.vocabulary.splice(at, 1);
    for (const v of [token, ...deletionsOf(token)]) {
      const set = this.deletions.get(v);
      set?.delete(token);
      if (set?.size === 0) this.deletions.delete(v);
    }
  }
}

type QueryPart = { kind: 'text' | 'digits'; text: string };
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

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function setOf<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}

/** Each run of three digits as a number 0–999, so the index needs no string keys. */
function trigramsOf(digits: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 3 <= digits.length; i++) {
    out.push((digits.charCodeAt(i) - 48) * 100 + (digits.charCodeAt(i + 1) - 48) * 10 + (digits.charCodeAt(i + 2) - 48));
  }
  return out;
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
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

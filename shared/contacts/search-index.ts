import { fold, hasCjk, words } from './fold';

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
  tokens: string[];
  tags: string[];
  digits: string[];
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
  private trigrams = new Map<string, Set<number>>();
  private cjkDocs = new Set<number>();
  /** doc numbers in name order; kept sorted by binary insertion */
  private nameOrder: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  get size() {
    return this.byId.size;
  }

  upsert(fields: IndexedFields) {
    this.remove(fields.id);
    const folded = fold(fields.name);
    const tokenSet = new Set<string>();
    for (const text of [fields.name, fields.firstName, fields.lastName, fields.company, ...fields.tags]) for (const w of words(fold(text))) tokenSet.add(w);
    const digits = new Set<string>();
    for (const p of fields.phones) {
      if (p.e164) digits.add(p.e164.replace(/\D+/g, ''));
      const raw = p.raw.replace(/\D+/g, '');
      if (raw) digits.add(raw);
    }
    const doc: Doc = {
      id: fields.id,
      folded,
      tokens: [...tokenSet],
      tags: fields.tags.map(fold),
      digits: [...digits],
      cjk: hasCjk(folded),
      favorite: fields.favorite,
      lastCalled: fields.lastCalledAt ? Date.parse(fields.lastCalledAt) : 0,
      callCount: fields.callCount,
    };
    const n = this.free.pop() ?? this.docs.length;
    this.docs[n] = doc;
    this.byId.set(doc.id, n);
    for (const token of doc.tokens) this.addToken(token, n);
    for (const d of doc.digits) for (const g of trigramsOf(d)) setOf(this.trigrams, g).add(n);
    if (doc.cjk) this.cjkDocs.add(n);
    this.nameOrder.splice(this.namePosition(doc), 0, n);
  }

  remove(id: string) {
    const n = this.byId.get(id);
    if (n === undefined) return;
    const doc = this.docs[n]!;
    const at = this.namePosition(doc);
    const index = this.nameOrder.indexOf(n, Math.max(0, at - 1));
    this.nameOrder.splice(index >= 0 ? index : this.nameOrder.indexOf(n), 1);
    for (const token of doc.tokens) {
      const set = this.postings.get(token)!;
      set.delete(n);
      if (set.size === 0) this.dropToken(token);
    }
    for (const d of doc.digits) for (const g of trigramsOf(d)) this.trigrams.get(g)?.delete(n);
    this.cjkDocs.delete(n);
    this.docs[n] = undefined;
    this.byId.delete(id);
    this.free.push(n);
  }

  /** Contact ids, best match first (or in the chosen order when the query is empty). */
  search(query: string, options: SearchOptions = {}): string[] {
    const plan = planQuery(query);
    const keep = this.filter(options);
    if (plan.length === 0) return this.ordered(options.sort ?? 'name', keep);

    let scores: Int16Array | null = null;
    for (const part of plan) {
      const tiers = part.kind === 'digits' ? this.matchDigits(part.text) : this.matchText(part.text);
      if (!scores) scores = tiers;
      else for (let i = 0; i < scores.length; i++) scores[i] = scores[i]! > 0 && tiers[i]! > 0 ? scores[i]! + tiers[i]! : 0;
    }
    const s = scores!;
    // Walk in name order and drop each match into its score bucket: linear, and ties stay alphabetical.
    const buckets = new Map<number, string[]>();
    const now = this.now();
    for (const n of this.nameOrder) {
      const base = s[n] ?? 0;
      if (base <= 0) continue;
      const doc = this.docs[n]!;
      if (keep && !keep(doc)) continue;
      const boost = (doc.favorite ? 2 : 0) + (doc.lastCalled && now - doc.lastCalled < RECENT_MS ? 1 : 0) + (doc.callCount >= 5 ? 1 : 0);
      const score = base * BOOSTS + Math.min(boost, BOOSTS - 1);
      let bucket = buckets.get(score);
      if (!bucket) buckets.set(score, (bucket = []));
      bucket.push(doc.id);
    }
    return [...buckets.entries()].sort((a, b) => b[0] - a[0]).flatMap(([, ids]) => ids);
  }

  private matchText(token: string): Int16Array {
    const tiers = new Int16Array(this.docs.length);
    const raise = (n: number, tier: number) => {
      if (tiers[n]! < tier) tiers[n] = tier;
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
      for (const n of this.postings.get(word)!) {
        if (word === token) raise(n, TIER.exact);
        else raise(n, this.docs[n]!.folded.startsWith(token) ? TIER.prefix : TIER.word);
      }
    }
    if (token.length >= 4) {
      for (const word of this.fuzzyWords(token)) for (const n of this.postings.get(word) ?? []) raise(n, TIER.fuzzy);
    }
    return tiers;
  }

  private matchDigits(query: string): Int16Array {
    const tiers = new Int16Array(this.docs.length);
    const variants = new Set([query]);
    if (query.startsWith('00')) variants.add(query.slice(2));
    else if (query.startsWith('0')) variants.add(query.slice(1)); // national trunk prefix
    for (const v of variants) {
      if (v.length < 3) continue;
      let smallest: Set<number> | undefined;
      for (const g of trigramsOf(v)) {
        const set = this.trigrams.get(g);
        if (!set) {
          smallest = new Set();
          break;
        }
        if (!smallest || set.size < smallest.size) smallest = set;
      }
      for (const n of smallest ?? []) {
        const doc = this.docs[n]!;
        for (const d of doc.digits) {
          const at = d.indexOf(v);
          if (at < 0) continue;
          const tier = d === v ? TIER.exact : at === 0 || (d.length > 10 && at <= 3) ? TIER.prefix : TIER.word;
          if (tiers[n]! < tier) tiers[n] = tier;
        }
      }
    }
    return tiers;
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
    let lo = 0;
    let hi = this.nameOrder.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const other = this.docs[this.nameOrder[mid]!]!;
      if (other.folded < doc.folded || (other.folded === doc.folded && other.id < doc.id)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
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

function trigramsOf(digits: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= digits.length; i++) out.push(digits.slice(i, i + 3));
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

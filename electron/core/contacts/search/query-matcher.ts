import { hasCjk } from '../../../../shared/contacts/fold';
import { CjkNames } from './cjk-names';
import type { ContactSlots } from './contact-slots';
import type { DigitTrigrams } from './digit-trigrams';
import type { NameOrder } from './name-order';
import { digitVariants, withinOneEdit, type QueryPart } from './query-plan';
import { RankedSelection } from './ranked-selection';
import { cjkTier, digitTier, EXACT_TIER, PREFIX_TIER, TIER } from './tiers';
import type { Vocabulary } from './vocabulary';

const BOOSTS = 4; // favourite + recently called + frequently called, kept below one tier step
const EMPTY: string[] = [];

/**
 * Runs a planned query over the index's lists. Each part gives a slot its best tier; a contact
 * matches when every part does, scoring the sum of its tiers × 4 plus its boost. The most selective
 * part finds the candidates through the index; each other part is checked on them only (on each
 * candidate's own words when they are few). Only the ids a screen shows are put in order.
 *
 * Each hot loop is a method of its own that ends with it: an optimised loop never runs into code the
 * optimiser has not seen yet (which would send it back to the interpreter on every query).
 */
export class QueryMatcher {
  // scratch, by slot (zero between queries)
  private tiers = new Int16Array(1024);
  private scores = new Int16Array(1024);
  // scratch lists of slots, and each match's final score
  private candidates = new Int32Array(1024);
  private matches = new Int32Array(1024);
  private finals = new Int16Array(1024);
  private selection = new RankedSelection();
  private cjk: CjkNames;

  constructor(
    private readonly slots: ContactSlots,
    private readonly vocabulary: Vocabulary,
    private readonly trigrams: DigitTrigrams,
    private readonly names: NameOrder,
  ) {
    this.cjk = new CjkNames(slots, names);
  }

  /** The first `need` ids and the total. `names` is settled; `keep` filters; calls since `recentSince` boost. */
  run(plan: QueryPart[], keep: ((n: number) => boolean) | null, need: number, recentSince: number): { total: number; ids: string[] } {
    if (this.tiers.length < this.slots.capacity) this.grow(this.slots.capacity);
    const count = plan.length === 1 ? this.matchPart(plan[0]!) : this.matchAll(plan);
    const total = this.score(count, plan.length === 1 ? this.tiers : this.scores, keep, recentSince);
    const chosen = this.selection.pick(this.matches, this.finals, total, this.names.rank, this.names.order, need);
    const ids: string[] = new Array<string>(chosen.length);
    for (let i = 0; i < chosen.length; i++) ids[i] = this.slots.ids[chosen[i]!]!;
    return { total, ids };
  }

  /** Every part must match: leaves the tier sums in `scores` for the slots listed in `matches`. */
  private matchAll(plan: QueryPart[]): number {
    const costs = plan.map((part) => this.cost(part));
    const lead = costs.indexOf(Math.min(...costs));
    let count = this.matchPart(plan[lead]!);
    for (let i = 0; i < count; i++) {
      const n = this.matches[i]!;
      this.scores[n] = this.tiers[n]!;
      this.tiers[n] = 0;
    }
    plan.forEach((part, p) => {
      if (p !== lead && count > 0) count = this.narrow(part, count, costs[p]!);
    });
    return count;
  }

  /**
   * Tier sum × 4 + boost per match, into `finals`; clears `base`; the filter applies last and drops
   * from `matches` what it rejects. Returns how many are kept.
   */
  private score(count: number, base: Int16Array, keep: ((n: number) => boolean) | null, recentSince: number): number {
    const matches = this.matches;
    const finals = this.finals;
    const staticBoost = this.slots.staticBoost;
    const lastCalledAt = this.slots.lastCalledAt;
    let total = 0;
    for (let i = 0; i < count; i++) {
      const n = matches[i]!;
      const tiers = base[n]!;
      base[n] = 0;
      if (keep !== null && !keep(n)) continue;
      const boost = staticBoost[n]! + (lastCalledAt[n]! > recentSince ? 1 : 0);
      finals[total] = tiers * BOOSTS + (boost < BOOSTS ? boost : BOOSTS - 1);
      matches[total++] = n;
    }
    return total;
  }

  /** Roughly how many entries matching `part` through the index would visit. */
  private cost(part: QueryPart): number {
    if (part.kind === 'digits') {
      let total = 0;
      for (const v of digitVariants(part.text)) total += this.trigrams.count(this.trigrams.rarest(v));
      return total;
    }
    return this.vocabulary.entriesWithPrefix(part.text) + (hasCjk(part.text) ? this.cjk.count : 0);
  }

  /** Best tier per slot for one part, through the index: fills `tiers`, lists each slot once in `matches`; returns how many. */
  private matchPart(part: QueryPart): number {
    if (part.kind === 'digits') return this.matchDigits(part.text);
    const token = part.text;
    let count = hasCjk(token) ? this.matchCjk(token) : 0;
    count = this.matchWords(token, count);
    return token.length >= 4 ? this.matchTypos(token, count) : count;
  }

  private matchDigits(query: string): number {
    let count = 0;
    for (const v of digitVariants(query)) {
      const g = this.trigrams.rarest(v);
      count = this.scanTrigram(this.trigrams.list(g), this.trigrams.count(g), v, count);
    }
    return count;
  }

  /** The slots of one trigram's list whose numbers hold `v`; a three-digit `v` is the trigram, its entries carry the tier. */
  private scanTrigram(list: Int32Array, length: number, v: string, count: number): number {
    const tiers = this.tiers;
    const rank = this.names.rank;
    const out = this.matches;
    const texts = this.slots.digitTexts;
    const exactly = v.length === 3;
    for (let i = 0; i < length; i++) {
      const entry = list[i]!;
      const n = entry >> 3;
      if (tiers[n]! > 0 || rank[n]! < 0) continue; // seen already, or removed
      const tier = exactly ? entry & 7 : digitTier(texts[n]!, v);
      if (tier === 0) continue;
      tiers[n] = tier;
      out[count++] = n;
    }
    return count;
  }

  private matchCjk(token: string): number {
    const tiers = this.tiers;
    const out = this.matches;
    let count = 0;
    this.cjk.match(token, (n, tier) => {
      tiers[n] = tier;
      out[count++] = n;
    });
    return count;
  }

  /** Every word starting with `token`: its postings, each entry's tier from its role. */
  private matchWords(token: string, count: number): number {
    const { from, to } = this.vocabulary.prefixRange(token);
    const wordIds = this.vocabulary.sortedIds;
    for (let w = from; w < to; w++) {
      const id = wordIds[w]!;
      const table = this.vocabulary.words[id]!.length === token.length ? EXACT_TIER : PREFIX_TIER;
      count = this.scanPostings(this.vocabulary.postings[id]!, table, count);
    }
    return count;
  }

  private scanPostings(list: readonly number[], table: readonly number[], count: number): number {
    const tiers = this.tiers;
    const rank = this.names.rank;
    const out = this.matches;
    for (let i = 0; i < list.length; i++) {
      const entry = list[i]!;
      const n = entry >> 2;
      if (rank[n]! < 0) continue;
      const tier = table[entry & 3]!;
      const had = tiers[n]!;
      if (had === 0) out[count++] = n;
      if (had < tier) tiers[n] = tier;
    }
    return count;
  }

  /** Words one typo away: the lowest tier, for slots not matched otherwise. */
  private matchTypos(token: string, count: number): number {
    const tiers = this.tiers;
    const rank = this.names.rank;
    const out = this.matches;
    for (const id of this.vocabulary.fuzzy(token)) {
      for (const entry of this.vocabulary.postings[id]!) {
        const n = entry >> 2;
        if (rank[n]! < 0 || tiers[n]! > 0) continue;
        tiers[n] = TIER.fuzzy;
        out[count++] = n;
      }
    }
    return count;
  }

  /**
   * Keeps the candidates `matches[0..count)` that also match `part`, adding its tier to their
   * score: by checking each candidate when they are few, else through the index.
   */
  private narrow(part: QueryPart, count: number, cost: number): number {
    if (count * 16 < cost) return this.narrowEach(part, count);
    const matches = this.matches;
    const candidates = this.candidates;
    candidates.set(matches.subarray(0, count)); // the part's own matches land in `matches`
    const partCount = this.matchPart(part);
    const kept = this.keepMatched(count);
    for (let i = 0; i < partCount; i++) this.tiers[matches[i]!] = 0;
    matches.set(candidates.subarray(0, kept));
    return kept;
  }

  /** The candidates the part matched (its tiers in `tiers`), compacted in `candidates`. */
  private keepMatched(count: number): number {
    const candidates = this.candidates;
    const tiers = this.tiers;
    const scores = this.scores;
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const n = candidates[i]!;
      if (tiers[n]! > 0) {
        scores[n] = scores[n]! + tiers[n]!;
        candidates[kept++] = n;
      } else scores[n] = 0;
    }
    return kept;
  }

  private narrowEach(part: QueryPart, count: number): number {
    const matches = this.matches;
    const scores = this.scores;
    const token = part.text;
    const variants = part.kind === 'digits' ? digitVariants(token) : EMPTY;
    const cjk = part.kind === 'text' && hasCjk(token);
    let kept = 0;
    for (let i = 0; i < count; i++) {
      const n = matches[i]!;
      const tier = part.kind === 'digits' ? this.digitsTierOf(n, variants) : this.textTierOf(n, token, cjk);
      if (tier > 0) {
        scores[n] = scores[n]! + tier;
        matches[kept++] = n;
      } else scores[n] = 0;
    }
    return kept;
  }

  /** The tier of one contact for a text part, from its own words (the same rules as through the index). */
  private textTierOf(n: number, token: string, cjk: boolean): number {
    const name = this.names.names[n]!;
    let tier = cjk ? cjkTier(name, token) : 0;
    const words = this.vocabulary.words;
    const pool = this.slots.tokenPool;
    const fuzzy = token.length >= 4;
    for (let k = this.slots.tokenStart[n]!, end = k + this.slots.tokenCount[n]!; k < end; k++) {
      const entry = pool[k]!;
      const word = words[entry >> 2]!;
      if (word.startsWith(token)) tier = Math.max(tier, (word.length === token.length ? EXACT_TIER : PREFIX_TIER)[entry & 3]!);
      else if (fuzzy && tier < TIER.fuzzy && withinOneEdit(token, word)) tier = TIER.fuzzy;
    }
    return tier;
  }

  private digitsTierOf(n: number, variants: string[]): number {
    for (const v of variants) {
      const tier = digitTier(this.slots.digitTexts[n]!, v);
      if (tier > 0) return tier;
    }
    return 0;
  }

  private grow(size: number) {
    this.tiers = new Int16Array(size);
    this.scores = new Int16Array(size);
    this.candidates = new Int32Array(size);
    this.matches = new Int32Array(size);
    this.finals = new Int16Array(size);
  }
}

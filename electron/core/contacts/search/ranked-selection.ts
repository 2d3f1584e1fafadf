const RANK_SPAN = 4294967296; // 2^32: a sort key is (score from the top) × RANK_SPAN + rank
const TOP_SCORE = 32767;

/**
 * The first `need` matches in the list's order — score descending, then name order — without
 * sorting them all: a few matches are sorted by one numeric key; many are counted per score (so it
 * is known how many of each score make the cut), then the name order is walked once, by rank,
 * until every place is filled.
 */
export class RankedSelection {
  /** score by rank, for a walk; zero between walks */
  private byRank = new Uint16Array(1024);
  private counts = new Int32Array(64);
  private keys = new Float64Array(1024);
  /** the last rank a walk's matches hold */
  private last = 0;

  /**
   * `matches[0..total)` are slots, `scores[i]` the score of `matches[i]` (1 … 32767), `rank` each
   * slot's place in `order` (the name order). Returns the first `need` slots, best first.
   */
  pick(matches: Int32Array, scores: Int16Array, total: number, rank: Int32Array, order: readonly number[], need: number): number[] {
    const wanted = Math.min(need, total);
    if (wanted <= 0) return [];
    return total * 24 >= order.length
      ? this.walk(matches, scores, total, rank, order, wanted)
      : this.sort(matches, scores, total, rank, order, wanted);
  }

  private sort(matches: Int32Array, scores: Int16Array, total: number, rank: Int32Array, order: readonly number[], wanted: number) {
    if (this.keys.length < total) this.keys = new Float64Array(total * 2);
    this.fillKeys(matches, scores, total, rank);
    const sorted = this.keys.subarray(0, total).sort();
    const out: number[] = new Array<number>(wanted);
    for (let i = 0; i < wanted; i++) out[i] = order[sorted[i]! % RANK_SPAN]!;
    return out;
  }

  // Each hot loop is a method of its own that ends with it: an optimised loop never runs into code
  // the optimiser has not seen yet (which would send it back to the interpreter on every query).

  private fillKeys(matches: Int32Array, scores: Int16Array, total: number, rank: Int32Array) {
    const keys = this.keys;
    for (let i = 0; i < total; i++) keys[i] = (TOP_SCORE - scores[i]!) * RANK_SPAN + rank[matches[i]!]!;
  }

  private walk(matches: Int32Array, scores: Int16Array, total: number, rank: Int32Array, order: readonly number[], wanted: number) {
    if (this.byRank.length < order.length) this.byRank = new Uint16Array(order.length * 2);
    const top = this.spread(matches, scores, total, rank);
    if (this.counts.length <= top) this.counts = new Int32Array(top + 1);
    this.counts.fill(0, 0, top + 1);
    this.count(scores, total);
    // where each score's share starts in the result, and how many of it are taken
    const start = new Int32Array(top + 1);
    const left = new Int32Array(top + 1);
    let placed = 0;
    for (let s = top; s > 0 && placed < wanted; s--) {
      const take = Math.min(this.counts[s]!, wanted - placed);
      start[s] = placed;
      left[s] = take;
      placed += take;
    }
    const out: number[] = new Array<number>(wanted);
    const r = this.collect(order, start, left, wanted, out);
    if (r <= this.last) this.byRank.fill(0, r, this.last + 1);
    return out;
  }

  /** Each match's score at its rank; returns the top score (and keeps the last rank used). */
  private spread(matches: Int32Array, scores: Int16Array, total: number, rank: Int32Array): number {
    const byRank = this.byRank;
    let top = 0;
    let last = 0;
    this.last = 0;
    for (let i = 0; i < total; i++) {
      const s = scores[i]!;
      const r = rank[matches[i]!]!;
      byRank[r] = s;
      if (s > top) top = s;
      if (r > last) this.last = last = r; // kept as it grows, so nothing follows the loop
    }
    return top;
  }

  private count(scores: Int16Array, total: number) {
    const counts = this.counts;
    for (let i = 0; i < total; i++) counts[scores[i]!]!++;
  }

  /** Walks the ranks, placing each wanted match; clears what it passes; returns where it stopped. */
  private collect(order: readonly number[], start: Int32Array, left: Int32Array, wanted: number, out: number[]): number {
    const byRank = this.byRank;
    const last = this.last;
    let outstanding = wanted;
    let r = 0;
    for (; r <= last && outstanding > 0; r++) {
      const s = byRank[r]!;
      if (s === 0) continue;
      byRank[r] = 0;
      if (left[s] === 0) continue;
      out[start[s]!++] = order[r]!;
      left[s]!--;
      outstanding--;
    }
    return r;
  }
}

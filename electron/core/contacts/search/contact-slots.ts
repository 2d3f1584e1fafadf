import { grownArray, type SlotArray } from './grown-array';

const EMPTY: string[] = [];

/**
 * Per-contact facts by slot, in typed arrays where they are read per match: the index fills them,
 * the query matcher reads them. A removed contact's slot is reused only after a purge has dropped
 * its entries from every list (`release` then `reuse`).
 */
export class ContactSlots {
  /** one past the highest slot ever used */
  count = 0;
  readonly ids: Array<string | undefined> = [];
  /** every digits string joined with '|', for one indexOf per contact */
  readonly digitTexts: string[] = [];
  /** folded tags, for the tag filter */
  readonly tagLists: string[][] = [];
  /** slots of CJK names (matched by substring); removed ones until a purge */
  cjk: number[] = [];
  live = new Uint8Array(1024);
  /** favourite (2) + frequently called (1) */
  staticBoost = new Int8Array(1024);
  lastCalledAt = new Float64Array(1024);
  callCounts = new Float64Array(1024);
  /** a slot's words (word id × 4 + role) are tokenPool[tokenStart … + tokenCount] */
  tokenStart = new Int32Array(1024);
  tokenCount = new Int32Array(1024);
  tokenPool = new Int32Array(4096);
  private tokenUsed = 0;
  private tokenGarbage = 0;
  private free: number[] = [];
  /** removed slots whose entries a purge has yet to drop */
  removed: number[] = [];

  get capacity() {
    return this.live.length;
  }

  /** A slot for a new contact. */
  take(id: string): number {
    const n = this.free.pop() ?? this.count++;
    if (n >= this.live.length) this.grow();
    this.live[n] = 1;
    this.ids[n] = id;
    return n;
  }

  /** Keeps a slot's words (ids and roles) in the pool. */
  setWords(n: number, wordIds: readonly number[], roles: readonly number[]) {
    if (this.tokenUsed + wordIds.length > this.tokenPool.length) {
      const grown = new Int32Array(Math.max(this.tokenPool.length * 2, this.tokenUsed + wordIds.length));
      grown.set(this.tokenPool.subarray(0, this.tokenUsed));
      this.tokenPool = grown;
    }
    this.tokenStart[n] = this.tokenUsed;
    this.tokenCount[n] = wordIds.length;
    for (let i = 0; i < wordIds.length; i++) this.tokenPool[this.tokenUsed++] = wordIds[i]! * 4 + roles[i]!;
  }

  /** The contact left: its facts go, its entries elsewhere stay until a purge. */
  release(n: number) {
    this.live[n] = 0;
    this.ids[n] = undefined;
    this.digitTexts[n] = '';
    this.tagLists[n] = EMPTY;
    this.tokenGarbage += this.tokenCount[n]!;
    this.tokenCount[n] = 0;
    this.removed.push(n);
  }

  /** After a purge dropped the removed slots' entries everywhere: compacts the pool, frees the slots. */
  reuseRemoved() {
    this.cjk = this.cjk.filter((n) => this.live[n] === 1);
    const pool = new Int32Array(Math.max(4096, (this.tokenUsed - this.tokenGarbage) * 2));
    let used = 0;
    for (let n = 0; n < this.count; n++) {
      if (this.live[n] !== 1) continue;
      pool.set(this.tokenPool.subarray(this.tokenStart[n]!, this.tokenStart[n]! + this.tokenCount[n]!), used);
      this.tokenStart[n] = used;
      used += this.tokenCount[n]!;
    }
    this.tokenPool = pool;
    this.tokenUsed = used;
    this.tokenGarbage = 0;
    for (let i = this.removed.length - 1; i >= 0; i--) this.free.push(this.removed[i]!);
    this.removed = [];
  }

  private grow() {
    const size = this.live.length * 2;
    const grown = <T extends SlotArray>(a: T): T => grownArray(a, size);
    this.live = grown(this.live);
    this.staticBoost = grown(this.staticBoost);
    this.lastCalledAt = grown(this.lastCalledAt);
    this.callCounts = grown(this.callCounts);
    this.tokenStart = grown(this.tokenStart);
    this.tokenCount = grown(this.tokenCount);
  }
}

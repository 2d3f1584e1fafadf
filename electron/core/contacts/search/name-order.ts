const UNLISTED = 0;
const LISTED = 1;
const PENDING = 2;

/**
 * The slots in name order — folded name, then id, as the string `${folded}\u0000${id}` compares —
 * and each slot's place in it (its rank). Changes are gathered and applied by `settle`, which the
 * index calls before it reads the order: removals cost nothing until then.
 *
 * Contacts added in many batches (the start-up load in slices, an import) are sorted a batch at a
 * time (`sortAdded`) into runs kept as a binary counter: two runs of about the same size are merged,
 * so each contact is copied about log2(total / batch) times, and `settle` merges the few runs left
 * into the order. (Merging every few thousand into the whole order copied it each time: at 100k
 * contacts ~25 copies of the order, ~170 ms of the start-up.)
 */
export class NameOrder {
  /** listed slots in name order */
  order: number[] = [];
  /** per slot: its index in `order`, -1 when it is not listed (valid after settle) */
  rank = new Int32Array(1024).fill(-1);
  /** folded name per slot */
  readonly names: string[] = [];
  readonly ids: string[] = [];
  /** per slot: UNLISTED, LISTED or PENDING (added, not yet in `order`) */
  private state = new Uint8Array(1024);
  /** per slot: the folded name holds U+0000 (then the full key is compared) */
  private nul = new Uint8Array(1024);
  /** added since the last sortAdded, in no order */
  private pending: number[] = [];
  /** sorted runs of added slots, each smaller than the one below it */
  private runs: number[][] = [];
  /** slots removed while waiting in `pending` or a run: they keep their name (runs stay sorted) until settle */
  private dropped: number[] = [];
  private unlisted: number[] = [];
  private stale = false;
  /** counts the settles that changed something */
  version = 0;

  add(slot: number, folded: string, id: string) {
    if (slot >= this.state.length) this.grow(slot);
    this.names[slot] = folded;
    this.ids[slot] = id;
    this.nul[slot] = folded.includes('\u0000') ? 1 : 0;
    this.state[slot] = PENDING;
    this.rank[slot] = -1;
    this.pending.push(slot);
    this.stale = true;
  }

  remove(slot: number) {
    if (this.state[slot] === LISTED) this.unlisted.push(slot);
    else if (this.state[slot] === PENDING) this.dropped.push(slot); // skipped by settle
    this.state[slot] = UNLISTED;
    this.rank[slot] = -1;
    this.stale = true;
  }

  /** how many added slots wait for `sortAdded` */
  get waiting() {
    return this.pending.length;
  }

  /** The slots added since the last call, sorted into a run; runs of about the same size merged. */
  sortAdded() {
    if (this.pending.length === 0) return;
    let run = this.sorted(this.pending);
    this.pending = [];
    const runs = this.runs;
    while (runs.length > 0 && runs[runs.length - 1]!.length <= run.length) run = this.mergeRuns(runs.pop()!, run);
    runs.push(run);
  }

  /** Brings `order` and `rank` up to date. */
  settle() {
    if (!this.stale) return;
    this.stale = false;
    this.version++;
    const order = this.order;
    if (this.unlisted.length > 0) {
      if (this.unlisted.length <= 16) {
        for (const slot of this.unlisted) order.splice(this.position(slot), 1);
      } else this.order = order.filter((slot) => this.state[slot] === LISTED);
      for (const slot of this.unlisted) this.forget(slot);
      this.unlisted = [];
    }
    this.sortAdded();
    let fresh: number[] = [];
    while (this.runs.length > 0) fresh = this.mergeRuns(this.runs.pop()!, fresh);
    if (this.dropped.length > 0) {
      fresh = fresh.filter((slot) => this.state[slot] === PENDING);
      for (const slot of this.dropped) this.forget(slot);
      this.dropped = [];
    }
    if (fresh.length > 0) this.merge(fresh);
    const rank = this.rank;
    const listed = this.order;
    for (let i = 0; i < listed.length; i++) rank[listed[i]!] = i;
  }

  /** Whether slot `a` comes before slot `b`. */
  before(a: number, b: number): boolean {
    const x = this.names[a]!;
    const y = this.names[b]!;
    if (x === y) return this.ids[a]! < this.ids[b]!;
    // Without U+0000 in either name, the names alone decide: at the end of the shorter, its key
    // has U+0000 where the longer name has a greater character.
    if (this.nul[a]! | this.nul[b]!) return `${x}\u0000${this.ids[a]}` < `${y}\u0000${this.ids[b]}`;
    return x < y;
  }

  /** `slots`, sorted in place */
  private sorted(slots: number[]): number[] {
    return slots.sort((a, b) => (this.before(a, b) ? -1 : 1));
  }

  /** two sorted runs as one */
  private mergeRuns(a: number[], b: number[]): number[] {
    if (a.length === 0) return b;
    if (b.length === 0) return a;
    const out = new Array<number>(a.length + b.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < a.length && j < b.length) out[k++] = this.before(b[j]!, a[i]!) ? b[j++]! : a[i++]!;
    while (i < a.length) out[k++] = a[i++]!;
    while (j < b.length) out[k++] = b[j++]!;
    return out;
  }

  /** `fresh` (sorted) into the order */
  private merge(fresh: number[]) {
    for (const slot of fresh) this.state[slot] = LISTED;
    if (this.order.length === 0) {
      this.order = fresh;
      return;
    }
    if (fresh.length <= 16) {
      for (const slot of fresh) this.order.splice(this.position(slot), 0, slot);
      return;
    }
    // a binary search per new slot, the runs between them copied
    const old = this.order;
    const merged: number[] = [];
    let i = 0;
    for (const slot of fresh) {
      let lo = i;
      let hi = old.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (this.before(old[mid]!, slot)) lo = mid + 1;
        else hi = mid;
      }
      while (i < lo) merged.push(old[i++]!);
      merged.push(slot);
    }
    while (i < old.length) merged.push(old[i++]!);
    this.order = merged;
  }

  /** Where `slot` is (or would go) in `order`. */
  private position(slot: number): number {
    const order = this.order;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order[mid] !== slot && this.before(order[mid]!, slot)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private forget(slot: number) {
    this.names[slot] = '';
    this.ids[slot] = '';
  }

  private grow(slot: number) {
    const size = Math.max(slot + 1, this.state.length * 2);
    const state = new Uint8Array(size);
    state.set(this.state);
    this.state = state;
    const nul = new Uint8Array(size);
    nul.set(this.nul);
    this.nul = nul;
    const rank = new Int32Array(size).fill(-1);
    rank.set(this.rank);
    this.rank = rank;
  }
}

import { grownArray } from './grown-array';

const UNLISTED = 0;
const LISTED = 1;
const PENDING = 2;
/** slots merged per step (~1–3 ms at 100k here): a batch's `sortAdded`, or one `tidy` */
const STEP = 8192;

/** two sorted runs merged a budget at a time */
class RunMerge {
  readonly out: number[];
  private i = 0;
  private j = 0;
  private k = 0;
  constructor(
    readonly a: number[],
    readonly b: number[],
    private readonly before: (x: number, y: number) => boolean,
  ) {
    this.out = new Array<number>(a.length + b.length);
  }
  get done() {
    return this.k === this.out.length;
  }
  /** merges up to `budget` slots; returns how many */
  step(budget: number): number {
    const { a, b, out } = this;
    let { i, j, k } = this;
    const end = Math.min(out.length, k + budget);
    while (k < end && i < a.length && j < b.length) out[k++] = this.before(b[j]!, a[i]!) ? b[j++]! : a[i++]!;
    while (k < end && i < a.length) out[k++] = a[i++]!;
    while (k < end && j < b.length) out[k++] = b[j++]!;
    const used = k - this.k;
    this.i = i;
    this.j = j;
    this.k = k;
    return used;
  }
}

/**
 * The slots in name order — folded name, then id, as the string `${folded}\u0000${id}` compares —
 * and each slot's place in it (its rank). Changes are gathered and applied by `settle`, which the
 * index calls before it reads the order: removals cost nothing until then.
 *
 * Contacts added in many batches (the start-up load in slices, an import) are sorted a batch at a
 * time (`sortAdded`) into runs kept as a binary counter: two runs of about the same size are merged,
 * so each contact is copied about log2(total / batch) times, and `settle` merges the few runs left
 * into the order. (Merging every few thousand into the whole order copied it each time: at 100k
 * contacts ~25 copies of the order, ~170 ms of the start-up.) A merge is done `step` slots at a
 * time (the binary counter's last merge copies half the book in one go otherwise), and `tidy` brings
 * the order up to date the same way once the batches are in, so the first query after a load or an
 * import finds little left to do (it merged every run left, up to the whole book, at once).
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
  /** per slot: the first three UTF-16 units of the name, and of the id, as one number each (see `lead`): most comparisons end there */
  private nameLead = new Float64Array(1024);
  private idLead = new Float64Array(1024);
  /** added since the last sortAdded, in no order */
  private pending: number[] = [];
  /** sorted runs of added slots, mostly each smaller than the one below it */
  private runs: number[][] = [];
  /** a merge of two runs under way; its result goes back into `runs` at `at` (below the runs sorted since) */
  private job: { merge: RunMerge; at: number } | null = null;
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
    this.nameLead[slot] = lead(folded);
    this.idLead[slot] = lead(id);
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

  /** The slots added since the last call, sorted into a run; runs of about the same size merged, a step's worth. */
  sortAdded(step = STEP) {
    if (this.pending.length > 0) {
      this.runs.push(this.sorted(this.pending));
      this.pending = [];
    }
    this.work(step, false);
  }

  /**
   * A step towards `settle` having nothing left to merge: the added slots sorted, the runs merged into
   * one, that one merged into the order. Returns whether more remains (call it again, between other
   * work, until it returns false).
   */
  tidy(step = STEP): boolean {
    if (this.pending.length > 0) this.runs.push(this.sorted(this.pending));
    this.pending = [];
    if (this.work(step, true)) return true;
    if (this.runs.length === 0 || this.order.length === 0) return false;
    // the one run left into the order, a step at a time too (settle would merge it in one go), from the next call
    this.job = { merge: new RunMerge(this.order, this.runs.pop()!, (x, y) => this.before(x, y)), at: -1 };
    return true;
  }

  /**
   * Merges up to `budget` slots: a binary counter's merges (runs of about the same size), or with
   * `all` every run into one. Returns whether a merge remains.
   */
  private work(budget: number, all: boolean): boolean {
    const runs = this.runs;
    for (;;) {
      if (!this.job) {
        const k = this.nextMerge(all);
        if (k < 1) return false;
        if (budget <= 0) return true;
        const [a, b] = runs.splice(k - 1, 2) as [number[], number[]];
        this.job = { merge: new RunMerge(a, b, (x, y) => this.before(x, y)), at: k - 1 };
      }
      const { merge, at } = this.job;
      budget -= merge.step(budget);
      if (!merge.done) return true;
      this.job = null;
      if (at >= 0) runs.splice(at, 0, merge.out);
      else this.mergedIntoOrder(merge.b, merge.out);
    }
  }

  /** a run merged into the order (by `tidy`): its slots are listed; those removed meanwhile leave at the next settle */
  private mergedIntoOrder(run: number[], order: number[]) {
    const gone = new Set<number>();
    for (const slot of run)
      if (this.state[slot] === PENDING) this.state[slot] = LISTED;
      else gone.add(slot); // removed while it waited: now in the order, it leaves as a listed one does
    if (gone.size > 0) {
      this.dropped = this.dropped.filter((slot) => !gone.has(slot));
      this.unlisted.push(...gone);
    }
    this.order = order;
  }

  /** the upper of the next two runs to merge (the top two with `all`), or -1 */
  private nextMerge(all: boolean): number {
    const runs = this.runs;
    let k = runs.length - 1;
    if (!all) while (k > 0 && runs[k - 1]!.length > runs[k]!.length) k--;
    return k;
  }

  /** Brings `order` and `rank` up to date. */
  settle() {
    if (!this.stale) return;
    this.stale = false;
    this.version++;
    this.work(Infinity, true); // a merge under way first: it may be reading the order
    const order = this.order;
    if (this.unlisted.length > 0) {
      if (this.unlisted.length <= 16) {
        for (const slot of this.unlisted) order.splice(this.position(slot), 1);
      } else this.order = order.filter((slot) => this.state[slot] === LISTED);
      for (const slot of this.unlisted) this.forget(slot);
      this.unlisted = [];
    }
    if (this.pending.length > 0) this.runs.push(this.sorted(this.pending));
    this.pending = [];
    this.work(Infinity, true);
    let fresh: number[] = this.runs.pop() ?? [];
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
    // With U+0000 in a name the full keys are compared. Without, the names alone decide (at the end of the
    // shorter, its key has U+0000 where the longer name has a greater character), most often by their leads.
    if (this.nul[a]! | this.nul[b]!) return `${this.names[a]}\u0000${this.ids[a]}` < `${this.names[b]}\u0000${this.ids[b]}`;
    const la = this.nameLead[a]!;
    const lb = this.nameLead[b]!;
    if (la !== lb) return la < lb;
    const x = this.names[a]!;
    const y = this.names[b]!;
    if (x !== y) return x < y;
    const ia = this.idLead[a]!;
    const ib = this.idLead[b]!;
    return ia !== ib ? ia < ib : this.ids[a]! < this.ids[b]!;
  }

  /** `slots`, sorted in place */
  private sorted(slots: number[]): number[] {
    return slots.sort((a, b) => (this.before(a, b) ? -1 : 1));
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
    this.nameLead[slot] = 0;
    this.idLead[slot] = 0;
  }

  private grow(slot: number) {
    const size = Math.max(slot + 1, this.state.length * 2);
    this.state = grownArray(this.state, size);
    this.nul = grownArray(this.nul, size);
    this.nameLead = grownArray(this.nameLead, size);
    this.idLead = grownArray(this.idLead, size);
    this.rank = grownArray(this.rank, size, -1);
  }
}

/**
 * The first three UTF-16 units of `text` as one number (each unit a base-65536 digit, a missing one 0).
 * Where two leads differ, the texts compare as their leads do: at the first digit that differs, either
 * both texts have a unit there, or one has ended there and is a prefix of the other (first both ways).
 * Equal leads decide nothing ("ab" and "ab\u0000" have the same lead): the texts are compared.
 */
function lead(text: string): number {
  return (text.charCodeAt(0) || 0) * 4294967296 + (text.charCodeAt(1) || 0) * 65536 + (text.charCodeAt(2) || 0);
}

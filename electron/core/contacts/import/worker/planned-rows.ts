import type { PlanKind } from '../import-plan';

/**
 * An import's planned rows as the commit needs them — what each row does, and its contact as the
 * database stores it (the JSON, made in the worker as the row is planned) — in a few typed arrays
 * and one buffer of UTF-8 bytes rather than an object per row: off the JS heap (a fraction of the
 * memory the contacts' objects take), moved to main at the commit without a copy or a structured
 * clone per row (taking 100k rows' objects in held main ~100 ms), and each document written as it
 * is (main does not stringify it again).
 */
export interface PlannedRowsData {
  count: number;
  /** each row's number in the file */
  rows: Int32Array;
  /** what each does (KINDS[n]) */
  kinds: Uint8Array;
  /**
   * per row its contact's id, its document ('' for a skipped row: never written), then its target: the
   * contact (or earlier row) a merge joins, or the one a new row may be the same person as ('' for none);
   * UTF-8, one after another (the targets were a Map: ~100k entries took main ~75 ms to receive)
   */
  bytes: Uint8Array;
  /** where each part ends in `bytes`: row n's id at ends[3n], its document at ends[3n + 1], its target at ends[3n + 2] */
  ends: Float64Array;
}

const KINDS: readonly PlanKind[] = ['new', 'merge', 'skip'];
/** a row's parts in `bytes`: its id, its document, its target */
const PARTS = 3;

/** The worker's side: rows added as they are planned, then taken (moved) for the commit. */
export class PlannedRowsBuilder {
  private count = 0;
  private rows: Int32Array;
  private kinds: Uint8Array;
  private ends: Float64Array;
  private bytes = Buffer.allocUnsafeSlow(1 << 20); // its own memory (not the pool's): it can be moved to main
  private used = 0;

  /** `expected`: how many rows the plan has (the bytes grow once to what the first rows say they all need, not by doubling) */
  constructor(private readonly expected: number) {
    const size = Math.max(16, expected);
    this.rows = new Int32Array(size);
    this.kinds = new Uint8Array(size);
    this.ends = new Float64Array(PARTS * size);
  }

  add(row: number, kind: PlanKind, id: string, doc: string, target: string | undefined) {
    const n = this.count++;
    if (n === this.rows.length) {
      this.rows = grown(this.rows, new Int32Array(n * 2));
      this.kinds = grown(this.kinds, new Uint8Array(n * 2));
      this.ends = grown(this.ends, new Float64Array(PARTS * n * 2));
    }
    this.rows[n] = row;
    this.kinds[n] = KINDS.indexOf(kind);
    this.ends[PARTS * n] = this.write(id);
    this.ends[PARTS * n + 1] = this.write(doc);
    this.ends[PARTS * n + 2] = target ? this.write(target) : this.used; // most rows have none
  }

  private write(text: string): number {
    if (this.used + text.length * 3 > this.bytes.length) {
      const estimate = this.count >= 100 ? Math.ceil((this.used / this.count) * this.expected * 1.1) : 0;
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.used + text.length * 3, estimate));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    this.used += this.bytes.write(text, this.used, 'utf8');
    return this.used;
  }

  /** Everything, for the commit, and the buffers to move with it; the builder is empty after. */
  take(): { data: PlannedRowsData; transfer: ArrayBuffer[] } {
    const data: PlannedRowsData = {
      count: this.count,
      rows: this.rows,
      kinds: this.kinds,
      bytes: new Uint8Array(this.bytes.buffer, this.bytes.byteOffset, this.used),
      ends: this.ends,
    };
    const transfer = [data.rows.buffer, data.kinds.buffer, data.bytes.buffer, data.ends.buffer] as ArrayBuffer[];
    // what stays is empty (its buffers were moved)
    this.count = 0;
    this.rows = new Int32Array(1);
    this.kinds = new Uint8Array(1);
    this.ends = new Float64Array(PARTS);
    this.bytes = Buffer.alloc(0);
    this.used = 0;
    return { data, transfer };
  }
}

function grown<T extends Int32Array | Uint8Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Main's side: the rows as the commit reads them. */
export class PlannedRows {
  private readonly text: Buffer;
  constructor(private readonly data: PlannedRowsData) {
    this.text = Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
  }
  get count() {
    return this.data.count;
  }
  row(n: number): number {
    return this.data.rows[n]!;
  }
  kind(n: number): PlanKind {
    return KINDS[this.data.kinds[n]!]!;
  }
  id(n: number): string {
    return this.part(n, 0);
  }
  /** the contact as stored (its JSON) */
  doc(n: number): string {
    return this.part(n, 1);
  }
  /** …as its UTF-8 bytes (a view, not a copy) */
  docBytes(n: number): Buffer {
    const at = PARTS * n + 1;
    return this.text.subarray(this.data.ends[at - 1], this.data.ends[at]);
  }
  target(n: number): string | undefined {
    return this.part(n, 2) || undefined;
  }
  private part(n: number, which: number): string {
    const at = PARTS * n + which;
    return this.text.toString('utf8', at === 0 ? 0 : this.data.ends[at - 1], this.data.ends[at]);
  }
}

/** A plan of no rows (a file with none: nothing is asked of the worker). */
export const noRows = () =>
  new PlannedRows({
    count: 0,
    rows: new Int32Array(0),
    kinds: new Uint8Array(0),
    bytes: new Uint8Array(0),
    ends: new Float64Array(0),
  });

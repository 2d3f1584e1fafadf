/**
 * A long list of texts (the contact list's rows, as JSON) in the saved index (../saved-index.ts).
 *
 * Saved: `TextList` gives each item when its piece is written. Restored: `SavedTexts` keeps each
 * piece as it was saved — UTF-8 bytes, items ended by a newline (JSON has none of its own) — and
 * decodes an item when it is asked for. 100k rows read back as ~25 byte arrays outside the heap,
 * which the garbage collector never copies, rather than 100k short strings it copies twice.
 */
export class TextList {
  constructor(
    readonly length: number,
    /** an item's text (without a newline), or undefined for none */
    readonly textAt: (i: number) => string | undefined,
  ) {}

  /** items from..to as one piece */
  piece(from: number, to: number): Buffer {
    let text = '';
    for (let i = from; i < to; i++) {
      const item = this.textAt(i) ?? '';
      if (item.includes('\n')) throw new Error('a saved text holds a newline');
      text += `${item}\n`;
    }
    return Buffer.from(text, 'utf8');
  }
}

const NEWLINE = 10;

export class SavedTexts {
  length = 0;
  private pieces: Buffer[] = [];
  /** per item: its piece (-1 once forgotten) and where it starts there */
  private pieceOf = new Int32Array(1024);
  private startOf = new Int32Array(1024);

  /** the next piece's items */
  add(bytes: Uint8Array) {
    const piece = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const p = this.pieces.length;
    this.pieces.push(piece);
    for (let at = 0; at < piece.length;) {
      const end = piece.indexOf(NEWLINE, at);
      if (end < 0) throw new Error('a saved text piece does not end its last item');
      if (this.length === this.pieceOf.length) this.grow();
      this.pieceOf[this.length] = p;
      this.startOf[this.length++] = at;
      at = end + 1;
    }
  }

  /** item i, or undefined when there is none (or it was forgotten) */
  text(i: number): string | undefined {
    if (i >= this.length || this.pieceOf[i]! < 0) return undefined;
    const piece = this.pieces[this.pieceOf[i]!]!;
    const start = this.startOf[i]!;
    const end = piece.indexOf(NEWLINE, start);
    return end > start ? piece.toString('utf8', start, end) : undefined;
  }

  forget(i: number) {
    if (i < this.length) this.pieceOf[i] = -1;
  }

  private grow() {
    const pieceOf = new Int32Array(this.pieceOf.length * 2);
    pieceOf.set(this.pieceOf);
    const startOf = new Int32Array(this.startOf.length * 2);
    startOf.set(this.startOf);
    this.pieceOf = pieceOf;
    this.startOf = startOf;
  }
}

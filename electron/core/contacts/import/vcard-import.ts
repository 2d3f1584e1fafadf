import type { ImportRecord } from './import-record';
import { isBase64Encoded, isQuotedPrintable, LineCursor, parseHead, readValue, valueStartOf, type Property } from './vcard-lines';
import { cardToRecord } from './vcard-record';
import { tooManyRowsMessage } from '../../../../shared/contacts/import/import-limits';

/**
 * vCard 2.1 / 3.0 / 4.0 files (several cards each) → import records, in slices: the reader
 * works for a few milliseconds, then hands the event loop back, so a 46 MB file of cards with
 * photos never blocks the main process.
 */

export interface VcardParse {
  records: ImportRecord[];
  errors: Array<{ row: number; message: string }>;
}

/** Values that are never text we import: skipped without copying them. */
const BINARY = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY']);
/** Text properties that may (rarely) come base64-encoded and are still read. */
const TEXT = new Set(['FN', 'N', 'NOTE', 'ORG', 'TITLE', 'NICKNAME', 'EMAIL', 'TEL', 'CATEGORIES', 'X-ABLABEL']);
const MAX_ERRORS = 1000;
/** How far a property's name and parameters may be folded over several lines before we give up on finding its `:`. */
const MAX_HEAD = 4096;
/** A line of base64 on its own: the tail of a binary value whose writer did not fold it. */
const BASE64_LINE = /^[A-Za-z0-9+/]{8,}={0,2}$/;
const BEGIN = /^\s*BEGIN\s*:\s*VCARD\s*$/i;
const END = /^\s*END\s*:\s*VCARD\s*$/i;

/** Is the last property a NOTE whose writer may have left its new lines unescaped? */
function afterPlainNote(props: Property[]): boolean {
  const last = props[props.length - 1];
  return last?.name === 'NOTE' && !isQuotedPrintable(last.params);
}

class VcardReader {
  private readonly cursor: LineCursor;
  private readonly records: ImportRecord[] = [];
  private readonly errors: VcardParse['errors'] = [];
  private props: Property[] | null = null;
  private card = 0;
  /** inside a 2.1 AGENT's embedded card: its lines are not ours */
  private nested = 0;
  /** after a base64 value: unindented lines without `:` are more of it, until a blank line */
  private inBase64 = false;
  /** any text at all outside the cards (to tell "not a vCard file" from "an empty file") */
  private sawText = false;

  /** a file with more cards than this is refused as soon as the next one begins */
  private readonly maxCards: number;

  constructor(text: string | readonly string[], maxCards = Infinity) {
    this.maxCards = maxCards;
    const pieces = typeof text === 'string' ? [text] : text;
    const first = pieces[0] ?? '';
    this.cursor = new LineCursor(first.charCodeAt(0) === 0xfeff ? [first.slice(1), ...pieces.slice(1)] : pieces);
  }

  private error(message: string) {
    if (this.errors.length < MAX_ERRORS) this.errors.push({ row: this.card, message });
  }

  private finishCard() {
    if (this.props) this.records.push(cardToRecord(this.props, this.card));
    this.props = null;
    this.nested = 0;
    this.inBase64 = false;
  }

  /** Reads lines for about `budgetMs`; true once the whole text is read. */
  step(budgetMs: number): boolean {
    const start = performance.now();
    for (let n = 1; ; n++) {
      if ((n & 15) === 0 && performance.now() - start >= budgetMs) return false;
      const line = this.cursor.next();
      if (line === null) return this.end();
      this.line(line);
    }
  }

  private line(line: string) {
    if (!line.trim()) {
      this.inBase64 = false;
      return;
    }
    if (BEGIN.test(line)) {
      const last = this.props?.[this.props.length - 1];
      if (this.props && last?.name === 'AGENT' && !last.value.trim())
        this.nested++; // vCard 2.1: the agent's card is embedded
      else {
        if (this.props) this.error('This card has no END:VCARD; it was read up to the next card.');
        this.finishCard();
        if (++this.card > this.maxCards) throw new Error(tooManyRowsMessage(this.maxCards, 'cards'));
        this.props = [];
      }
      return;
    }
    if (END.test(line)) {
      if (this.nested > 0) this.nested--;
      else this.finishCard();
      return;
    }
    const props = this.props;
    if (!props || this.nested > 0) {
      this.sawText ||= !props;
      this.cursor.skipFolded();
      return;
    }
    const c = line.charCodeAt(0);
    if (c === 32 || c === 9) return; // the continuation of something already skipped
    if (this.inBase64 && !line.includes(':')) return;
    this.inBase64 = false;
    // A line folded inside its parameters (Evolution folds in the middle of a quoted value): unfold up to the `:`.
    while (valueStartOf(line) < 0 && line.length < MAX_HEAD && this.cursor.nextIsFolded()) line += this.cursor.next()!.slice(1);
    const head = parseHead(line);
    if (!head || (head.name.includes(' ') && afterPlainNote(props))) {
      this.unreadable(line, props);
      return;
    }
    const base64 = isBase64Encoded(head.params);
    if (BINARY.has(head.name) || (base64 && !TEXT.has(head.name))) {
      this.cursor.skipFolded();
      this.inBase64 = base64;
      return;
    }
    const value = readValue(
      this.cursor,
      line.slice(head.valueStart),
      isQuotedPrintable(head.params),
      (next) => END.test(next) || BEGIN.test(next),
    );
    if (head.name.includes(' ')) return; // `X-GOOGLE TALK` (Highrise): an extension we never read, read past quietly
    props.push({ group: head.group, name: head.name, params: head.params, value });
  }

  /**
   * A line that is not a property: base64 left over from a photo is dropped quietly; a line
   * right after a NOTE is taken as more of the note (writers that forget to escape newlines).
   */
  private unreadable(line: string, props: Property[]) {
    if (BASE64_LINE.test(line.trim())) return;
    if (afterPlainNote(props)) {
      props[props.length - 1]!.value += `\\n${line}`;
      return;
    }
    this.error(`Unreadable line: ${line.slice(0, 40)}`);
  }

  private end(): true {
    if (this.props) {
      this.error('The last card has no END:VCARD; it was read anyway.');
      this.finishCard();
    }
    if (this.card === 0 && this.sawText) this.error('No vCard in this file (no BEGIN:VCARD line).');
    return true;
  }

  result(): VcardParse {
    return { records: this.records, errors: this.errors };
  }
}

/**
 * Parses in slices of about `sliceMs` of work, awaiting `pause()` between them (a
 * `setImmediate`, say). `pause` may reject to stop the parse (a cancelled import). `text` may
 * be the pieces `decodeFileInSlices` returns (`file.chunks`), which saves joining them. Cards are
 * counted as they begin: past `maxCards` the parse rejects, saying so (never more are held).
 */
export async function parseVcardsInSlices(
  text: string | readonly string[],
  pause: () => Promise<void>,
  sliceMs = 8,
  maxCards = Infinity,
): Promise<VcardParse> {
  const reader = new VcardReader(text, maxCards);
  while (!reader.step(sliceMs)) await pause();
  return reader.result();
}

/** The same in one go: for tests and small files. */
export function parseVcards(text: string | readonly string[]): VcardParse {
  const reader = new VcardReader(text);
  reader.step(Infinity);
  return reader.result();
}

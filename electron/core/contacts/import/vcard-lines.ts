/**
 * Physical lines → vCard properties, the way real exports write them: CRLF, LF, CR and CR CR LF
 * line ends; RFC folding (a line starting with a space or tab continues the previous one);
 * quoted-printable soft line breaks (a line ending in `=` continues on the next, unindented
 * line); and binary values (PHOTO…) skipped without being copied, including vCard 2.1 base64
 * that goes on over unindented lines until a blank one.
 */

export interface Property {
  /** `item1` in `item1.TEL`, lower case; null without a group */
  group: string | null;
  /** upper case: `TEL`, `X-ABLABEL` */
  name: string;
  /** upper-case keys; bare 2.1 parameters (`;WORK;VOICE`) are TYPE values, bare `QUOTED-PRINTABLE`/`BASE64` ENCODING */
  params: Record<string, string[]>;
  /** the raw value, still escaped and encoded */
  value: string;
}

/** Line ends as one alternation, tried in order: CR CR LF (Windows text written through a CRLF filter again) is one line end. */
const BREAK = /\r\r\n|\r\n|\n|\r/g;
/** A line end followed by a line that is not a continuation (nor a further blank line). */
const BREAK_THEN_NEW_LINE = /(?:\r\r\n|\r\n|\n|\r)(?![ \t\r\n])/g;

/**
 * Reads a large text line by line without copying it. The text may come in pieces that each
 * end at a line end (as `decodeFileInSlices` cuts them), so it never has to be joined.
 */
export class LineCursor {
  private index = 0;
  /** where the next line starts in the current piece */
  private pos = 0;
  private readonly pieces: readonly string[];

  constructor(text: string | readonly string[]) {
    this.pieces = typeof text === 'string' ? [text] : text;
    this.settle();
  }

  /** Moves past the end of a piece (and past empty ones) to the start of the next. */
  private settle() {
    while (this.index < this.pieces.length && this.pos >= this.pieces[this.index]!.length) {
      this.index++;
      this.pos = 0;
    }
  }

  get done() {
    return this.index >= this.pieces.length;
  }

  next(): string | null {
    if (this.done) return null;
    const text = this.pieces[this.index]!;
    BREAK.lastIndex = this.pos;
    const m = BREAK.exec(text);
    const end = m ? m.index : text.length;
    const line = text.slice(this.pos, end);
    this.pos = m ? end + m[0].length : end;
    this.settle();
    if (!m && !this.done) return line + this.next(); // pieces that were not cut at line ends
    return line;
  }

  /** Does the next line continue this one (RFC folding)? */
  nextIsFolded(): boolean {
    const c = this.done ? -1 : this.pieces[this.index]!.charCodeAt(this.pos);
    return c === 32 || c === 9;
  }

  /** Steps over the folded continuation lines of the current line (a 45 KB photo is one regex scan). */
  skipFolded() {
    while (this.nextIsFolded()) {
      const text = this.pieces[this.index]!;
      BREAK_THEN_NEW_LINE.lastIndex = this.pos;
      const m = BREAK_THEN_NEW_LINE.exec(text);
      this.pos = m ? m.index + m[0].length : text.length;
      this.settle(); // at the end of a piece: the next piece may go on with the same value
    }
  }

  /** Where the cursor is, to come back to it. */
  mark(): { index: number; pos: number } {
    return { index: this.index, pos: this.pos };
  }

  reset(at: { index: number; pos: number }) {
    this.index = at.index;
    this.pos = at.pos;
  }
}

export interface Head {
  group: string | null;
  name: string;
  params: Record<string, string[]>;
  /** where the value starts in the line */
  valueStart: number;
}

const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);
const NAME = /^[A-Za-z0-9-]+$/;
/** Highrise writes `X-GOOGLE TALK;TYPE=WORK:…`: an extension name with a space, read leniently (and ignored). */
const SPACED_X_NAME = /^X-[A-Za-z0-9-]+(?: [A-Za-z0-9-]+)+$/i;

/** Splits on `sep` outside double quotes. */
function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === sep && !inQuotes) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}

/** RFC 6868 circumflex escapes in parameter values: `^n` new line, `^'` double quote, `^^` circumflex. */
const uncaret = (v: string) =>
  v.includes('^') ? v.replace(/\^([nN'^])/g, (_, c: string) => (c === "'" ? '"' : c === '^' ? '^' : '\n')) : v;
const unquote = (v: string) => uncaret(v.trim().replace(/^"([\s\S]*)"$/, '$1'));

/**
 * Where the value starts: after the first `:` outside a quoted parameter value (RFC 6350 §3.3:
 * `"…"` may hold `:` `;` `,`). -1 when there is none yet, as when a writer folded the line
 * inside a quoted value (Evolution's `X-COUCHDB-UUID="…"`), so the rest is on the next line.
 */
export function valueStartOf(line: string): number {
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') inQuotes = !inQuotes;
    else if (c === ':' && !inQuotes) return i + 1;
  }
  return -1;
}

/**
 * `item1.TEL;TYPE="work,voice";type=pref:…` → group, name, parameters, and where the value
 * starts (the first `:` outside a quoted parameter). A quote that is never closed is read
 * leniently as a plain character. Null when the line is not a property.
 */
export function parseHead(line: string): Head | null {
  let valueStart = valueStartOf(line);
  const balanced = valueStart > 0;
  if (!balanced) valueStart = line.indexOf(':') + 1; // an unbalanced `"`: its quotes cannot be trusted, so they are dropped
  if (valueStart <= 0) return null;
  const headText = line.slice(0, valueStart - 1);
  const [head = '', ...paramParts] = splitOutsideQuotes(balanced ? headText : headText.replace(/"/g, ''), ';');
  const dot = head.lastIndexOf('.');
  const name = (dot >= 0 ? head.slice(dot + 1) : head).trim();
  if (!NAME.test(name) && !SPACED_X_NAME.test(name)) return null;
  const params: Record<string, string[]> = {};
  for (const part of paramParts) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 0) {
      const bare = part.trim();
      const key = BARE_ENCODINGS.has(bare.toUpperCase()) ? 'ENCODING' : 'TYPE';
      (params[key] ??= []).push(bare);
      continue;
    }
    const key = part.slice(0, eq).trim().toUpperCase();
    const values = splitOutsideQuotes(part.slice(eq + 1), ',')
      .map(unquote)
      .flatMap((v) => (key === 'TYPE' ? v.split(',') : [v]));
    (params[key] ??= []).push(...values.map((v) => v.trim()).filter(Boolean));
  }
  return { group: dot > 0 ? head.slice(0, dot).trim().toLowerCase() : null, name: name.toUpperCase(), params, valueStart };
}

export const isQuotedPrintable = (params: Record<string, string[]>) =>
  (params.ENCODING ?? []).some((e) => e.toUpperCase() === 'QUOTED-PRINTABLE');
export const isBase64Encoded = (params: Record<string, string[]>) => (params.ENCODING ?? []).some((e) => /^(b|base64)$/i.test(e));

/**
 * The rest of a property's value after its first line: folded lines (one leading space or tab
 * removed) and, for quoted-printable, soft line breaks (the `=` removed, the next line taken as
 * it is). `stop` tells a line that must not be swallowed (END:VCARD after a stray `=`).
 */
export function readValue(cursor: LineCursor, first: string, qp: boolean, stop: (line: string) => boolean): string {
  let value = first;
  for (;;) {
    if (qp && value.endsWith('=') && !cursor.done) {
      const save = cursor.mark();
      const line = cursor.next()!;
      if (stop(line)) {
        cursor.reset(save);
        return value.slice(0, -1);
      }
      value = value.slice(0, -1) + line;
    } else if (cursor.nextIsFolded()) value += cursor.next()!.slice(1);
    else return value;
  }
}

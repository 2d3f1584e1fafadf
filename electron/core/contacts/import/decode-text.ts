import { guessEncoding } from './guess-encoding';
import { repairWindows1252, textDecoding } from './text-decoders';

/**
 * A contact file's bytes → text, and which encoding that took. Byte order marks first (UTF-8,
 * UTF-16 LE/BE, UTF-32); then UTF-16 told by its NUL bytes; then UTF-8 if the bytes are valid
 * UTF-8 (nearly every modern export); only then a guess (guess-encoding.ts). Large files are
 * decoded a chunk at a time, and can be in slices that hand the event loop back.
 */

/** What the import dialog offers; ids are WHATWG encoding labels (what TextDecoder takes). */
export const ENCODING_CHOICES = [
  { id: 'utf-8', label: 'UTF-8' },
  { id: 'utf-16le', label: 'UTF-16 LE' },
  { id: 'utf-16be', label: 'UTF-16 BE' },
  { id: 'windows-1252', label: 'Windows-1252 (Western)' },
  { id: 'iso-8859-1', label: 'ISO-8859-1 (Latin-1)' },
  { id: 'iso-8859-15', label: 'ISO-8859-15 (Latin-9)' },
  { id: 'windows-1250', label: 'Windows-1250 (Central European)' },
  { id: 'iso-8859-2', label: 'ISO-8859-2 (Central European)' },
  { id: 'windows-1251', label: 'Windows-1251 (Cyrillic)' },
  { id: 'koi8-r', label: 'KOI8-R (Russian)' },
  { id: 'windows-1253', label: 'Windows-1253 (Greek)' },
  { id: 'iso-8859-7', label: 'ISO-8859-7 (Greek)' },
  { id: 'windows-1254', label: 'Windows-1254 (Turkish)' },
  { id: 'windows-1257', label: 'Windows-1257 (Baltic)' },
  { id: 'macintosh', label: 'Mac OS Roman' },
  { id: 'shift_jis', label: 'Shift_JIS (Japanese)' },
  { id: 'euc-jp', label: 'EUC-JP (Japanese)' },
  { id: 'gb18030', label: 'GB18030 (Simplified Chinese)' },
  { id: 'big5', label: 'Big5 (Traditional Chinese)' },
  { id: 'euc-kr', label: 'EUC-KR (Korean)' },
] as const;

export interface DecodedFile {
  /** the whole text; joined from `chunks` when first read (a 47 MB copy that a vCard import never needs) */
  text: string;
  /** the text in pieces of about 256 KB that each end at a line end: what `parseVcardsInSlices` takes */
  chunks: string[];
  /** the encoding the text was read in (a WHATWG name, e.g. `windows-1252`) */
  encoding: string;
  /** what the bytes themselves suggest, whatever was chosen */
  detected: string;
  /** how sure `detected` is, 0…1 (1 for a byte order mark or valid UTF-8) */
  confidence: number;
  bom: boolean;
  /** nothing but whitespace once decoded */
  empty: boolean;
  warning: string | null;
}

const UTF32 = ['utf-32le', 'utf-32be'];

/** The canonical name of a label we can decode (`latin1` → `windows-1252`, per WHATWG), or null. */
export function canonicalEncoding(label: string): string | null {
  const key = label.trim().toLowerCase();
  if (UTF32.includes(key.replace('utf32', 'utf-32'))) return key.replace('utf32', 'utf-32');
  return textDecoding(key)?.encoding ?? null;
}

export const encodingLabel = (id: string) => ENCODING_CHOICES.find((c) => c.id === id)?.label ?? id.toUpperCase();

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    chunk.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  return parts.join('');
}

/** 256 KB of bytes at a time (a multiple of 4, for UTF-32): well under a millisecond of decoding. */
const CHUNK = 1 << 18;

/**
 * Decodes a whole file a chunk at a time, yielding between chunks so that a caller can hand
 * the event loop back; the pieces are cut after their last `\n`, so no line (nor CR LF) is
 * split between two of them. `fatal`: throws on bytes that are not valid in `encoding`.
 */
function* decodeChunked(bytes: Uint8Array, encoding: string, fatal: boolean): Generator<void, { chunks: string[]; unreadable: number }> {
  const chunks: string[] = [];
  let unreadable = 0;
  let carry = '';
  const utf32 = encoding === 'utf-32le' || encoding === 'utf-32be';
  const decoder = utf32 ? null : new TextDecoder(encoding, { fatal, ignoreBOM: true });
  const repair = decoder?.encoding === 'windows-1252';
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const last = at + CHUNK >= bytes.length;
    const chunk = bytes.subarray(at, at + CHUNK);
    let text = decoder ? decoder.decode(chunk, { stream: !last }) : decodeUtf32(chunk, encoding === 'utf-32le');
    if (repair) text = repairWindows1252(text);
    // a strict decode replaces nothing (it throws instead): a U+FFFD it gives back was in the file itself
    if (!fatal) for (let i = text.indexOf('\ufffd'); i >= 0; i = text.indexOf('\ufffd', i + 1)) unreadable++;
    const cut = last ? text.length : text.lastIndexOf('\n') + 1;
    if (cut > 0) {
      chunks.push(carry + text.slice(0, cut));
      carry = text.slice(cut);
    } else carry += text; // a line longer than a chunk (or CR-only line ends): kept whole
    if (!last) yield;
  }
  if (carry) chunks.push(carry);
  return { chunks, unreadable };
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  const [a, b, c, d] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return { encoding: 'utf-32le', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** UTF-16 without a BOM: vCard and CSV files are mostly ASCII, so every other byte is NUL. */
function sniffUtf16(bytes: Uint8Array): string | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < pairs * 0.05) return 'utf-16le';
  if (even > pairs * 0.3 && odd < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Whitespace, BOMs and NULs (UTF-16 read as something else) are not text; stops at the first character that is. */
function isEmptyText(text: string): boolean {
  const visible = /[^\s\ufeff]/g;
  for (let m = visible.exec(text); m; m = visible.exec(text)) if (m[0] !== '\0') return false;
  return true;
}

function encodingError(chosen: string) {
  return new Error(
    `"${chosen}" is not a text encoding this app can read. Choose one of: ${ENCODING_CHOICES.map((c) => c.label).join(', ')}.`,
  );
}

function* decodeSteps(bytes: Uint8Array, chosen: string | undefined): Generator<void, DecodedFile> {
  const forced = chosen ? canonicalEncoding(chosen) : null;
  if (chosen && !forced) throw encodingError(chosen);
  const bom = sniffBom(bytes);
  let detected: { encoding: string; confidence: number };
  let decoded: { chunks: string[]; unreadable: number } | null = null;
  if (bom) detected = { encoding: bom.encoding, confidence: 1 };
  else {
    const utf16 = sniffUtf16(bytes);
    if (utf16) detected = { encoding: utf16, confidence: 0.9 };
    else if (forced && forced !== 'utf-8') detected = isUtf8(bytes) ? { encoding: 'utf-8', confidence: 1 } : guessEncoding(bytes);
    else {
      try {
        decoded = yield* decodeChunked(bytes, 'utf-8', true);
        detected = { encoding: 'utf-8', confidence: 1 };
      } catch {
        detected = guessEncoding(bytes);
      }
    }
  }
  const encoding = forced ?? detected.encoding;
  const usesBom = Boolean(bom && bom.encoding === encoding);
  if (decoded === null || encoding !== 'utf-8') {
    const body = usesBom ? bytes.subarray(bom!.length) : bytes;
    // UTF-8 (a BOM'd file, or chosen by hand) is read strictly first: a U+FFFD in valid UTF-8 is text, not a loss
    decoded = null;
    if (encoding === 'utf-8') {
      try {
        decoded = yield* decodeChunked(body, 'utf-8', true);
      } catch {
        decoded = null; // not valid UTF-8 after all: read it leniently, counting what could not be read
      }
    }
    if (!decoded) {
      decoded = yield* decodeChunked(body, encoding, false);
      // what the file itself spells as U+FFFD (EF BF BD) was read, not lost
      if (encoding === 'utf-8') decoded.unreadable = Math.max(0, decoded.unreadable - encodedReplacements(body));
    }
  }
  const chunks = decoded.chunks;
  if (chunks[0]?.charCodeAt(0) === 0xfeff) chunks[0] = chunks[0].slice(1);

  const empty = chunks.every(isEmptyText);
  let warning: string | null = null;
  if (bytes.length === 0) warning = 'This file is empty (0 bytes).';
  else if (empty) warning = `This file has no text in it (it decodes to nothing as ${encodingLabel(encoding)}).`;
  else if (decoded.unreadable > 0) {
    const n = decoded.unreadable;
    warning = `${n} character${n === 1 ? '' : 's'} could not be read as ${encodingLabel(encoding)}; choose another encoding if names look wrong.`;
  } else if (!forced && detected.confidence < 0.5)
    warning = `The encoding was guessed as ${encodingLabel(encoding)}; choose another one if names look wrong.`;
  let text: string | null = null;
  const file = {
    chunks,
    encoding,
    detected: detected.encoding,
    confidence: detected.confidence,
    bom: Boolean(bom),
    empty,
    warning,
  } as DecodedFile;
  Object.defineProperty(file, 'text', { enumerable: true, get: () => (text ??= chunks.join('')) });
  return file;
}

/** how many times the bytes spell U+FFFD in UTF-8 (EF BF BD) */
function encodedReplacements(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(0xef); i >= 0 && i + 2 < bytes.length; i = bytes.indexOf(0xef, i + 1))
    if (bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  return n;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 1 << 20));
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a contact file. `chosen` (an encoding label the user picked) overrides the
 * detection; an unknown label throws an Error that says which encodings can be read.
 */
export function decodeFile(bytes: Uint8Array, chosen?: string): DecodedFile {
  const steps = decodeSteps(bytes, chosen);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The same, a megabyte at a time: after about `sliceMs` of work it awaits `pause()` (a
 * `setImmediate`, say), so a 50 MB file does not hold the main process. The guess for a file
 * that is not UTF-8 is made in one go (on at most 64 KB).
 */
export async function decodeFileInSlices(
  bytes: Uint8Array,
  pause: () => Promise<void>,
  chosen?: string,
  sliceMs = 8,
): Promise<DecodedFile> {
  const steps = decodeSteps(bytes, chosen);
  let start = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - start >= sliceMs) {
      await pause();
      start = performance.now();
    }
  }
}

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { z } from 'zod';
import { sameStamp, type FileStamp } from '../db-watermark';
import type { Fields } from '../search/own-fields';
import { addPiece, PieceSchema, piecesOf, type Piece } from './index-pieces';

/**
 * The search index and the number map as a clean close left them (`contacts.index`), so the next
 * start restores them instead of reading, parsing and indexing every row again.
 *
 * It is used only for the database it was made from, untouched since: the file is written after
 * the clean close that recorded the database file (size, inode, change time: db-watermark.ts), and
 * carries that record and the contacts' generation. A start that finds the database exactly so —
 * the same test that lets it skip SQLite's integrity check — and the same generation restores it;
 * any other start (a crash, another program's write, an older build's, a copied-in file) ignores it
 * and reads the rows. A copy that is damaged (each piece has a CRC-32), or does not fit this build's
 * index (a field added or renamed: ../search/own-fields.ts), is removed, and the rows are read.
 *
 * The file: the pieces (index-pieces.ts), then a JSON header (the format, the key, each piece's
 * part, field, kind, size and CRC), then the header's length in 4 bytes. Pieces are written as they
 * are made and read a few MB at a time, the next batch on its way while one is restored; both ways
 * yield every SLICE_MS, so the main thread is never held for long.
 */
export const SAVED_INDEX_FILE = 'contacts.index';
const FORMAT = 'feather-contacts-index/2';
/** pieces are written and read in batches this big */
const BATCH_BYTES = 4 * 1024 * 1024;
/** main-thread work between yields (ms) */
const SLICE_MS = 10;
/** a header bigger than this is not one (~40 kB at 100k contacts) */
const HEADER_MAX = 8 * 1024 * 1024;
/** a temp file left by a save that did not finish (the app killed during its quit) */
const TEMP = /^contacts\.index\.[\w-]+\.tmp$/;

/** the database the copy belongs to */
export interface SavedIndexKey {
  /** the contacts' generation (raised by every change the app makes) */
  generation: number;
  /** the contacts table's change count (raised by every change anyone makes: db-watermark.ts) */
  touched: number;
  /** the database file as the clean close left it */
  closed: FileStamp;
}

/** part → field → value */
export type Parts = Record<string, Fields>;

const Header = z.object({
  format: z.literal(FORMAT),
  /** the build that saved it (build-probe.ts) */
  build: z.string().max(200),
  key: z.object({
    generation: z.number().int().nonnegative(),
    touched: z.number().int().nonnegative(),
    closed: z.object({ size: z.number().nonnegative(), ino: z.number().nonnegative(), ctimeMs: z.number().nonnegative() }),
  }),
  pieces: z.array(PieceSchema),
});

export const sameKey = (a: SavedIndexKey, b: SavedIndexKey) =>
  a.generation === b.generation && a.touched === b.touched && sameStamp(a.closed, b.closed);

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
const fileIn = (dir: string) => path.join(dir, SAVED_INDEX_FILE);

/** Runs `work` (a generator that yields between steps) in slices of SLICE_MS; null when stopped before its end. */
export async function inSlices<T>(work: Generator<void, T>, stopped: () => boolean = () => false): Promise<T | null> {
  let until = performance.now() + SLICE_MS;
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
    if (performance.now() > until) {
      await yieldNow();
      if (stopped()) return null;
      until = performance.now() + SLICE_MS;
    }
  }
}

/** Writes the copy (temp file + rename). Never throws: without it the next start only reads the rows. */
export async function saveIndex(dir: string, key: SavedIndexKey, build: string, parts: Parts): Promise<void> {
  removeTemps(dir);
  const temp = `${fileIn(dir)}.${process.pid}.tmp`;
  let file: fs.promises.FileHandle | null = null;
  try {
    file = await fs.promises.open(temp, 'w');
    const pieces: Piece[] = [];
    let batch: Buffer[] = [];
    let batchBytes = 0;
    let until = performance.now() + SLICE_MS;
    for (const [part, fields] of Object.entries(parts))
      for (const [field, value] of Object.entries(fields))
        for (const { kind, buffer } of piecesOf(value)) {
          pieces.push({ part, field, kind, bytes: buffer.length, crc: zlib.crc32(buffer) });
          batch.push(buffer);
          batchBytes += buffer.length;
          if (batchBytes >= BATCH_BYTES) {
            await file.writev(batch);
            batch = [];
            batchBytes = 0;
          }
          if (performance.now() > until) {
            await yieldNow();
            until = performance.now() + SLICE_MS;
          }
        }
    const header = Buffer.from(JSON.stringify({ format: FORMAT, build, key, pieces }), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(header.length);
    await file.writev([...batch, header, length]);
    await file.close();
    file = null;
    await fs.promises.rename(temp, fileIn(dir));
  } catch (error) {
    console.warn('the contacts index was not saved (the next start reads every contact):', error instanceof Error ? error.message : error);
    await file?.close().catch(() => undefined);
    await fs.promises.rm(temp, { force: true }).catch(() => undefined);
  }
}

/** the saved copy and any temp file a save left */
export function removeSavedIndex(dir: string) {
  try {
    fs.rmSync(fileIn(dir), { force: true });
  } catch {
    // an old copy only costs disk: its key no longer fits the database
  }
  removeTemps(dir);
}

/** temp files left by a save that was cut off (a quit that did not wait for it) */
export function removeTemps(dir: string) {
  try {
    for (const name of fs.readdirSync(dir)) if (TEMP.test(name)) fs.rmSync(path.join(dir, name), { force: true });
  } catch {
    // nothing to tidy
  }
}

/** `length` bytes of the file at `position`, all of them or an error */
async function readAt(file: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await file.read(buffer, got, length - got, position + got);
    if (bytesRead === 0) throw new Error('the file is cut short');
    got += bytesRead;
  }
  return buffer;
}

/** the pieces in batches of about BATCH_BYTES */
function batchesOf(pieces: readonly Piece[]): Piece[][] {
  const batches: Piece[][] = [[]];
  let bytes = 0;
  for (const piece of pieces) {
    if (bytes >= BATCH_BYTES) {
      batches.push([]);
      bytes = 0;
    }
    batches[batches.length - 1]!.push(piece);
    bytes += piece.bytes;
  }
  return batches;
}

/**
 * The parts as saved for this database by this build, or null: no copy, another database's or
 * generation's, another build's, or one that cannot be read (then it is removed, and the log says why). `stopped`: checked between
 * slices; a stopped restore answers null.
 */
export async function restoreIndex(
  dir: string,
  key: SavedIndexKey,
  build: string,
  stopped: () => boolean = () => false,
): Promise<Parts | null> {
  let file: fs.promises.FileHandle;
  try {
    file = await fs.promises.open(fileIn(dir), 'r');
  } catch {
    return null; // none
  }
  try {
    const { size } = await file.stat();
    if (size < 4) throw new Error('the file is cut short');
    const headerLength = (await readAt(file, size - 4, 4)).readUInt32BE(0);
    const headerStart = size - 4 - headerLength;
    if (headerStart < 0 || headerLength > HEADER_MAX) throw new Error('the file is cut short');
    const parsed = Header.safeParse(JSON.parse((await readAt(file, headerStart, size - 4 - headerStart)).toString('utf8')));
    if (!parsed.success) throw new Error('its header is not one this build reads (an older or newer copy, or damaged)');
    const header = parsed.data;
    if (!sameKey(header.key, key) || header.build !== build) return null; // another database's, an older copy, another build's
    if (header.pieces.reduce((sum, p) => sum + p.bytes, 0) !== headerStart) throw new Error('the file is not as long as its pieces');

    const parts: Parts = Object.create(null) as Parts; // names are checked, and still never reach a prototype
    let position = 0;
    const read = (batch: Piece[]) => {
      const bytes = batch.reduce((sum, p) => sum + p.bytes, 0);
      const data = readAt(file, position, bytes);
      position += bytes;
      return data;
    };
    const batches = batchesOf(header.pieces);
    let next: Promise<Buffer> | null = read(batches[0]!);
    let until = performance.now() + SLICE_MS;
    for (let b = 0; b < batches.length; b++) {
      const data: Buffer = await next!;
      next = b + 1 < batches.length ? read(batches[b + 1]!) : null; // on its way while this batch is restored
      next?.catch(() => undefined); // its failure is met when it is awaited
      let at = 0;
      for (const piece of batches[b]!) {
        if (performance.now() > until) {
          await yieldNow();
          if (stopped()) return null;
          until = performance.now() + SLICE_MS;
        }
        const bytes = data.subarray(at, at + piece.bytes);
        at += piece.bytes;
        if (zlib.crc32(bytes) !== piece.crc) throw new Error(`the piece of ${piece.part}.${piece.field} is damaged`);
        addPiece((parts[piece.part] ??= Object.create(null) as Fields), piece, bytes);
      }
    }
    return stopped() ? null : parts;
  } catch (error) {
    console.warn('the saved contacts index is not used (every contact is read instead):', error instanceof Error ? error.message : error);
    removeSavedIndex(dir);
    return null;
  } finally {
    await file.close().catch(() => undefined);
  }
}

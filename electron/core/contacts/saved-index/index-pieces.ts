import v8 from 'node:v8';
import zlib from 'node:zlib';
import { z } from 'zod';
import { MapEntries, type Fields } from '../search/own-fields';
import { SavedTexts, TextList } from '../search/saved-texts';

/**
 * A saved index's values as pieces, and back (index-file.ts writes and reads them). A piece is one
 * `v8.serialize`d value: a field whole, or a slice of a long list or map — at most PIECE items and,
 * for a list, about PIECE_BYTES — so that reading any one back holds the main thread for a few ms.
 * A `TextList` (the contact list's rows) is saved as UTF-8 bytes, one array per piece, and comes back
 * as `SavedTexts` (../search/saved-texts.ts); `MapEntries` (../search/own-fields.ts) as a `Map`.
 */

/** items of a list or entries of a map per piece, at most */
const PIECE = 4096;
/** a list's piece is cut in two while it is bigger than this (and has more than one item) */
const PIECE_BYTES = 512 * 1024;

/** a part's or a field's name: a plain identifier (never `__proto__` or the like) */
const NAME = /^[a-z][A-Za-z0-9]{0,63}$/;

export const PieceSchema = z.object({
  part: z.string().regex(NAME),
  field: z.string().regex(NAME),
  kind: z.enum(['value', 'list', 'map', 'texts']),
  bytes: z.number().int().nonnegative(),
  crc: z.number().int().nonnegative(),
});
export type Piece = z.infer<typeof PieceSchema>;
type Kind = Piece['kind'];

/** a list's items from..to as a piece (or two, or more, while too big) */
function* listPieces(items: (from: number, to: number) => unknown[], from: number, to: number): Generator<Buffer> {
  const buffer = v8.serialize(items(from, to));
  if (buffer.length <= PIECE_BYTES || to - from <= 1) return yield buffer;
  const middle = from + Math.floor((to - from) / 2);
  yield* listPieces(items, from, middle);
  yield* listPieces(items, middle, to);
}

/** one value's pieces: a list or a long map in slices, anything else whole */
export function* piecesOf(value: unknown): Generator<{ kind: Kind; buffer: Buffer }> {
  if (value instanceof TextList) {
    for (let i = 0; i < value.length; i += PIECE)
      yield { kind: 'texts', buffer: v8.serialize(value.piece(i, Math.min(value.length, i + PIECE))) };
  } else if (Array.isArray(value)) {
    const items = (from: number, to: number) => value.slice(from, to);
    if (value.length === 0) yield { kind: 'list', buffer: v8.serialize([]) };
    for (let i = 0; i < value.length; i += PIECE)
      for (const buffer of listPieces(items, i, Math.min(value.length, i + PIECE))) yield { kind: 'list', buffer };
  } else if ((value instanceof Map && value.size > PIECE) || value instanceof MapEntries) {
    let keys: unknown[] = [];
    let values: unknown[] = [];
    let any = false;
    for (const [k, v] of value instanceof MapEntries ? value.entries() : value) {
      any = true;
      keys.push(k);
      values.push(v);
      if (keys.length === PIECE) {
        yield { kind: 'map', buffer: v8.serialize([keys, values]) };
        keys = [];
        values = [];
      }
    }
    if (keys.length > 0 || !any) yield { kind: 'map', buffer: v8.serialize([keys, values]) };
  } else yield { kind: 'value', buffer: v8.serialize(value) };
}

/**
 * A piece read back into its field: a whole value, or the next slice of a list, a map or texts. The
 * bytes are copied first: a typed array read back is a view into what it was read from, which would
 * otherwise keep a whole batch of the file in memory.
 */
export function addPiece(fields: Fields, piece: Piece, bytes: Uint8Array) {
  const value: unknown = v8.deserialize(Buffer.from(bytes));
  const name = `${piece.part}.${piece.field}`;
  if (piece.kind === 'value') {
    if (piece.field in fields) throw new Error(`${name} is saved twice`);
    fields[piece.field] = value;
    return;
  }
  const held = (fields[piece.field] ??= piece.kind === 'list' ? [] : piece.kind === 'map' ? new Map() : new SavedTexts());
  if (piece.kind === 'texts') {
    if (!(held instanceof SavedTexts) || !(value instanceof Uint8Array)) throw new Error(`a piece of ${name} is not text`);
    held.add(value);
  } else if (piece.kind === 'list') {
    if (!Array.isArray(held) || !Array.isArray(value)) throw new Error(`a slice of ${name} is not a list`);
    for (let i = 0; i < value.length; i++) held.push(value[i]);
  } else {
    const [keys, values] = Array.isArray(value) ? (value as unknown[]) : [];
    if (!(held instanceof Map) || !Array.isArray(keys) || !Array.isArray(values) || keys.length !== values.length)
      throw new Error(`a slice of ${name} is not keys and values`);
    for (let i = 0; i < keys.length; i++) held.set(keys[i], values[i]);
  }
}

/** one number for everything `parts` would save: its pieces' CRC-32s, with the parts' and fields' names */
export function fingerprintOf(parts: Record<string, Fields>): number {
  let crc = 0;
  for (const [part, fields] of Object.entries(parts))
    for (const [field, value] of Object.entries(fields)) {
      crc = zlib.crc32(`${part}.${field}`, crc);
      for (const { buffer } of piecesOf(value)) crc = zlib.crc32(buffer, crc);
    }
  return crc;
}

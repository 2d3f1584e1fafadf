import fs from 'node:fs';
import path from 'node:path';
import type { Watermark } from './db-watermark';

/**
 * What happens before SQLite opens contacts.db, and how a loss is told afterwards.
 *
 * SQLite never reports a damaged WAL: it replays frames up to the first bad checksum and silently
 * drops the rest (a damaged header: all of it), and it deletes the WAL of a 0-byte database. So
 * the files are looked at — and copied — before the first connection, and a loss is found by
 * comparing the database with its watermark (db-watermark.ts) once it is open.
 */

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const sizeOf = (file: string): number | null => {
  try {
    return fs.statSync(file).size;
  } catch {
    return null;
  }
};

/** Renames the database and its WAL/shm files (kept, never deleted); returns the new name. */
export function setAside(file: string, stamp: string): string {
  const aside = path.join(path.dirname(file), `contacts.corrupt-${stamp}.db`);
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  return aside;
}

export interface BeforeOpen {
  /** the 0-byte database was set aside (its notice is in `notices`) */
  setAside: boolean;
  /** a copy of the database, WAL and shm as found, taken because a WAL was left by a crash */
  copy: string | null;
  /** no database file at all */
  missing: boolean;
}

/**
 * Looks at the files before SQLite does. A 0-byte database on a profile that was used (a watermark
 * exists, or a WAL is beside it) is damage: set aside, with its WAL. A WAL left by a crash is copied
 * (`contacts.damaged-<time>.db`, `-wal`, `-shm`) — SQLite may drop part of it on open; the copy is
 * removed again when nothing turns out to be missing.
 */
export function beforeOpen(file: string, mark: Watermark | null, stamp: string, notices: string[]): BeforeOpen {
  const dbBytes = sizeOf(file);
  const walBytes = sizeOf(`${file}-wal`) ?? 0;
  if (dbBytes === null) return { setAside: false, copy: null, missing: true };
  if (dbBytes === 0 && (mark || walBytes > 0)) {
    const aside = setAside(file, stamp);
    const held = mark && mark.contacts > 0 ? ` It held ${plural(mark.contacts, 'contact', 'contacts')} when they were last saved.` : '';
    notices.push(
      `Your contacts database was empty (0 bytes: the file was cut short or overwritten).${held} It is kept at ${aside}; a new, empty one was started.`,
    );
    return { setAside: true, copy: null, missing: false };
  }
  if (walBytes === 0) return { setAside: false, copy: null, missing: false };
  let copy = path.join(path.dirname(file), `contacts.damaged-${stamp}.db`);
  for (let n = 1; fs.existsSync(copy); n++) copy = path.join(path.dirname(file), `contacts.damaged-${stamp}-${n}.db`); // never over an earlier one
  try {
    for (const suffix of ['', '-wal', '-shm'])
      if (fs.existsSync(file + suffix)) fs.copyFileSync(file + suffix, copy + suffix, fs.constants.COPYFILE_FICLONE);
  } catch (error) {
    removeCopy(copy);
    notices.push(
      `A copy of your contacts database could not be taken before opening it (${error instanceof Error ? error.message : String(error)}); if contacts turn out to be missing, they cannot be recovered from it.`,
    );
    return { setAside: false, copy: null, missing: false };
  }
  return { setAside: false, copy, missing: false };
}

/** the copy was not needed: nothing was missing */
export function removeCopy(copy: string | null) {
  if (!copy) return;
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
}

/**
 * The notice for a database behind its watermark, or null. `rows`: the contacts it holds now.
 */
export function lossNotice(mark: Watermark | null, now: Watermark, rows: number, found: BeforeOpen): string | null {
  if (!mark || now.generation >= mark.generation) return null;
  const why = found.missing
    ? 'the contacts database file was missing'
    : found.copy
      ? `the database's log (contacts.db-wal) ${walDamage(`${found.copy}-wal`)}`
      : "the database's log (contacts.db-wal) was missing";
  const kept = found.copy ? ` The damaged files are kept at ${found.copy} (with its -wal and -shm).` : '';
  const missing = mark.contacts - rows;
  if (missing > 0)
    return `${plural(missing, 'contact', 'contacts')} saved earlier could not be read: ${why}. ${rows} of the ${mark.contacts} contacts are here and can be used.${kept}`;
  return `Your latest changes to contacts could not be read: ${why}. Contacts are shown as they were before those changes.${kept}`;
}

const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/**
 * What is wrong with a WAL file, as words for the notice. It walks the frames as SQLite's recovery
 * does (salts and cumulative checksums); only called once a loss is known, on the copy.
 */
export function walDamage(wal: string): string {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(wal);
  } catch {
    return 'was missing';
  }
  if (bytes.length === 0) return 'was empty';
  if (bytes.length < WAL_HEADER) return 'was cut short';
  const magic = bytes.readUInt32BE(0);
  const pageSize = bytes.readUInt32BE(8);
  const validSize = pageSize >= 512 && pageSize <= 65536 && (pageSize & (pageSize - 1)) === 0;
  if ((magic !== MAGIC_LE && magic !== MAGIC_BE) || !validSize) return 'has a damaged header';
  const word = magic === MAGIC_BE ? (at: number) => bytes.readUInt32BE(at) : (at: number) => bytes.readUInt32LE(at);
  let s1 = 0;
  let s2 = 0;
  const sum = (from: number, to: number) => {
    for (let at = from; at < to; at += 8) {
      s1 = (s1 + word(at) + s2) >>> 0;
      s2 = (s2 + word(at + 4) + s1) >>> 0;
    }
  };
  sum(0, 24);
  if (s1 !== bytes.readUInt32BE(24) || s2 !== bytes.readUInt32BE(28)) return 'has a damaged header';
  const salt1 = bytes.readUInt32BE(16);
  const salt2 = bytes.readUInt32BE(20);
  const frame = FRAME_HEADER + pageSize;
  for (let at = WAL_HEADER; at < bytes.length; at += frame) {
    if (bytes.length - at < frame) return 'was cut short in the middle of a page';
    if (bytes.readUInt32BE(at + 8) !== salt1 || bytes.readUInt32BE(at + 12) !== salt2) break; // an older log's leftovers
    sum(at, at + 8);
    sum(at + FRAME_HEADER, at + frame);
    if (s1 !== bytes.readUInt32BE(at + 16) || s2 !== bytes.readUInt32BE(at + 20)) return 'has a damaged page';
  }
  return 'no longer held them';
}

/** rows that are not contacts: kept in a file beside the database, and reported */
export function keepRejected(dir: string, stamp: string, rejected: unknown[], notices: string[]) {
  if (rejected.length === 0) return;
  const aside = path.join(dir, `contacts.rejected-${stamp}.json`);
  fs.writeFileSync(aside, JSON.stringify(rejected, null, 1));
  notices.push(
    `${rejected.length} contact${rejected.length === 1 ? '' : 's'} could not be read and ${rejected.length === 1 ? 'was' : 'were'} set aside in ${aside}.`,
  );
}

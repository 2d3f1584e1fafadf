import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';

/**
 * How far the contacts database had got, kept twice so that a loss can be seen:
 *
 * - in the database: `contacts_meta` (one row), its `generation` raised and its `row_count` set in
 *   the same transaction as every change to the contacts;
 * - beside it: `contacts.count`, rewritten (temp file + rename) after each change is acknowledged,
 *   i.e. once the WAL holding it is on disk.
 *
 * The file is never ahead of what is durably in the database, so at the next start a database
 * whose generation is lower than the file's has lost acknowledged changes — a damaged or removed
 * WAL (SQLite silently drops every frame after a bad checksum, meta row included), a truncated or
 * missing database file. Counting rows alone could not tell a loss from a delete.
 *
 * At a clean close (the last connection closed, the WAL checkpointed and removed) the file also
 * records the database file as it was left (`closed`: size, inode, change time): a start that finds
 * it exactly so skips SQLite's integrity check (quick_check, up to 300 ms of main thread at 100k) —
 * nothing has written the file since it was last known good. Any other start (a crash, another
 * program's write, a copied-in file) runs the check. The first change after a start rewrites the
 * file without it.
 *
 * The table is created when missing rather than by a `user_version` migration: it is bookkeeping,
 * and an older build of the same schema version keeps using the database (it never writes the
 * table; the file then lags behind, which is never mistaken for a loss).
 */

type Db = Database.Database;

export const WATERMARK_FILE = 'contacts.count';
const TEMP = /^contacts\.count\.[\w-]+\.tmp$/;

export interface Watermark {
  generation: number;
  /** how many contacts the database held */
  contacts: number;
  /** the database file as a clean close left it; absent while the app runs and after a crash */
  closed?: FileStamp;
}

/** what tells a file apart from itself after any write: a rename, a copy over it or a write changes one of them */
export interface FileStamp {
  size: number;
  ino: number;
  ctimeMs: number;
}

/** the stamp of a file now, or null when it cannot be read */
export function stampOfFile(file: string): FileStamp | null {
  try {
    const s = fs.statSync(file);
    return { size: s.size, ino: s.ino, ctimeMs: s.ctimeMs };
  } catch {
    return null;
  }
}

export const sameStamp = (a: FileStamp | null | undefined, b: FileStamp | null | undefined): boolean =>
  !!a && !!b && a.size === b.size && a.ino === b.ino && a.ctimeMs === b.ctimeMs;

/** At the open: `contacts_meta` and its change count, made when missing. */
export function openMeta(db: Db) {
  db.transaction(() => ensureMeta(db))();
  ensureTouched(db);
}

/** Creates `contacts_meta` if it is missing (counting the rows there are); returns the watermark. */
function ensureMeta(db: Db): Watermark {
  const exists = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'contacts_meta'").pluck().get();
  if (!exists) {
    db.exec(`CREATE TABLE contacts_meta (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      generation INTEGER NOT NULL,
      row_count INTEGER NOT NULL
    );
    INSERT INTO contacts_meta (id, generation, row_count) VALUES (1, 0, (SELECT count(*) FROM contacts))`);
  }
  return readMeta(db);
}

const TOUCHED_BY = ['insert', 'update', 'delete'];

/**
 * `touched` counts every change to the contacts table by anyone — this app, an older build, another
 * program: triggers are part of the schema, so every SQLite client runs them (~2 µs a row). A saved
 * index (saved-index/index-file.ts) is only used while it is where it was. Added once, in a write
 * transaction of its own that waits for a lock like the open does; if that fails (another program
 * holds the database), this session neither uses nor saves the index, and the app runs on.
 */
function ensureTouched(db: Db) {
  const hasColumn = () => (db.prepare("SELECT name FROM pragma_table_info('contacts_meta')").pluck().all() as string[]).includes('touched');
  const triggers = db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'contacts_touched_on_%'").pluck();
  if (hasColumn() && triggers.get() === TOUCHED_BY.length) return; // every open but the first: reads only
  try {
    db.transaction(() => {
      if (!hasColumn()) db.exec('ALTER TABLE contacts_meta ADD COLUMN touched INTEGER NOT NULL DEFAULT 0');
      for (const change of TOUCHED_BY)
        db.exec(
          `CREATE TRIGGER IF NOT EXISTS contacts_touched_on_${change} AFTER ${change.toUpperCase()} ON contacts
           BEGIN UPDATE contacts_meta SET touched = touched + 1 WHERE id = 1; END`,
        );
    }).immediate();
  } catch (error) {
    console.warn(
      'contacts change count not added (the search index is read the long way):',
      error instanceof Error ? error.message : error,
    );
  }
}

/** the contacts table's change count, or null when the database has none (see ensureTouched) */
export function readTouched(db: Db): number | null {
  try {
    return (db.prepare('SELECT touched FROM contacts_meta WHERE id = 1').pluck().get() as number | undefined) ?? null;
  } catch {
    return null;
  }
}

export function readMeta(db: Db): Watermark {
  const row = db.prepare('SELECT generation, row_count AS contacts FROM contacts_meta WHERE id = 1').get() as Watermark | undefined;
  return row ?? { generation: 0, contacts: 0 };
}

/** The row count as it is (another program may have added or removed rows); the generation stays. */
export function correctCount(db: Db, rows: number) {
  if (readMeta(db).contacts === rows) return; // no write, so no lock: another program may hold it
  try {
    db.prepare('UPDATE contacts_meta SET row_count = ? WHERE id = 1').run(rows);
  } catch {
    // locked: the count is corrected at a later start; only a loss notice's numbers depend on it
  }
}

/** statements for the writer: `bump` goes inside each change's transaction */
export function metaStatements(db: Db) {
  const bump = db.prepare('UPDATE contacts_meta SET generation = generation + 1, row_count = row_count + ? WHERE id = 1');
  const recount = db.prepare(
    'UPDATE contacts_meta SET generation = generation + 1, row_count = (SELECT count(*) FROM contacts) WHERE id = 1',
  );
  const read = db.prepare('SELECT generation, row_count AS contacts FROM contacts_meta WHERE id = 1');
  return {
    /** a change that added `delta` rows (negative: removed) */
    bump: (delta: number) => bump.run(delta),
    /** a bulk change (an import): counts the rows (a ms at 100k), once per commit */
    recount: () => recount.run(),
    read: () => (read.get() as Watermark | undefined) ?? { generation: 0, contacts: 0 },
  };
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** The file's watermark; null when there is none or it cannot be read (then no loss can be told). */
export function readWatermark(dir: string): Watermark | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(path.join(dir, WATERMARK_FILE), 'utf8'));
    if (value && typeof value === 'object' && 'generation' in value && 'contacts' in value) {
      const { generation, contacts } = value;
      if (isCount(generation) && isCount(contacts)) {
        const closed = 'closed' in value ? stampOf(value.closed) : null;
        return closed ? { generation, contacts, closed } : { generation, contacts };
      }
    }
  } catch {
    // missing or torn: nothing to compare with
  }
  return null;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
function stampOf(v: unknown): FileStamp | null {
  if (!v || typeof v !== 'object' || !('size' in v) || !('ino' in v) || !('ctimeMs' in v)) return null;
  const { size, ino, ctimeMs } = v;
  return isNumber(size) && isNumber(ino) && isNumber(ctimeMs) ? { size, ino, ctimeMs } : null;
}

let temps = 0;
const tempName = (dir: string) => path.join(dir, `${WATERMARK_FILE}.${process.pid}-${temps++}.tmp`);
const textOf = (mark: Watermark) =>
  `${JSON.stringify({ generation: mark.generation, contacts: mark.contacts, ...(mark.closed ? { closed: mark.closed } : {}) })}\n`;

/** at start: written before the first change is accepted (and at a clean close, with `closed`) */
export function writeWatermarkSync(dir: string, mark: Watermark) {
  for (const f of safeList(dir)) if (TEMP.test(f)) fs.rmSync(path.join(dir, f), { force: true }); // a crash's leftovers
  const temp = tempName(dir);
  fs.writeFileSync(temp, textOf(mark));
  fs.renameSync(temp, path.join(dir, WATERMARK_FILE));
}

/** after a change is on disk; off the main thread */
export async function writeWatermark(dir: string, mark: Watermark) {
  const temp = tempName(dir);
  await fs.promises.writeFile(temp, textOf(mark));
  await fs.promises.rename(temp, path.join(dir, WATERMARK_FILE));
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * A clean close (the WAL checkpointed and gone) records the file as it was left :
 * the next start skips the integrity check when it finds it unchanged.
 */
export function markClosed(file: string, mark: Watermark) {
  if (fs.existsSync(`${file}-wal`)) return; // another connection is open (or the checkpoint failed): not clean
  const closed = stampOfFile(file);
  if (!closed) return;
  try {
    writeWatermarkSync(path.dirname(file), { ...mark, closed });
  } catch (error) {
    console.warn('contacts watermark not written:', error instanceof Error ? error.message : error); // only the next start's check runs again
  }
}

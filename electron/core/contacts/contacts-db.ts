import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HISTORY_SCHEMA } from '../history/history-db';
import { ReadOnlyStore, type ContactStore } from './contact-store';
import { SqliteStore } from './sqlite-store';
import { hasLegacyContacts, keepLegacyAsBackup, readLegacyContacts, removeLegacyTempFiles } from './legacy-contacts';
import { MemoryDocs, SqliteDocs, type ContactDocs } from './contact-docs';
import { beforeOpen, keepRejected, lossNotice, removeCopy, setAside, type BeforeOpen } from './db-damage';
import { correctCount, openMeta, readTouched, readWatermark, sameStamp, stampOfFile, writeWatermarkSync } from './db-watermark';
import type { SavedIndexKey } from './saved-index/index-file';

/**
 * Contacts on disk: one SQLite database (`contacts.db`, better-sqlite3) in WAL mode.
 *
 * - One transaction per edit, one per import commit. A failed write throws and leaves nothing
 *   behind.
 * - Durability: WAL with `synchronous=NORMAL`, so a commit itself never waits for the disk on
 *   the main thread; a committed transaction is already safe from a killed process (it is in the
 *   OS's cache). Then `sync()` fdatasyncs the WAL on libuv's thread pool, and only after that is
 *   a change acknowledged: it survives a power loss or OS crash too — what `synchronous=FULL`
 *   gives, without its fsync blocking the window on every edit (a slow or busy disk takes tens
 *   of ms per fsync). Checkpoints (SQLite copying the WAL into the database) still fsync.
 * - Checkpoints run a few seconds after the last write (PASSIVE, on an unref'd timer): what lives
 *   only in the WAL is at most the last few seconds' changes, not hours of them.
 * - A watermark (`contacts_meta` + `contacts.count`, db-watermark.ts) tells at the next start
 *   whether acknowledged changes are missing — SQLite drops a damaged WAL without a word — and
 *   a WAL left by a crash is copied aside before SQLite opens it (db-damage.ts).
 * - Another program holding the write lock never makes the main thread wait (busy_timeout 0):
 *   the service tries again on timers (db-busy.ts).
 * - `user_version` is the schema version; MIGRATIONS run in order inside one transaction.
 * - A database that cannot be read is renamed (`contacts.corrupt-<time>.db`), never deleted,
 *   and a fresh one is started; one from a newer app is left untouched and shown read-only.
 */

export const CONTACTS_DB = 'contacts.db';
export const CONTACTS_DB_VERSION = 2;

type Db = Database.Database;

/** MIGRATIONS[i] takes user_version i to i + 1. */
const MIGRATIONS: Array<(db: Db) => void> = [
  (db) => db.exec('CREATE TABLE contacts (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)'),
  // 2: the call history lives beside the contacts (electron/core/history/history-db.ts)
  (db) => db.exec(HISTORY_SCHEMA),
];

/** how long opening waits for a lock held by another process (once, at start); afterwards 0 */
const OPEN_BUSY_TIMEOUT_MS = 1000;
/** the WAL file is cut back to this size when it is reset after a checkpoint */
const WAL_SIZE_LIMIT = 8 * 1024 * 1024;

export interface OpenedContacts {
  store: ContactStore;
  /** the open database, for the call history's table; null when the store is read-only */
  db: Db | null;
  /** the contacts, read when needed (the start-up load reads them all, in slices: contacts-load.ts) */
  docs: ContactDocs;
  notices: string[];
  /** the database as a clean close left it, untouched since: the key of a saved index that describes it (else null or absent) */
  cleanKey?: SavedIndexKey | null;
  /** how many rows the contacts table holds (absent when read-only) */
  rows?: number;
  /** at the end of the load: rows that are not contacts are kept in a file, reported, and deleted */
  setAsideRejected(rejected: ReadonlyArray<{ id: string; doc: string }>): void;
  /** the load failed part-way (the file could not be read): the notice, and the reason changes are refused */
  readFailed(error: unknown): string;
}

const stampOf = (now: () => Date) => now().toISOString().replace(/[:.]/g, '-');
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const codeOf = (error: unknown) =>
  error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : '';

/** an existing file that is not (or no longer) a database we can use: set it aside */
class WrongFormat extends Error {}
const isDamage = (error: unknown) => error instanceof WrongFormat || /^SQLITE_(CORRUPT|NOTADB|FORMAT)/.test(codeOf(error));

function migrate(db: Db) {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === 0) {
    const objects = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").pluck().get() as number;
    if (objects > 0) throw new WrongFormat('the file is a database of another kind');
  }
  if (version >= CONTACTS_DB_VERSION) return;
  db.transaction(() => {
    for (let v = version; v < CONTACTS_DB_VERSION; v++) MIGRATIONS[v]!(db);
    db.pragma(`user_version = ${CONTACTS_DB_VERSION}`);
  })();
}

type Opened = { kind: 'ok'; db: Db } | { kind: 'newer'; version: number };

/** `check`: run SQLite's quick_check of the contacts table (skipped when the file is as a clean close left it) */
function openDb(file: string, check = true): Opened {
  const db = new Database(file, { timeout: OPEN_BUSY_TIMEOUT_MS });
  try {
    const version = db.pragma('user_version', { simple: true }) as number; // reads the header: NOTADB shows here
    if (version > CONTACTS_DB_VERSION) {
      db.close();
      return { kind: 'newer', version };
    }
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`the database cannot use WAL mode (${String(mode)})`);
    db.pragma('synchronous = NORMAL'); // + sync() after each commit: see the top of this file
    db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);
    migrate(db);
    const result = check ? String(db.pragma('quick_check(contacts)', { simple: true })) : 'ok';
    if (result !== 'ok')
      throw new WrongFormat(`the database is damaged: ${result.split('\n').find((l) => l && !l.startsWith('***')) ?? result}`);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('contacts')").pluck().all() as string[]).sort().join(',');
    if (columns !== 'doc,id') throw new WrongFormat('the contacts table is not ours');
    openMeta(db);
    return { kind: 'ok', db };
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
}

/** A newer app's database: read what we can without writing a byte (a read-only connection). */
function readNewer(file: string): ContactDocs {
  try {
    return new SqliteDocs(new Database(file, { readonly: true, fileMustExist: true, timeout: OPEN_BUSY_TIMEOUT_MS }));
  } catch {
    return new MemoryDocs(new Map());
  }
}

/**
 * Opens the contacts database: removes the old format's temp files, sets aside a damaged
 * database, imports the old snapshot + journal once. The contacts themselves are read afterwards,
 * in slices (contacts-load.ts). Never throws: whatever goes wrong becomes a notice, and at worst
 * the store is read-only.
 */
export function openContactsStore(dir: string, now: () => Date, options: { checkpointQuietMs?: number } = {}): OpenedContacts {
  const notices: string[] = [];
  const stamp = stampOf(now);
  const file = path.join(dir, CONTACTS_DB);
  try {
    fs.mkdirSync(dir, { recursive: true });
    removeLegacyTempFiles(dir);
  } catch (error) {
    notices.push(`The contacts folder ${dir} could not be prepared (${messageOf(error)}).`);
  }

  // Before SQLite touches the files: it would drop a damaged WAL, or the WAL of a 0-byte database, without a word.
  const mark = readWatermark(dir);
  // closed cleanly and untouched since (no WAL, same file): it was checked when it was last opened
  const unchanged = !fs.existsSync(`${file}-wal`) && sameStamp(mark?.closed, stampOfFile(file));
  let found: BeforeOpen = { setAside: false, copy: null, missing: false };
  let failure: unknown = null;
  try {
    found = beforeOpen(file, mark, stamp, notices);
  } catch (error) {
    failure = error; // the 0-byte database could not be set aside: opening it would delete its WAL
  }
  const alsoKept = () => (found.copy ? ` The files as they were before this start are also kept at ${found.copy}.` : '');

  let opened: Opened | null = null;
  let setAsideNow = false;
  for (let attempt = 0; attempt < 2 && !opened && !failure; attempt++) {
    try {
      opened = openDb(file, attempt > 0 || !unchanged);
    } catch (error) {
      failure = error;
      if (attempt > 0 || !isDamage(error) || !fs.existsSync(file)) break;
      try {
        const aside = setAside(file, stamp);
        setAsideNow = true;
        failure = null;
        notices.push(
          `Your contacts database could not be read (${messageOf(error)}). It is kept at ${aside}; a new, empty one was started.${alsoKept()}`,
        );
      } catch (renameError) {
        failure = renameError;
        break;
      }
    }
  }

  /** reading failed: keep the file for recovery, run read-only */
  function readFailure(error: unknown, kept: string) {
    const reason = `Your contacts database could not be read (${messageOf(error)}); nothing was changed. Changes are refused until the app is restarted.${kept}`;
    notices.push(reason);
    return reason;
  }
  const readOnly = (reason: string, docs: ContactDocs): OpenedContacts => ({
    store: new ReadOnlyStore(reason),
    db: null,
    docs,
    notices,
    setAsideRejected: () => undefined, // nothing is deleted from a store we do not write
    readFailed: (error) => readFailure(error, ''),
  });
  if (opened?.kind === 'newer') {
    removeCopy(found.copy);
    const reason = `Your contacts were saved by a newer version of Feather Launcher (database version ${opened.version}; this app knows ${CONTACTS_DB_VERSION}). Update the app to change them; until then they are shown read-only.`;
    notices.push(reason);
    return readOnly(reason, readNewer(file));
  }
  if (!opened) {
    // No database at all (the native module did not load, the folder is not writable…):
    // show what the old files hold, if any, and refuse changes rather than lose them.
    removeCopy(found.copy);
    const reason = `Contacts cannot be saved: the contacts database could not be opened (${messageOf(failure)}). Changes are refused until this is fixed.`;
    notices.push(reason);
    const legacy = hasLegacyContacts(dir) ? readLegacyContacts(dir, stamp) : null;
    return readOnly(reason, new MemoryDocs(legacy?.contacts ?? new Map()));
  }

  const db = opened.db;
  const store = new SqliteStore(db, file, options.checkpointQuietMs);
  let docs: ContactDocs;
  let rows = 0;
  let cleanKey: SavedIndexKey | null = null;
  try {
    if (hasLegacyContacts(dir)) importLegacy(dir, stamp, store, notices);
    db.pragma('wal_checkpoint(TRUNCATE)'); // start with an empty WAL (a crash may have left one)
    rows = db.prepare('SELECT count(*) FROM contacts').pluck().get() as number; // the contacts are read after this, in slices
    const touched = readTouched(db);
    if (unchanged && mark?.closed && touched !== null && !found.setAside && !setAsideNow && store.mark().generation === mark.generation)
      cleanKey = { generation: mark.generation, touched, closed: mark.closed };
    const lost = found.setAside || setAsideNow ? null : lossNotice(mark, store.mark(), rows, found);
    if (lost)
      notices.push(lost); // what can be read is kept and used: the app runs on
    else if (!setAsideNow) removeCopy(found.copy); // nothing missing: the copy was a precaution
    correctCount(db, rows); // another program may have added or removed rows
    markStart(dir, store);
    db.pragma('busy_timeout = 0'); // from now on a lock held elsewhere fails at once: see db-busy.ts
    // reads go through a second connection: it sees what is committed, never an import's open transaction
    const reader = new Database(file, { readonly: true, fileMustExist: true, timeout: OPEN_BUSY_TIMEOUT_MS });
    reader.pragma('busy_timeout = 0');
    docs = new SqliteDocs(reader);
  } catch (error) {
    store.readFailed(); // closed without a clean-close record: the next start checks the file
    store.close();
    return readOnly(readFailure(error, alsoKept()), new MemoryDocs(new Map()));
  }
  return {
    store,
    db,
    docs,
    notices,
    cleanKey,
    rows,
    setAsideRejected(rejected) {
      if (rejected.length === 0) return;
      keepRejected(dir, stamp, [...rejected], notices);
      try {
        store.write(
          [],
          rejected.map((r) => r.id),
        );
        void store.sync().catch(() => undefined); // the watermark follows; a failed fsync only weakens the next loss check
      } catch (error) {
        console.warn('contacts set aside but not removed from the database:', messageOf(error)); // reported again next start
      }
    },
    readFailed: (error) => {
      store.readFailed();
      return readFailure(error, alsoKept());
    },
  };
}

/** The watermark file takes the database as opened: a loss is reported once, and the file belongs to this database. */
function markStart(dir: string, store: SqliteStore) {
  const mark = store.mark();
  try {
    writeWatermarkSync(dir, mark);
    store.markedAt(mark.generation);
  } catch (error) {
    console.warn('contacts watermark not written:', messageOf(error));
  }
}

/** Old snapshot + journals → the database, in one transaction; then the files become a backup. */
function importLegacy(dir: string, stamp: string, store: SqliteStore, notices: string[]) {
  const legacy = readLegacyContacts(dir, stamp);
  notices.push(...legacy.notices);
  if (legacy.newer) return;
  keepRejected(dir, stamp, legacy.rejected, notices);
  // Upserts: importing the same files twice (a crash before the rename below) changes nothing.
  store.write([...legacy.contacts.values()], []);
  store.checkpoint('TRUNCATE'); // on disk (fsynced) before the old files stop being the source
  const kept = keepLegacyAsBackup(legacy.files, stamp);
  if (kept.length > 0) {
    notices.push(
      `Your ${legacy.contacts.size} contact${legacy.contacts.size === 1 ? ' was' : 's were'} moved to the new contacts database. The old files are kept as a backup: ${kept.map((f) => path.basename(f)).join(', ')}.`,
    );
  }
}

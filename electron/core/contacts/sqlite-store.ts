import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Contact } from '../../../shared/contacts/contact';
import type { BulkWrite, ContactStore } from './contact-store';
import { busyFailure, isBusy } from './db-busy';
import { markClosed, metaStatements, readTouched, readWatermark, writeWatermark, writeWatermarkSync, type Watermark } from './db-watermark';
import { checkpointOnThread } from './checkpoint-thread';

/**
 * The open contacts database as the service writes it (contacts-db.ts opens it): one transaction per
 * edit, an import's transaction over several slices, the WAL fdatasynced off the main thread before a
 * change is acknowledged, quiet-time checkpoints, and the clean-close record at close. A read-only
 * store refuses every change with its reason.
 */

type Db = Database.Database;
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
/** a PASSIVE checkpoint runs this long after the last write */
export const CHECKPOINT_QUIET_MS = 2000;
/**
 * An import this big leaves a WAL whose checkpoint (copying it into the database file) blocks for
 * a few hundred ms; SQLite would run it on the next small edit. It waits for the quiet-time
 * checkpoint instead (or the quit, or the next start, whichever comes first).
 */
const BIG_WAL_ROWS = 5000;
/** thread checkpoints tried in a row while frames are left behind, before auto-checkpoint takes over again */
const ASIDE_TRIES = 3;

export class SqliteStore implements ContactStore {
  readonly readOnly = null;
  get busy() {
    return this.bulkOpen;
  }
  private readonly upsert;
  private readonly remove;
  private readonly exists;
  private readonly meta;
  private readonly tx;
  private quiet: ReturnType<typeof setTimeout> | null = null;
  /** the watermark file's writes, one after another */
  private marking: Promise<void> = Promise.resolve();
  private marked = -1;
  /** a big import's checkpoint is pending: auto-checkpoint is off until checkpoint() runs */
  private walDeferred = false;
  /** the quiet-time checkpoint of a big import's WAL, running on its own thread (checkpoint-thread.ts) */
  private aside: Promise<void> | null = null;
  /** big imports committed so far: one committed while the thread ran still has its own checkpoint to come */
  private bigCommits = 0;
  /** thread checkpoints in a row that left frames behind */
  private asideTries = 0;
  /** the thread could not run a checkpoint (the addon did not load there): main does them, without asking again */
  private threadFailed = false;
  private bulkOpen = false;
  /** our own descriptor of the WAL file, for fdatasync; reopened if SQLite ever replaces the file */
  private wal: { fd: number; ino: number } | null = null;
  /** SQLite's count of what other connections committed, as of the open */
  private readonly dataVersion: number;
  /** read at close: the contacts table's change count, and whether only this connection changed the database */
  closedAs: { touched: number | null; onlyOurs: boolean } | null = null;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    private readonly quietMs = CHECKPOINT_QUIET_MS,
  ) {
    this.upsert = db.prepare('INSERT INTO contacts (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc');
    this.remove = db.prepare('DELETE FROM contacts WHERE id = ?');
    this.exists = db.prepare('SELECT 1 FROM contacts WHERE id = ?').pluck();
    this.meta = metaStatements(db);
    this.dataVersion = db.pragma('data_version', { simple: true }) as number;
    this.tx = db.transaction((put: readonly Contact[], del: readonly string[]) => {
      let delta = 0;
      for (const id of del) delta -= this.remove.run(id).changes;
      for (const c of put) {
        if (this.exists.get(c.id) === undefined) delta++;
        this.upsert.run(c.id, JSON.stringify(c));
      }
      this.meta.bump(delta); // the watermark moves with the change, in its transaction
    });
  }

  write(put: readonly Contact[], del: readonly string[]) {
    if (this.bulkOpen) throw new Error('an import is being committed');
    if (put.length === 0 && del.length === 0) return;
    this.tx(put, del);
    this.checkpointWhenQuiet();
  }

  /** A PASSIVE checkpoint once no write came for a while: the WAL never holds much that the database does not. */
  private checkpointWhenQuiet() {
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = setTimeout(() => {
      this.quiet = null;
      if (this.bulkOpen) return this.checkpointWhenQuiet(); // the import's commit arms it again
      if (this.aside) return this.checkpointWhenQuiet(); // after the one running
      if (this.walDeferred && !this.threadFailed) return this.checkpointAside();
      this.checkpointHere();
    }, this.quietMs);
    this.quiet.unref?.();
  }

  private checkpointHere() {
    try {
      this.checkpoint('PASSIVE');
    } catch (error) {
      // housekeeping only: every write is already committed
      console.warn('contacts checkpoint failed:', messageOf(error));
    }
  }

  /** A big import's checkpoint on its own thread, so main is not held; here, as before, when the thread cannot run it. */
  private checkpointAside() {
    const commits = this.bigCommits;
    this.aside = checkpointOnThread(this.file)
      .then(
        (result) => {
          if (!this.db.open || this.bulkOpen) return;
          // another big import committed meanwhile (its frames may not be copied yet), or a read still needed some
          // frames: another checkpoint follows, on the thread too (a few times at most, then as SQLite does by itself)
          const unfinished = this.bigCommits !== commits || result.checkpointed < result.log;
          if (unfinished && ++this.asideTries < ASIDE_TRIES) return this.checkpointWhenQuiet();
          this.asideTries = 0;
          this.walDeferred = false;
          this.db.pragma('wal_autocheckpoint = 1000');
        },
        (error: unknown) => {
          this.threadFailed = true;
          console.warn(`contacts checkpoint thread: ${messageOf(error)}; checkpoints run on the main thread from now on`);
          if (this.db.open && !this.bulkOpen) this.checkpointHere();
        },
      )
      .finally(() => (this.aside = null));
  }

  whenIdle(): Promise<void> {
    return this.aside ?? Promise.resolve();
  }

  /** where the database is now; what `sync()` writes to the watermark file once it is on disk */
  mark(): Watermark {
    return this.meta.read();
  }

  async sync(): Promise<void> {
    let mark: Watermark | null = null;
    try {
      mark = this.meta.read(); // committed so far: on disk once the fdatasync below returns
    } catch (error) {
      console.warn('contacts watermark not read:', messageOf(error));
    }
    await this.syncWal();
    if (!mark || mark.generation <= this.marked) return;
    const dir = path.dirname(this.file);
    const next = mark;
    this.marking = this.marking.then(async () => {
      if (next.generation <= this.marked) return;
      try {
        await writeWatermark(dir, next);
        this.marked = next.generation;
      } catch (error) {
        // only the next start's loss check is weaker; the change itself is safe
        console.warn('contacts watermark not written:', messageOf(error));
      }
    });
    await this.marking;
  }

  /** the watermark file was written at start with this generation */
  markedAt(generation: number) {
    this.marked = generation;
  }

  private async syncWal(): Promise<void> {
    const path = `${this.file}-wal`;
    const ino = fs.statSync(path).ino; // SQLite keeps the WAL while a connection is open
    if (this.wal?.ino !== ino) {
      if (this.wal) fs.closeSync(this.wal.fd);
      this.wal = { fd: fs.openSync(path, 'r+'), ino };
    }
    const fd = this.wal.fd;
    await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
  }

  begin(): BulkWrite {
    if (this.bulkOpen) throw new Error('an import is being committed');
    const db = this.db;
    const restore = () => {
      this.bulkOpen = false;
      if (!this.walDeferred) db.pragma('wal_autocheckpoint = 1000');
    };
    // No checkpoint in the middle of the import: SQLite would run it inside a slice.
    db.pragma('wal_autocheckpoint = 0');
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      restore();
      throw isBusy(error) ? busyFailure('nothing was imported') : error;
    }
    this.bulkOpen = true;
    // a document given as its UTF-8 bytes is stored as the same TEXT (SQLite reads a BLOB cast to TEXT in the database's encoding)
    const upsertBytes = db.prepare(
      'INSERT INTO contacts (id, doc) VALUES (?, CAST(? AS TEXT)) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc',
    );
    let rows = 0;
    const rollback = () => {
      if (!this.bulkOpen) return;
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } finally {
        restore();
      }
    };
    return {
      put: (list) => {
        if (!this.bulkOpen) throw new Error('the import transaction is closed');
        try {
          for (const c of list) (typeof c.doc === 'string' ? this.upsert : upsertBytes).run(c.id, c.doc);
        } catch (error) {
          rollback();
          throw error;
        }
        rows += list.length;
      },
      commit: () => {
        if (!this.bulkOpen) throw new Error('the import transaction is closed');
        try {
          this.meta.recount();
          db.exec('COMMIT');
        } catch (error) {
          rollback();
          throw error;
        }
        if (rows >= BIG_WAL_ROWS) {
          this.walDeferred = true;
          this.bigCommits++;
        }
        restore();
        this.checkpointWhenQuiet(); // a big import's checkpoint (~200 ms at 100k) waits for a quiet moment, on its own thread
      },
      rollback,
    };
  }

  checkpoint(mode: 'PASSIVE' | 'TRUNCATE' = 'PASSIVE') {
    if (this.bulkOpen || !this.db.open) return;
    this.db.pragma(`wal_checkpoint(${mode})`);
    this.walDeferred = false;
    this.db.pragma('wal_autocheckpoint = 1000');
  }

  close() {
    if (this.quiet) clearTimeout(this.quiet);
    this.quiet = null;
    if (this.wal) fs.closeSync(this.wal.fd);
    this.wal = null;
    if (!this.db.open) return;
    if (this.bulkOpen) this.db.exec('ROLLBACK');
    let mark: Watermark | null = null;
    try {
      mark = this.meta.read();
      // as the close leaves it, and whether anything but this connection committed since the open
      this.closedAs = { touched: readTouched(this.db), onlyOurs: this.db.pragma('data_version', { simple: true }) === this.dataVersion };
    } catch {
      // no clean-close stamp: the next start checks the file
    }
    this.db.close(); // the last connection checkpoints and removes the WAL
    if (mark && !this.unreadable) markClosed(this.file, mark);
  }

  /** a read of this file failed (damage the open did not check for): no clean-close record, so the next start checks it */
  private unreadable = false;
  readFailed() {
    this.unreadable = true;
    const dir = path.dirname(this.file);
    const mark = readWatermark(dir);
    if (!mark?.closed) return;
    try {
      writeWatermarkSync(dir, { generation: mark.generation, contacts: mark.contacts }); // the record of the last clean close goes
    } catch (error) {
      console.warn('contacts watermark not written:', messageOf(error));
    }
  }
}

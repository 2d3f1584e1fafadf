import type { Contact } from '../../../shared/contacts/contact';
import { AppFailure } from '../../../shared/result';

/**
 * What the contacts service writes through: the SQLite store (sqlite-store.ts) or, when the database
 * cannot be written, the read-only one below.
 */

/** A contact as the database stores it: its id and its JSON — or that JSON's UTF-8 bytes (an import's, made in its worker) */
export interface StoredContact {
  id: string;
  doc: string | Buffer;
  /** its id was minted for this import: no contact had it before */
  isNew?: boolean;
}

export interface BulkWrite {
  /** adds (or replaces) contacts in the open transaction, in order (synchronous, one slice) */
  put(list: readonly StoredContact[]): void;
  /** commits (synchronous); throws, having rolled back, on failure. Then `sync()` it. */
  commit(): void;
  rollback(): void;
}

export interface ContactStore {
  /** why changes cannot be saved (read-only store), or null */
  readonly readOnly: string | null;
  /** One transaction: upserts `put`, deletes `del`. Throws, having written nothing, on failure. */
  write(put: readonly Contact[], del: readonly string[]): void;
  /** Resolves once every commit so far is on stable storage (fdatasync of the WAL, off the main thread). */
  sync(): Promise<void>;
  /** one transaction spread over several slices (an import commit); no other write may run meanwhile */
  begin(): BulkWrite;
  /** an import's transaction is open: other writes on this connection must wait */
  readonly busy: boolean;
  /** copies the WAL into the database file (at quit; after a big import) */
  checkpoint(mode?: 'PASSIVE' | 'TRUNCATE'): void;
  /** resolves once a checkpoint running on its own thread is done (close waits for it) */
  whenIdle(): Promise<void>;
  close(): void;
}

/** Serves what could be read; refuses every change with the reason. */
export class ReadOnlyStore implements ContactStore {
  readonly busy = false;
  constructor(readonly readOnly: string) {}
  private refuse(): never {
    throw new AppFailure({ code: 'internal', message: this.readOnly });
  }
  write() {
    this.refuse();
  }
  async sync() {}
  begin(): BulkWrite {
    this.refuse();
  }
  checkpoint() {}
  whenIdle() {
    return Promise.resolve();
  }
  close() {}
}

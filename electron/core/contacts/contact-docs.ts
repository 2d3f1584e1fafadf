import type Database from 'better-sqlite3';
import type { Contact } from '../../../shared/contacts/contact';
import { readContact } from './contact-check';

/**
 * The contacts themselves, read from the database when they are needed (a page of the list, one
 * contact's details, the numbers of a call) instead of all being kept in memory: at 100k contacts
 * the parsed documents were ~80 MB of heap beside the search index. Reads go through a second,
 * read-only connection: it sees what is committed, never the open transaction of an import being
 * written, so what is read is what the search index and the number map describe.
 *
 * A row is checked each time it is read (contact-check.ts): another program may have changed the
 * file since the start. One that is no longer a contact reads as missing.
 */
export interface ContactDocs {
  get(id: string): Contact | undefined;
  /** up to `limit` rows [key, id, document] after the one keyed `after` (0: from the first), in a stable order; for the start-up load */
  page(after: number, limit: number): Array<[number, string, string | Contact]>;
  /** every contact, read a page at a time (a long walk may yield between pages) */
  all(): Generator<Contact>;
  close(): void;
}

const WALK_PAGE = 500;

export class SqliteDocs implements ContactDocs {
  private readonly byId;
  private readonly after;

  constructor(private readonly db: Database.Database) {
    this.byId = db.prepare('SELECT doc FROM contacts WHERE id = ?').pluck();
    this.after = db.prepare('SELECT rowid, id, doc FROM contacts WHERE rowid > ? ORDER BY rowid LIMIT ?').raw();
  }

  get(id: string): Contact | undefined {
    const doc = this.byId.get(id) as string | undefined;
    if (doc === undefined) return undefined;
    const contact = readContact(id, doc);
    if (!contact) console.warn(`contact ${id} is no longer readable in contacts.db; it is left out`);
    return contact ?? undefined;
  }

  page(after: number, limit: number) {
    return this.after.all(after, limit) as Array<[number, string, string]>;
  }

  *all(): Generator<Contact> {
    for (let after = 0; ;) {
      const rows = this.after.all(after, WALK_PAGE) as Array<[number, string, string]>;
      for (const [, id, doc] of rows) {
        const contact = readContact(id, doc);
        if (contact) yield contact;
      }
      if (rows.length < WALK_PAGE) return;
      after = rows[rows.length - 1]![0];
    }
  }

  close() {
    if (this.db.open) this.db.close();
  }
}

/** Contacts that are not in a database we can use (its native module did not load…): what the old files held, read-only. */
export class MemoryDocs implements ContactDocs {
  private readonly list: Contact[];
  constructor(private readonly map: ReadonlyMap<string, Contact>) {
    this.list = [...map.values()];
  }
  get(id: string) {
    return this.map.get(id);
  }
  page(after: number, limit: number) {
    return this.list.slice(after, after + limit).map((doc, i): [number, string, Contact] => [after + i + 1, doc.id, doc]);
  }
  *all() {
    yield* this.list;
  }
  close() {}
}

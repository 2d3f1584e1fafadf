// Over 300 lines on purpose: the one writer of contacts — database, search index and number map change together behind one queue (after the start-up load), so no edit is half-applied.
import { randomUUID } from 'node:crypto';
import type { Contact, ContactDraft } from '../../../shared/contacts/contact';
import type { PhoneEntry } from '../../../shared/contacts/contact';
import { doNotCallReason, nameOf, primaryPhone } from '../../../shared/contacts/contact-helpers';
import type { ContactQuery, ContactRow, ImportStatus } from '../../../shared/contacts/contacts-contract';
import { contactsToCsv, contactsToVcard } from './export/contacts-export';
import { fold } from '../../../shared/contacts/fold';
import { nonCallableProblem, type NumberKind } from '../../../shared/contacts/non-callable-problem';
import { isCallableLabel, nonCallableKind } from '../../../shared/contacts/phone-kinds';
import { mergeContact } from './import/import-plan';
import { ContactIndex, type IndexState, type IndexedFields } from './search-index';
import { validateDraft } from './validate-draft';
import { AppFailure } from '../../../shared/result';
import { CONTACTS_DB_VERSION, openContactsStore } from './contacts-db';
import { buildFingerprint } from './saved-index/build-probe';
import { ReadOnlyStore, type BulkWrite } from './contact-store';
import { saveFailure, syncFailure } from './write-failures';
import { NumberBook, nationalDigits } from './contact-numbers';
import { startLoad, saveAtClose } from './start-load';
import { inSlices, removeSavedIndex, type Parts } from './saved-index/index-file';
import { SqliteStore } from './sqlite-store';
import { whenUnlocked } from './db-busy';
import { createImportJobs } from './import/import-jobs';

export interface ContactsDeps {
  dir: string;
  defaultCountry(): string;
  now?: () => Date;
  newId?: () => string;
  /** called after committed changes become live (edits, removals, import slices, calls marked), and once the start-up load is done */
  onChanged?(): void;
  /** an import job's status: each phase change, and its progress a few times a second (main → window `import:progress`) */
  onImportProgress?(status: ImportStatus): void;
  /** the database is checkpointed this long after the last write (default 2 s; tests) */
  checkpointQuietMs?: number;
  /** an address book this big has its index saved at a clean close and restored at the next start (default 5,000; tests) */
  savedIndexMin?: number;
}

const SAVED_INDEX_MIN = 5000;

const UNDO_KEPT = 20;
/** long walks over every contact (duplicates, export) work this long (ms) between yields */
const WALK_SLICE_MS = 12;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

export const toIndexed = (c: Contact): IndexedFields => fieldsOf(c, nameOf(c), undefined);

/** the index's fields for a contact (its name worked out by the caller), with the list's row when given: one object */
const fieldsOf = <R extends ContactRow | undefined>(c: Contact, name: string, row: R): IndexedFields & { row: R } => ({
  id: c.id,
  name,
  firstName: c.firstName,
  lastName: c.lastName,
  company: c.company,
  tags: c.tags,
  phones: c.phones,
  favorite: c.favorite,
  lastCalledAt: c.lastCalledAt,
  callCount: c.callCount,
  row,
});

/** the index's fields and the list's row for a contact, its name worked out once */
function indexedWithRow(c: Contact): IndexedFields & { row: ContactRow } {
  const row = toRow(c);
  return fieldsOf(c, row.name, row);
}

export function toRow(c: Contact): ContactRow {
  const primary = c.phones.length === 1 ? c.phones[0] : primaryPhone(c.phones); // one number: it is the primary one
  return {
    id: c.id,
    name: nameOf(c),
    company: c.company,
    primaryPhone: primary ? { label: primary.label, raw: primary.raw, e164: primary.e164 } : null,
    phoneCount: c.phones.length,
    favorite: c.favorite,
    doNotCall: c.doNotCall !== null || (c.phones.length > 0 && c.phones.every((p) => p.doNotCall)),
    flagged: c.phones.some((p) => p.problem),
    tags: c.tags,
    lastCalledAt: c.lastCalledAt,
  };
}

/**
 * The address book in main: a search index and a number → contacts map over the contacts in
 * SQLite (`contacts-db.ts`), which are read from the database when needed (contact-docs.ts) rather
 * than all kept in memory. At start every contact is read, checked and indexed in slices
 * (contacts-load.ts): the service answers at once, with what is loaded so far (`loading`), and
 * `ready` resolves once all of it is. Writes run one at a time, after the load; each is one
 * transaction, and memory (index + numbers) changes only after it committed, so a write that
 * fails leaves nothing to roll back and its error reaches the caller.
 */
export function createContactsService(deps: ContactsDeps) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const opened = openContactsStore(deps.dir, now, { checkpointQuietMs: deps.checkpointQuietMs });
  const sqliteStore = opened.store;
  let store = sqliteStore; // read-only from the moment a load fails part-way
  const docs = opened.docs;
  /**
   * The search index; it also keeps every contact's list row (name, company, primary number, flags:
   * ~250 bytes each), made as it is loaded and replaced as it changes: a keystroke's page of results
   * then reads nothing from the file and parses nothing (reading 60 rows per keystroke was most of a
   * search's p95 and its GC spikes).
   */
  const clock = () => now().getTime();
  let index = new ContactIndex<ContactRow>(clock);
  let numbers = new NumberBook();
  let tagCounts = new Map<string, number>();
  const undo = new Map<string, Contact[]>();
  let cache: { key: string; ids: string[]; total: number } | null = null;

  /** a contact's numbers and tags, counted in (true) or out */
  function count(c: Contact, on: boolean) {
    numbers.set(c, on);
    for (const t of c.tags) {
      const n = (tagCounts.get(t) ?? 0) + (on ? 1 : -1);
      if (n > 0) tagCounts.set(t, n);
      else tagCounts.delete(t);
    }
  }

  /** a page of the start-up load, one contact at a time (see contacts-load.ts): counted, listed, then indexed */
  function* loaded(list: Iterable<Contact>): Generator<IndexedFields & { row: ContactRow }> {
    for (const c of list) {
      count(c, true);
      yield indexedWithRow(c);
    }
  }
  const savedIndexMin = deps.savedIndexMin ?? SAVED_INDEX_MIN;
  /** the index as saved: the index's parts, the numbers by slot, the tag counts */
  const partsOf = (ix: ContactIndex<ContactRow>, book: NumberBook, tags: Map<string, number>): Parts => ({
    ...ix.state(),
    numbers: book.state((id) => ix.slotOf(id)),
    tags: { counts: tags },
  });
  /** what this build makes of a few contacts (saved-index/build-probe.ts) */
  const build = () =>
    buildFingerprint(CONTACTS_DB_VERSION, (contacts) => {
      const ix = new ContactIndex<ContactRow>(() => 0);
      const book = new NumberBook();
      const tags = new Map<string, number>();
      ix.upsertMany(contacts.map(indexedWithRow));
      for (const c of contacts) book.set(c, true);
      for (const t of contacts.flatMap((c) => c.tags)) tags.set(t, (tags.get(t) ?? 0) + 1);
      const [gone, changed] = [contacts[0]!, contacts[contacts.length - 1]!];
      ix.remove(gone.id);
      book.set(gone, false);
      ix.upsert(indexedWithRow({ ...changed, firstName: 'Zoë', favorite: !changed.favorite }));
      return partsOf(ix, book, tags);
    });
  const load = startLoad(
    deps.dir,
    (opened.rows ?? 0) >= savedIndexMin ? (opened.cleanKey ?? null) : null,
    build,
    docs,
    {
      add(list) {
        index.upsertMany(loaded(list));
        cache = null;
      },
      tidy: () => index.tidy(),
    },
    adopt,
  );
  /** the index, numbers and tag counts a clean close saved, when they fit this build and this database */
  async function adopt(parts: Parts, stopped: () => boolean): Promise<boolean> {
    try {
      const { numbers: book, tags, ...indexParts } = parts;
      const counts = tags?.counts;
      if (!(counts instanceof Map)) throw new Error('its tag counts are missing');
      const restored = await inSlices(ContactIndex.restore<ContactRow>(indexParts as IndexState, clock), stopped);
      if (!restored) return false;
      if (restored.size !== (opened.rows ?? 0)) throw new Error(`it holds ${restored.size} contacts, the database ${opened.rows}`);
      const restoredNumbers = await inSlices(
        NumberBook.restore(book ?? {}, (slot) => restored.idAt(slot)),
        stopped,
      );
      if (!restoredNumbers) return false;
      index = restored;
      numbers = restoredNumbers;
      tagCounts = counts as Map<string, number>;
      return true;
    } catch (error) {
      console.warn('the saved contacts index is not used (every contact is read instead):', error instanceof Error ? error.message : error);
      removeSavedIndex(deps.dir);
      return false;
    }
  }
  let loading = !load.finished;
  let closing = false;
  const ready: Promise<void> = load.done
    .then(
      (rejected) => opened.setAsideRejected(rejected),
      (error: unknown) => {
        store = new ReadOnlyStore(opened.readFailed(error)); // what was read stays shown; changes are refused
      },
    )
    .then(() => {
      const late = loading && !closing;
      loading = false;
      cache = null;
      if (late) deps.onChanged?.(); // the list (and a dial's plan) is asked again, now whole
    });

  // One write at a time, in the order asked, after the load: an edit made during an import commit waits for it.
  let queue: Promise<unknown> = ready;
  function serial<T>(work: () => T | Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  }

  /** The contacts as committed, before a write replaces them: what memory holds for them now. */
  function before(ids: Iterable<string>): Map<string, Contact> {
    const found = new Map<string, Contact>();
    for (const id of ids) {
      const c = docs.get(id);
      if (c) found.set(id, c);
    }
    return found;
  }

  /** Makes committed changes live: numbers, tags, search index. `old`: what they replaced. */
  function apply(old: ReadonlyMap<string, Contact>, put: readonly Contact[], del: readonly string[] = []) {
    for (const id of del) {
      const c = old.get(id);
      if (c) count(c, false);
      index.remove(id);
    }
    for (const c of put) {
      const was = old.get(c.id);
      if (was) count(was, false);
      count(c, true);
    }
    if (put.length === 1) index.upsert(indexedWithRow(put[0]!));
    else if (put.length > 1) index.upsertMany(put.map(indexedWithRow));
    cache = null;
    deps.onChanged?.();
  }

  /** An import's transaction: what each contact was before its first change in it is kept for `apply`. */
  let bulkBefore = new Map<string, Contact | null>();
  function beginBulk(): BulkWrite {
    const tx = store.begin();
    const seen = new Map<string, Contact | null>();
    bulkBefore = seen;
    return {
      put(list) {
        // committed state: the reader never sees this transaction (an id minted for the import has none)
        for (const c of list) if (!c.isNew && !seen.has(c.id)) seen.set(c.id, docs.get(c.id) ?? null);
        tx.put(list);
      },
      commit: () => tx.commit(),
      rollback: () => tx.rollback(),
    };
  }
  function applyBulk(list: readonly Contact[]) {
    const old = new Map<string, Contact>();
    for (const c of list) {
      const was = bulkBefore.get(c.id);
      if (was) old.set(c.id, was);
      bulkBefore.delete(c.id);
    }
    apply(old, list);
  }

  /**
   * One transaction, then memory. Rejects with an AppFailure, memory untouched, when the write
   * fails. While another program holds the database's lock it tries again on timers (the main
   * thread never waits inside SQLite), then gives up with a message saying so.
   */
  async function commitNow(put: readonly Contact[], del: readonly string[] = []) {
    const old = before([...put.map((c) => c.id), ...del]);
    try {
      await whenUnlocked(() => store.write(put, del));
    } catch (error) {
      throw saveFailure(error);
    }
    apply(old, put, del); // committed: memory follows the database
  }

  /** Resolves once what was committed is on stable storage (the fsync runs off the main thread). */
  async function confirmed(): Promise<void> {
    try {
      await store.sync();
    } catch (error) {
      throw syncFailure(error);
    }
  }

  /** A change is acknowledged only when this resolves: committed, in memory, and on disk. */
  async function commit(put: readonly Contact[], del: readonly string[] = []): Promise<void> {
    await commitNow(put, del);
    await confirmed();
  }

  function find(id: string): Contact {
    const c = docs.get(id);
    if (!c) throw new AppFailure({ code: 'not_found', message: 'That contact no longer exists.' });
    return c;
  }

  function fromDraft(draft: ContactDraft, base: Contact | null): Contact {
    const checked = validateDraft(draft, deps.defaultCountry(), newId);
    if (!checked.ok)
      throw new AppFailure({
        code: 'validation',
        message: 'Some fields need fixing before the contact can be saved.',
        fields: checked.fields,
      });
    const stamp = now().toISOString();
    return {
      id: base?.id ?? newId(),
      ...checked.fields,
      phones: checked.phones,
      createdAt: base?.createdAt ?? stamp,
      updatedAt: stamp,
      lastCalledAt: base?.lastCalledAt ?? null,
      callCount: base?.callCount ?? 0,
    };
  }

  const checkpoint = (mode: 'PASSIVE' | 'TRUNCATE') => {
    try {
      store.checkpoint(mode);
    } catch (error) {
      // housekeeping only: every write is already committed
      console.warn('contacts checkpoint failed:', error instanceof Error ? error.message : error);
    }
  };

  /** Every entry with this number, in every contact that has it. */
  function entriesOf(e164: string): Array<{ contact: Contact; phone: PhoneEntry }> {
    return numbers.ids(e164).flatMap((id) => {
      const contact = docs.get(id);
      if (!contact) return [];
      return contact.phones.filter((p) => p.e164 === e164).map((phone) => ({ contact, phone }));
    });
  }

  /**
   * Entries kept without an E.164 (flagged on import: the country was unclear) whose national digits
   * this number ends with: the same line, typed with its country code.
   */
  function flaggedEntriesOf(e164: string): Array<{ contact: Contact; phone: PhoneEntry }> {
    const typed = e164.replace(/\D/g, '');
    return numbers.flaggedIds(e164).flatMap((id) => {
      const contact = docs.get(id);
      if (!contact) return [];
      return contact.phones
        .filter((p) => !p.e164 && nationalDigits(p.raw).length >= 7 && typed.endsWith(nationalDigits(p.raw)))
        .map((phone) => ({ contact, phone }));
    });
  }

  /** Every contact, read a slice at a time with yields between (100k take ~1 s): for walks that need them all. */
  async function everyContact(visit: (c: Contact) => void) {
    let until = performance.now() + WALK_SLICE_MS;
    for (const c of docs.all()) {
      visit(c);
      if (performance.now() > until) {
        await yieldNow();
        until = performance.now() + WALK_SLICE_MS;
      }
    }
  }

  /** the list's rows for these ids; a contact removed meanwhile is left out */
  function rowsOf(ids: readonly string[]): ContactRow[] {
    const rows: ContactRow[] = [];
    for (const id of ids) {
      const row = index.row(id);
      if (row) rows.push(row);
    }
    return rows;
  }

  /**
   * A fax, pager, telex, TTY or modem line some contact keeps under this number, and whose; null
   * when none does, or when any contact has the same number as a voice number (voice wins: a
   * shared office line may be someone's fax and someone else's desk phone).
   */
  function numberKind(e164: string): NumberKind | null {
    const entries = entriesOf(e164);
    if (entries.some((m) => isCallableLabel(m.phone.label))) return null;
    const line = entries[0];
    if (line) return { label: nonCallableKind(line.phone.label)!, contactName: nameOf(line.contact) };
    // a flagged fax (no E.164) whose digits this number ends with: the same line, typed with its country code
    const flagged = flaggedEntriesOf(e164).find((m) => !isCallableLabel(m.phone.label));
    return flagged ? { label: nonCallableKind(flagged.phone.label)!, contactName: nameOf(flagged.contact) } : null;
  }

  const imports = createImportJobs({
    contacts: () => docs.all(),
    get: (id) => docs.get(id),
    exclusive: serial,
    begin: beginBulk,
    sync: () => store.sync(),
    apply: applyBulk,
    tidy: () => index.tidy(),
    defaultCountry: deps.defaultCountry,
    now,
    newId,
    onProgress: deps.onImportProgress,
  });

  return {
    /** what went wrong at start; a load that finds unreadable rows adds its notice before `ready` resolves */
    notices: opened.notices,
    /** resolves once every contact is searchable and in the number map (writes wait for it) */
    ready,
    /** the start-up load is still running: searches and number checks see only part of the contacts */
    loading: () => loading,
    /** where this start's index came from: the copy a clean close saved, or every row read (null while loading) */
    loadedFrom: () => load.from,
    /** contacts searchable now (all of them once loaded) */
    size: () => index.size,

    query(q: ContactQuery) {
      // Only as many ids as the list has scrolled to are put in order; more on demand.
      const key = JSON.stringify([q.query, q.sort, q.favoritesOnly, q.tags]);
      const need = q.offset + q.limit;
      if (cache?.key !== key || (cache.ids.length < need && cache.ids.length < cache.total)) {
        const found = index.find(q.query, { sort: q.sort, favoritesOnly: q.favoritesOnly, tags: q.tags }, Math.max(need, 200));
        cache = { key, ids: found.ids, total: found.total };
      }
      const rows = rowsOf(cache.ids.slice(q.offset, need));
      return { total: cache.total, rows, all: index.size, ...(loading ? { loading: true } : {}) };
    },
    get: (id: string) => find(id),
    // Every change below resolves only after its transaction committed, and rejects when it did not.
    create: (draft: ContactDraft) =>
      serial(async () => {
        const contact = fromDraft(draft, null);
        await commit([contact]);
        return contact;
      }),
    update: (id: string, draft: ContactDraft) =>
      serial(async () => {
        const contact = fromDraft(draft, find(id));
        await commit([contact]);
        return contact;
      }),
    setFavorite: (id: string, favorite: boolean) =>
      serial(async () => {
        const contact = { ...find(id), favorite, updatedAt: now().toISOString() };
        await commit([contact]);
        return contact;
      }),
    remove: (ids: string[]) =>
      serial(async () => {
        const removed = [...before(ids).values()];
        await commitNow(
          [],
          removed.map((c) => c.id),
        );
        const token = newId();
        undo.set(token, removed);
        if (undo.size > UNDO_KEPT) undo.delete(undo.keys().next().value as string);
        await confirmed();
        return { undoToken: token, count: removed.length };
      }),
    undoRemove: (token: string) =>
      serial(async () => {
        const removed = undo.get(token);
        if (!removed) throw new AppFailure({ code: 'not_found', message: 'There is nothing to undo any more.' });
        await commitNow(removed.filter((c) => docs.get(c.id) === undefined));
        undo.delete(token); // only once restored: a failed undo can be tried again
        await confirmed();
        return { count: removed.length };
      }),
    tags() {
      return [...tagCounts.entries()]
        .map(([tag, count]) => ({ tag, count }))
        .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
    },
    /** Whose number this is (a voice entry first), whether it is do-not-call, and whether it is a fax or the like. */
    lookupNumber(e164: string) {
      const entries = entriesOf(e164);
      const match = entries.find((m) => isCallableLabel(m.phone.label)) ?? entries[0];
      if (!match) return null;
      const { contact: c, phone } = match;
      const kind = numberKind(e164);
      const nonCallable = kind ? { ...kind, reason: nonCallableProblem(kind)! } : null;
      return { contactId: c.id, name: nameOf(c), label: phone.label, doNotCall: doNotCallReason(c, phone), nonCallable };
    },
    numberKind,
    /**
     * The contacts that keep this number as a voice number (E.164 entries), and the entries kept
     * without an E.164 whose digits it ends with (flagged on import): whose number it is.
     */
    keepersOf(e164: string): { voice: string[]; flagged: string[]; any: string[] } {
      const exact = entriesOf(e164);
      const unique = (list: Array<{ contact: Contact }>) => [...new Set(list.map((m) => m.contact.id))];
      return {
        voice: unique(exact.filter((m) => isCallableLabel(m.phone.label))),
        flagged: unique(flaggedEntriesOf(e164)),
        any: unique(exact),
      };
    },
    /**
     * Why a number must not be called, from any contact that has it — also one kept without an
     * E.164 (flagged on import) whose digits the number ends with; null when it may be.
     */
    blockedReason(e164: string): string | null {
      for (const { contact, phone } of [...entriesOf(e164), ...flaggedEntriesOf(e164)]) {
        const reason = doNotCallReason(contact, phone);
        if (reason) return `${nameOf(contact)}: ${reason}`;
      }
      return null;
    },
    markCalled: (id: string) =>
      serial(async () => {
        const c = docs.get(id);
        if (!c) return;
        await commit([{ ...c, lastCalledAt: now().toISOString(), callCount: c.callCount + 1 }]);
      }),
    /** Contacts that share a number, then contacts with the same name (read in slices: it walks them all). */
    async duplicates() {
      const groups: Array<{ reason: string; contacts: ContactRow[] }> = [];
      const grouped = new Set<string>();
      for (const [e164, ids] of numbers.shared()) {
        const members = ids.filter((id) => !grouped.has(id));
        if (members.length < 2) continue;
        members.forEach((id) => grouped.add(id));
        groups.push({ reason: `Same number ${e164}`, contacts: rowsOf(members) });
      }
      const byName = new Map<string, string[]>();
      await everyContact((c) => {
        if (grouped.has(c.id)) return;
        const key = fold(nameOf(c)).replace(/\s+/g, ' ').trim();
        if (key) byName.set(key, [...(byName.get(key) ?? []), c.id]);
      });
      for (const ids of byName.values()) if (ids.length > 1) groups.push({ reason: 'Same name', contacts: rowsOf(ids) });
      return groups;
    },
    merge: (keepId: string, mergeIds: string[]) =>
      serial(async () => {
        let kept = find(keepId);
        const stamp = now().toISOString();
        const others = mergeIds.filter((id) => id !== keepId).map(find);
        for (const other of others) kept = mergeContact(kept, other, stamp);
        kept = { ...kept, callCount: kept.callCount + others.reduce((n, o) => n + o.callCount, 0) };
        await commit(
          [kept],
          others.map((o) => o.id),
        ); // one transaction: never half merged
        return kept;
      }),
    async exportAll(format: 'csv' | 'vcard') {
      const all: Contact[] = [];
      await everyContact((c) => all.push(c));
      all.sort((a, b) => fold(nameOf(a)).localeCompare(fold(nameOf(b))));
      const date = now().toISOString().slice(0, 10);
      return {
        fileName: `feather-contacts-${date}.${format === 'csv' ? 'csv' : 'vcf'}`,
        text: format === 'csv' ? contactsToCsv(all) : contactsToVcard(all),
        count: all.length,
      };
    },
    imports,
    /** why changes cannot be saved (e.g. a newer app's database), or null */
    readOnly: () => store.readOnly,
    /** the same SQLite database for the call history (null when read-only), and whether an import holds it */
    database: { db: opened.db, busy: () => sqliteStore.busy },
    /** resolves when every write asked for so far has settled; copies the WAL into the database */
    flush: () => serial(() => checkpoint('PASSIVE')),
    /** like flush, and truncates the WAL file */
    compact: () => serial(() => checkpoint('TRUNCATE')),
    /**
     * After the writes asked for so far (a load still running stops; an import not yet committed ends with its
     * worker); the service must not be used afterwards. `beforeClose` runs in turn, just before the database
     * closes: the call history's last writes, which share it.
     */
    close: (beforeClose?: () => void) => {
      closing = true;
      load.stop();
      return serial(async () => {
        await sqliteStore.whenIdle(); // a checkpoint on its own thread holds a connection: the last to close removes the WAL
        imports.close();
        try {
          beforeClose?.();
        } finally {
          docs.close(); // first: the last connection to close checkpoints and removes the WAL
          sqliteStore.close();
        }
        // the index describes the database when it was loaded whole, kept in step, and nothing else wrote to the file;
        // a load stopped part-way (a quit during the start) leaves any saved copy as it is: its key says whether it fits
        const closedAs = sqliteStore instanceof SqliteStore ? sqliteStore.closedAs : null;
        if (opened.db && load.finished)
          await saveAtClose(
            deps.dir,
            load.from === 'saved' ? (opened.cleanKey ?? null) : null,
            closedAs?.touched ?? null,
            store === sqliteStore && !!closedAs?.onlyOurs && index.size >= savedIndexMin,
            build,
            () => partsOf(index, numbers, tagCounts),
          );
      });
    },
  };
}
export type ContactsService = ReturnType<typeof createContactsService>;

// Over 300 lines on purpose: the one writer of contacts — memory, search index and database change together behind one queue, so no edit is half-applied.
import { randomUUID } from 'node:crypto';
import type { Contact, ContactDraft } from '../../../shared/contacts/contact';
import type { PhoneEntry } from '../../../shared/contacts/contact';
import { doNotCallReason, nameOf, primaryPhone } from '../../../shared/contacts/contact-helpers';
import type { ContactQuery, ContactRow, ImportStatus } from '../../../shared/contacts/contacts-contract';
import { contactsToCsv, contactsToVcard } from './export/contacts-export';
import { fold } from '../../../shared/contacts/fold';
import { nonCallableProblem, type NumberKind } from '../../../shared/contacts/non-callable-problem';
import { isCallableLabel, nonCallableKind } from '../../../shared/contacts/phone-kinds';
import { digitsOf, splitExtension } from './phone-entry';
import { mergeContact } from './import/import-plan';
import { ContactIndex, type IndexedFields } from './search-index';
import { validateDraft } from './validate-draft';
import { AppFailure } from '../../../shared/result';
import { openContactsStore, saveFailure, syncFailure } from './contacts-db';
import { whenUnlocked } from './db-busy';
import { createImportJobs } from './import/import-jobs';

export interface ContactsDeps {
  dir: string;
  defaultCountry(): string;
  now?: () => Date;
  newId?: () => string;
  /** called after committed changes become live (edits, removals, import slices, calls marked) */
  onChanged?(): void;
  /** an import job's status: each phase change, and its progress a few times a second (main → window `import:progress`) */
  onImportProgress?(status: ImportStatus): void;
  /** the database is checkpointed this long after the last write (default 2 s; tests) */
  checkpointQuietMs?: number;
}

const UNDO_KEPT = 20;

export const toIndexed = (c: Contact): IndexedFields => ({
  id: c.id,
  name: nameOf(c),
  firstName: c.firstName,
  lastName: c.lastName,
  company: c.company,
  tags: c.tags,
  phones: c.phones,
  favorite: c.favorite,
  lastCalledAt: c.lastCalledAt,
  callCount: c.callCount,
});

export function toRow(c: Contact): ContactRow {
  const primary = primaryPhone(c.phones);
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
 * The address book in main: contacts in memory with an incremental search index and a
 * number → contacts map, stored in SQLite (`contacts-db.ts`). Writes run one at a time; each
 * is one transaction, and memory (map + index) changes only after it committed, so a write
 * that fails leaves nothing to roll back and its error reaches the caller.
 */
export function createContactsService(deps: ContactsDeps) {
  const now = deps.now ?? (() => new Date());
  const newId = deps.newId ?? randomUUID;
  const opened = openContactsStore(deps.dir, now, { checkpointQuietMs: deps.checkpointQuietMs });
  const store = opened.store;
  const contacts = opened.contacts;
  const index = new ContactIndex(() => now().getTime());
  index.upsertMany([...contacts.values()].map(toIndexed));
  const byNumber = new Map<string, Set<string>>(); // e164 → contact ids
  const undo = new Map<string, Contact[]>();
  let cache: { key: string; ids: string[]; total: number } | null = null;

  /**
   * Fax, pager… lines whose number was flagged (no E.164: its country was unclear), by their last 7
   * digits: a number typed by hand with its country code is still recognised as that line.
   */
  const flaggedLines = new Map<string, Set<string>>();
  const nationalDigits = (raw: string) => digitsOf(splitExtension(raw).number).replace(/^0+/, '');
  const indexFlagged = (c: Contact, add: boolean) => {
    for (const p of c.phones) {
      if (p.e164) continue;
      const digits = nationalDigits(p.raw);
      if (digits.length < 7) continue;
      const key = digits.slice(-7);
      let set = flaggedLines.get(key);
      if (add) {
        if (!set) flaggedLines.set(key, (set = new Set()));
        set.add(c.id);
      } else {
        set?.delete(c.id);
        if (set?.size === 0) flaggedLines.delete(key);
      }
    }
  };
  const indexNumbers = (c: Contact, add: boolean) => {
    indexFlagged(c, add);
    for (const p of c.phones) {
      if (!p.e164) continue;
      let set = byNumber.get(p.e164);
      if (add) {
        if (!set) byNumber.set(p.e164, (set = new Set()));
        set.add(c.id);
      } else {
        set?.delete(c.id);
        if (set?.size === 0) byNumber.delete(p.e164);
      }
    }
  };
  for (const c of contacts.values()) indexNumbers(c, true);

  // One write at a time, in the order asked: an edit made during an import commit waits for it.
  let queue: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => T | Promise<T>): Promise<T> {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  }

  /** Makes committed changes live: map, numbers, search index. */
  function apply(put: readonly Contact[], del: readonly string[] = []) {
    for (const id of del) {
      const c = contacts.get(id);
      if (!c) continue;
      contacts.delete(id);
      index.remove(id);
      indexNumbers(c, false);
    }
    for (const c of put) {
      const old = contacts.get(c.id);
      if (old) indexNumbers(old, false);
      contacts.set(c.id, c);
      indexNumbers(c, true);
    }
    if (put.length === 1) index.upsert(toIndexed(put[0]!));
    else if (put.length > 1) index.upsertMany(put.map(toIndexed));
    cache = null;
    deps.onChanged?.();
  }

  /**
   * One transaction, then memory. Rejects with an AppFailure, memory untouched, when the write
   * fails. While another program holds the database's lock it tries again on timers (the main
   * thread never waits inside SQLite), then gives up with a message saying so.
   */
  async function commitNow(put: readonly Contact[], del: readonly string[] = []) {
    try {
      await whenUnlocked(() => store.write(put, del));
    } catch (error) {
      throw saveFailure(error);
    }
    apply(put, del); // committed: memory follows the database
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
    const c = contacts.get(id);
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
    return [...(byNumber.get(e164) ?? [])].flatMap((id) => {
      const contact = contacts.get(id)!;
      return contact.phones.filter((p) => p.e164 === e164).map((phone) => ({ contact, phone }));
    });
  }

  /**
   * Entries kept without an E.164 (flagged on import: the country was unclear) whose national digits
   * this number ends with: the same line, typed with its country code.
   */
  function flaggedEntriesOf(e164: string): Array<{ contact: Contact; phone: PhoneEntry }> {
    const typed = e164.replace(/\D/g, '');
    return [...(flaggedLines.get(typed.slice(-7)) ?? [])].flatMap((id) => {
      const contact = contacts.get(id);
      if (!contact) return [];
      return contact.phones
        .filter((p) => !p.e164 && nationalDigits(p.raw).length >= 7 && typed.endsWith(nationalDigits(p.raw)))
        .map((phone) => ({ contact, phone }));
    });
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
    contacts: () => contacts.values(),
    get: (id) => contacts.get(id),
    exclusive: serial,
    begin: () => store.begin(),
    sync: () => store.sync(),
    apply: (list) => apply(list),
    defaultCountry: deps.defaultCountry,
    now,
    newId,
    onProgress: deps.onImportProgress,
  });

  return {
    notices: opened.notices,
    size: () => contacts.size,

    query(q: ContactQuery) {
      // Only as many ids as the list has scrolled to are put in order; more on demand.
      const key = JSON.stringify([q.query, q.sort, q.favoritesOnly, q.tags]);
      const need = q.offset + q.limit;
      if (cache?.key !== key || (cache.ids.length < need && cache.ids.length < cache.total)) {
        const found = index.find(q.query, { sort: q.sort, favoritesOnly: q.favoritesOnly, tags: q.tags }, Math.max(need, 200));
        cache = { key, ids: found.ids, total: found.total };
      }
      const rows = cache.ids.slice(q.offset, need).map((id) => toRow(contacts.get(id)!));
      return { total: cache.total, rows, all: contacts.size };
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
        const removed = ids.map((id) => contacts.get(id)).filter((c): c is Contact => c !== undefined);
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
        await commitNow(removed.filter((c) => !contacts.has(c.id)));
        undo.delete(token); // only once restored: a failed undo can be tried again
        await confirmed();
        return { count: removed.length };
      }),
    tags() {
      const counts = new Map<string, number>();
      for (const c of contacts.values()) for (const t of c.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
      return [...counts.entries()].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
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
        const c = contacts.get(id);
        if (!c) return;
        await commit([{ ...c, lastCalledAt: now().toISOString(), callCount: c.callCount + 1 }]);
      }),
    duplicates() {
      const groups: Array<{ reason: string; contacts: ContactRow[] }> = [];
      const grouped = new Set<string>();
      for (const [e164, ids] of byNumber) {
        if (ids.size < 2) continue;
        const members = [...ids].filter((id) => !grouped.has(id));
        if (members.length < 2) continue;
        members.forEach((id) => grouped.add(id));
        groups.push({ reason: `Same number ${e164}`, contacts: members.map((id) => toRow(contacts.get(id)!)) });
      }
      const byName = new Map<string, string[]>();
      for (const c of contacts.values()) {
        if (grouped.has(c.id)) continue;
        const key = fold(nameOf(c)).replace(/\s+/g, ' ').trim();
        if (key) byName.set(key, [...(byName.get(key) ?? []), c.id]);
      }
      for (const ids of byName.values()) {
        if (ids.length > 1) groups.push({ reason: 'Same name', contacts: ids.map((id) => toRow(contacts.get(id)!)) });
      }
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
    exportAll(format: 'csv' | 'vcard') {
      const all = [...contacts.values()].sort((a, b) => fold(nameOf(a)).localeCompare(fold(nameOf(b))));
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
    database: { db: opened.db, busy: () => store.busy },
    /** resolves when every write asked for so far has settled; copies the WAL into the database */
    flush: () => serial(() => checkpoint('PASSIVE')),
    /** like flush, and truncates the WAL file */
    compact: () => serial(() => checkpoint('TRUNCATE')),
    /** after the writes asked for so far; the service must not be used afterwards */
    close: () => serial(() => store.close()),
  };
}
export type ContactsService = ReturnType<typeof createContactsService>;

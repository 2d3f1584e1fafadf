import type { Contact } from '../../../shared/contacts/contact';
import { api } from '../api';
import { FIRST_ROWS, PAGE, firstPages, follow, pageOf, type Follow, type ListQuery, type Pages, type Selection } from './contact-rows';
import { startDuplicates } from './duplicates-store';
import { startImports } from './import-store';
import { afterPaint } from './after-paint';
import { onEvent } from './on-event';
import { createStore, useStore } from './store';

export interface TagCount {
  tag: string;
  count: number;
}
/** A delete that can still be undone: the toast's text, and the contact to select again. */
export interface UndoOffer {
  token: string;
  text: string;
  id: string;
}

export interface ContactsState {
  query: ListQuery;
  /** main's rows by page; a reload keeps the ones shown until its first rows arrive, so the list never blinks empty */
  pages: Pages;
  /** contacts matching the query, and contacts in all */
  total: number;
  all: number;
  /** the first answer is in (until then the count says Loading…) */
  loaded: boolean;
  /** main is still reading the contacts at start: the rows are those read so far (`contacts:changed` follows when all are) */
  filling: boolean;
  selection: Selection;
  /** the selected contact's details; while another one's are on their way, the previous ones */
  detail: Contact | null;
  tags: TagCount[];
  undo: UndoOffer | null;
}

const initial = (): ContactsState => ({
  query: { query: '', sort: 'name', favoritesOnly: false, tags: [] },
  pages: new Map(),
  total: 0,
  all: 0,
  loaded: false,
  filling: false,
  selection: { index: 0, id: null },
  detail: null,
  tags: [],
  undo: null,
});

/**
 * The address book as the window shows it: a query cache of main's rows (fetched a page at a time as
 * the list scrolls), the tags, the selected contact's details. Everything is asked again when main
 * says `contacts:changed` — our own edits included — and nothing else triggers a reload.
 */
export const contactsStore = createStore<ContactsState>(initial());
export const useContacts = () => useStore(contactsStore);

/** The load the rows come from: a newer query or change aborts it, and its late answers are dropped. */
let load = new AbortController();
let landed: Promise<void> = Promise.resolve();
/** pages asked for, and pages that arrived, under the current load */
let asked = new Set<number>();
let fresh = new Set<number>();
/** the rows on screen, first and last */
let visible: [number, number] = [0, 0];
/** whose details were last asked for */
let detailFor: string | null = null;

/** Asks for the query's first rows again; the rows shown stay until they are in. Resolves when they are. */
export function reload(mode: Follow): Promise<void> {
  load.abort();
  const own = (load = new AbortController());
  const arrived = (fresh = new Set());
  asked = new Set();
  const { query, loaded } = contactsStore.get();
  landed = api()
    // the window's first load has no selection to find: one page, so the list fills sooner (the rest as it scrolls)
    .contacts.query({ ...query, offset: 0, limit: loaded ? FIRST_ROWS : PAGE })
    .then((r) => {
      if (own.signal.aborted || !r.ok) return;
      const { rows, total, all, loading } = r.value;
      contactsStore.set((s) => ({
        ...s,
        pages: firstPages(rows, s.pages, arrived),
        total,
        all,
        loaded: true,
        filling: loading === true,
        selection: follow(s.selection, rows, total, mode),
      }));
      showRows(...visible);
    });
  return landed;
}

/** Resolves once the latest reload has landed (a reload started meanwhile is waited for too). */
export async function settled(): Promise<void> {
  let waited: Promise<void>;
  do {
    waited = landed;
    await waited;
  } while (waited !== landed);
}

/** The list shows rows first…last: their pages are fetched when they are not here. */
export function showRows(first: number, last: number) {
  visible = [first, last];
  const { loaded, total, pages } = contactsStore.get();
  if (!loaded) return; // the first load brings the first rows
  for (let page = pageOf(first); page <= pageOf(Math.min(last, total - 1)); page++) if (!pages.has(page)) fetchPage(page);
}

function fetchPage(page: number) {
  if (asked.has(page)) return;
  asked.add(page);
  const own = load;
  const arrived = fresh;
  void api()
    .contacts.query({ ...contactsStore.get().query, offset: page * PAGE, limit: PAGE })
    .then((r) => {
      if (own.signal.aborted || !r.ok) return;
      arrived.add(page);
      const { rows, total, all } = r.value;
      contactsStore.set((s) => {
        const { index, id } = s.selection;
        // the selected row was not here yet: now it says whose it is
        const selection = id === null && pageOf(index) === page ? { index, id: rows[index % PAGE]?.id ?? null } : s.selection;
        return { ...s, pages: new Map(s.pages).set(page, rows), total, all, selection };
      });
    });
}

/** The selected contact's details; an answer for a contact no longer selected, or older than the one shown, is dropped. */
function loadDetail(id: string) {
  void api()
    .contacts.get({ id })
    .then((r) =>
      contactsStore.set((s) => {
        if (s.selection.id !== id) return s;
        if (!r.ok) return s.detail?.id === id ? { ...s, detail: null } : s;
        if (s.detail?.id === id && r.value.updatedAt < s.detail.updatedAt) return s;
        return { ...s, detail: r.value };
      }),
    );
}

/**
 * A newly selected contact: its details are asked for (unless they are here already: a contact just
 * saved). The first selection, made as the first rows arrive, waits for them to be drawn.
 */
function followDetail() {
  const { selection, detail } = contactsStore.get();
  if (selection.id === detailFor) return;
  const first = detailFor === null && detail === null;
  detailFor = selection.id;
  const id = selection.id;
  if (!id || detail?.id === id) return;
  if (!first) return loadDetail(id);
  afterPaint(() => detailFor === id && loadDetail(id));
}

function loadTags() {
  void api()
    .contacts.tags({})
    .then((r) => r.ok && contactsStore.set((s) => ({ ...s, tags: r.value })));
}

let stops: Array<() => void> = [];
/** counts resets: work deferred by a store that was reset since is dropped */
let epoch = 0;
/** Loads the list and tags once, and follows `contacts:changed` (and the duplicates and import stores their events). */
export function startContacts() {
  if (stops.length) return;
  stops = [
    contactsStore.subscribe(followDetail),
    onEvent('contacts:changed', () => {
      void reload('contact');
      loadTags();
      if (detailFor) loadDetail(detailFor);
    }),
    startDuplicates(),
    startImports(),
  ];
  // the tags once the first rows are drawn: the list comes first
  const started = epoch;
  void reload('contact').then(() => afterPaint(() => started === epoch && loadTags()));
}

/** For tests: forget everything and stop listening. */
export function resetContactsStore() {
  for (const stop of stops.splice(0)) stop();
  epoch++;
  load.abort();
  landed = Promise.resolve();
  detailFor = null;
  visible = [0, 0];
  contactsStore.set(initial());
}

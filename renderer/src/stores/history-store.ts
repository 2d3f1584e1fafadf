// Over 300 lines on purpose: the history list's paging, live updates, selection and open entry share one set of counters (load generations, pages asked, the visible range); split, a stale page could land on a newer filter.
import type { HistoryFilter } from '../../../shared/history/history-contract';
import type { HistoryEntry, HistoryRow } from '../../../shared/history/history-entry';
import { api } from '../api';
import { onEvent } from './on-event';
import { createStore, useStore } from './store';

/**
 * The call history as the window shows it: a sparse cache of main's rows (`history:list`, a page at
 * a time as the list scrolls, so 100,000 entries cost what is on screen), the filter, the selection
 * and the selected entry. It follows `history:changed`: a row it holds is replaced where it is, a
 * newer row goes on top when it belongs to the list. Whether a row matches a filter is main's to
 * say: with no filter every row does; with one, main is asked for the top rows again.
 */

/** rows per `history:list` request (the first one included) */
export const PAGE = 60;

/** rows by their position in the list; positions not here have not been fetched */
export type Rows = ReadonlyMap<number, HistoryRow>;
/** the selected row: its position, and whose it is (null while that row has not arrived) */
export interface Selection {
  index: number;
  id: string | null;
}
/** the date inputs as typed (local days); the filter holds the instants sent */
export interface Dates {
  from: string;
  to: string;
}
/** where the selection goes when a reload lands: the first row (new filters) or the same call */
type Follow = 'first' | 'keep';

export interface HistoryState {
  filter: HistoryFilter;
  dates: Dates;
  rows: Rows;
  /** entries the filter matches, and entries in all */
  total: number;
  all: number;
  loaded: boolean;
  /** why the list could not be read */
  error: string | null;
  selection: Selection;
  /** whose details are shown: the selected row's, or an entry opened from a notification */
  detailId: string | null;
  detail: HistoryEntry | null;
  detailError: string | null;
  /** rows put on top since the list opened: the list keeps the rows the user looks at in view */
  above: number;
}

export const emptyFilter = (): HistoryFilter => ({ from: null, to: null, outcomes: [], profileId: null, callerId: null, text: '' });
const initial = (): HistoryState => ({
  filter: emptyFilter(),
  dates: { from: '', to: '' },
  rows: new Map(),
  total: 0,
  all: 0,
  loaded: false,
  error: null,
  selection: { index: 0, id: null },
  detailId: null,
  detail: null,
  detailError: null,
  above: 0,
});

export const historyStore = createStore<HistoryState>(initial());
export const useHistory = () => useStore(historyStore);

export const filtering = (f: HistoryFilter) => Boolean(f.from || f.to || f.outcomes.length || f.profileId || f.callerId || f.text.trim());

/** A reload (new filter) makes every answer asked before it stale; rows put on top renumber the pages. */
let loadGen = 0;
let shiftGen = 0;
let loading = false;
let landed: Promise<void> = Promise.resolve();
/** pages asked for under the current numbering */
let asked = new Set<number>();
/** the rows on screen, first and last */
let visible: [number, number] = [0, 0];
/** whose details were last asked for */
let detailFor: string | null = null;

export function indexOf(rows: Rows, id: string): number {
  for (const [index, row] of rows) if (row.id === id) return index;
  return -1;
}

function follow(selection: Selection, rows: readonly HistoryRow[], total: number, mode: Follow): Selection {
  if (total === 0) return { index: 0, id: null };
  if (mode === 'first' || (selection.id === null && selection.index < 0)) return { index: 0, id: rows[0]?.id ?? null };
  const found = selection.id === null ? -1 : rows.findIndex((r) => r.id === selection.id);
  if (found >= 0) return { index: found, id: selection.id };
  const index = Math.max(0, Math.min(selection.index, total - 1));
  return { index, id: rows[index]?.id ?? null };
}

/** Asks for the filter's first rows; the rows shown stay until they are in. */
function reload(mode: Follow): Promise<void> {
  const own = ++loadGen;
  loading = true;
  const { filter } = historyStore.get();
  landed = api()
    .history.list({ filter, offset: 0, limit: PAGE })
    .then((r) => {
      if (own !== loadGen) return;
      loading = false;
      shiftGen++;
      asked = new Set([0]);
      if (!r.ok) {
        historyStore.set((s) => ({ ...s, loaded: true, error: r.error.message }));
        return;
      }
      const { rows, total, all } = r.value;
      historyStore.set((s) => {
        const selection = follow(s.selection, rows, total, mode);
        return {
          ...s,
          rows: new Map(rows.map((row, i) => [i, row])),
          total,
          all,
          loaded: true,
          error: null,
          selection,
          detailId: mode === 'first' ? selection.id : (selection.id ?? s.detailId),
        };
      });
      showRows(...visible);
    });
  return landed;
}

/** Resolves once the latest reload has landed. */
export async function settled(): Promise<void> {
  let waited: Promise<void>;
  do {
    waited = landed;
    await waited;
  } while (waited !== landed);
}

/** The list shows rows first…last: the pages holding rows not here are fetched. */
export function showRows(first: number, last: number) {
  visible = [first, last];
  const { loaded, total, rows } = historyStore.get();
  if (!loaded || loading) return;
  const end = Math.min(last, total - 1);
  for (let page = Math.floor(Math.max(0, first) / PAGE); page * PAGE <= end; page++) {
    if (asked.has(page)) continue;
    const to = Math.min((page + 1) * PAGE, total);
    for (let i = page * PAGE; i < to; i++)
      if (!rows.has(i)) {
        fetchPage(page);
        break;
      }
  }
}

function fetchPage(page: number) {
  asked.add(page);
  const load = loadGen;
  const shift = shiftGen;
  void api()
    .history.list({ filter: historyStore.get().filter, offset: page * PAGE, limit: PAGE })
    .then((r) => {
      if (load !== loadGen) return;
      if (shift !== shiftGen || !r.ok) {
        // numbered before rows went on top (or failed): asked again for where it is now
        if (shift === shiftGen) asked.delete(page);
        return;
      }
      const { rows, total, all } = r.value;
      historyStore.set((s) => {
        const next = new Map(s.rows);
        rows.forEach((row, i) => next.set(page * PAGE + i, row));
        const { index, id } = s.selection;
        // the selected row was not here yet: now it says whose it is
        const filled = id === null && index >= page * PAGE ? (rows[index - page * PAGE]?.id ?? null) : null;
        return filled
          ? { ...s, rows: next, total, all, selection: { index, id: filled }, detailId: s.detailId ?? filled }
          : { ...s, rows: next, total, all };
      });
    });
}

/** Rows that go on top of the list (newer than any it has): everything shown moves down by as many. */
function putOnTop(added: readonly HistoryRow[], total: number, all: number) {
  shiftGen++;
  asked = new Set([0]);
  const k = added.length;
  historyStore.set((s) => {
    const rows = new Map<number, HistoryRow>();
    added.forEach((row, i) => rows.set(i, row));
    for (const [i, row] of s.rows) rows.set(i + k, row);
    const { index, id } = s.selection;
    // an empty list selects its first call; otherwise the selection stays on its call, wherever it moved
    const selection = s.total === 0 ? { index: 0, id: added[0]!.id } : index < 0 ? s.selection : { index: index + k, id };
    return { ...s, rows, total, all, selection, above: s.above + k, detailId: s.detailId ?? selection.id };
  });
  showRows(...visible);
}

/** With a filter, main says which new rows belong: its top rows, compared with ours. One at a time. */
let topBusy = false;
let topAgain = false;
async function refreshTop() {
  if (topBusy) {
    topAgain = true;
    return;
  }
  topBusy = true;
  try {
    do {
      topAgain = false;
      const load = loadGen;
      const r = await api().history.list({ filter: historyStore.get().filter, offset: 0, limit: PAGE });
      if (load !== loadGen || !r.ok) continue;
      const { rows, total, all } = r.value;
      const top = historyStore.get().rows.get(0);
      const k = top ? rows.findIndex((row) => row.id === top.id) : rows.length;
      if (k > 0) putOnTop(rows.slice(0, k), total, all);
      else if (k === 0) historyStore.set((s) => ({ ...s, total, all }));
      else void reload('keep'); // more new rows than a page, or the top row went: read the top again
    } while (topAgain);
  } finally {
    topBusy = false;
  }
}

/** `history:changed`: an entry was added or moved on. */
function changed(row: HistoryRow) {
  if (row.id === detailFor) loadDetail(row.id);
  const s = historyStore.get();
  const at = indexOf(s.rows, row.id);
  if (at >= 0) {
    historyStore.set((now) => (now.rows.get(at)?.id === row.id ? { ...now, rows: new Map(now.rows).set(at, row) } : now));
    return;
  }
  if (loading) {
    void reload('keep'); // the rows on their way may be from before it
    return;
  }
  // not here: a new call (newer than the top row), or an older one on a page not fetched yet (it will be fresh when it is)
  const top = s.rows.get(0);
  const newer = s.total === 0 || (top !== undefined && (row.at > top.at || (row.at === top.at && row.id > top.id)));
  if (!newer) return;
  if (filtering(s.filter)) void refreshTop();
  else putOnTop([row], s.total + 1, s.all + 1);
}

function loadDetail(id: string) {
  void api()
    .history.get({ id })
    .then((r) =>
      historyStore.set((s) => {
        if (s.detailId !== id) return s;
        return r.ok ? { ...s, detail: r.value, detailError: null } : { ...s, detail: null, detailError: r.error.message };
      }),
    );
}

/** A new entry to show: its details are asked for. */
function followDetail() {
  const { detailId } = historyStore.get();
  if (detailId === detailFor) return;
  detailFor = detailId;
  if (detailId) loadDetail(detailId);
  else historyStore.set((s) => (s.detail || s.detailError ? { ...s, detail: null, detailError: null } : s));
}

/** Moves the selection to a row (its details follow); whose it is comes with its page when that is not here yet. */
export function select(index: number) {
  historyStore.set((s) => {
    if (s.total === 0) return s;
    const at = Math.max(0, Math.min(index, s.total - 1));
    const id = s.rows.get(at)?.id ?? null;
    return { ...s, selection: { index: at, id }, detailId: id };
  });
}
export const selectBy = (step: number) => select(historyStore.get().selection.index + step);

/** Another filter: the list starts again at its first row. */
export function setFilter(change: Partial<HistoryFilter>, dates?: Partial<Dates>) {
  historyStore.set((s) => ({
    ...s,
    filter: { ...s.filter, ...change },
    dates: { ...s.dates, ...dates },
    selection: { index: 0, id: null },
  }));
  void reload('first');
}
export const clearFilters = () => setFilter(emptyFilter(), { from: '', to: '' });

/**
 * Shows an entry (a notification was clicked): selected where the list has it — the filters are
 * cleared when they hide it —, its details shown whether or not the list has it.
 */
export async function openEntry(id: string) {
  historyStore.set((s) => ({ ...s, detailId: id }));
  await settled();
  let index = indexOf(historyStore.get().rows, id);
  if (index < 0 && filtering(historyStore.get().filter)) {
    historyStore.set((s) => ({ ...s, filter: emptyFilter(), dates: { from: '', to: '' }, selection: { index: s.selection.index, id } }));
    await reload('keep');
    index = indexOf(historyStore.get().rows, id);
  }
  historyStore.set((s) => ({ ...s, selection: index >= 0 ? { index, id } : { index: -1, id: null }, detailId: id }));
}

/** An entry main answered with (a settle): shown at once; the row follows with `history:changed`. */
export const showSettled = (entry: HistoryEntry) =>
  historyStore.set((s) => (s.detailId === entry.id ? { ...s, detail: entry, detailError: null } : s));

let stops: Array<() => void> = [];
/** Loads the first rows once (when History first opens) and follows `history:changed`. */
export function startHistory() {
  if (stops.length) return;
  stops = [historyStore.subscribe(followDetail), onEvent('history:changed', changed)];
  void reload('first');
}

/** For tests: forget everything and stop listening. */
export function resetHistoryStore() {
  for (const stop of stops.splice(0)) stop();
  loadGen++;
  loading = false;
  landed = Promise.resolve();
  asked = new Set();
  visible = [0, 0];
  detailFor = null;
  topBusy = false;
  topAgain = false;
  historyStore.set(initial());
}

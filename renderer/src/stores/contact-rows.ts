import type { ContactQuery, ContactRow } from '../../../shared/contacts/contacts-contract';

/**
 * The contact list's rows as the window holds them: pages of main's answers to `contacts:query`,
 * and the selection (a position, and whose row it is). Pure functions, so the rules are tested
 * without a browser.
 */

/** rows per page fetched as the list scrolls */
export const PAGE = 100;
/** a (re)load asks for this many first rows in one answer: enough to find the selected contact after main reorders the list */
export const FIRST_ROWS = 500;

export type ListQuery = Omit<ContactQuery, 'offset' | 'limit'>;
export type Pages = ReadonlyMap<number, readonly ContactRow[]>;
/** The selected row: its position, and whose row it is (null while that row has not arrived). */
export interface Selection {
  index: number;
  id: string | null;
}
/** Where the selection goes when a reload lands: the first row (a new search) or the same contact (anything else). */
export type Follow = 'first' | 'contact';

export const pageOf = (index: number) => Math.floor(index / PAGE);
export const rowIn = (pages: Pages, index: number): ContactRow | undefined => pages.get(pageOf(index))?.[index % PAGE];

/** A reload's first rows, as pages; the pages of `old` fetched for this same reload (`fresh`) are kept. */
export function firstPages(rows: readonly ContactRow[], old: Pages, fresh: ReadonlySet<number>): Pages {
  const pages = new Map<number, readonly ContactRow[]>();
  for (let p = 0; p * PAGE < rows.length; p++) pages.set(p, rows.slice(p * PAGE, (p + 1) * PAGE));
  for (const p of fresh) {
    const kept = old.get(p);
    if (kept && !pages.has(p)) pages.set(p, kept);
  }
  return pages;
}

/**
 * The selection once a reload's first rows are in. `contact`: the same contact wherever it is now
 * (Enter must call the person the user chose, not whoever moved into that row); when it is gone
 * (deleted, filtered out), the row that took its place, or the last one.
 */
export function follow(selection: Selection, rows: readonly ContactRow[], total: number, mode: Follow): Selection {
  if (total === 0) return { index: 0, id: null };
  if (mode === 'first') return { index: 0, id: rows[0]?.id ?? null };
  const found = selection.id === null ? -1 : rows.findIndex((r) => r.id === selection.id);
  if (found >= 0) return { index: found, id: selection.id };
  const index = Math.min(selection.index, total - 1);
  // beyond the first rows nothing says it moved: its row is checked when its page arrives
  if (index >= rows.length) return { index, id: selection.id };
  return { index, id: rows[index]!.id };
}

/** Moves the selection to a row; whose it is comes with its page when that is not here yet. */
export function selectAt(pages: Pages, total: number, index: number): Selection {
  const at = Math.max(0, Math.min(index, total - 1));
  return { index: at, id: rowIn(pages, at)?.id ?? null };
}

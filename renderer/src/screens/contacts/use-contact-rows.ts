import { useCallback, useEffect, useRef, useState } from 'react';
import type { ContactQuery, ContactRow } from '../../../../shared/contacts/contacts-contract';
import { api } from '../../api';

const PAGE = 100;
export type ListQuery = Omit<ContactQuery, 'offset' | 'limit'>;

/**
 * Rows for the virtual list, fetched a page at a time from main as the user scrolls.
 * A new query (or a new `reloadKey`, after a change) starts over from the first page.
 */
export function useContactRows(query: ListQuery, reloadKey: unknown) {
  const [total, setTotal] = useState(0);
  const [all, setAll] = useState(0);
  const [loaded, setLoaded] = useState(false);
  const [, setTick] = useState(0);
  const rows = useRef(new Map<number, ContactRow>());
  const pending = useRef(new Set<number>());
  const generation = useRef(0);
  /** the rows shown are the last load's: kept until the new first page arrives, so the list (and its selection) never blinks empty */
  const stale = useRef(false);
  const key = JSON.stringify(query);

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (pending.current.has(page)) return;
      pending.current.add(page);
      const result = await api().contacts.query({ ...(JSON.parse(key) as ListQuery), offset: page * PAGE, limit: PAGE });
      pending.current.delete(page);
      if (gen !== generation.current || !result.ok) return;
      if (stale.current && page === 0) {
        rows.current = new Map();
        stale.current = false;
      }
      result.value.rows.forEach((row, i) => rows.current.set(page * PAGE + i, row));
      setTotal(result.value.total);
      setAll(result.value.all);
      setLoaded(true);
      setTick((t) => t + 1);
    },
    [key],
  );

  useEffect(() => {
    generation.current += 1;
    stale.current = true;
    pending.current = new Set();
    void fetchPage(0, generation.current);
  }, [fetchPage, reloadKey]);

  /** the row at an index, fetching its page when it is not here yet */
  const rowAt = useCallback(
    (index: number): ContactRow | undefined => {
      const row = rows.current.get(index);
      if (!row && index < total) void fetchPage(Math.floor(index / PAGE), generation.current);
      return row;
    },
    [fetchPage, total],
  );

  return { total, all, loaded, rowAt };
}

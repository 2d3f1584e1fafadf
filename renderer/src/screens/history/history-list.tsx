import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef } from 'react';
import type { HistoryRow } from '../../../../shared/history/history-entry';
import { formatWhen } from '../dial/card-format';
import { callerOf, whoOf } from './history-format';
import { OUTCOME_LABELS } from '../../../../shared/history/outcomes';
import { OutcomeBadge } from './outcome-labels';

interface Props {
  total: number;
  /** the row at a position when it is here (a row not here yet shows as loading) */
  rowAt(index: number): HistoryRow | undefined;
  selected: number;
  /** rows put on top so far: when it grows, the rows in view stay in view */
  above: number;
  onSelect(index: number): void;
  /** Enter: the selected call's details */
  onOpen(): void;
  /** the rows on screen changed: the ones not here are fetched */
  onShow(first: number, last: number): void;
}

const ROW_HEIGHT = 70;
const rowId = (index: number) => `history-row-${index}`;
export const HISTORY_LISTBOX = 'history-listbox';

/** A virtualised listbox of calls, newest first: only the rows on screen exist in the DOM, at 10 or 100,000 calls. */
export function HistoryList({ total, rowAt, selected, above, onSelect, onOpen, onShow }: Props) {
  const parent = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is designed to be used like this
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  // A new call on top moves every row down one: scrolled into the list, the user keeps looking at
  // the same calls; at the very top, they see the new one arrive.
  const seenAbove = useRef(above);
  useLayoutEffect(() => {
    const added = above - seenAbove.current;
    seenAbove.current = above;
    const box = parent.current;
    if (added > 0 && box && box.scrollTop > 0) box.scrollTop += added * ROW_HEIGHT;
  }, [above]);

  useEffect(() => {
    if (selected >= 0 && selected < total) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, total, virtualizer]);
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  useEffect(() => onShow(first, last), [first, last, total, onShow]);
  const perPage = Math.max(1, Math.floor((parent.current?.clientHeight ?? ROW_HEIGHT * 8) / ROW_HEIGHT) - 1);

  return (
    <div
      ref={parent}
      id={HISTORY_LISTBOX}
      className="history-list"
      role="listbox"
      aria-label="Calls"
      aria-activedescendant={selected >= 0 && selected < total ? rowId(selected) : undefined}
      tabIndex={0}
      onKeyDown={(e) => {
        const next = (
          {
            ArrowDown: selected + 1,
            ArrowUp: selected - 1,
            Home: 0,
            End: total - 1,
            PageDown: selected + perPage,
            PageUp: selected - perPage,
          } as Record<string, number | undefined>
        )[e.key];
        if (next !== undefined) onSelect(Math.max(0, Math.min(next, total - 1)));
        else if (e.key === 'Enter') onOpen();
        else return;
        e.preventDefault();
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rowAt(item.index);
          const caller = row ? callerOf(row) : null;
          return (
            <div
              key={item.key}
              id={rowId(item.index)}
              role="option"
              aria-selected={item.index === selected}
              aria-label={
                row
                  ? `${whoOf(row)}, ${OUTCOME_LABELS[row.outcome]}, ${formatWhen(row.at)}${row.tracking ? ', following the call' : ''}`
                  : 'Loading'
              }
              className={`history-row${item.index === selected ? ' selected' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              onClick={() => onSelect(item.index)}
              onDoubleClick={onOpen}
            >
              {row ? (
                <>
                  <span className="history-row-top">
                    <span className="history-who">
                      {whoOf(row)}
                      {row.contactName ? <span className="history-number"> {row.toNumber}</span> : null}
                    </span>
                    <OutcomeBadge outcome={row.outcome} />
                  </span>
                  <span className="history-row-detail">{row.detail ?? ' '}</span>
                  <span className="history-row-meta">
                    <time dateTime={row.at}>{formatWhen(row.at)}</time>
                    {row.tracking ? <span className="history-following"> · following…</span> : null}
                    {caller ? ` · ${caller}` : ''}
                  </span>
                </>
              ) : (
                <span className="muted">…</span>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

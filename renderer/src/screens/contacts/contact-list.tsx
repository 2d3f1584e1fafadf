import { useEffect, useRef } from 'react';
import type { ContactRow } from '../../../../shared/contacts/contacts-contract';
import { isCallableLabel } from '../../../../shared/contacts/phone-kinds';
import { lastCallText, useLastCalls } from '../history/last-call';
import { rowRange, scrollTopFor, useListView } from './row-window';

interface Props {
  total: number;
  /** the row at an index when it is here (a row not here yet shows as loading) */
  rowAt(index: number): ContactRow | undefined;
  selected: number;
  onSelect(index: number): void;
  onOpen(index: number): void;
  /** the rows on screen changed: the ones not here are fetched */
  onShow(first: number, last: number): void;
}

const ROW_HEIGHT = 60;
/** rows drawn beyond each edge of the view, so a short scroll never shows a gap */
const OVERSCAN = 8;
export const rowId = (index: number) => `contact-row-${index}`;

/** A virtualised listbox: only the rows on screen exist in the DOM, at 10 or 100,000 contacts (all rows are as tall). */
export function ContactList({ total, rowAt, selected, onSelect, onOpen, onShow }: Props) {
  const parent = useRef<HTMLDivElement>(null);
  const lastCallOf = useLastCalls();
  const view = useListView(parent);
  // the view as last rendered, for the effect below (which runs on a new selection, not on every scroll)
  const seen = useRef(view);
  useEffect(() => {
    seen.current = view;
  });

  // a new selection (keys, a search, a saved contact) is scrolled into view; a scroll by the user is left alone.
  // While the list has no height (its screen hidden) that waits until it is shown again.
  const shown = view.height > 0;
  useEffect(() => {
    const list = parent.current;
    if (!list || !shown || selected < 0 || selected >= total) return;
    const top = scrollTopFor(selected, seen.current.top, seen.current.height, ROW_HEIGHT);
    if (top !== null) list.scrollTop = top;
  }, [selected, total, shown]);
  const { first, last } = rowRange(view.top, view.height, total, ROW_HEIGHT, OVERSCAN);
  useEffect(() => onShow(first, last), [first, last, total, onShow]);
  const items = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);

  return (
    <div
      ref={parent}
      id="contact-listbox"
      className="contact-list"
      role="listbox"
      aria-label="Contacts"
      aria-activedescendant={selected >= 0 ? rowId(selected) : undefined}
      tabIndex={-1}
      onKeyDown={(e) => {
        // Focus lands here after save, delete and import: the same keys as in the search field work.
        const next = ({ ArrowDown: selected + 1, ArrowUp: selected - 1, Home: 0, End: total - 1 } as Record<string, number | undefined>)[
          e.key
        ];
        if (next !== undefined) onSelect(Math.max(0, Math.min(next, total - 1)));
        else if (e.key === 'Enter') onOpen(selected);
        else return;
        e.preventDefault();
      }}
    >
      <div style={{ height: total * ROW_HEIGHT, position: 'relative' }}>
        {items.map((index) => {
          const row = rowAt(index);
          // the row shows the first voice number; a fax (or pager…) only when the contact has nothing else
          const noVoice = row?.primaryPhone ? !isCallableLabel(row.primaryPhone.label) : false;
          const lastCall = row ? lastCallOf(row.id, row.lastCall) : null;
          return (
            <div
              key={index}
              id={rowId(index)}
              role="option"
              aria-selected={index === selected}
              aria-describedby={lastCall ? `${rowId(index)}-last` : undefined}
              aria-label={
                row
                  ? `${row.name}${row.company ? `, ${row.company}` : ''}${row.doNotCall ? ', do not call' : noVoice ? ', no voice number' : ''}`
                  : 'Loading'
              }
              className={`contact-row${index === selected ? ' selected' : ''}`}
              // placed by `top`, not a transform: a row's place never changes as the list scrolls, and 70-odd transforms cost the first paint
              style={{ position: 'absolute', top: index * ROW_HEIGHT, left: 0, right: 0, height: ROW_HEIGHT }}
              onClick={() => onSelect(index)}
              onDoubleClick={() => onOpen(index)}
            >
              {row ? (
                <>
                  <span className="avatar" aria-hidden="true">
                    {initials(row.name)}
                  </span>
                  <span className="contact-main">
                    <span className="contact-name">
                      {row.name}
                      {row.favorite ? (
                        <span className="star" aria-hidden="true">
                          {' '}
                          ★
                        </span>
                      ) : null}
                    </span>
                    <span className="contact-sub">
                      {row.primaryPhone ? `${row.primaryPhone.raw}${noVoice ? ` (${row.primaryPhone.label})` : ''}` : 'no number'}
                      {row.company ? ` · ${row.company}` : ''}
                    </span>
                    {lastCall ? (
                      <span id={`${rowId(index)}-last`} className="contact-last">
                        {lastCallText(lastCall)}
                      </span>
                    ) : null}
                  </span>
                  {row.doNotCall ? (
                    <span className="badge badge-danger">Do not call</span>
                  ) : noVoice ? (
                    <span className="badge badge-warning">No voice number</span>
                  ) : row.flagged ? (
                    <span className="badge badge-warning">Check number</span>
                  ) : null}
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

function initials(name: string) {
  const parts = name.trim().split(/\s+/);
  const letters = parts.length > 1 ? [parts[0]!, parts[parts.length - 1]!] : [name];
  return letters
    .map((p) => [...p][0] ?? '')
    .join('')
    .toUpperCase();
}

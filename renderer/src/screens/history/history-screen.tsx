import { useCallback, useEffect, useState } from 'react';
import { focusSoon } from '../../keyboard/focus';
import { clearFilters, filtering, openEntry, select, showRows, showSettled, startHistory, useHistory } from '../../stores/history-store';
import { consumeHistoryOpen } from '../../stores/toasts-store';
import { exportHistory } from './export-history';
import { DETAIL_HEADING, HistoryDetail } from './history-detail';
import { HISTORY_SEARCH, HistoryFilters } from './history-filters';
import { HISTORY_LISTBOX, HistoryList } from './history-list';
import { QueueView } from './queue-view';
import './history.css';

type View = 'calls' | 'queue';
const VIEWS: Array<[View, string]> = [
  ['calls', 'Calls'],
  ['queue', 'Queued calls'],
];

const heading = () => document.getElementById(DETAIL_HEADING);
const listbox = () => document.getElementById(HISTORY_LISTBOX);
const search = () => document.getElementById(HISTORY_SEARCH);

/**
 * The call history: every attempt main recorded, newest first, filtered by main; the selected
 * call's details, what to do with it, and — on Feather API 1.90 — the calls waiting in the queue.
 */
export function HistoryScreen() {
  useEffect(startHistory, []);
  const { rows, total, all, loaded, error, selection, detail, detailId, detailError, filter, above } = useHistory();
  const [view, setView] = useState<View>('calls');
  const [exportError, setExportError] = useState<string | null>(null);
  // an entry to show (a notification clicked, a toast's Show, Details in the queue): the calls, with
  // that one selected and focus on its details
  const showEntry = useCallback((id: string) => {
    setView('calls');
    void openEntry(id).then(() => focusSoon(heading));
  }, []);
  useEffect(() => consumeHistoryOpen(({ id }) => showEntry(id)), [showEntry]);

  const filtered = filtering(filter);
  const noCalls = loaded && all === 0 && !error;
  const plural = all === 1 ? '' : 's';
  const count = !loaded
    ? 'Loading…'
    : filtered
      ? `${total.toLocaleString()} of ${all.toLocaleString()} call${plural}`
      : `${all.toLocaleString()} call${plural}`;

  return (
    <div className="history">
      <h1 className="visually-hidden">History</h1>
      <div className="segmented history-views" role="radiogroup" aria-label="Show">
        {VIEWS.map(([id, label]) => (
          <label key={id} className={view === id ? 'selected' : undefined}>
            <input type="radio" name="history-view" value={id} checked={view === id} onChange={() => setView(id)} />
            {label}
          </label>
        ))}
      </div>

      <div className="history-calls" hidden={view !== 'calls'}>
        <HistoryFilters onOpen={() => focusSoon(heading)} />
        <div className="history-toolbar">
          <p id="history-count" className="muted count" aria-live="polite">
            {count}
          </p>
          {filtered && total > 0 ? (
            <button
              type="button"
              className="link"
              onClick={() => {
                clearFilters();
                focusSoon(search); // this link goes with the filters
              }}
            >
              Clear filters
            </button>
          ) : null}
          <button
            type="button"
            className="secondary small"
            disabled={!loaded || total === 0}
            onClick={() => void exportHistory(filter).then(setExportError)}
          >
            Export CSV
          </button>
        </div>
        {exportError ? (
          <p className="card-error" role="alert">
            {exportError}
          </p>
        ) : null}
        {error ? (
          <p className="card-error" role="alert">
            {error}
          </p>
        ) : null}
        {noCalls ? (
          <section className="card empty-state" aria-labelledby="history-empty-title">
            <h2 id="history-empty-title">No calls yet</h2>
            <p>Calls you place appear here, with how each one went: placed, answered, not placed and why.</p>
          </section>
        ) : (
          <div className="history-body">
            <div className="history-list-pane">
              {total > 0 ? (
                <HistoryList
                  total={total}
                  rowAt={(index) => rows.get(index)}
                  selected={selection.index}
                  above={above}
                  onSelect={select}
                  onOpen={() => focusSoon(heading)}
                  onShow={showRows}
                />
              ) : loaded && filtered ? (
                <div className="empty-list history-no-match">
                  <p>No call matches these filters.</p>
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => {
                      clearFilters();
                      focusSoon(search);
                    }}
                  >
                    Clear filters
                  </button>
                </div>
              ) : null}
            </div>
            <div className="history-detail-pane">
              {detail && detailId ? (
                <HistoryDetail entry={detail} onBack={() => focusSoon([listbox, search])} onSettled={showSettled} />
              ) : detailError ? (
                <p className="card-error" role="alert">
                  {detailError}
                </p>
              ) : null}
            </div>
          </div>
        )}
      </div>
      {view === 'queue' ? <QueueView onShowEntry={showEntry} /> : null}
    </div>
  );
}

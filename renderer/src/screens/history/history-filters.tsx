import { useEffect, useRef, useState } from 'react';
import { profileLabel } from '../../../../shared/profile-label';
import { useDirectoryState } from '../../stores/directory-store';
import { selectBy, setFilter, useHistory } from '../../stores/history-store';
import { useStatus } from '../../stores/status-store';
import { dayStart } from './history-format';
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from '../../../../shared/history/outcomes';

export const HISTORY_SEARCH = 'history-search';

/**
 * The list's filters: a name or number, a date range, outcomes, the connection and who called.
 * Each change asks main again (main decides what matches); the dates are local days, sent as instants.
 */
export function HistoryFilters({ onOpen }: { onOpen(): void }) {
  const { filter, dates } = useHistory();
  const { status } = useStatus();
  const { directory } = useDirectoryState();
  const agents = directory?.agents ?? [];
  const teams = directory?.teams ?? [];
  return (
    <div className="history-filters" role="search" aria-label="Filter calls">
      <div className="field history-search">
        <label htmlFor={HISTORY_SEARCH}>Name or number</label>
        <input
          id={HISTORY_SEARCH}
          type="search"
          data-autofocus="select"
          autoComplete="off"
          placeholder="María, 415 555…"
          value={filter.text}
          aria-controls="history-count"
          onChange={(e) => setFilter({ text: e.target.value })}
          onKeyDown={(e) => {
            // the same keys as in the list: the search box never traps the user above it
            if (e.key === 'ArrowDown') selectBy(1);
            else if (e.key === 'ArrowUp') selectBy(-1);
            else if (e.key === 'Enter') onOpen();
            else return;
            e.preventDefault();
          }}
        />
      </div>
      <div className="field">
        <label htmlFor="history-from">From</label>
        <input
          id="history-from"
          type="date"
          value={dates.from}
          max={dates.to || undefined}
          onChange={(e) => setFilter({ from: dayStart(e.target.value) }, { from: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor="history-to">To</label>
        <input
          id="history-to"
          type="date"
          value={dates.to}
          min={dates.from || undefined}
          onChange={(e) => setFilter({ to: dayStart(e.target.value, true) }, { to: e.target.value })}
        />
      </div>
      <OutcomeFilter chosen={filter.outcomes} onChange={(outcomes) => setFilter({ outcomes })} />
      <div className="field">
        <label htmlFor="history-profile">Connection</label>
        <select id="history-profile" value={filter.profileId ?? ''} onChange={(e) => setFilter({ profileId: e.target.value || null })}>
          <option value="">Any connection</option>
          {status?.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {profileLabel(p)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="history-caller">Agent or team</label>
        <select id="history-caller" value={filter.callerId ?? ''} onChange={(e) => setFilter({ callerId: e.target.value || null })}>
          <option value="">Anyone</option>
          {agents.length ? (
            <optgroup label="Agents">
              {agents.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label}
                </option>
              ))}
            </optgroup>
          ) : null}
          {teams.length ? (
            <optgroup label="Teams">
              {teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </div>
    </div>
  );
}

/** Outcomes, any number of them: a button that opens a list of checkboxes; Esc or a click elsewhere closes it. */
function OutcomeFilter({ chosen, onChange }: { chosen: Outcome[]; onChange(outcomes: Outcome[]): void }) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: Event) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away, true);
    document.addEventListener('focusin', away, true);
    return () => {
      document.removeEventListener('pointerdown', away, true);
      document.removeEventListener('focusin', away, true);
    };
  }, [open]);
  const summary = chosen.length === 0 ? 'Any' : chosen.length === 1 ? OUTCOME_LABELS[chosen[0]!] : `${chosen.length} chosen`;
  const toggle = (outcome: Outcome, on: boolean) =>
    onChange(on ? OUTCOMES.filter((o) => o === outcome || chosen.includes(o)) : chosen.filter((o) => o !== outcome));
  return (
    <div
      ref={box}
      className="field outcome-filter"
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !open) return;
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <span className="field-label" id="history-outcome-label">
        Outcome
      </span>
      <button
        ref={button}
        type="button"
        className="secondary outcome-button"
        aria-expanded={open}
        aria-controls="history-outcomes"
        aria-labelledby="history-outcome-label history-outcome-summary"
        onClick={() => setOpen(!open)}
      >
        <span id="history-outcome-summary">{summary}</span> <span aria-hidden="true">▾</span>
      </button>
      <fieldset id="history-outcomes" className="outcome-panel" hidden={!open}>
        <legend className="visually-hidden">Outcomes to show</legend>
        {OUTCOMES.map((outcome) => (
          <label key={outcome} className="inline">
            <input type="checkbox" checked={chosen.includes(outcome)} onChange={(e) => toggle(outcome, e.target.checked)} />
            {OUTCOME_LABELS[outcome]}
          </label>
        ))}
        <button type="button" className="link" onClick={() => chosen.length && onChange([])}>
          Any outcome
        </button>
      </fieldset>
    </div>
  );
}

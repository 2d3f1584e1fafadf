import { memo, useMemo } from 'react';
import type { Caller } from '../../../../shared/call-intent';
import type { CallPreview } from '../../../../shared/call-preview';
import type { Directory } from '../../../../shared/contract';
import { IdField } from '../../components/id-field';
import { callerBindingOf, numberBindingOf } from '../../components/id-combobox-entries';
import type { DialStore } from '../../dial/dial-store';
import { refreshDirectory, saveManual, useDirectoryState } from '../../stores/directory-store';

const MODES: Array<[Caller['mode'], string]> = [
  ['auto', 'Automatic'],
  ['agent', 'Agent'],
  ['team', 'Team'],
];

interface Props {
  fromNumberId: string;
  caller: Caller;
  errors: Record<string, string>;
  /** main's plan: the agents and teams bound to the from-number */
  offered: CallPreview['offered'] | undefined;
  store: DialStore;
  directory: Directory | null;
}

/**
 * The from-number and who calls: Automatic, an agent or a team (those main says are bound come
 * first). Rendered again only when what it shows changes — not on a keystroke in To, nor when
 * main's plan for a new number arrives: its React Aria pickers are most of a render's cost.
 */
export const CallerFields = memo(
  CallerFieldsNow,
  (a, b) =>
    (['fromNumberId', 'caller', 'store', 'directory'] as const).every((k) => a[k] === b[k]) &&
    ['fromNumberId', 'agentId', 'teamId'].every((k) => a.errors[k] === b.errors[k]) &&
    // main's answers are new objects each time: the same agents and teams is the same offer
    JSON.stringify(a.offered) === JSON.stringify(b.offered),
);

function CallerFieldsNow({ fromNumberId, caller, errors, offered, store, directory }: Props) {
  const { refreshing } = useDirectoryState();
  const only = (list: Directory['agents'] | undefined, ids: string[] | null | undefined) =>
    ids ? list?.filter((e) => ids.includes(e.id)) : list;
  const setCaller = (next: Caller) => store.dispatch({ type: 'edit', patch: { caller: next } });

  return (
    <>
      {/* focus in From makes it the user's: a default arriving later never lands under their typing */}
      <div className="contents" onFocus={() => store.dispatch({ type: 'fromFocused' })}>
        <IdField
          id="from-number"
          field="fromNumberId"
          label="From number"
          placeholder="Name, number or ID"
          value={fromNumberId}
          error={errors.fromNumberId}
          options={directory?.phoneNumbers}
          bindingOf={numberBindingOf(directory)}
          onChange={(id) => store.dispatch({ type: 'edit', patch: { fromNumberId: id } })}
          onSaveManual={(label) => saveManual('phoneNumber', label, fromNumberId)}
          suggestionsLabel="Your organisation's numbers"
        />
      </div>
      <DirectoryStatus directory={directory} refreshing={refreshing} onRefresh={() => void refreshDirectory()} />

      <fieldset className="caller">
        <legend>Who calls</legend>
        <div className="segmented" role="radiogroup" aria-label="Who calls">
          {MODES.map(([mode, label]) => (
            <label key={mode} className={caller.mode === mode ? 'selected' : undefined}>
              <input
                type="radio"
                name="caller"
                value={mode}
                checked={caller.mode === mode}
                onChange={() => store.dispatch({ type: 'callerMode', mode })}
              />
              {label}
            </label>
          ))}
        </div>
        {caller.mode === 'agent' ? (
          <IdField
            id="agent-id"
            field="agentId"
            label="Agent ID"
            placeholder="Name or ID"
            value={caller.agentId}
            error={errors.agentId}
            options={only(directory?.agents, offered?.agentIds)}
            bindingOf={callerBindingOf(directory, fromNumberId, 'agent')}
            lookup={directory?.agents}
            onChange={(agentId) => setCaller({ mode: 'agent', agentId })}
            onSaveManual={(label) => saveManual('agent', label, caller.agentId)}
            suggestionsLabel="Agents you can call as"
          />
        ) : null}
        {caller.mode === 'team' ? (
          <IdField
            id="team-id"
            field="teamId"
            label="Team ID"
            placeholder="Name or ID"
            value={caller.teamId}
            error={errors.teamId}
            options={only(directory?.teams, offered?.teamIds)}
            bindingOf={callerBindingOf(directory, fromNumberId, 'team')}
            lookup={directory?.teams}
            onChange={(teamId) => setCaller({ mode: 'team', teamId })}
            onSaveManual={(label) => saveManual('team', label, caller.teamId)}
            suggestionsLabel="Teams you can call as"
          />
        ) : null}
        {offered?.note && caller.mode !== 'auto' ? <p className="hint">{offered.note}</p> : null}
      </fieldset>
    </>
  );
}

function DirectoryStatus({ directory, refreshing, onRefresh }: { directory: Directory | null; refreshing: boolean; onRefresh(): void }) {
  // toLocaleString builds a formatter each time: once per fetch, not per render
  const fetchedAt = directory?.fetchedAt;
  const when = useMemo(() => (fetchedAt ? new Date(fetchedAt).toLocaleString() : null), [fetchedAt]);
  if (!directory) return null;
  return (
    <p className="hint directory-status">
      {directory.refreshError ? (
        <span className="warning-text">
          {when ? `Showing organisation data from ${when}. ` : 'No organisation data yet. '}
          {directory.refreshError}
        </span>
      ) : when ? (
        <span>Numbers, agents and teams as of {when}.</span>
      ) : null}
      {directory.unavailable.length ? (
        <span> Not listed by this server: {directory.unavailable.join(', ')} — enter IDs by hand.</span>
      ) : null}{' '}
      {/* aria-disabled, not disabled: a disabled button drops the focus to <body> */}
      <button type="button" className="link" aria-disabled={refreshing || undefined} onClick={() => !refreshing && onRefresh()}>
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
    </p>
  );
}

import type { Caller } from '../../../../shared/call-intent';
import type { Directory } from '../../../../shared/contract';
import { IdField } from '../../components/id-field';
import { callerBindingOf, numberBindingOf } from '../../components/id-combobox-entries';
import type { DialState } from '../../dial/dial-state';
import type { DialStore } from '../../dial/dial-store';
import { refreshDirectory, saveManual, useDirectoryState } from '../../stores/directory-store';

const MODES: Array<[Caller['mode'], string]> = [
  ['auto', 'Automatic'],
  ['agent', 'Agent'],
  ['team', 'Team'],
];

/** The from-number and who calls: Automatic, an agent or a team (those main says are bound come first). */
export function CallerFields({ state, store, directory }: { state: DialState; store: DialStore; directory: Directory | null }) {
  const { draft, plan } = state;
  const errors = state.fieldErrors;
  const { refreshing } = useDirectoryState();
  const offered = plan?.offered;
  const only = (list: Directory['agents'] | undefined, ids: string[] | null | undefined) =>
    ids ? list?.filter((e) => ids.includes(e.id)) : list;
  const caller = draft.caller;
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
          value={draft.fromNumberId}
          error={errors.fromNumberId}
          options={directory?.phoneNumbers}
          bindingOf={numberBindingOf(directory)}
          onChange={(fromNumberId) => store.dispatch({ type: 'edit', patch: { fromNumberId } })}
          onSaveManual={(label) => saveManual('phoneNumber', label, draft.fromNumberId)}
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
            bindingOf={callerBindingOf(directory, draft.fromNumberId, 'agent')}
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
            bindingOf={callerBindingOf(directory, draft.fromNumberId, 'team')}
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
  if (!directory) return null;
  const when = directory.fetchedAt ? new Date(directory.fetchedAt).toLocaleString() : null;
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

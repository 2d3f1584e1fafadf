import { useEffect, useRef } from 'react';
import type { Directory, ProfileView } from '../../../shared/contract';
import { describeEntry, entryView } from '../components/id-combobox-entries';
import { useDirectoryState } from '../stores/directory-store';
import { profileLabel } from '../../../shared/profile-label';
import { api } from '../api';
import { isLocked, shownPlan, type DialState } from '../dial/dial-state';
import type { DialStore } from '../dial/dial-store';
import { CallActions } from '../screens/dial/call-actions';
import { CallLive } from '../screens/dial/call-live';
import { CallNotices } from '../screens/dial/call-notices';
import { CardConfirmations } from '../screens/dial/card-confirmations';
import { Refusal } from '../screens/dial/refusal';
import { closePalette } from './close-palette';
import { WaitingOffer } from '../screens/dial/waiting-note';

interface Props {
  state: DialState;
  store: DialStore;
  profile: ProfileView;
  /** Esc: back to the search (a new call) */
  onBack(): void;
}

/** An entry's name as the pickers show it (a number: its name, then the number). */
const label = (list: Directory['agents'] | undefined, id: string) => {
  const entry = list?.find((e) => e.id === id);
  return entry ? describeEntry({ ...entryView(entry), binding: undefined }) : undefined;
};

/** The draft, as it is, to the main window's Dial screen (to fix what blocks it there). */
function openInWindow(state: DialState) {
  const { draft } = state;
  void api().call.openInWindow({
    toNumber: draft.toNumber,
    ...(draft.contactId ? { contactId: draft.contactId } : {}),
    ...(draft.templateId ? { templateId: draft.templateId } : {}),
    ...(draft.fromNumberId ? { fromNumberId: draft.fromNumberId } : {}),
    caller: draft.caller,
  });
  closePalette();
}

/** The palette's call card: main's plan in a few lines, Enter calls, Esc goes back; anything to fix opens in the main window. */
export function PaletteCard({ state, store, profile, onBack }: Props) {
  const { phase } = state;
  const { directory } = useDirectoryState();
  const plan = shownPlan(state);
  const done = useRef<HTMLButtonElement>(null);
  const armed = phase.kind === 'review' || phase.kind === 'placing' || phase.kind === 'not_placed';
  useEffect(() => {
    if (phase.kind === 'placed' || phase.kind === 'unknown') done.current?.focus();
  }, [phase.kind]);
  // Esc anywhere on the card goes back, except while the call is being placed
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Escape' || phase.kind === 'placing') return;
    e.preventDefault();
    finish();
  };
  // After a call: a call that waited opens here; otherwise the palette goes away.
  const finish = () => {
    if ((phase.kind === 'placed' || phase.kind === 'unknown') && !state.waiting) closePalette();
    onBack();
  };
  const error = phase.kind === 'not_placed' ? phase.error : state.rejected;

  return (
    <section className="palette-card" aria-label="Call card" onKeyDown={onKeyDown}>
      <header className="card-header">
        <h2>
          {phase.kind === 'placed' ? (phase.result.queued ? 'Call placed (queued)' : 'Call placed') : armed ? 'Ready to call' : 'Call card'}
        </h2>
        <span className={`pill profile-${profile.kind}`}>{profileLabel(profile)}</span>
      </header>
      {phase.kind === 'placed' || phase.kind === 'unknown' ? null : (
        <WaitingOffer waiting={state.waiting} onOpen={() => store.newCall()} onDismiss={() => store.dispatch({ type: 'dismissWaiting' })} />
      )}
      {phase.kind === 'placed' ? (
        <>
          <p role="status">
            {phase.result.agentName ?? 'Feather'} {phase.result.queued ? 'will call' : 'is calling'}{' '}
            {plan?.contact?.name ?? phase.result.toNumber}.
          </p>
          <CallLive row={state.callRow} compact />
          <CallNotices answered={phase.result.notices} late={state.callNotices} />
        </>
      ) : phase.kind === 'unknown' ? (
        <>
          <p role="alert">{phase.error.message}</p>
          {state.callRow && state.callRow.outcome !== 'unknown' ? (
            <CallLive row={state.callRow} compact />
          ) : (
            <p className="hint">Listed in History as “Outcome unknown”: look there before calling this number again.</p>
          )}
        </>
      ) : plan?.body ? (
        <dl className="card-facts">
          <dt>To</dt>
          <dd>
            {plan.contact ? <strong>{plan.contact.name} </strong> : null}
            {plan.to?.international ?? plan.body.to_phone_number}
          </dd>
          <dt>From</dt>
          <dd>{label(directory?.phoneNumbers, plan.body.from_phone_number_id) ?? plan.body.from_phone_number_id}</dd>
          <dt>Caller</dt>
          <dd>
            {plan.body.agent_id
              ? `Agent: ${label(directory?.agents, plan.body.agent_id) ?? plan.body.agent_id}`
              : plan.body.team_id
                ? `Team: ${label(directory?.teams, plan.body.team_id) ?? plan.body.team_id}`
                : 'Automatic'}
            {plan.body.context_variables ? ` · ${Object.keys(plan.body.context_variables).length} variables` : ''}
          </dd>
        </dl>
      ) : (
        <p className="muted" role="status">
          {plan && !isLocked(phase) ? (plan.summary ?? 'Checking…') : 'Checking…'}
        </p>
      )}
      {armed && plan ? <CardConfirmations plan={plan} /> : null}
      {/* placed: the answer's notices (the plan's among them) are shown with the call */}
      {phase.kind === 'placed'
        ? null
        : plan?.notices.map((n) => (
            <p key={n} className="hint hint-warning" role="note">
              {n}
            </p>
          ))}
      {plan?.doNotCall ? (
        <p className="card-error" role="alert">
          <strong>Do not call.</strong> {plan.doNotCall}
        </p>
      ) : null}
      {error ? (
        // the palette has no fields: what Feather refused is listed here, once
        <div className="card-error" role="alert">
          <Refusal error={error} shownAt={() => false} />
        </div>
      ) : null}
      {armed && !plan?.doNotCall ? (
        <CallActions phase={phase} error={error} queues={plan?.apiVersion === '1.90'} onCall={(o) => void store.call(o)} onEdit={onBack} />
      ) : phase.kind === 'placed' || phase.kind === 'unknown' ? (
        <div className="card-actions">
          <button ref={done} type="button" className="secondary" onClick={finish}>
            {state.waiting ? 'Open the call waiting' : 'Done'}
          </button>
          <span className="hint">{state.waiting ? 'Esc opens it too' : 'Esc to close'}</span>
        </div>
      ) : (
        <div className="card-actions">
          <button type="button" className="secondary" onClick={() => openInWindow(state)}>
            Open in Feather Launcher
          </button>
          <span className="hint">Esc to go back</span>
        </div>
      )}
    </section>
  );
}

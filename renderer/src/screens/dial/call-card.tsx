import { Suspense, useEffect, useRef } from 'react';
import type { Directory, ProfileView } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { profileLabel } from '../../../../shared/profile-label';
import type { CallOptions } from '../../dial/dial-store';
import { shownPlan, type DialState } from '../../dial/dial-state';
import { CallActions } from './call-actions';
import { CallPlaced, OutcomeUnknown, preloadAfterCall } from './after-call';
import { CardFacts } from './card-facts';
import { Refusal, shownOnForm } from './refusal';
import { WaitingOffer } from './waiting-note';

interface Props {
  state: DialState;
  profile: ProfileView;
  directory: Directory | null;
  onCall(options?: CallOptions): void;
  /** outcome unknown on 1.90: ask Feather again with the same idempotency key */
  onResend(): void;
  onEdit(): void;
  onNewCall(): void;
  /** "Not now" on a call waiting beside this card */
  onDismissWaiting(): void;
  onOpenConnection(): void;
}

/** The pre-flight call card: exactly what main will send (its plan), then what happened. */
export function CallCard(props: Props) {
  const { state, profile, directory } = props;
  const { phase } = state;
  if (phase.kind === 'placed')
    return (
      <Suspense fallback={<p aria-busy="true">Call placed…</p>}>
        <CallPlaced
          result={phase.result}
          row={state.callRow}
          notices={state.callNotices}
          waiting={state.waiting}
          onNewCall={props.onNewCall}
        />
      </Suspense>
    );
  if (phase.kind === 'unknown') {
    return (
      <Suspense fallback={<p aria-busy="true">Waiting for Feather…</p>}>
        <OutcomeUnknown phase={phase} row={state.callRow} waiting={state.waiting} onResend={props.onResend} onNewCall={props.onNewCall} />
      </Suspense>
    );
  }

  // "Not placed" is the armed card again, with Feather's refusal on it (Call again is safe: same card).
  const armed = phase.kind === 'review' || phase.kind === 'placing' || phase.kind === 'not_placed';
  if (armed) preloadAfterCall();
  // Armed, the card shows the plan it was armed with (Call sends its digest); while editing, main's latest.
  const plan = shownPlan(state);
  const error: AppError | null = phase.kind === 'not_placed' ? phase.error : state.rejected;
  return (
    <section
      className={`card${armed ? ' card-armed' : ' card-draft'}`}
      aria-label="Call card"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && (phase.kind === 'review' || phase.kind === 'not_placed')) props.onEdit();
      }}
    >
      <header className="card-header">
        <h2>{armed ? 'Ready to call' : 'Call card'}</h2>
        <span className={`pill profile-${profile.kind}`}>{profileLabel(profile)}</span>
      </header>
      <WaitingOffer waiting={state.waiting} onOpen={props.onNewCall} onDismiss={props.onDismissWaiting} />
      <FromOutside fromOutside={state.fromOutside} />
      {plan?.body ? (
        <CardFacts plan={plan} directory={directory} />
      ) : (
        <p className="muted" role="status">
          {state.planError
            ? state.planError.message
            : plan?.summary && state.touched
              ? `${plan.summary} The exact request appears here once they are fixed.`
              : 'Fill in the number and who calls; the exact request appears here before anything is sent.'}
        </p>
      )}
      <CardError error={error} state={state} onOpenConnection={props.onOpenConnection} />
      {plan?.doNotCall ? (
        <DoNotCall reason={plan.doNotCall} armed={armed} onEdit={props.onEdit} />
      ) : armed ? (
        <CallActions
          phase={phase}
          error={error}
          queues={plan?.apiVersion === '1.90'}
          onCall={props.onCall}
          onEdit={props.onEdit}
          checkFirst={Boolean(state.fromOutside)}
        />
      ) : null}
    </section>
  );
}

/** Why the last try was not placed: each field's message is at its field (see refusal.tsx), the rest here. */
function CardError({ error, state, onOpenConnection }: { error: AppError | null; state: DialState; onOpenConnection(): void }) {
  if (!error) return null;
  return (
    <div className="card-error" role="alert">
      <Refusal error={error} shownAt={(field) => shownOnForm(field, state)} />
      {error.code === 'invalid_key' || error.code === 'no_key' ? (
        <button type="button" className="link" onClick={onOpenConnection}>
          Open Connection
        </button>
      ) : null}
    </div>
  );
}

function DoNotCall({ reason, armed, onEdit }: { reason: string; armed: boolean; onEdit(): void }) {
  const edit = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (armed) edit.current?.focus();
  }, [armed]);
  return (
    <div className="card-error" role="alert">
      <p>
        <strong>Do not call.</strong> {reason}
      </p>
      <p>This number cannot be called from any part of the app while it is marked do-not-call.</p>
      {armed ? (
        <button ref={edit} type="button" className="secondary small" onClick={onEdit}>
          Edit
        </button>
      ) : null}
    </div>
  );
}

const FIELD_WORDS = {
  toNumber: 'the number',
  fromNumberId: 'the from-number',
  caller: 'who calls',
  templateId: 'the template',
  variables: 'variables',
};

/** A card opened from a link or the command line says which values came from there, to be checked before calling. */
function FromOutside({ fromOutside }: { fromOutside: DialState['fromOutside'] }) {
  if (!fromOutside || fromOutside.fields.length === 0) return null;
  const words = fromOutside.fields.map((f) => FIELD_WORDS[f]);
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1)}` : words[0];
  return (
    <p className="hint hint-warning from-outside" role="note">
      Opened {fromOutside.source === 'link' ? 'from a link' : 'from the command line'}: {list} came from it. Check them before calling.
    </p>
  );
}

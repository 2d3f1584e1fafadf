import { useEffect, useRef } from 'react';
import type { ConfirmationKind } from '../../../../shared/call-intent';
import type { Confirmation } from '../../../../shared/call-preview';
import type { AppError } from '../../../../shared/result';
import type { CallOptions } from '../../dial/dial-store';
import type { DialPhase } from '../../dial/dial-state';

interface Props {
  phase: DialPhase;
  error: AppError | null;
  /** 1.90: calls queue for calling hours unless "Call now" */
  queues: boolean;
  onCall(options?: CallOptions): void;
  onEdit(): void;
  /** opened from a link or the command line: focus starts on Edit, so a stray Enter never calls (Call by its button) */
  checkFirst?: boolean;
}

const kinds = (list: readonly Confirmation[]): ConfirmationKind[] => list.map((c) => c.kind);

/**
 * Call (Enter), Call now (1.90), Edit (Esc). Whatever main's plan asks to confirm — calling hours, a
 * number type, a call to the number already under way, an earlier call whose outcome is unknown — is
 * confirmed only by a button of its own ("Call anyway", "Call now anyway", "Call now instead"): focus
 * then goes to Edit, so Enter never confirms.
 */
export function CallActions({ phase, error, queues, onCall, onEdit, checkFirst = false }: Props) {
  const callButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const placing = phase.kind === 'placing';
  // what the armed plan asks to confirm: main refuses without it
  const confirmations = 'plan' in phase ? phase.plan.confirmations : [];
  // 1.90 outside calling hours: a plain Call waits in Feather's queue; only Call now needs confirming
  const forCall = confirmations.filter((c) => !c.callNowOnly);
  const confirmCall = forCall.length > 0;
  const confirmNow = confirmations.length > 0;
  // 1.90: a queued call to this number that main says can be cancelled and replaced by this one
  const replaces = queues ? confirmations.find((c) => c.kind === 'under_way' && c.queuedSessionId) : undefined;

  // Focus when the card is armed (or refused, to try again): with something to confirm Enter must not
  // call, so Edit; otherwise Call. When main's plan then asks differently for the same card, focus
  // never moves onto a call button: to Edit when it now asks something, or when its button went.
  const armedAs = phase.kind === 'review' || phase.kind === 'not_placed' ? `${phase.kind}:${phase.requestId}` : null;
  const focusedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!armedAs) {
      focusedFor.current = null;
      return;
    }
    if (focusedFor.current !== armedAs) {
      focusedFor.current = armedAs;
      (confirmCall || checkFirst ? editButton : callButton).current?.focus();
    } else if (confirmCall || document.activeElement === document.body) {
      editButton.current?.focus();
    }
  }, [armedAs, confirmCall, checkFirst, replaces?.queuedSessionId]);

  const callInstead = replaces ? (
    <button
      type="button"
      className="primary"
      disabled={placing}
      aria-describedby="call-now-instead-note"
      onClick={() => {
        // the queued call is the one this replaces; anything else the card lists is confirmed as "Call now anyway" does
        const others = kinds(confirmations.filter((c) => c !== replaces));
        onCall({ instant: true, replaceQueued: replaces.queuedSessionId!, ...(others.length ? { confirmed: others } : {}) });
      }}
    >
      Call now instead
    </button>
  ) : null;
  const callNow = queues ? (
    <button
      type="button"
      className={confirmNow ? 'danger' : 'secondary'}
      disabled={placing}
      onClick={() => onCall({ instant: true, ...(confirmNow ? { confirmed: kinds(confirmations) } : {}) })}
      aria-describedby="call-now-note"
    >
      {confirmNow ? 'Call now anyway' : 'Call now'}
    </button>
  ) : null;
  return (
    <div className="card-actions">
      {callInstead}
      {confirmCall ? (
        <button type="button" className="danger" disabled={placing} onClick={() => onCall({ confirmed: kinds(forCall) })}>
          {placing ? 'Calling…' : 'Call anyway'}
        </button>
      ) : (
        <button ref={callButton} type="button" className="primary" disabled={placing} onClick={() => onCall()}>
          {placing ? 'Calling…' : error ? 'Try again' : 'Call'}
        </button>
      )}
      {callNow}
      <button ref={editButton} type="button" className="secondary" disabled={placing} onClick={onEdit}>
        Edit
      </button>
      <span className="hint">
        {confirmCall
          ? '“Call anyway” only by its button — Enter does not confirm'
          : checkFirst
            ? 'Check the values from outside the app, then press Call'
            : confirmNow
              ? 'Enter to call (it waits for calling hours) · “Call now anyway” only by its button'
              : 'Enter to call · Esc to edit'}
      </span>
      {replaces ? (
        <p id="call-now-instead-note" className="hint call-now-note">
          Call now instead cancels the queued call in Feather first; this call is placed, at once, only once Feather confirms the cancel. If
          it does not, nothing is placed.
        </p>
      ) : null}
      {queues ? (
        <p id="call-now-note" className="hint call-now-note">
          Call now skips the calling-hours queue and dials at once; instant calls count against your organisation’s rate limit (Feather may
          answer “wait and try again”).
        </p>
      ) : null}
    </div>
  );
}

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
 * Call (Enter), Call now (1.90), Edit (Esc). Whatever needs confirming — "maybe already called",
 * calling hours, a number type — is confirmed only by a button of its own ("Call anyway", "Call now
 * anyway"): focus then goes to Edit, so Enter never confirms.
 */
export function CallActions({ phase, error, queues, onCall, onEdit, checkFirst = false }: Props) {
  const callButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const doubt = error?.code === 'recently_uncertain';
  const placing = phase.kind === 'placing';
  // what the armed plan asks to confirm (calling hours, number types): main refuses without it
  const confirmations = 'plan' in phase ? phase.plan.confirmations : [];
  // 1.90 outside calling hours: a plain Call waits in Feather's queue; only Call now needs confirming
  const forCall = confirmations.filter((c) => !c.callNowOnly);
  const confirmCall = doubt || forCall.length > 0;
  const confirmNow = confirmations.length > 0;

  useEffect(() => {
    if (phase.kind !== 'review' && phase.kind !== 'not_placed') return;
    // With something to confirm, Enter must not call: focus goes to Edit, not to a call button.
    if (confirmCall || checkFirst) editButton.current?.focus();
    else callButton.current?.focus();
  }, [phase.kind, confirmCall, checkFirst]);

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
      {confirmCall ? (
        <button
          type="button"
          className="danger"
          disabled={placing}
          onClick={() => onCall({ ...(doubt ? { confirmUncertain: true } : {}), confirmed: kinds(forCall) })}
        >
          {placing ? 'Calling…' : 'Call anyway'}
        </button>
      ) : (
        <button ref={callButton} type="button" className="primary" disabled={placing} onClick={() => onCall()}>
          {placing ? 'Calling…' : error ? 'Try again' : 'Call'}
        </button>
      )}
      {doubt ? null : callNow}
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
      {queues && !doubt ? (
        <p id="call-now-note" className="hint call-now-note">
          Call now skips the calling-hours queue and dials at once; instant calls count against your organisation’s rate limit (Feather may
          answer “wait and try again”).
        </p>
      ) : null}
    </div>
  );
}

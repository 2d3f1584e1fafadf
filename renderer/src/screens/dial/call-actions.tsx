import { useEffect, useRef } from 'react';
import type { AppError } from '../../../../shared/result';
import type { DialPhase } from '../../dial/dial-state';

interface Props {
  phase: DialPhase;
  error: AppError | null;
  /** 1.90: calls queue for calling hours unless "Call now" */
  queues: boolean;
  onCall(options?: { instant?: boolean; confirmUncertain?: boolean }): void;
  onEdit(): void;
}

/** Call (Enter), Call now (1.90), Edit (Esc) — or, after "maybe already called", Call anyway by its own button only. */
export function CallActions({ phase, error, queues, onCall, onEdit }: Props) {
  const callButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const doubt = error?.code === 'recently_uncertain';
  const placing = phase.kind === 'placing';

  useEffect(() => {
    if (phase.kind !== 'review' && phase.kind !== 'not_placed') return;
    // After the recently-uncertain warning, Enter must not call: focus goes to Edit, not to a call button.
    if (doubt) editButton.current?.focus();
    else callButton.current?.focus();
  }, [phase.kind, doubt]);

  if (doubt) {
    return (
      <div className="card-actions">
        <button type="button" className="danger" disabled={placing} onClick={() => onCall({ confirmUncertain: true })}>
          Call anyway
        </button>
        <button ref={editButton} type="button" className="secondary" disabled={placing} onClick={onEdit}>
          Edit
        </button>
        <span className="hint">“Call anyway” only by its button — Enter does not confirm</span>
      </div>
    );
  }
  return (
    <div className="card-actions">
      <button ref={callButton} type="button" className="primary" disabled={placing} onClick={() => onCall()}>
        {placing ? 'Calling…' : error ? 'Try again' : 'Call'}
      </button>
      {queues ? (
        <button
          type="button"
          className="secondary"
          disabled={placing}
          onClick={() => onCall({ instant: true })}
          aria-describedby="call-now-note"
        >
          Call now
        </button>
      ) : null}
      <button type="button" className="secondary" disabled={placing} onClick={onEdit}>
        Edit
      </button>
      <span className="hint">Enter to call · Esc to edit</span>
      {queues ? (
        <p id="call-now-note" className="hint call-now-note">
          Call now skips the calling-hours queue and dials at once; instant calls count against your organisation’s rate limit (Feather may
          answer “wait and try again”).
        </p>
      ) : null}
    </div>
  );
}

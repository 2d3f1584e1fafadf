import type { DialRequest } from '../../../../shared/main-events';
import type { DialPhase } from '../../dial/dial-state';
import { WaitingNote } from './waiting-note';

type Unknown = Extract<DialPhase, { kind: 'unknown' }>;

/** The request may have reached Feather: never retried by itself; on 1.90 it can be asked about safely. */
export function OutcomeUnknown(props: { phase: Unknown; waiting: DialRequest | null; onResend(): void; onNewCall(): void }) {
  const { phase, waiting, onResend, onNewCall } = props;
  return (
    <section className="card card-unknown" aria-label="Call outcome">
      <h2>Outcome unknown</h2>
      <p role="alert">{phase.error.message}</p>
      <WaitingNote waiting={waiting} action="Start a new call" />
      {phase.error.resendable ? (
        <>
          <p className="hint">
            Feather API 1.90 remembers this request by its idempotency key: asking again returns the first call if it was placed, and places
            it once if it was not.
          </p>
          <div className="card-actions">
            <button type="button" className="primary" aria-disabled={phase.asking} onClick={() => !phase.asking && onResend()}>
              {phase.asking ? 'Asking Feather…' : 'Ask Feather again (safe)'}
            </button>
            <button type="button" className="secondary" disabled={phase.asking} onClick={onNewCall}>
              Start a new call
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="hint">This call is not retried automatically, so it cannot be placed twice by accident.</p>
          <button type="button" className="secondary" onClick={onNewCall}>
            Start a new call
          </button>
        </>
      )}
    </section>
  );
}

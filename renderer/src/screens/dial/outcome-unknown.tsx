import type { HistoryRow } from '../../../../shared/history/history-entry';
import type { DialRequest } from '../../../../shared/main-events';
import type { DialPhase } from '../../dial/dial-state';
import { CallLive } from './call-live';
import { WaitingNote } from './waiting-note';

type Unknown = Extract<DialPhase, { kind: 'unknown' }>;

interface Props {
  phase: Unknown;
  /** this attempt's history entry: once it is settled in History, the card shows what became of it */
  row: HistoryRow | null;
  waiting: DialRequest | null;
  onResend(): void;
  onNewCall(): void;
}

/** The request may have reached Feather: never retried by itself; on 1.90 it can be asked about safely. */
export function OutcomeUnknown({ phase, row, waiting, onResend, onNewCall }: Props) {
  const settled = row && row.outcome !== 'unknown' ? row : null;
  return (
    <section className="card card-unknown" aria-label="Call outcome">
      <h2>Outcome unknown</h2>
      <p role="alert">{phase.error.message}</p>
      {settled ? (
        <CallLive row={settled} />
      ) : (
        <p className="hint">
          This attempt is listed in <strong>History</strong> as “Outcome unknown”: look there, or ask the person, before calling this number
          again.
        </p>
      )}
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

import { useEffect, useId, useRef, useState } from 'react';
import type { Candidate } from '../../../../shared/history/history-contract';
import type { HistoryEntry } from '../../../../shared/history/history-entry';
import { api } from '../../api';
import { focusSoon } from '../../keyboard/focus';
import { formatWhen } from '../dial/card-format';
import { ConfirmDialog } from './confirm-dialog';

interface Props {
  entry: Pick<HistoryEntry, 'id' | 'toNumber' | 'contactName'>;
  /** main's answer: the entry settled (placed and followed, or not placed) */
  onSettled(entry: HistoryEntry): void;
}

type Found = { candidates: Candidate[]; note: string | null };

/**
 * "Outcome unknown": was the call placed? The conversations Feather started around the attempt
 * (main finds them, and puts the ones to the same number first), each with "This is the call";
 * or "It was not placed", confirmed. Main settles the entry either way; errors stay here.
 */
export function SettlePanel({ entry, onSettled }: Props) {
  const id = useId();
  const [found, setFound] = useState<Found | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const notPlaced = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    let current = true;
    void api()
      .history.candidates({ id: entry.id })
      .then((r) => {
        if (!current) return;
        if (r.ok) setFound(r.value);
        else setLoadError(r.error.message);
      });
    return () => {
      current = false;
    };
  }, [entry.id, attempt]);

  async function settle(request: { as: 'placed'; sessionId: string } | { as: 'not_placed' }) {
    setBusy(true);
    setError(null);
    const r = await api().history.settle({ id: entry.id, ...request });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setConfirming(false);
    onSettled(r.value);
  }

  const who = entry.contactName ? `${entry.contactName} (${entry.toNumber})` : entry.toNumber;
  return (
    <section className="settle-panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Was this call placed?</h3>
      <p className="hint">
        Feather may have started this call before the answer was lost. If one of these conversations is it, link it and the app follows it;
        if you know no call went out, say so and a new card to {entry.toNumber} stops asking.
      </p>
      {found?.note ? (
        <p className="hint" role="note">
          {found.note}
        </p>
      ) : null}
      {loadError ? (
        <div className="card-error" role="alert">
          <p>{loadError}</p>
          <button
            type="button"
            className="secondary small"
            onClick={() => {
              setLoadError(null);
              setAttempt((n) => n + 1);
              focusSoon(() => notPlaced.current); // this button goes while Feather is asked again
            }}
          >
            Try again
          </button>
        </div>
      ) : !found ? (
        <p className="muted" aria-busy="true">
          Asking Feather for conversations around this call…
        </p>
      ) : found.candidates.length ? (
        <ul className="candidate-list" aria-label="Conversations around this call">
          {found.candidates.map((c) => (
            <li key={c.sessionId} className="candidate">
              <div id={`${id}-${c.sessionId}`} className="candidate-text">
                <span className="candidate-when">
                  {formatWhen(c.startedAt)} · {c.status.replace(/_/g, ' ')}
                </span>
                <span>
                  {c.toNumber ?? 'number not given'}
                  {c.sameNumber ? <span className="badge badge-ok">Same number</span> : null}
                </span>
                {c.summary ? <span className="muted">{c.summary}</span> : null}
              </div>
              <button
                type="button"
                className="primary small"
                aria-disabled={busy}
                aria-describedby={`${id}-${c.sessionId}`}
                onClick={() => !busy && void settle({ as: 'placed', sessionId: c.sessionId })}
              >
                This is the call
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error && !confirming ? (
        <p className="card-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="card-actions">
        <button
          ref={notPlaced}
          type="button"
          className="secondary small"
          aria-disabled={busy}
          onClick={() => {
            if (busy) return;
            setError(null);
            setConfirming(true);
          }}
        >
          It was not placed
        </button>
      </div>
      {confirming ? (
        <ConfirmDialog
          title="Mark this call as not placed?"
          confirm="Mark not placed"
          keep="Keep it unknown"
          busy={busy}
          error={error}
          onConfirm={() => void settle({ as: 'not_placed' })}
          onKeep={() => {
            setConfirming(false);
            setError(null);
            focusSoon(() => notPlaced.current);
          }}
        >
          <p>
            Only when you are sure no call went out to {who}: the history will say it was not placed, and a new card to this number will no
            longer warn that it may have been placed.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

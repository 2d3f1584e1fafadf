import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { QueuedCallView } from '../../../../shared/history/history-contract';
import { api } from '../../api';
import { focusSoon } from '../../keyboard/focus';
import { onEvent } from '../../stores/on-event';
import { formatWhen } from '../dial/card-format';
import { ConfirmDialog } from './confirm-dialog';

type Queue = { calls: QueuedCallView[]; unavailable: string | null };
type Action = 'cancel' | 'pause' | 'resume';

const whoOf = (call: QueuedCallView) => call.name ?? call.toNumber ?? 'an unknown number';
export const QUEUE_REFRESH = 'queue-refresh';

/**
 * Feather API 1.90's outbound queue, as main reads it for the connection in use: who, who calls, when
 * it may dial, when it expires, paused or not; Pause, Resume and Cancel (confirmed). Read again on
 * Refresh and whenever a history entry moves on (a queued call dialled, expired, was cancelled).
 */
export function QueueView({ onShowEntry }: { onShowEntry(id: string): void }) {
  const id = useId();
  const [queue, setQueue] = useState<Queue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [confirming, setConfirming] = useState<QueuedCallView | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);

  // one read at a time; asked again while one is on its way, it reads once more after it
  const reading = useRef({ busy: false, again: false, live: true });
  const load = useCallback(async () => {
    const r = reading.current;
    if (r.busy) {
      r.again = true;
      return;
    }
    r.busy = true;
    setLoading(true);
    try {
      do {
        r.again = false;
        const answer = await api().history.queue({});
        if (!r.live) return;
        if (answer.ok) {
          setQueue(answer.value);
          setError(null);
        } else setError(answer.error.message);
      } while (r.again);
    } finally {
      r.busy = false;
      if (r.live) setLoading(false);
    }
  }, []);
  useEffect(() => {
    const r = reading.current;
    r.live = true;
    void load();
    const stop = onEvent('history:changed', () => void load());
    return () => {
      r.live = false;
      stop();
    };
  }, [load]);

  async function act(call: QueuedCallView, action: Action): Promise<boolean> {
    setBusy(call.conversationId);
    setRowError(null);
    const r = await api().history.queueAction({ conversationId: call.conversationId, action });
    setBusy(null);
    if (!r.ok) {
      if (action === 'cancel') setCancelError(r.error.message);
      else setRowError({ id: call.conversationId, message: r.error.message });
      return false;
    }
    await load();
    return true;
  }

  async function cancel(call: QueuedCallView) {
    const calls = queue?.calls ?? [];
    const at = calls.findIndex((c) => c.conversationId === call.conversationId);
    const next = calls[at + 1] ?? calls[at - 1];
    if (!(await act(call, 'cancel'))) return;
    setConfirming(null);
    // focus: the call that takes its place, or Refresh when none is left
    focusSoon([
      () => (next ? document.getElementById(`${id}-cancel-${next.conversationId}`) : null),
      () => document.getElementById(QUEUE_REFRESH),
    ]);
  }

  return (
    <section className="card queue-view" aria-labelledby={`${id}-title`}>
      <header className="card-header">
        <h2 id={`${id}-title`}>Queued calls</h2>
        {/* aria-disabled, not disabled: a button that had focus keeps it while the queue is read */}
        <button
          id={QUEUE_REFRESH}
          type="button"
          className="secondary small"
          aria-disabled={loading}
          onClick={() => !loading && void load()}
        >
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </header>
      <p className="hint">
        On Feather API 1.90 a plain Call waits in Feather’s queue until your organisation’s calling hours allow it. These are the calls
        waiting for the connection in use, whoever placed them.
      </p>
      {error ? (
        <p className="card-error" role="alert">
          {error}
        </p>
      ) : null}
      {!queue ? (
        !error ? (
          <p className="muted" aria-busy="true">
            Asking Feather for the queue…
          </p>
        ) : null
      ) : queue.unavailable ? (
        <p className="muted" role="note">
          {queue.unavailable}
        </p>
      ) : queue.calls.length === 0 ? (
        <p className="muted">No calls are waiting in the queue.</p>
      ) : (
        <ul className="queue-list" aria-label="Calls waiting">
          {queue.calls.map((call) => {
            const who = whoOf(call);
            const textId = `${id}-text-${call.conversationId}`;
            return (
              <li key={call.conversationId} className="queue-item">
                <div id={textId} className="queue-text">
                  <span className="queue-who">
                    {who}
                    {call.name && call.toNumber ? <span className="history-number"> {call.toNumber}</span> : null}
                    {call.paused ? <span className="badge badge-warning">Paused</span> : null}
                  </span>
                  <span className="muted">{call.callerName ?? 'Caller not known'}</span>
                  <span>
                    {call.eligibleAt ? `May dial from ${formatWhen(call.eligibleAt)}` : 'Dials when the calling-hours window opens'}
                    {' · '}
                    {call.queueExpiresAt ? `expires ${formatWhen(call.queueExpiresAt)}` : 'does not expire'}
                  </span>
                </div>
                <div className="actions">
                  {/* one button whose words change: focus stays on it when Pause becomes Resume */}
                  <button
                    type="button"
                    className="secondary small"
                    aria-disabled={busy !== null}
                    aria-describedby={textId}
                    onClick={() => busy === null && void act(call, call.paused ? 'resume' : 'pause')}
                  >
                    {call.paused ? 'Resume' : 'Pause'}
                  </button>
                  <button
                    id={`${id}-cancel-${call.conversationId}`}
                    type="button"
                    className="secondary small"
                    aria-disabled={busy !== null}
                    aria-describedby={textId}
                    onClick={() => {
                      if (busy !== null) return;
                      setCancelError(null);
                      setConfirming(call);
                    }}
                  >
                    Cancel…
                  </button>
                  {call.entryId ? (
                    <button type="button" className="secondary small" aria-describedby={textId} onClick={() => onShowEntry(call.entryId!)}>
                      Details
                    </button>
                  ) : null}
                </div>
                {rowError?.id === call.conversationId ? (
                  <p className="field-error" role="alert">
                    {rowError.message}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {confirming ? (
        <ConfirmDialog
          title="Cancel this queued call?"
          confirm="Cancel the call"
          keep="Keep it queued"
          busy={busy !== null}
          error={cancelError}
          onConfirm={() => void cancel(confirming)}
          onKeep={() => {
            const opener = confirming.conversationId;
            setConfirming(null);
            focusSoon(() => document.getElementById(`${id}-cancel-${opener}`));
          }}
        >
          <p>
            Cancel the call to {whoOf(confirming)}
            {confirming.eligibleAt ? ` queued for ${formatWhen(confirming.eligibleAt)}` : ''}? It will not be placed.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

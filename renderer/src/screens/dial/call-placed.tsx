import { useEffect, useRef, useState } from 'react';
import type { CallResult } from '../../../../shared/contract';
import type { HistoryRow } from '../../../../shared/history/history-entry';
import type { DialRequest } from '../../../../shared/main-events';
import { CallLive } from './call-live';
import { WaitingNote } from './waiting-note';
import { formatWhen } from './card-format';
import { CallNotices } from './call-notices';

interface Props {
  result: CallResult;
  /** main's history entry for this call, as it follows it (null until the first word) */
  row: HistoryRow | null;
  /** what failed on this computer after the answer (main's `call:notice`): shown with the answer's own notices */
  notices: readonly string[];
  waiting: DialRequest | null;
  onNewCall(): void;
}

/** After Feather accepted the call: where the call is now, who calls whom, the session id to copy, a queued call's window. */
export function CallPlaced({ result, row, notices, waiting, onNewCall }: Props) {
  const [copied, setCopied] = useState(false);
  const newCall = useRef<HTMLButtonElement>(null);
  useEffect(() => newCall.current?.focus(), []);
  const copy = async () => {
    if (!result.sessionId) return;
    try {
      await navigator.clipboard.writeText(result.sessionId);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const who = result.agentName ?? 'Feather';
  // a queued call's window: main reads it from Feather after the answer, into the call's history entry
  const eligibleAt = row?.eligibleAt ?? result.eligibleAt;
  const queueExpiresAt = row?.queueExpiresAt ?? result.queueExpiresAt;
  return (
    <section className={`card card-done${result.queued ? ' card-queued' : ''}`} aria-label="Call placed">
      <h2>{result.queued ? 'Call placed (queued)' : 'Call placed'}</h2>
      <p role="status">
        {result.queued
          ? `${who} will call ${result.toNumber} when your organisation’s calling-hours window allows.`
          : `${who} is calling ${result.toNumber}.`}
      </p>
      <CallLive row={row} />
      <dl className="card-facts">
        {/* the queue's window, while the call waits in it */}
        {result.queued && (!row || row.outcome === 'queued') ? (
          <>
            <dt>May dial from</dt>
            <dd>{eligibleAt ? formatWhen(eligibleAt) : <span className="muted">the next calling-hours window</span>}</dd>
            <dt>Expires</dt>
            <dd>
              {queueExpiresAt ? (
                `${formatWhen(queueExpiresAt)} if not dialled by then`
              ) : (
                <span className="muted">at the organisation’s default</span>
              )}
            </dd>
          </>
        ) : null}
        <dt>Session ID</dt>
        <dd>
          {result.sessionId ? (
            <>
              <code data-testid="session-id">{result.sessionId}</code>{' '}
              <button type="button" className="secondary small" onClick={copy}>
                {copied ? 'Copied' : 'Copy session ID'}
              </button>
            </>
          ) : (
            <span className="muted">not known (Feather’s answer could not be read)</span>
          )}
        </dd>
        {result.roomName ? (
          <>
            <dt>Room</dt>
            <dd>
              <code>{result.roomName}</code>
            </dd>
          </>
        ) : null}
        {result.revisionName ? (
          <>
            <dt>Agent revision</dt>
            <dd>
              {result.revisionName}
              {result.revisionSource === 'pin' ? <span className="muted"> (pinned on this number)</span> : null}
            </dd>
          </>
        ) : null}
        <dt>Variables sent</dt>
        <dd>{result.variablesSent}</dd>
      </dl>
      {result.replayed ? (
        <p className="hint" role="note">
          Feather answered the repeated request with the first call (same idempotency key): no second call was placed.
        </p>
      ) : null}
      <CallNotices answered={result.notices} late={notices} />
      <WaitingNote waiting={waiting} action="New call" />
      <button ref={newCall} type="button" className="secondary" onClick={onNewCall}>
        New call
      </button>
    </section>
  );
}

import { useState } from 'react';
import type { HistoryEntry } from '../../../../shared/history/history-entry';
import { api } from '../../api';
import { focusSoon } from '../../keyboard/focus';
import { formatWhen } from '../dial/card-format';
import { callerOf, formatDurationMs, whoOf } from './history-format';
import { OutcomeBadge } from './outcome-labels';
import { SettlePanel } from './settle-panel';

export const DETAIL_HEADING = 'history-detail-title';

interface Props {
  entry: HistoryEntry;
  /** Esc: back to the list */
  onBack(): void;
  /** main settled an unknown outcome: its answer */
  onSettled(entry: HistoryEntry): void;
}

/** A status as main keeps it (`not_placed`, `pending_dispatch`) in words. */
const words = (status: string) => status.replace(/_/g, ' ');

/**
 * One call attempt as main recorded it: outcome and main's detail line, what to do with it
 * (redial, copy), the facts, the timeline, what Feather said at the end and the exact body sent.
 * An unknown outcome asks whether the call was placed.
 */
export function HistoryDetail({ entry, onBack, onSettled }: Props) {
  const [note, setNote] = useState<{ text: string; error: boolean } | null>(null);
  const copy = (text: string, what: string) =>
    void navigator.clipboard.writeText(text).then(
      () => setNote({ text: `${what} copied.`, error: false }),
      () => setNote({ text: `Could not copy the ${what.toLowerCase()}.`, error: true }),
    );
  async function redial() {
    setNote(null);
    // main opens the Dial card with this call's values (a new request id; every rule applies again)
    const r = await api().history.redial({ id: entry.id });
    if (!r.ok) setNote({ text: r.error.message, error: true });
  }
  const caller = callerOf(entry);
  const facts: Array<[string, string | null]> = [
    ['When', formatWhen(entry.at)],
    ['To', entry.toNumber],
    ['Contact', entry.contactName],
    ['From', entry.fromNumber ?? entry.fromNumberId],
    ['Who calls', caller ?? 'Automatic'],
    ['Template', entry.templateName],
    ['Connection', entry.apiVersion ? `${entry.profileName} (Feather API ${entry.apiVersion})` : entry.profileName],
    ['Feather status', entry.status ? words(entry.status) : null],
    ['Duration', entry.durationMs === null ? null : formatDurationMs(entry.durationMs)],
    ['Ended', entry.endedAt ? formatWhen(entry.endedAt) : null],
    ['May dial from', entry.eligibleAt ? formatWhen(entry.eligibleAt) : null],
    ['Queue expiry', entry.queueExpiresAt ? formatWhen(entry.queueExpiresAt) : null],
    ['Session id', entry.sessionId],
    ['Room', entry.roomName],
    ['Dispatch id', entry.dispatchId],
  ];

  return (
    <section
      className="card history-detail"
      aria-labelledby={DETAIL_HEADING}
      onKeyDown={(e) => {
        // Esc: back to the list (a dialog inside handles its own Esc first)
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onBack();
      }}
    >
      <header className="card-header">
        <div>
          <h2 id={DETAIL_HEADING} tabIndex={-1}>
            {whoOf(entry)}
          </h2>
          <p className="muted">
            {formatWhen(entry.at)}
            {entry.contactName ? ` · ${entry.toNumber}` : ''}
          </p>
        </div>
        <OutcomeBadge outcome={entry.outcome} />
      </header>
      {entry.detail ? <p className="history-detail-line">{entry.detail}</p> : null}
      {entry.tracking ? (
        <p className="hint history-following" role="status">
          Following this call: it updates here as Feather reports.
        </p>
      ) : null}
      <div className="card-actions">
        <button type="button" className="primary small" onClick={() => void redial()}>
          Redial
        </button>
        <button type="button" className="secondary small" onClick={() => copy(entry.toNumber, 'Number')}>
          Copy number
        </button>
        {entry.sessionId ? (
          <button type="button" className="secondary small" onClick={() => copy(entry.sessionId!, 'Session id')}>
            Copy session id
          </button>
        ) : null}
        {entry.recordingUrl && /^https:\/\//i.test(entry.recordingUrl) ? (
          // window.open reaches main's allow-listed external opener (electron/main/security.ts): the system browser, never a window here
          <button
            type="button"
            className="secondary small"
            title={`Opens in your browser: ${entry.recordingUrl}`}
            onClick={() => window.open(entry.recordingUrl!, '_blank', 'noopener,noreferrer')}
          >
            Open recording
          </button>
        ) : null}
      </div>
      <p className={`history-note ${note?.error ? 'field-error' : 'hint'}`} role={note?.error ? 'alert' : 'status'}>
        {note?.text ?? ''}
      </p>

      {entry.outcome === 'unknown' ? (
        <SettlePanel
          key={entry.id}
          entry={entry}
          onSettled={(settled) => {
            onSettled(settled);
            focusSoon(() => document.getElementById(DETAIL_HEADING));
          }}
        />
      ) : null}

      <dl className="card-facts">
        {facts
          .filter((f): f is [string, string] => Boolean(f[1]))
          .map(([term, value]) => (
            <div key={term} className="contents">
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
      </dl>

      {entry.summary ? (
        <section aria-labelledby="history-summary-title">
          <h3 id="history-summary-title">Summary</h3>
          <p className="history-summary">{entry.summary}</p>
        </section>
      ) : null}

      <section aria-labelledby="history-timeline-title">
        <h3 id="history-timeline-title">Timeline</h3>
        <ol className="history-timeline">
          {entry.timeline.map((step, i) => (
            <li key={`${step.at}-${i}`}>
              <time dateTime={step.at}>
                {new Date(step.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}
              </time>
              <span className="history-step">{words(step.status)}</span>
              {step.note ? <span className="muted">{step.note}</span> : null}
            </li>
          ))}
        </ol>
      </section>

      {entry.transcript.length ? (
        <section aria-labelledby="history-transcript-title">
          <h3 id="history-transcript-title">Transcript (last turns)</h3>
          <ol className="history-transcript">
            {entry.transcript.map((turn, i) => (
              <li key={`${turn.at}-${i}`}>
                <span className="history-role">{turn.role}</span>
                <span>{turn.content}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      <section aria-labelledby="history-body-title">
        <h3 id="history-body-title">Body sent</h3>
        {entry.body ? (
          <>
            {entry.valuesRedacted ? (
              <p className="hint" role="note">
                Variable values were not kept (Settings → History): the body lists each variable’s name only.
              </p>
            ) : null}
            <pre>{JSON.stringify(entry.body, null, 2)}</pre>
          </>
        ) : (
          <p className="muted">Nothing was sent to Feather.</p>
        )}
      </section>
    </section>
  );
}

import { useEffect, useState } from 'react';
import type { HistoryRow } from '../../../../shared/history/history-entry';
import { callStatusView } from '../../dial/call-status';
import { formatWhen } from './card-format';

/**
 * The placed call as main follows it: queued (and when it may dial), ringing, in the call, then how
 * it ended with main's summary and the call's length — a polite live region, so each step is read
 * out once. The Dial card and the palette's card show the same line.
 */
export function CallLive({ row, compact = false }: { row: HistoryRow | null; compact?: boolean }) {
  // main announces the call's entry just after its answer: no "waiting" line is shown (or read out) for that moment
  const [late, setLate] = useState(false);
  useEffect(() => {
    if (row) return;
    const timer = setTimeout(() => setLate(true), 500);
    return () => clearTimeout(timer);
  }, [row]);
  if (!row) {
    return (
      <div className="call-live tone-waiting" role="status" aria-label="Call status">
        {late ? (
          <p className="call-live-line">
            <span className="call-live-dot" aria-hidden="true" />{' '}
            <span className="muted">Waiting for Feather’s first word on the call…</span>
          </p>
        ) : null}
      </div>
    );
  }
  const view = callStatusView(row, formatWhen);
  return (
    <div className={`call-live tone-${view.tone}${view.following ? ' following' : ''}`} role="status" aria-label="Call status">
      <p className="call-live-line">
        <span className="call-live-dot" aria-hidden="true" /> <strong>{view.label}</strong>
        {view.duration ? <span className="call-live-length"> · {view.duration}</span> : null}
      </p>
      {view.detail ? <p className="call-live-detail">{view.detail}</p> : null}
      {compact ? null : (
        <p className="hint call-live-note">
          {view.following ? 'Updates as Feather reports the call; it is also listed in History.' : 'Listed in History.'}
        </p>
      )}
    </div>
  );
}

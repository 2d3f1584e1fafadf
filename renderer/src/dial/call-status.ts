import type { HistoryRow } from '../../../shared/history/history-entry';
// zod-free: the window's bundle has no zod
import { OUTCOME_LABELS } from '../../../shared/history/outcomes';

/**
 * What the placed card says about its call as main follows it (`history:changed` for the card's
 * request id): one line in main's words — its outcome label and its `detail` — plus when a queued
 * call may dial and how long the call lasted. Main decides what the call's status means; this only
 * puts its answer into a line and a tone for the card (and the palette's card).
 */

export type CallStatusTone = 'waiting' | 'live' | 'done' | 'problem' | 'unknown';

export interface CallStatusView {
  /** "Queued", "Ringing", "In the call", "Ended", "Status not available from Feather"… */
  label: string;
  /** main's line under it: "Waiting for the calling-hours window — may dial at 16:00", the summary… */
  detail: string | null;
  /** how long the call lasted, "4:12", when Feather said */
  duration: string | null;
  tone: CallStatusTone;
  /** main is still following the call: more is coming */
  following: boolean;
}

const TONES: Record<HistoryRow['outcome'], CallStatusTone> = {
  queued: 'waiting',
  in_progress: 'live',
  ended: 'done',
  not_answered: 'problem',
  failed: 'problem',
  expired: 'problem',
  cancelled: 'problem',
  not_placed: 'problem',
  unknown: 'unknown',
  untracked: 'unknown',
};

/** 252 000 ms → "4:12" (the same reading as main's history line) */
export function callLength(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

const startsWith = (text: string, prefix: string) => text.toLowerCase().startsWith(prefix.toLowerCase());

/** The card's line for main's row; `when` formats a moment as the user reads it ("16:00", or a date and time). */
export function callStatusView(row: HistoryRow, when: (iso: string) => string): CallStatusView {
  const { outcome } = row;
  let label: string = OUTCOME_LABELS[outcome];
  let detail = row.detail;
  if (outcome === 'in_progress') {
    // main's line is the step itself: "Ringing", "In the call", "Transferred"…
    label = row.detail ?? label;
    detail = null;
  } else if (outcome === 'queued') {
    // a queued call (still waiting, not "dialling soon"): when Feather may dial it
    const waiting = row.status === null || row.status === 'queued';
    const at = row.eligibleAt && waiting ? ` — may dial at ${when(row.eligibleAt)}` : '';
    detail = `${row.detail ?? 'Waiting in Feather’s queue'}${at}`;
  } else if (outcome === 'untracked') {
    label = 'Status not available from Feather';
  }
  // main's line may already say what the label says ("Status not available from Feather: …", "Ended after 0:17"): say it once
  if (detail && startsWith(detail, label)) {
    label = detail;
    detail = null;
  }
  const length = row.durationMs !== null && row.durationMs > 0 ? callLength(row.durationMs) : null;
  return {
    label,
    detail,
    duration: length && !label.includes(length) && !detail?.includes(length) ? length : null,
    tone: TONES[outcome],
    following: row.tracking,
  };
}

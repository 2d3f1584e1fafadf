import type { HistoryEntry, Outcome } from '../../../shared/history/history-entry';
import { parsePhone } from '../../../shared/phone';

/**
 * How Feather's session statuses read as outcomes (the enum in both spec versions: queued,
 * ringing, active, paused, waiting_for_human, transferred, awaiting_approval, pending_dispatch
 * (1.90), closed, expired, error, superseded). A status the spec does not list is "in progress":
 * tracking goes on until a known terminal status or the 2-hour limit.
 */

export const TERMINAL_STATUSES: ReadonlySet<string> = new Set(['closed', 'expired', 'error', 'superseded']);

const STATUS_WORDS: Record<string, string> = {
  queued: 'Waiting for the calling-hours window',
  pending_dispatch: 'Dialling soon: the calling-hours window is open',
  ringing: 'Ringing',
  active: 'In the call',
  paused: 'Paused by Feather',
  waiting_for_human: 'Waiting for a person to take over',
  transferred: 'Transferred',
  awaiting_approval: 'Awaiting approval',
};

/** The outcome a status means; `answered` says whether the person spoke (a `user` turn) in the call. */
export function outcomeOfStatus(status: string, answered: boolean): Outcome {
  switch (status) {
    case 'queued':
    case 'pending_dispatch':
      return 'queued';
    case 'closed':
      return answered ? 'ended' : 'not_answered';
    case 'expired':
      return 'expired';
    case 'error':
    case 'superseded':
      return 'failed';
    default:
      return 'in_progress';
  }
}

const minutes = (ms: number) => {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/** The one line the list shows under an entry. */
export function detailOf(entry: Pick<HistoryEntry, 'outcome' | 'status' | 'summary' | 'durationMs' | 'reason'>): string | null {
  switch (entry.outcome) {
    case 'queued':
    case 'in_progress':
      return STATUS_WORDS[entry.status ?? ''] ?? (entry.status ? `Feather says: ${entry.status}` : 'Placed');
    case 'ended':
      return entry.summary ?? (entry.durationMs !== null ? `Ended after ${minutes(entry.durationMs)}` : 'Ended');
    case 'not_answered':
      return entry.summary ?? 'Nobody answered';
    case 'failed':
      return entry.status === 'superseded' ? 'Superseded by another call' : 'Feather ended the call with an error';
    case 'expired':
      return 'Expired in the queue before it could dial';
    case 'cancelled':
      return 'Cancelled before it dialled';
    case 'not_placed':
    case 'untracked':
      return entry.reason;
    case 'unknown':
      return 'Feather may or may not have placed this call';
  }
}

/** The desktop notification (or in-app toast) when a call ends. */
export function endNotice(entry: HistoryEntry): { title: string; body: string } {
  const parsed = parsePhone(entry.toNumber, 'US');
  const who = entry.contactName ?? (parsed.ok ? parsed.international : entry.toNumber);
  const title =
    entry.outcome === 'ended'
      ? `Call with ${who} ended`
      : entry.outcome === 'not_answered'
        ? `${who} did not answer`
        : entry.outcome === 'expired'
          ? `Call to ${who} expired`
          : `Call to ${who} failed`;
  const body = detailOf(entry) ?? '';
  return { title, body: body.length > 180 ? `${body.slice(0, 179)}…` : body };
}

/**
 * A call's outcomes and their labels, zod-free so the window can show them without bundling zod
 * (the schemas are in history-entry.ts).
 */

/** What happened, in the words the filters and the card use. */
export const OUTCOMES = [
  'queued', // 1.90: waiting for the organisation's calling-hours window
  'in_progress', // ringing, talking, transferred…
  'ended', // the call ended after the person answered
  'not_answered', // the call ended and nobody spoke back
  'failed', // Feather ended it with an error (or another call superseded it)
  'expired', // a queued call that was never dialled
  'cancelled', // a queued call cancelled before it dialled
  'not_placed', // refused before or by Feather: no call
  'unknown', // "outcome unknown": nobody knows yet whether a call went out
  'untracked', // placed, but Feather does not tell its status (404, no session id, gave up after 2 h)
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** outcomes after which nothing changes any more (except settling an unknown one) */
export const FINAL_OUTCOMES: ReadonlySet<Outcome> = new Set([
  'ended',
  'not_answered',
  'failed',
  'expired',
  'cancelled',
  'not_placed',
  'untracked',
]);
/** a call from this app still on its way to that number: a new card warns */
export const UNDER_WAY_OUTCOMES: ReadonlySet<Outcome> = new Set(['queued', 'in_progress']);

export const OUTCOME_LABELS: Record<Outcome, string> = {
  queued: 'Queued',
  in_progress: 'In progress',
  ended: 'Ended',
  not_answered: 'Not answered',
  failed: 'Failed',
  expired: 'Expired',
  cancelled: 'Cancelled',
  not_placed: 'Not placed',
  unknown: 'Outcome unknown',
  untracked: 'Status not available',
};

import { OUTCOME_LABELS, type Outcome } from '../../../../shared/history/outcomes';

/** the badge's colour: how an outcome reads at a glance (presentation only; the words are main's OUTCOME_LABELS) */
const OUTCOME_TONE: Record<Outcome, 'info' | 'ok' | 'warning' | 'danger' | 'neutral'> = {
  queued: 'info',
  in_progress: 'info',
  ended: 'ok',
  not_answered: 'warning',
  failed: 'danger',
  expired: 'warning',
  cancelled: 'neutral',
  not_placed: 'danger',
  unknown: 'warning',
  untracked: 'neutral',
};

/** An outcome as a badge, in main's words. */
export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return <span className={`badge outcome-badge outcome-${OUTCOME_TONE[outcome]}`}>{OUTCOME_LABELS[outcome]}</span>;
}

import type { HistoryRow } from '../../../../shared/history/history-entry';

/** Who was called: the contact's name, else the number. */
export const whoOf = (row: Pick<HistoryRow, 'contactName' | 'toNumber'>) => row.contactName ?? row.toNumber;

/** Who called: the agent's or team's name (else its id), and which it is. */
export function callerOf(row: Pick<HistoryRow, 'caller'>): string | null {
  if (!row.caller) return null;
  return `${row.caller.name ?? row.caller.id} (${row.caller.kind})`;
}

/** 83 000 ms → "1:23" */
export function formatDurationMs(ms: number): string {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** A date input's value (local YYYY-MM-DD) as the filter's ISO instant: that day's local midnight, or the next day's (`to` is exclusive). */
export function dayStart(value: string, nextDay = false): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + (nextDay ? 1 : 0));
  return Number.isNaN(day.getTime()) ? null : day.toISOString();
}

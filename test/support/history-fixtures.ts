import type { HistoryFilter } from '../../shared/history/history-contract';
import type { HistoryEntry, HistoryRow } from '../../shared/history/history-entry';

/** History rows and entries for the renderer tests: valid against the contract (events are checked against it). */

const T0 = Date.parse('2026-03-10T18:00:00.000Z');

/** the i-th call back in time (0 = the newest), one minute apart */
export const historyRow = (i: number, over: Partial<HistoryRow> = {}): HistoryRow => ({
  id: i < 0 ? `call-new-${-i}` : `call-${String(i).padStart(6, '0')}`,
  requestId: `req-${i}`,
  at: new Date(T0 - i * 60_000).toISOString(),
  profileId: 'simulator',
  profileName: 'Simulator',
  toNumber: `+1415555${String((i + 10_000) % 10_000).padStart(4, '0')}`,
  contactId: null,
  contactName: null,
  fromNumberId: 'num-sf',
  fromNumber: '+14155550100',
  caller: { kind: 'agent', id: 'agent-riley', name: 'Riley' },
  templateName: null,
  outcome: 'ended',
  status: 'closed',
  detail: 'Ended after 0:20',
  sessionId: null,
  eligibleAt: null,
  queueExpiresAt: null,
  durationMs: 20_000,
  tracking: false,
  ...over,
});

export const entryOf = (row: HistoryRow, over: Partial<HistoryEntry> = {}): HistoryEntry => ({
  ...row,
  apiVersion: '1.90',
  templateId: null,
  body: { to_phone_number: row.toNumber, from_phone_number_id: row.fromNumberId, context_variables: { clinic: 'Harbor' } },
  valuesRedacted: false,
  roomName: null,
  dispatchId: null,
  agentName: null,
  reason: null,
  summary: null,
  recordingUrl: null,
  endedAt: null,
  timeline: [{ at: row.at, status: 'placed', note: 'Feather answered HTTP 200' }],
  transcript: [],
  ...over,
});

/** What main's filter keeps, near enough for a fake main: outcomes, and text in the name or the digits. */
export function matches(row: HistoryRow, filter: HistoryFilter): boolean {
  if (filter.outcomes.length && !filter.outcomes.includes(row.outcome)) return false;
  const text = filter.text.trim().toLowerCase();
  if (!text) return true;
  return (row.contactName ?? '').toLowerCase().includes(text) || row.toNumber.includes(text.replace(/\D/g, '') || '\u0000');
}

import type { HistoryRow } from '../../shared/history/history-entry';

/** main's history row for a placed call, as `history:changed` carries it */
export const historyRow = (over: Partial<HistoryRow> = {}): HistoryRow => ({
  id: 'entry-1',
  requestId: '11111111-1111-4111-8111-111111111111',
  at: '2026-03-10T18:00:00.000Z',
  profileId: 'simulator',
  profileName: 'Simulator',
  toNumber: '+14155550132',
  contactId: null,
  contactName: null,
  fromNumberId: 'n1',
  fromNumber: '+14155550100',
  caller: { kind: 'agent', id: 'a1', name: 'Riley' },
  templateName: null,
  outcome: 'queued',
  status: 'queued',
  detail: 'Waiting for the calling-hours window',
  sessionId: 's1',
  eligibleAt: '2026-03-10T16:00:00.000Z',
  queueExpiresAt: null,
  durationMs: null,
  tracking: true,
  ...over,
});

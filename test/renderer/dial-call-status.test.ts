import { describe, expect, it } from 'vitest';
import type { HistoryRow } from '../../shared/history/history-entry';
import { callLength, callStatusView } from '../../renderer/src/dial/call-status';
import { historyRow } from './dial-fixtures';

/** a fixed reading of a moment, so the test does not depend on the machine's time zone */
const when = (iso: string) => `«${iso.slice(11, 16)}»`;

describe('the placed card’s live line: main’s outcome and detail, put into one line', () => {
  it('queued: waiting for the calling-hours window, and when Feather may dial it', () => {
    expect(callStatusView(historyRow(), when)).toEqual({
      label: 'Queued',
      detail: 'Waiting for the calling-hours window — may dial at «16:00»',
      duration: null,
      tone: 'waiting',
      following: true,
    });
    // "dialling soon" (the window is open): no "may dial at" any more
    expect(
      callStatusView(historyRow({ status: 'pending_dispatch', detail: 'Dialling soon: the calling-hours window is open' }), when),
    ).toMatchObject({ label: 'Queued', detail: 'Dialling soon: the calling-hours window is open' });
    // Feather did not say when
    expect(callStatusView(historyRow({ eligibleAt: null }), when).detail).toBe('Waiting for the calling-hours window');
  });

  it('in progress: the step is the line (ringing, in the call, whatever else Feather says)', () => {
    const ringing = callStatusView(historyRow({ outcome: 'in_progress', status: 'ringing', detail: 'Ringing' }), when);
    expect(ringing).toMatchObject({ label: 'Ringing', detail: null, tone: 'live', following: true });
    const talking = callStatusView(historyRow({ outcome: 'in_progress', status: 'active', detail: 'In the call' }), when);
    expect(talking).toMatchObject({ label: 'In the call', detail: null, tone: 'live' });
    expect(callStatusView(historyRow({ outcome: 'in_progress', status: null, detail: null }), when).label).toBe('In progress');
  });

  it('ended: the summary under it, and how long the call lasted', () => {
    const ended = historyRow({
      outcome: 'ended',
      status: 'closed',
      detail: 'The patient confirmed the appointment.',
      durationMs: 252_000,
      tracking: false,
    });
    expect(callStatusView(ended, when)).toEqual({
      label: 'Ended',
      detail: 'The patient confirmed the appointment.',
      duration: '4:12',
      tone: 'done',
      following: false,
    });
    // no summary: main's own line says it, once ("Ended after 0:17", not "Ended · 0:17 / Ended after 0:17")
    const bare = callStatusView({ ...ended, detail: 'Ended after 0:17', durationMs: 17_000 }, when);
    expect(bare).toMatchObject({ label: 'Ended after 0:17', detail: null, duration: null });
  });

  it('not answered, failed, expired, cancelled: the outcome, with main’s reason (said once when main’s line already names it)', () => {
    const cases: Array<[Partial<HistoryRow>, Partial<ReturnType<typeof callStatusView>>]> = [
      [
        { outcome: 'not_answered', detail: 'Nobody answered: the call rang for 8 seconds.', durationMs: 8_000 },
        { label: 'Not answered', detail: 'Nobody answered: the call rang for 8 seconds.', duration: '0:08' },
      ],
      [
        { outcome: 'failed', detail: 'Feather ended the call with an error' },
        { label: 'Failed', detail: 'Feather ended the call with an error' },
      ],
      [{ outcome: 'expired', detail: 'Expired in the queue before it could dial' }, { label: 'Expired in the queue before it could dial' }],
      [
        { outcome: 'cancelled', detail: 'Cancelled before it dialled' },
        { label: 'Cancelled before it dialled', detail: null },
      ],
    ];
    for (const [over, expected] of cases) {
      const view = callStatusView(historyRow({ ...over, status: 'closed', tracking: false }), when);
      expect(view).toMatchObject({ duration: null, detail: null, ...expected, tone: 'problem', following: false });
    }
  });

  it('untracked: "status not available from Feather", with why — said once', () => {
    const view = callStatusView(
      historyRow({
        outcome: 'untracked',
        detail: 'Status not available from Feather: it does not know this call’s conversation.',
        tracking: false,
      }),
      when,
    );
    expect(view).toMatchObject({
      label: 'Status not available from Feather: it does not know this call’s conversation.',
      detail: null,
      tone: 'unknown',
    });
    const noSession = callStatusView(
      historyRow({ outcome: 'untracked', sessionId: null, detail: 'Feather accepted the call but its answer could not be read.' }),
      when,
    );
    expect(noSession).toMatchObject({
      label: 'Status not available from Feather',
      detail: 'Feather accepted the call but its answer could not be read.',
    });
  });

  it('reads a call’s length as main’s history does', () => {
    expect(callLength(0)).toBe('0:00');
    expect(callLength(17_400)).toBe('0:17');
    expect(callLength(3_725_000)).toBe('62:05');
  });
});

// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallPreview, Confirmation } from '../../shared/call-preview';
import type { HistoryRow } from '../../shared/history/history-entry';
import type { AppError } from '../../shared/result';
import type { CallOptions } from '../../renderer/src/dial/dial-store';
import { initialDialState, type DialPhase } from '../../renderer/src/dial/dial-state';
import { CallActions } from '../../renderer/src/screens/dial/call-actions';
import { CallLive } from '../../renderer/src/screens/dial/call-live';
import { CallPlaced } from '../../renderer/src/screens/dial/call-placed';
import { formatWhen } from '../../renderer/src/screens/dial/card-format';
import type { CallResult } from '../../shared/contract';
import { Refusal, shownOnForm } from '../../renderer/src/screens/dial/refusal';
import { historyRow } from './dial-fixtures';

/** The card's buttons for what main's plan asks, "Call now instead", a refusal said once, and the live line. */

afterEach(cleanup);

const QUEUED = '33333333-3333-4333-8333-333333333333';
const confirmation = (kind: Confirmation['kind'], over: Partial<Confirmation> = {}): Confirmation => ({
  kind,
  message: `${kind} sentence`,
  callNowOnly: false,
  ...over,
});
const review = (confirmations: Confirmation[]): DialPhase => ({
  kind: 'review',
  requestId: '11111111-1111-4111-8111-111111111111',
  plan: { digest: 'd', confirmations } as unknown as CallPreview,
});

function actions(phase: DialPhase, queues = true) {
  const calls: CallOptions[] = [];
  render(<CallActions phase={phase} error={null} queues={queues} onCall={(o = {}) => calls.push(o)} onEdit={() => undefined} />);
  return calls;
}

describe('CallActions', () => {
  it('a recent unknown outcome at Review: “Call anyway” confirms it, focus is on Edit, no plain Call', () => {
    const calls = actions(review([confirmation('recently_uncertain')]));
    expect(screen.queryByRole('button', { name: 'Call' })).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Call anyway' }));
    expect(calls).toEqual([{ confirmed: ['recently_uncertain'] }]);
  });

  it('1.90, a queued call main can replace: “Call now instead” sends instant + the queued call, and confirms the rest', () => {
    const outside = confirmation('outside_hours', { callNowOnly: true });
    const calls = actions(review([confirmation('under_way', { queuedSessionId: QUEUED }), outside]));
    const instead = screen.getByRole('button', { name: 'Call now instead' });
    expect(instead.getAttribute('aria-describedby')).toBe('call-now-instead-note');
    expect(document.getElementById('call-now-instead-note')?.textContent).toMatch(/only once Feather confirms the cancel/);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
    fireEvent.click(instead);
    expect(calls).toEqual([{ instant: true, replaceQueued: QUEUED, confirmed: ['outside_hours'] }]);
    // the other ways stay: a second call next to the queued one, confirmed by their own buttons
    fireEvent.click(screen.getByRole('button', { name: 'Call anyway' }));
    fireEvent.click(screen.getByRole('button', { name: 'Call now anyway' }));
    expect(calls.slice(1)).toEqual([{ confirmed: ['under_way'] }, { instant: true, confirmed: ['under_way', 'outside_hours'] }]);
  });

  it('when main’s plan for the armed card asks differently, focus never moves onto a call button', () => {
    const props = { error: null, queues: true, onCall: () => undefined, onEdit: () => undefined };
    const { rerender } = render(<CallActions {...props} phase={review([])} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Call' }));
    // main now asks about a call under way: focus goes to Edit
    rerender(<CallActions {...props} phase={review([confirmation('under_way', { queuedSessionId: QUEUED })])} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
    // the user goes to “Call now instead”; the queued call then starts to ring: its button goes, focus to Edit (not <body>)
    screen.getByRole('button', { name: 'Call now instead' }).focus();
    rerender(<CallActions {...props} phase={review([confirmation('under_way')])} />);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
    // it ended: nothing to confirm any more — a Call button, but focus stays on Edit
    rerender(<CallActions {...props} phase={review([])} />);
    expect(screen.getByRole('button', { name: 'Call' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Edit' }));
  });

  it('no “Call now instead” for a call already ringing (main gives no queued id) or on a server without the queue', () => {
    actions(review([confirmation('under_way', { queuedSessionId: null })]));
    expect(screen.queryByRole('button', { name: 'Call now instead' })).toBeNull();
    cleanup();
    actions(review([confirmation('under_way', { queuedSessionId: QUEUED })]), false);
    expect(screen.queryByRole('button', { name: 'Call now instead' })).toBeNull();
  });
});

describe('a refusal with messages by field says each once', () => {
  const state = { ...initialDialState('sim'), plan: null };
  const feather422: AppError = {
    code: 'validation',
    httpStatus: 422,
    message: 'This number cannot be called from this organisation',
    fields: { toNumber: 'This number cannot be called from this organisation', 'contextVariables.4': 'Unknown variable' },
    fieldNames: { toNumber: 'To number', 'contextVariables.4': 'plan' },
  };

  it('the card: a general line naming the marked fields; only what no field shows is listed', () => {
    render(<Refusal error={feather422} shownAt={(f) => shownOnForm(f, state)} />);
    expect(screen.getByText('Feather refused some values; see the marked field: To number.')).toBeTruthy();
    expect(screen.queryAllByText(/This number cannot be called/)).toHaveLength(0); // it is under To number
    expect(screen.getByRole('list', { name: 'What Feather rejected' }).textContent).toBe('plan: Unknown variable');
  });

  it('main’s own sentence stays when it says something the fields do not', () => {
    const unplaced = { ...feather422, message: 'Feather rejected the request: body.flag is not allowed' };
    render(<Refusal error={unplaced} shownAt={() => true} />);
    expect(
      screen.getByText('Feather rejected the request: body.flag is not allowed See the marked fields: To number and plan.'),
    ).toBeTruthy();
  });

  it('main’s own pointer at the fields (“see the marked fields”) is not said twice', () => {
    const generic = { ...feather422, message: 'Feather rejected some values; see the marked fields.' };
    render(<Refusal error={generic} shownAt={(f) => f === 'toNumber'} />);
    expect(screen.getByText('Feather refused some values; see the marked field: To number.')).toBeTruthy();
  });

  it('the palette (no fields): every field’s message in the list, once', () => {
    render(<Refusal error={feather422} shownAt={() => false} />);
    expect(screen.getByText('Feather refused some values:')).toBeTruthy();
    expect(screen.getAllByText(/This number cannot be called/)).toHaveLength(1);
  });

  it('which fields the Dial form shows a message at', () => {
    const agent = { draft: { ...state.draft, caller: { mode: 'agent' as const, agentId: 'a' } }, plan: null };
    expect(shownOnForm('toNumber', state)).toBe(true);
    expect(shownOnForm('agentId', state)).toBe(false); // Automatic: no Agent field
    expect(shownOnForm('agentId', agent)).toBe(true);
    expect(shownOnForm('contextVariables.0', state)).toBe(true); // the first typed row
    expect(shownOnForm('contextVariables.3', state)).toBe(false);
    expect(shownOnForm('template', state)).toBe(false);
  });
});

describe('CallLive', () => {
  const row = (over: Partial<HistoryRow>) => historyRow({ eligibleAt: null, ...over });
  it('is a polite status named “Call status” that reads main’s line', () => {
    const { rerender } = render(<CallLive row={row({})} />);
    const status = screen.getByRole('status', { name: 'Call status' });
    expect(status.textContent).toContain('Queued');
    expect(status.textContent).toContain('Waiting for the calling-hours window');
    rerender(<CallLive row={row({ outcome: 'in_progress', status: 'active', detail: 'In the call' })} />);
    expect(screen.getByRole('status', { name: 'Call status' }).textContent).toMatch(/^ In the call/);
    rerender(<CallLive row={row({ outcome: 'ended', status: 'closed', detail: 'Confirmed.', durationMs: 17_000, tracking: false })} />);
    expect(screen.getByRole('status', { name: 'Call status' }).textContent).toBe(' Ended · 0:17Confirmed.Listed in History.');
  });
  it('before main’s first word, says it is waiting for it — not in the moment main’s entry follows the answer', () => {
    vi.useFakeTimers();
    try {
      render(<CallLive row={null} />);
      expect(screen.getByRole('status', { name: 'Call status' }).textContent).toBe('');
      act(() => vi.advanceTimersByTime(500));
      expect(screen.getByRole('status', { name: 'Call status' }).textContent).toMatch(/Waiting for Feather’s first word/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('CallPlaced', () => {
  const result = (over: Partial<CallResult> = {}): CallResult => ({
    requestId: '11111111-1111-4111-8111-111111111111',
    sessionId: 's1',
    roomName: null,
    dispatchId: null,
    agentName: 'Riley',
    toNumber: '+14155550132',
    placedAt: '2026-03-10T15:58:00.000Z',
    variablesSent: 0,
    notices: [],
    queued: true,
    instant: false,
    eligibleAt: null,
    queueExpiresAt: null,
    revisionName: null,
    revisionSource: null,
    detailsUnknown: false,
    replayed: false,
    httpStatus: 200,
    ...over,
  });
  const placed = (row: HistoryRow | null, notices: string[] = []) =>
    render(<CallPlaced result={result()} row={row} notices={notices} waiting={null} onNewCall={() => undefined} />);

  it('a queued call’s window: the next calling-hours window until main has read it from Feather, then the time', () => {
    const { rerender } = placed(null);
    const facts = () => screen.getByRole('region', { name: 'Call placed' }).querySelector('.card-facts')!.textContent;
    expect(facts()).toContain('May dial fromthe next calling-hours window');
    expect(facts()).not.toMatch(/did not say/);
    const row = historyRow({ eligibleAt: '2026-03-10T16:00:00.000Z', queueExpiresAt: '2026-03-11T16:00:00.000Z' });
    rerender(<CallPlaced result={result()} row={row} notices={[]} waiting={null} onNewCall={() => undefined} />);
    expect(facts()).toContain(`May dial from${formatWhen('2026-03-10T16:00:00.000Z')}`);
    expect(facts()).toContain(`${formatWhen('2026-03-11T16:00:00.000Z')} if not dialled by then`);
  });

  it('a save that failed after the answer is said on the card, with the answer’s own notices', () => {
    placed(historyRow(), ['The call was placed, but saving it on this computer failed (last caller, contact stats).']);
    expect(screen.getByRole('region', { name: 'Call placed' }).textContent).toContain(
      'The call was placed, but saving it on this computer failed (last caller, contact stats).',
    );
  });
});

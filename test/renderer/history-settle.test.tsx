// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Candidate } from '../../shared/history/history-contract';
import type { HistoryEntry } from '../../shared/history/history-entry';
import type { AppError } from '../../shared/result';
import { SettlePanel } from '../../renderer/src/screens/history/settle-panel';
import { deferred, installBridge } from './fake-bridge';
import { entryOf, historyRow } from '../support/history-fixtures';

/**
 * "Was this call placed?": the panel shows the conversations main found around an unknown outcome
 * (in main's order, same number first), links one or marks the call not placed after a
 * confirmation, and shows main's refusals where they happen.
 */

// focus moves only to what is shown (keyboard/focus.ts canFocus): in jsdom every element is
beforeAll(() => Object.defineProperty(Element.prototype, 'getClientRects', { configurable: true, value: () => [{ width: 1, height: 1 }] }));
afterEach(cleanup);

const unknown = entryOf(historyRow(0, { outcome: 'unknown', status: null, detail: 'Feather may or may not have placed this call' }));
const candidates: Candidate[] = [
  {
    sessionId: '7a1f0d2e-5b3c-4d6e-8f90-1a2b3c4d5e6f',
    startedAt: '2026-03-10T18:00:02.000Z',
    status: 'queued',
    toNumber: unknown.toNumber,
    sameNumber: true,
    summary: null,
  },
  {
    sessionId: '0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f',
    startedAt: '2026-03-10T18:01:30.000Z',
    status: 'closed',
    toNumber: '+442079460958',
    sameNumber: false,
    summary: 'Confirmed the delivery window.',
  },
];

/** `window.launcher` whose `history:*` answers are the test's (a failure is an AppError, as main answers). */
function fakeMain(answers: { candidates?: () => unknown; settle?: (request: unknown) => unknown }) {
  const bridge = installBridge({});
  const requests: Array<{ channel: string; request: unknown }> = [];
  const answer = async (channel: string, request: unknown, make: ((request: unknown) => unknown) | undefined) => {
    requests.push({ channel, request });
    const value = (await make?.(request)) as { error?: AppError } | undefined;
    return value && 'error' in value && value.error ? { ok: false, error: value.error } : { ok: true, value };
  };
  window.launcher = {
    ...window.launcher,
    history: {
      ...window.launcher.history,
      candidates: (request: unknown) => answer('history:candidates', request, answers.candidates),
      settle: (request: unknown) => answer('history:settle', request, answers.settle),
    },
  } as typeof window.launcher;
  return { bridge, requests };
}

const refused = (message: string, code: AppError['code'] = 'conflict') => ({ error: { code, message } });

describe('settling an unknown outcome', () => {
  it('lists the conversations around the call in main’s order; "This is the call" links that one', async () => {
    const settled: HistoryEntry[] = [];
    const linked = { ...unknown, outcome: 'in_progress' as const, sessionId: candidates[0]!.sessionId, tracking: true };
    const { requests } = fakeMain({ candidates: () => ({ candidates, note: null }), settle: () => linked });
    render(<SettlePanel entry={unknown} onSettled={(e) => settled.push(e)} />);
    expect(screen.getByRole('heading', { name: 'Was this call placed?' })).toBeTruthy();
    const list = await screen.findByRole('list', { name: 'Conversations around this call' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('Same number');
    expect(items[0]!.textContent).toContain(unknown.toNumber);
    expect(items[1]!.textContent).toContain('+442079460958');
    expect(items[1]!.textContent).toContain('Confirmed the delivery window.');
    expect(items[1]!.textContent).not.toContain('Same number');
    // each button says which conversation it is about
    const first = within(items[0]!).getByRole('button', { name: 'This is the call' });
    expect(first.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(first.getAttribute('aria-describedby')!)?.textContent).toContain(unknown.toNumber);

    await userEvent.click(first);
    await waitFor(() => expect(settled).toEqual([linked]));
    expect(requests.filter((r) => r.channel === 'history:settle').map((r) => r.request)).toEqual([
      { id: unknown.id, as: 'placed', sessionId: candidates[0]!.sessionId },
    ]);
  });

  it('"It was not placed" asks first; confirmed, main marks it; kept, nothing is sent and focus goes back', async () => {
    const settled: HistoryEntry[] = [];
    const notPlaced = { ...unknown, outcome: 'not_placed' as const, reason: 'You marked this call as not placed.' };
    const { requests } = fakeMain({
      candidates: () => ({ candidates: [], note: 'Feather lists no conversation to this number around that time.' }),
      settle: () => notPlaced,
    });
    render(<SettlePanel entry={unknown} onSettled={(e) => settled.push(e)} />);
    await screen.findByText('Feather lists no conversation to this number around that time.');
    expect(screen.queryByRole('list', { name: 'Conversations around this call' })).toBeNull();

    const button = screen.getByRole('button', { name: 'It was not placed' });
    await userEvent.click(button);
    let dialog = screen.getByRole('dialog', { name: 'Mark this call as not placed?' });
    expect(within(dialog).getByText(/a new card to this number will no longer warn/)).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep it unknown' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(requests.filter((r) => r.channel === 'history:settle')).toEqual([]);
    await waitFor(() => expect(document.activeElement).toBe(button));

    await userEvent.click(button);
    dialog = screen.getByRole('dialog', { name: 'Mark this call as not placed?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Mark not placed' }));
    await waitFor(() => expect(settled).toEqual([notPlaced]));
    expect(requests.filter((r) => r.channel === 'history:settle').map((r) => r.request)).toEqual([{ id: unknown.id, as: 'not_placed' }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('main’s refusals are shown in place: a conversation linked elsewhere, candidates that cannot be read (with Try again)', async () => {
    let fail = true;
    const settled: HistoryEntry[] = [];
    fakeMain({
      candidates: () => (fail ? refused('Feather could not be reached: you are offline.', 'offline') : { candidates, note: null }),
      settle: () => refused('That conversation is already linked to another call in the history.'),
    });
    render(<SettlePanel entry={unknown} onSettled={(e) => settled.push(e)} />);
    expect((await screen.findByRole('alert')).textContent).toContain('you are offline');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    const list = await screen.findByRole('list', { name: 'Conversations around this call' });
    await userEvent.click(within(list).getAllByRole('button', { name: 'This is the call' })[1]!);
    expect((await screen.findByRole('alert')).textContent).toBe('That conversation is already linked to another call in the history.');
    expect(settled).toEqual([]);
    // still there to try another one
    expect(within(list).getAllByRole('button', { name: 'This is the call' })[0]!.getAttribute('aria-disabled')).toBe('false');
  });

  it('while main settles, the buttons wait, keeping focus (a second click sends nothing)', async () => {
    const slow = deferred<HistoryEntry>();
    const { requests } = fakeMain({ candidates: () => ({ candidates, note: null }), settle: () => slow.promise });
    render(<SettlePanel entry={unknown} onSettled={() => undefined} />);
    const list = await screen.findByRole('list', { name: 'Conversations around this call' });
    const [first, second] = within(list).getAllByRole('button', { name: 'This is the call' });
    await userEvent.click(first!);
    expect(second!.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(first);
    await userEvent.click(second!);
    expect(requests.filter((r) => r.channel === 'history:settle')).toHaveLength(1);
    slow.resolve({ ...unknown, outcome: 'in_progress' });
  });
});

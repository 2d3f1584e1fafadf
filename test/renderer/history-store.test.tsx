// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFilter } from '../../shared/history/history-contract';
import type { HistoryRow } from '../../shared/history/history-entry';
import { OUTCOME_LABELS, OUTCOMES } from '../../shared/history/outcomes';
import { HistoryScreen } from '../../renderer/src/screens/history/history-screen';
import { historyStore, PAGE, resetHistoryStore, showRows, startHistory } from '../../renderer/src/stores/history-store';
import { deferred, installBridge } from './fake-bridge';
import { entryOf, historyRow, matches } from '../support/history-fixtures';

/**
 * The history store and screen over a fake main: the list is read a page at a time as it scrolls
 * (never all of it), and `history:changed` moves a row on where it is or puts a new call on top,
 * keeping the selection on the call the user chose.
 */

beforeAll(() => {
  // the virtual list measures its box; jsdom lays nothing out
  for (const [name, size] of [
    ['clientHeight', 600],
    ['clientWidth', 400],
  ] as const)
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => size });
  // focus moves only to what is shown (keyboard/focus.ts canFocus): in jsdom every element is
  Object.defineProperty(Element.prototype, 'getClientRects', { configurable: true, value: () => [{ width: 1, height: 1 }] });
});
afterEach(() => {
  cleanup();
  resetHistoryStore();
});

interface ListRequest {
  filter: HistoryFilter;
  offset: number;
  limit: number;
}

/** Main's history: `rows(i)` makes the i-th newest entry (so 100,000 cost nothing until asked); `added` go on top. */
function fakeMain(count: number, make: (i: number) => HistoryRow = (i) => historyRow(i)) {
  const main = { added: [] as HistoryRow[], changed: new Map<string, HistoryRow>(), hold: null as Promise<void> | null };
  const at = (i: number) => {
    const row = i < main.added.length ? main.added[i]! : make(i - main.added.length);
    return main.changed.get(row.id) ?? row;
  };
  const bridge = installBridge({
    'history:list': async ({ filter, offset, limit }: ListRequest) => {
      if (main.hold) await main.hold;
      const all = count + main.added.length;
      const filtered = filter.outcomes.length || filter.text.trim();
      if (!filtered)
        return { rows: Array.from({ length: Math.max(0, Math.min(limit, all - offset)) }, (_, k) => at(offset + k)), total: all, all };
      const kept = Array.from({ length: all }, (_, i) => at(i)).filter((r) => matches(r, filter));
      return { rows: kept.slice(offset, offset + limit), total: kept.length, all };
    },
    'history:get': ({ id }: { id: string }) => {
      const added = main.added.find((r) => r.id === id);
      const row = added ?? make(Number(id.replace('call-', '')));
      return entryOf(main.changed.get(row.id) ?? row);
    },
  });
  const lists = () => bridge.calls.filter((c) => c.channel === 'history:list').map((c) => c.request as ListRequest);
  return { main, bridge, lists };
}

const listbox = () => screen.getByRole('listbox', { name: 'Calls' });
/** the offset of the page holding a row */
const pageStart = (index: number) => Math.floor(index / PAGE) * PAGE;
const selected = () => within(listbox()).getByRole('option', { selected: true });
const names = () =>
  within(listbox())
    .queryAllByRole('option')
    .map((o) => o.getAttribute('aria-label') ?? '');

describe('the history store', () => {
  it('reads 100,000 calls a page at a time: the first rows, then only the pages scrolled to', async () => {
    const { lists } = fakeMain(100_000);
    render(<HistoryScreen />);
    await screen.findByText('100,000 calls');
    expect(lists()).toEqual([{ filter: expect.any(Object), offset: 0, limit: PAGE }]);
    // only what is on screen is in the DOM
    expect(within(listbox()).getAllByRole('option').length).toBeLessThan(40);
    expect(historyStore.get().rows.size).toBe(PAGE);

    // the list scrolls far down: that page, and nothing in between
    showRows(73_410, 73_425);
    await waitFor(() => expect(historyStore.get().rows.get(73_410)?.id).toBe(historyRow(73_410).id));
    expect(lists().map((r) => r.offset)).toEqual([0, pageStart(73_410)]);
    expect(historyStore.get().rows.size).toBe(2 * PAGE);
    // a page already here is not asked for again
    showRows(73_412, 73_420);
    showRows(10, 20);
    expect(lists().map((r) => r.offset)).toEqual([0, pageStart(73_410)]);

    // End in the list: the last call is selected, its page read when it is shown
    await userEvent.click(within(listbox()).getAllByRole('option')[0]!);
    await userEvent.keyboard('{End}');
    expect(historyStore.get().selection.index).toBe(99_999);
    showRows(99_990, 99_999);
    await waitFor(() => expect(historyStore.get().selection.id).toBe(historyRow(99_999).id));
    expect(lists().map((r) => r.offset)).toEqual([0, pageStart(73_410), pageStart(99_999)]);
  });

  it('a changed row is replaced where it is: the selection, the other rows and the count stay, and main is not asked again', async () => {
    const { bridge, lists } = fakeMain(3);
    render(<HistoryScreen />);
    await screen.findByText('3 calls');
    await userEvent.click(within(listbox()).getAllByRole('option')[1]!);
    expect(selected().getAttribute('aria-label')).toMatch(/^\+14155550001, Ended/);
    await screen.findByRole('heading', { name: '+14155550001' });

    const detailsBefore = bridge.channels().filter((c) => c === 'history:get').length;
    bridge.emit('history:changed', historyRow(2, { outcome: 'not_answered', detail: 'Nobody answered', status: 'closed' }));
    expect(names()[2]).toMatch(/^\+14155550002, Not answered/);
    expect(screen.getByText('Nobody answered')).toBeTruthy();
    // the selected call moves on: its details are read again
    bridge.emit('history:changed', historyRow(1, { outcome: 'in_progress', status: 'active', detail: 'In the call', tracking: true }));
    expect(selected().getAttribute('aria-label')).toBe(`+14155550001, In progress, ${selectedTime(1)}, following the call`);
    await waitFor(() => expect(bridge.channels().filter((c) => c === 'history:get').length).toBe(detailsBefore + 1));
    expect(screen.getByText('3 calls')).toBeTruthy();
    expect(lists()).toHaveLength(1);
  });

  it('a new call goes on top without asking main; the selection stays on the call the user chose', async () => {
    const { bridge, lists } = fakeMain(3);
    render(<HistoryScreen />);
    await screen.findByText('3 calls');
    await userEvent.click(within(listbox()).getAllByRole('option')[2]!);
    const chosen = selected().getAttribute('aria-label');

    const newest = historyRow(-1, { outcome: 'queued', status: 'queued', detail: 'Waiting for the calling-hours window', tracking: true });
    bridge.emit('history:changed', newest);
    expect(names()[0]).toMatch(/^\+14155559999, Queued/);
    expect(names()).toHaveLength(4);
    expect(selected().getAttribute('aria-label')).toBe(chosen);
    expect(historyStore.get().selection).toEqual({ index: 3, id: historyRow(2).id });
    expect(historyStore.get().above).toBe(1);
    expect(screen.getByText('4 calls')).toBeTruthy();
    expect(lists()).toHaveLength(1);

    // an older entry on a page not read yet is left for when it is read
    bridge.emit('history:changed', historyRow(500));
    expect(names()).toHaveLength(4);
    expect(lists()).toHaveLength(1);
  });

  it('with a filter on, main says whether a new call belongs: it is put on top only when it matches', async () => {
    const { main, bridge, lists } = fakeMain(3, (i) => historyRow(i, i === 1 ? { contactName: 'Ada Lovelace', contactId: 'ada' } : {}));
    render(<HistoryScreen />);
    await screen.findByText('3 calls');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Name or number' }), 'ada');
    await screen.findByText('1 of 3 calls');
    expect(names()).toHaveLength(1);

    // a call to someone else: main's top rows do not have it
    const other = historyRow(-1);
    main.added = [other];
    const asked = lists().length;
    bridge.emit('history:changed', other);
    await waitFor(() => expect(lists()).toHaveLength(asked + 1));
    await screen.findByText('1 of 4 calls');
    expect(names()).toHaveLength(1);

    // a call to Ada: on top, the selected one stays selected
    const ada = historyRow(-2, { contactName: 'Ada Lovelace', contactId: 'ada', outcome: 'queued', status: 'queued', tracking: true });
    main.added = [ada, other];
    bridge.emit('history:changed', ada);
    await screen.findByText('2 of 5 calls');
    expect(names()[0]).toMatch(/^Ada Lovelace, Queued/);
    expect(selected().getAttribute('aria-label')).toMatch(/^Ada Lovelace, Ended/);
  });

  it('a row that arrives while the first rows are on their way is not lost: the list is read again', async () => {
    const { main, bridge, lists } = fakeMain(2);
    const slow = deferred<void>();
    main.hold = slow.promise;
    startHistory();
    render(<HistoryScreen />);
    const newest = historyRow(-1);
    main.added = [newest];
    bridge.emit('history:changed', newest);
    main.hold = null;
    slow.resolve();
    await screen.findByText('3 calls');
    expect(names()[0]).toMatch(/^\+14155559999/);
    expect(lists().length).toBe(2);
  });

  it('says "no calls yet" apart from "nothing matches", which offers to clear the filters', async () => {
    fakeMain(0);
    const { unmount } = render(<HistoryScreen />);
    await screen.findByRole('heading', { name: 'No calls yet' });
    expect(screen.getByText(/Calls you place appear here/)).toBeTruthy();
    unmount();
    resetHistoryStore();

    fakeMain(3);
    render(<HistoryScreen />);
    await screen.findByText('3 calls');
    await userEvent.type(screen.getByRole('searchbox', { name: 'Name or number' }), 'nobody');
    await screen.findByText('No call matches these filters.');
    expect(screen.getByText('0 of 3 calls')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await screen.findByText('3 calls');
    expect((screen.getByRole('searchbox', { name: 'Name or number' }) as HTMLInputElement).value).toBe('');
  });

  it('the outcome filter lists main’s outcomes in main’s words, and sends the ones chosen', async () => {
    const { lists } = fakeMain(3, (i) => historyRow(i, i === 2 ? { outcome: 'not_placed', detail: 'Feather refused it' } : {}));
    render(<HistoryScreen />);
    await screen.findByText('3 calls');
    await userEvent.click(screen.getByRole('button', { name: 'Outcome Any' }));
    const boxes = within(screen.getByRole('group', { name: 'Outcomes to show' })).getAllByRole('checkbox');
    expect(boxes.map((b) => b.closest('label')?.textContent)).toEqual(OUTCOMES.map((o) => OUTCOME_LABELS[o]));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Not placed' }));
    await screen.findByText('1 of 3 calls');
    expect(lists().at(-1)?.filter.outcomes).toEqual(['not_placed']);
    expect(screen.getByRole('button', { name: 'Outcome Not placed' }).getAttribute('aria-expanded')).toBe('true');
    await userEvent.keyboard('{Escape}');
    expect(screen.getByRole('button', { name: 'Outcome Not placed' }).getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Outcome Not placed' }));
  });

  it('Enter in the list opens the selected call’s details and Esc goes back to the list', async () => {
    fakeMain(3);
    render(<HistoryScreen />);
    await screen.findByText('3 calls');
    listbox().focus();
    await userEvent.keyboard('{ArrowDown}');
    await screen.findByRole('heading', { name: '+14155550001' });
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: '+14155550001' })));
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(document.activeElement).toBe(listbox()));
  });
});

/** the time a row shows, as the list formats it */
const selectedTime = (i: number) => {
  const d = new Date(historyRow(i).at);
  return d.toDateString() === new Date().toDateString()
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
};

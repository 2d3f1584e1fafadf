// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contacts/contact';
import type { ContactQuery } from '../../shared/contacts/contacts-contract';
import type { DialRequest } from '../../shared/main-events';
import { ContactsScreen } from '../../renderer/src/screens/contacts/contacts-screen';
import { follow } from '../../renderer/src/stores/contact-rows';
import { resetContactsStore, startContacts } from '../../renderer/src/stores/contacts-store';
import { onDialRequest } from '../../renderer/src/stores/dial-requests';
import { contact, deferred, installBridge, rowOf } from './fake-bridge';

/**
 * The Contacts screen over its store, with main played by fakes: the list follows `contacts:changed`
 * (our own edits arrive that way too), keeps its rows until the new ones are in, and the selection
 * follows the person, not the row.
 */
const ada = contact('ada', 'Ada Lovelace', '+14155550101');
const alan = contact('alan', 'Alan Turing', '+14155550102');
const grace = contact('grace', 'Grace Hopper', '+14155550103');
const kim = contact('kim', 'Kim Lee', '+14155550104');

beforeAll(() => {
  // the virtual list measures its box; jsdom lays nothing out
  for (const [name, size] of [
    ['clientHeight', 600],
    ['clientWidth', 400],
  ] as const)
    Object.defineProperty(HTMLElement.prototype, name, { configurable: true, get: () => size });
});
afterEach(() => {
  cleanup();
  resetContactsStore();
});

/**
 * Main's address book: `list` is what it holds; while `hold` is set, its answers to queries wait;
 * while `loading` is set, it is still reading the contacts at start and `list` is what it has read.
 */
function fakeMain(initial: Contact[]) {
  const main = { list: initial, hold: null as Promise<void> | null, loading: false };
  const bridge = installBridge({
    'contacts:query': async (q: ContactQuery) => {
      const at = main.list;
      if (main.hold) await main.hold;
      const rows = at.slice(q.offset, q.offset + q.limit).map(rowOf);
      return { total: at.length, all: at.length, rows, ...(main.loading ? { loading: true } : {}) };
    },
    'contacts:get': ({ id }: { id: string }) => main.list.find((c) => c.id === id),
    'contacts:tags': () => [],
    'contacts:remove': ({ ids }: { ids: string[] }) => {
      main.list = main.list.filter((c) => !ids.includes(c.id));
      return { undoToken: 'undo-1', count: ids.length };
    },
    'contacts:undoRemove': () => ({ count: 1 }),
  });
  return { main, bridge };
}

const options = () => within(screen.getByRole('listbox', { name: 'Contacts' })).getAllByRole('option');
const names = () => options().map((o) => o.getAttribute('aria-label'));
const selected = () => within(screen.getByRole('listbox', { name: 'Contacts' })).getByRole('option', { selected: true });

describe('the contacts store', () => {
  it('a contacts:changed refreshes the rows without emptying them first, and the selection follows the contact', async () => {
    const user = userEvent.setup();
    const { main, bridge } = fakeMain([ada, grace, kim]);
    startContacts();
    render(<ContactsScreen active />);
    await user.click(await screen.findByRole('option', { name: 'Grace Hopper' }));
    expect(selected().getAttribute('aria-label')).toBe('Grace Hopper');
    await screen.findByRole('region', { name: 'Contact Grace Hopper' });

    // main adds Alan: Grace moves down a row. Its answer is slow.
    const answer = deferred<void>();
    main.hold = answer.promise;
    main.list = [ada, alan, grace, kim];
    const queriesBefore = bridge.channels().filter((c) => c === 'contacts:query').length;
    bridge.emit('contacts:changed', { count: 4 });
    await waitFor(() => expect(bridge.channels().filter((c) => c === 'contacts:query').length).toBe(queriesBefore + 1));
    // meanwhile the list shows what it had, never an empty list
    expect(names()).toEqual(['Ada Lovelace', 'Grace Hopper', 'Kim Lee']);
    expect(selected().getAttribute('aria-label')).toBe('Grace Hopper');
    expect(screen.getByText('3 contacts')).toBeTruthy();

    answer.resolve();
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Kim Lee']));
    expect(selected().getAttribute('aria-label')).toBe('Grace Hopper');
    expect(screen.getByText('4 contacts')).toBeTruthy();
  });

  it('Enter while the reloaded rows are on their way calls the contact the user chose, by id', async () => {
    const user = userEvent.setup();
    const { main, bridge } = fakeMain([ada, grace, kim]);
    const dialled: DialRequest[] = [];
    const stop = onDialRequest((r) => dialled.push(r));
    try {
      startContacts();
      render(<ContactsScreen active />);
      const search = await screen.findByRole('searchbox', { name: 'Search contacts' });
      await screen.findByRole('option', { name: 'Ada Lovelace' });
      await user.type(search, '{ArrowDown}');
      expect(selected().getAttribute('aria-label')).toBe('Grace Hopper');

      const answer = deferred<void>();
      main.hold = answer.promise;
      main.list = [grace, ada, kim]; // Grace was called: "recent" puts her first
      bridge.emit('contacts:changed', { count: 3 });
      await user.type(search, '{Enter}');
      expect(dialled).toEqual([]); // not the contact that was in that row a moment ago: it waits for the rows
      answer.resolve();
      // the contact, by id: main picks its number for the card
      await waitFor(() => expect(dialled).toEqual([{ contactId: 'grace', source: 'contacts' }]));
      expect(selected().getAttribute('aria-label')).toBe('Grace Hopper');
    } finally {
      stop();
    }
  });

  it('a deleted contact’s row goes to the next one when main says so; Undo brings it back, selected', async () => {
    const user = userEvent.setup();
    const { main, bridge } = fakeMain([ada, grace, kim]);
    startContacts();
    render(<ContactsScreen active />);
    await user.click(await screen.findByRole('option', { name: 'Grace Hopper' }));
    const detail = await screen.findByRole('region', { name: 'Contact Grace Hopper' });
    await user.click(within(detail).getByRole('button', { name: 'Delete' }));
    await screen.findByText('Deleted Grace Hopper.');
    bridge.emit('contacts:changed', { count: 2 });
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace', 'Kim Lee']));
    expect(selected().getAttribute('aria-label')).toBe('Kim Lee');
    await screen.findByRole('region', { name: 'Contact Kim Lee' });

    main.list = [ada, grace, kim];
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    bridge.emit('contacts:changed', { count: 3 });
    await waitFor(() => expect(selected().getAttribute('aria-label')).toBe('Grace Hopper'));
    await screen.findByRole('region', { name: 'Contact Grace Hopper' });
    expect(screen.queryByRole('button', { name: 'Undo' })).toBeNull();
  });
});

describe('while main is still reading the contacts at start', () => {
  it('shows what is read so far and says it is loading — never “No contacts yet” — and fills in when main says all are in', async () => {
    const { main, bridge } = fakeMain([]);
    main.loading = true;
    startContacts();
    render(<ContactsScreen active />);
    await screen.findByText('Loading contacts…');
    expect(screen.queryByRole('region', { name: 'No contacts yet' })).toBeNull();
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Export CSV' }).disabled).toBe(false); // main exports from the file, all of it

    main.list = [ada, grace];
    bridge.emit('contacts:changed', { count: 2 });
    await screen.findByText('Loading contacts… 2 so far');

    main.list = [ada, grace, kim];
    main.loading = false;
    bridge.emit('contacts:changed', { count: 3 });
    await waitFor(() => expect(names()).toEqual(['Ada Lovelace', 'Grace Hopper', 'Kim Lee']));
    expect(screen.getByText('3 contacts')).toBeTruthy();
  });
});

describe('where the selection goes when new rows arrive', () => {
  const rows = [ada, alan, grace, kim].map(rowOf);
  it('follows the contact; when it is gone, the row that took its place; a new search starts at the top', () => {
    expect(follow({ index: 0, id: 'grace' }, rows, 4, 'contact')).toEqual({ index: 2, id: 'grace' });
    expect(follow({ index: 3, id: 'gone' }, rows.slice(0, 2), 2, 'contact')).toEqual({ index: 1, id: 'alan' });
    expect(follow({ index: 2, id: 'grace' }, rows, 4, 'first')).toEqual({ index: 0, id: 'ada' });
    expect(follow({ index: 2, id: 'grace' }, [], 0, 'contact')).toEqual({ index: 0, id: null });
  });
});

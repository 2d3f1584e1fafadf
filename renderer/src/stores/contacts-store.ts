import { onEvent } from './on-event';
import { createStore, useStore } from './store';

/**
 * The last `contacts:changed` main sent (a new object each time): contact lists and tag filters
 * query again when it changes. Rows stay in main; only the fact of a change is kept here.
 */
export const contactsChanges = createStore<{ count: number | null }>({ count: null });

let started = false;
export function startContacts() {
  if (started) return;
  started = true;
  onEvent('contacts:changed', (change) => contactsChanges.set({ ...change }));
}

export const useContactsChanges = () => useStore(contactsChanges);

export function resetContactsStore() {
  started = false;
  contactsChanges.set({ count: null });
}

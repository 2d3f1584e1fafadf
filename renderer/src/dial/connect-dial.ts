import { useSyncExternalStore } from 'react';
import { api } from '../api';
import { consumeDialRequests } from '../stores/dial-requests';
import { directoryStore, startDirectory } from '../stores/directory-store';
import { onEvent } from '../stores/on-event';
import { profileKeyOf, statusStore } from '../stores/status-store';
import { startTemplates, templatesStore } from '../stores/templates-store';
import { createDialStore, type DialStore } from './dial-store';

/**
 * Keeps a dial store in step with this window's other stores: the connection (a switch clears
 * what does not belong to it), and everything main's plan reads — the directory, templates,
 * contacts, settings — after which the draft is planned again. Calls started elsewhere arrive here.
 */
export function connectDialStore(store: DialStore): () => void {
  const followStatus = () => {
    const status = statusStore.get().status;
    if (status) store.dispatch({ type: 'profile', profile: status.activeProfile, key: profileKeyOf(status) });
    store.replan();
  };
  const followDirectory = () => {
    const { directory, profileKey } = directoryStore.get();
    if (directory && profileKey) store.dispatch({ type: 'directory', profileKey, directory });
    store.replan();
  };
  const stops = [
    statusStore.subscribe(followStatus),
    directoryStore.subscribe(followDirectory),
    templatesStore.subscribe(() => store.replan()),
    onEvent('contacts:changed', () => store.replan()),
    // the history is what main's plan reads for "a call is under way" and "outcome unknown"; the placed card follows its own call
    onEvent('history:changed', (row) => {
      store.dispatch({ type: 'history', row });
      store.replan();
    }),
    onEvent('call:notice', ({ requestId, notice }) => store.dispatch({ type: 'callNotice', requestId, notice })),
    consumeDialRequests((request) => store.request(request)),
  ];
  followStatus();
  return () => stops.forEach((stop) => stop());
}

let mainWindowStore: DialStore | null = null;
/** This window's dial store, connected on first use (with the directory and the templates, which its plans read). */
export function dialStore(): DialStore {
  if (!mainWindowStore) {
    // after the render that asked for the store (starting them sets stores others may render)
    queueMicrotask(() => {
      startDirectory();
      startTemplates();
    });
    mainWindowStore = createDialStore({ call: api().call, newRequestId: () => crypto.randomUUID() }, '');
    connectDialStore(mainWindowStore);
  }
  return mainWindowStore;
}

/** The dial state; the component renders again when it changes. */
export function useDial() {
  const store = dialStore();
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  return { state, store };
}

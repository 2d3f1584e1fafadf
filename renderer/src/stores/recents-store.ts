import type { RecentCall } from '../../../shared/recent-call';
import { api } from '../api';
import { onEvent } from './on-event';
import { createStore, useStore } from './store';

/** The last calls placed (the palette lists them): loaded once, then kept by `recents:changed`. */
const recentsStore = createStore<RecentCall[]>([]);

let started = false;
export function startRecents() {
  if (started) return;
  started = true;
  onEvent('recents:changed', (recents) => recentsStore.set(recents));
  void api()
    .call.recents({})
    .then((r) => r.ok && recentsStore.set((now) => (now.length ? now : r.value)));
}

export const useRecents = () => useStore(recentsStore);

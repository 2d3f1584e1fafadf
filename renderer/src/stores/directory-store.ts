import { useEffect } from 'react';
import type { Directory } from '../../../shared/contract';
import { api } from '../api';
import { onEvent } from './on-event';
import { profileKeyOf, statusStore } from './status-store';
import { createStore, useStore } from './store';

export interface DirectoryState {
  /** the profile this directory belongs to (id|key hint) */
  profileKey: string | null;
  profileId: string | null;
  directory: Directory | null;
  refreshing: boolean;
}

/**
 * The active profile's directory, once for the whole window: the cache at once (works offline),
 * then one quiet refresh per connection; later changes arrive as `directory:changed` events.
 */
export const directoryStore = createStore<DirectoryState>({ profileKey: null, profileId: null, directory: null, refreshing: false });

let started = false;
export function startDirectory() {
  if (started) return;
  started = true;
  onEvent('directory:changed', ({ profileId, directory }) => {
    directoryStore.set((s) => (s.profileId === profileId ? { ...s, directory } : s));
  });
  const follow = () => {
    const status = statusStore.get().status;
    if (!status) return;
    const key = profileKeyOf(status);
    if (directoryStore.get().profileKey === key) return;
    directoryStore.set({ profileKey: key, profileId: status.activeProfile.id, directory: null, refreshing: false });
    const current = () => directoryStore.get().profileKey === key;
    void api()
      .directory.list({})
      .then((r) => {
        if (current() && r.ok) directoryStore.set((s) => ({ ...s, directory: s.directory ?? r.value }));
        return current() ? refreshDirectory() : undefined;
      });
  };
  statusStore.subscribe(follow);
  follow();
}

/** Fetches from Feather (main de-duplicates: one fan-out however many ask); the event carries the answer too. */
export async function refreshDirectory() {
  const key = directoryStore.get().profileKey;
  directoryStore.set((s) => ({ ...s, refreshing: true }));
  const r = await api().directory.refresh({});
  directoryStore.set((s) => (s.profileKey !== key ? s : { ...s, refreshing: false, directory: r.ok ? r.value : s.directory }));
}

/** Keeps a hand-typed ID under a name; returns the problem to show, or null. */
export async function saveManual(kind: 'phoneNumber' | 'agent' | 'team', label: string, id: string): Promise<string | null> {
  const r = await api().directory.addManual({ kind, label, id });
  if (!r.ok) return Object.values(r.error.fields ?? {})[0] ?? r.error.message;
  directoryStore.set((s) => ({ ...s, directory: r.value }));
  return null;
}

/** The directory; the store starts (and asks main) with the first screen that reads it. */
export function useDirectoryState() {
  useEffect(startDirectory, []);
  return useStore(directoryStore);
}

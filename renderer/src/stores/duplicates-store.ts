import type { ContactRow } from '../../../shared/contacts/contacts-contract';
import { api } from '../api';
import { onEvent } from './on-event';
import { createStore, useStore } from './store';

export interface DuplicateGroup {
  reason: string;
  contacts: ContactRow[];
}

/**
 * Groups of contacts that share a number or a name, while the Duplicates pane is open: asked for
 * when it opens and again on every `contacts:changed` (a merge, ours or not, arrives as one).
 */
export const duplicatesStore = createStore<{ open: boolean; groups: DuplicateGroup[] | null }>({ open: false, groups: null });
export const useDuplicates = () => useStore(duplicatesStore);

function loadGroups() {
  void api()
    .contacts.duplicates({})
    .then((r) => duplicatesStore.set((s) => (s.open && r.ok ? { ...s, groups: r.value } : s)));
}

export function openDuplicates() {
  duplicatesStore.set({ open: true, groups: null });
  loadGroups();
}

export const closeDuplicates = () => duplicatesStore.set({ open: false, groups: null });

/** Merges the rest of a group into its first contact; true when main did. */
export async function mergeGroup(group: DuplicateGroup): Promise<boolean> {
  const [keep, ...rest] = group.contacts;
  if (!keep) return false;
  const result = await api().contacts.merge({ keepId: keep.id, mergeIds: rest.map((c) => c.id) });
  return result.ok;
}

/** Follows `contacts:changed`; returns the unsubscribe. */
export function startDuplicates(): () => void {
  return onEvent('contacts:changed', () => {
    if (duplicatesStore.get().open) loadGroups();
  });
}

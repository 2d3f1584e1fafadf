import type { AppStatus } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api } from '../api';
import { onEvent } from './on-event';
import { createStore, useStore } from './store';

export interface StatusState {
  status: AppStatus | null;
  /** why the first load failed; the app shows it instead of the screens */
  error: AppError | null;
}

/** The app status (profiles, default country, last caller, notices, samples): loaded once, then kept by events. */
export const statusStore = createStore<StatusState>({ status: null, error: null });

let started = false;
/** Loads the status once and follows `status:changed`; calling it again does nothing. */
export function startStatus() {
  if (started) return;
  started = true;
  onEvent('status:changed', (status) => statusStore.set({ status, error: null }));
  void api()
    .app.status({})
    .then((result) =>
      statusStore.set((s) => (result.ok ? { status: s.status ?? result.value, error: null } : { ...s, error: result.error })),
    );
}

/** Takes a status a handler answered with (the event brings the same; whichever comes first wins). */
export const setStatus = (status: AppStatus) => statusStore.set((s) => ({ ...s, status }));

export const useStatus = () => useStore(statusStore);

/** The key that says "another connection": profile and key. */
export const profileKeyOf = (status: AppStatus) => `${status.activeProfile.id}|${status.activeProfile.keyHint ?? ''}`;

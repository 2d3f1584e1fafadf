import type { AppStatus } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';

export type Answer = { ok: true; value: AppStatus } | { ok: false; error: AppError };
/** Runs one connection action (one at a time): the new status, or null when it failed or another was running. */
export type Run = (action: () => Promise<Answer>) => Promise<AppStatus | null>;

/** the key field of a connection's panel: "Add a key", "Replace key" and "Use this server" put focus there */
export const keyFieldId = (profileId: string) => `api-key-${profileId}`;
export const keyField = (profileId: string) => () => document.getElementById(keyFieldId(profileId));

/**
 * The line on a connection's panel that says which connection is in use: where focus goes when the
 * control that had it goes away. Only that connection's line will do (not one about to be replaced).
 */
export const STATE_LINE_ID = 'connection-state';
export const stateLine = (profileId: string) => () => {
  const line = document.getElementById(STATE_LINE_ID);
  return line?.dataset.profileId === profileId ? line : null;
};
/** the checked "Connect to" radio: the screen's start */
export const checkedChoice = () => document.querySelector<HTMLElement>('[data-screen="connection"] input[name="profile"]:checked');

/**
 * "Add a key" (the Dial screen's banner, a refused key on the call card): open Connection at the key
 * field of the connection in use. An intent the Connection screen listens for, not a counter.
 */
const keyEntryListeners = new Set<() => void>();
export function requestKeyEntry() {
  for (const listener of [...keyEntryListeners]) listener();
}
export function onKeyEntryRequest(listener: () => void): () => void {
  keyEntryListeners.add(listener);
  return () => keyEntryListeners.delete(listener);
}

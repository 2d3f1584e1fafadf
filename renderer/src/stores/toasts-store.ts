import { onEvent } from './on-event';
import { createStore, useStore } from './store';

/**
 * In-app toasts for calls that ended (`call:ended`), shown only where the desktop did not show a
 * notification (`shownByDesktop` false: the browser preview, notifications unavailable); and the
 * one way to ask for a History entry from anywhere in the window — a toast's "Show", or main's
 * `history:open` (a desktop notification clicked) — in the shape main's event has.
 */

export interface Toast {
  /** the history entry the toast is about (one toast per entry) */
  entryId: string;
  title: string;
  body: string;
}

/** at most this many at once: the oldest goes first */
const MAX_TOASTS = 4;

export const toastsStore = createStore<Toast[]>([]);
export const useToasts = () => useStore(toastsStore);

export function showToast(toast: Toast) {
  toastsStore.set((list) => [...list.filter((t) => t.entryId !== toast.entryId), toast].slice(-MAX_TOASTS));
}

export function dismissToast(entryId: string) {
  toastsStore.set((list) => (list.some((t) => t.entryId === entryId) ? list.filter((t) => t.entryId !== entryId) : list));
}

// "Open this History entry": everyone who listens hears it (the App switches to History); the History
// screen is its consumer, and a request made before it was mounted (it loads lazily) waits for it.
type OpenListener = (request: { id: string }) => void;
const openListeners = new Set<OpenListener>();
let openConsumer: OpenListener | null = null;
let pendingOpen: { id: string } | null = null;

/**
 * Asks for a History entry to be shown (a toast's "Show"; main's `history:open` arrives here too).
 * True when something in the window took it (the History screen, or a listener that goes there).
 */
export function openHistoryEntry(id: string): boolean {
  const request = { id };
  if (openConsumer) openConsumer(request);
  else pendingOpen = request; // only the latest counts
  for (const listener of [...openListeners]) listener(request);
  return openConsumer !== null || openListeners.size > 0;
}

/** Hears every request to open a History entry (e.g. to switch to the History tab). */
export function onOpenHistoryEntry(listener: OpenListener): () => void {
  openListeners.add(listener);
  return () => openListeners.delete(listener);
}

/** The one that shows the entry: the History screen. A request made before it mounted is handed over now. */
export function consumeHistoryOpen(listener: OpenListener): () => void {
  openConsumer = listener;
  const waiting = pendingOpen;
  pendingOpen = null;
  if (waiting) listener(waiting);
  return () => {
    if (openConsumer === listener) openConsumer = null;
  };
}

let started = false;
/** Follows main's events: a call that ended (a toast where the desktop showed none), a notification clicked. */
export function startToasts() {
  if (started) return true;
  started = true;
  onEvent('call:ended', ({ entryId, title, body, shownByDesktop }) => {
    if (!shownByDesktop) showToast({ entryId, title, body });
  });
  onEvent('history:open', ({ id }) => openHistoryEntry(id));
  return true;
}

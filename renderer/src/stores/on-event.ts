import type { EventName, EventPayload } from '../../../shared/main-events';

/**
 * Listens to one main → renderer event. The bridge has already checked the payload against the
 * events contract (`checkEvent`, at the trust boundary), so only types come from main-events here:
 * the window's bundle carries no zod. Returns the unsubscribe.
 */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const bridge = window.launcher as Partial<typeof window.launcher> | undefined;
  if (!bridge?.on) return () => undefined;
  return bridge.on(event, (payload) => listener(payload as EventPayload<E>));
}

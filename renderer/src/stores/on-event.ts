import { readEvent, type EventName, type EventPayload } from '../../../shared/main-events';

/**
 * Listens to one main → renderer event; payloads are checked against the events contract
 * (a payload that breaks it is dropped with a console warning). Returns the unsubscribe.
 */
export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  const bridge = window.launcher as Partial<typeof window.launcher> | undefined;
  if (!bridge?.on) return () => undefined;
  return bridge.on(event, (raw) => {
    const payload = readEvent(event, raw);
    if (payload !== null) listener(payload);
  });
}

import { eventsContract, type EventName, type EventPayload } from '../../shared/main-events';

export type BusListener = (event: EventName, payload: unknown) => void;

/**
 * Main → renderer events, in one place: the core emits, Electron's glue (or the test harness,
 * or the preview server) forwards each one to the window. Every payload is checked against
 * the events contract before it leaves, so the renderer never sees a shape it does not know.
 */
export function createEventBus(options: { onError?(event: EventName, error: unknown): void } = {}) {
  const listeners = new Set<BusListener>();
  return {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      const checked = eventsContract[event].safeParse(payload);
      if (!checked.success) {
        options.onError?.(event, checked.error);
        return;
      }
      for (const listener of listeners) {
        try {
          listener(event, checked.data);
        } catch (error) {
          options.onError?.(event, error);
        }
      }
    },
    subscribe(listener: BusListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
export type EventBus = ReturnType<typeof createEventBus>;

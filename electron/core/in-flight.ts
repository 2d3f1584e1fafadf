import { AppFailure } from '../../shared/result';
import type { Handlers } from './handler-types';

type Table = Record<string, Record<string, (request: unknown) => unknown>>;

/**
 * The requests being answered, so that closing waits for them: a directory refresh or a save that
 * is still running when the app quits finishes its write before the stores and the database close,
 * instead of writing into a closed core (or a folder being removed). Once closing has begun, a new
 * request is refused and does nothing.
 */
export function trackInFlight<T extends Handlers>(handlers: T) {
  const running = new Set<Promise<unknown>>();
  let closing = false;
  const wrapped: Table = {};
  for (const [domain, verbs] of Object.entries(handlers as unknown as Table)) {
    wrapped[domain] = {};
    for (const [verb, handler] of Object.entries(verbs)) {
      wrapped[domain][verb] = (request: unknown) => {
        if (closing)
          throw new AppFailure({ code: 'internal', message: 'Feather Launcher is closing: nothing was done. Open it again to go on.' });
        const answer = handler(request);
        if (!(answer instanceof Promise)) return answer; // answered at once: nothing to wait for
        const settled: Promise<void> = answer.then(
          () => void running.delete(settled),
          () => void running.delete(settled),
        );
        running.add(settled);
        return answer;
      };
    }
  }
  return {
    handlers: wrapped as unknown as T,
    /** refuses new requests, then waits for the running ones (at most `limitMs`); true when all finished */
    async drain(limitMs: number): Promise<boolean> {
      closing = true;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), limitMs)));
      try {
        while (running.size > 0) {
          const done = await Promise.race([Promise.all(running).then(() => true as const), late]);
          if (!done) return false;
        }
        return true;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

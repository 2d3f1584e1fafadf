import { AppFailure } from '../../shared/result';
import type { Handlers } from './handler-types';

type Table = Record<string, Record<string, (request: unknown) => unknown>>;

const closingFailure = () =>
  new AppFailure({ code: 'internal', message: 'Feather Launcher is closing: nothing was done. Open it again to go on.' });

/**
 * The requests being answered, so that closing waits for them: a directory refresh or a save that
 * is still running when the app quits finishes its write before the stores and the database close,
 * instead of writing into a closed core (or a folder being removed). Once closing has begun, a new
 * request is refused and does nothing.
 */
export function trackInFlight<T extends Handlers>(handlers: T) {
  const running = new Set<Promise<unknown>>();
  let closing = false;
  function track<V>(work: Promise<V>): Promise<V> {
    const settled: Promise<void> = work.then(
      () => void running.delete(settled),
      () => void running.delete(settled),
    );
    running.add(settled);
    return work;
  }
  const wrapped: Table = {};
  for (const [domain, verbs] of Object.entries(handlers as unknown as Table)) {
    wrapped[domain] = {};
    for (const [verb, handler] of Object.entries(verbs)) {
      wrapped[domain][verb] = (request: unknown) => {
        if (closing) throw closingFailure();
        const answer = handler(request);
        return answer instanceof Promise ? track(answer) : answer; // answered at once: nothing to wait for
      };
    }
  }
  return {
    handlers: wrapped as unknown as T,
    /** other work that writes (a link's directory refresh) and that closing waits for too; refused once closing */
    run<V>(work: () => Promise<V>): Promise<V> {
      if (closing) return Promise.reject(closingFailure());
      return track(work());
    },
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

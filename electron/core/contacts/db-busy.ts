import { AppFailure } from '../../../shared/result';

/**
 * Another program (a backup tool, `sqlite3` in a terminal, a sync client) holding contacts.db's
 * write lock. Our connection does not wait for it inside SQLite (busy_timeout 0): that wait is a
 * sleep on the main thread, ~1 s of frozen window per edit. A change tries again a few times on
 * timers instead, with the event loop free, and then fails with a message that says why.
 */

/** waits between tries (~1.6 s in all): long enough for a backup's short transaction */
export const BUSY_RETRY_MS: readonly number[] = [10, 25, 50, 100, 200, 400, 800];

const codeOf = (error: unknown) =>
  error && typeof error === 'object' && 'code' in error && typeof error.code === 'string' ? error.code : '';

/** SQLITE_BUSY and its extended codes (…_SNAPSHOT, …_RECOVERY, …_TIMEOUT) */
export const isBusy = (error: unknown) => codeOf(error).startsWith('SQLITE_BUSY');

/** `what`: e.g. "your change was not saved" */
export function busyFailure(what: string): AppFailure {
  return new AppFailure({
    code: 'internal',
    message: `Another program is using your contacts database (contacts.db is locked); ${what}. Try again in a moment.`,
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `work` (one synchronous transaction); while the database is locked, tries again later. */
export async function whenUnlocked<T>(work: () => T, delays: readonly number[] = BUSY_RETRY_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error) || attempt >= delays.length) throw error;
    }
    await sleep(delays[attempt]!);
  }
}

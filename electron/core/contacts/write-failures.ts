import { AppFailure } from '../../../shared/result';
import { busyFailure, isBusy } from './db-busy';

/** What the window is told when a change to the contacts fails, or is saved but not confirmed by the disk. */

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function saveFailure(error: unknown): AppFailure {
  if (error instanceof AppFailure) return error;
  if (isBusy(error)) return busyFailure('your change was not saved');
  return new AppFailure({
    code: 'internal',
    message: `Your change could not be saved (${messageOf(error)}). Nothing was changed; try again.`,
  });
}

/** The commit went through but the disk did not confirm it: say so rather than claim it is safe. */
export function syncFailure(error: unknown): AppFailure {
  return new AppFailure({
    code: 'internal',
    message: `Your change was saved but the disk did not confirm it (${messageOf(error)}); it could be lost if the computer loses power.`,
  });
}

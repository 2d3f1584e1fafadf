import { readWatermark } from './db-watermark';
import type { ContactDocs } from './contact-docs';
import { loadContacts, type Load, type LoadSink } from './contacts-load';
import { removeSavedIndex, removeTemps, restoreIndex, sameKey, saveIndex, type Parts, type SavedIndexKey } from './saved-index/index-file';

/**
 * The start: the index a clean close saved (saved-index/index-file.ts), when the database is as that
 * close left it; otherwise — or when the copy is missing, damaged or does not fit (`adopt` says
 * false) — every row read and indexed (contacts-load.ts). Either way one `Load`: `done` once the
 * index is whole, and `from` says which it was.
 */
export interface StartLoad extends Load {
  /** where the index came from: the saved copy, or the rows; null until it is whole */
  readonly from: 'saved' | 'rows' | null;
}

export function startLoad(
  dir: string,
  key: SavedIndexKey | null,
  build: () => string,
  docs: ContactDocs,
  sink: LoadSink,
  adopt: (parts: Parts, stopped: () => boolean) => Promise<boolean>,
): StartLoad {
  const madeBy = key ? fingerprint(build) : null;
  let rows: Load | null = key && madeBy ? null : loadContacts(docs, sink);
  let restored = false;
  let stopped = false;
  const isStopped = () => stopped;
  const done = rows
    ? rows.done
    : restoreIndex(dir, key!, madeBy!, isStopped).then(async (parts) => {
        if (parts && (await adopt(parts, isStopped))) restored = true;
        if (restored || stopped) return [];
        rows = loadContacts(docs, sink);
        return rows.done;
      });
  return {
    done,
    get finished() {
      return rows ? rows.finished : restored;
    },
    get from() {
      return restored ? 'saved' : rows?.finished ? 'rows' : null;
    },
    stop() {
      stopped = true;
      rows?.stop();
    },
  };
}

/**
 * After a clean close: the index saved for the database as that close left it (`worth`: it was
 * loaded whole, nothing else wrote to the database, and the book is big enough to gain from it);
 * else any older copy removed. `restoredFor`: the key of the copy this start restored — when the
 * close left the database exactly so, that copy still describes it and is kept as it is.
 */
export async function saveAtClose(
  dir: string,
  restoredFor: SavedIndexKey | null,
  touched: number | null,
  worth: boolean,
  build: () => string,
  parts: () => Parts,
) {
  removeTemps(dir);
  const mark = readWatermark(dir);
  if (!worth || touched === null || !mark?.closed) return removeSavedIndex(dir);
  const key = { generation: mark.generation, touched, closed: mark.closed };
  if (restoredFor && sameKey(restoredFor, key)) return;
  let made: Parts;
  const madeBy = fingerprint(build);
  try {
    if (!madeBy) throw new Error('this build has no fingerprint');
    made = parts();
  } catch (error) {
    console.warn('the contacts index was not saved (the next start reads every contact):', error instanceof Error ? error.message : error);
    return removeSavedIndex(dir);
  }
  await saveIndex(dir, key, madeBy, made);
}

/** this build's fingerprint, or null (and the log says why) when it cannot be made: then no copy is used or saved */
function fingerprint(build: () => string): string | null {
  try {
    return build();
  } catch (error) {
    console.warn('the contacts index is not saved or restored:', error instanceof Error ? error.message : error);
    return null;
  }
}

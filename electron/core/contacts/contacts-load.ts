import type { Contact } from '../../../shared/contacts/contact';
import { readContact } from './contact-check';
import type { ContactDocs } from './contact-docs';

/**
 * The start-up read of every contact, in slices so the main thread is never held for long: each
 * slice reads a page of rows and hands them to `add` (the search index and the number map) as
 * contacts parsed and checked one at a time (contact-check.ts) while `add` walks them: each parsed
 * document is garbage before the next is parsed, so a garbage collection in the middle of a page
 * has the page's rows to copy, not a page of parsed contacts as well. Then it yields
 * (setImmediate), so IPC, timers and a Dial are answered between slices. The page size follows
 * the measured cost per row, so a slice stays near SLICE_MS whatever the machine's load or the
 * index's size.
 *
 * The first slice runs at once, inside the call: a small address book is loaded before the
 * service is handed out, and a large one answers with what is loaded so far (`loading`).
 */

/** main-thread work per slice (ms): well under the 50 ms a window may wait for an answer */
const SLICE_MS = 10;
const FIRST_PAGE = 64;
const MIN_PAGE = 32;
const MAX_PAGE = 4000;

export interface Rejected {
  id: string;
  doc: string;
}

export interface Load {
  /** resolves with the rows that are not contacts once every row was read (or the load was stopped) */
  done: Promise<Rejected[]>;
  /** every row was read (false while loading, and after a failure or stop) */
  readonly finished: boolean;
  /** stops after the current slice; `done` resolves with what was found so far */
  stop(): void;
}

/** Where the rows go: `add` is given each page's contacts as an iterable it walks once, synchronously; `tidy` (a step, true while more remains) runs in slices after the last page. */
export interface LoadSink {
  add(list: Iterable<Contact>): void;
  tidy?(): boolean;
}

export function loadContacts(docs: ContactDocs, sink: LoadSink): Load {
  const rejected: Rejected[] = [];
  let after = 0;
  let pageSize = FIRST_PAGE;
  let finished = false;
  let stopped = false;
  let settle!: { resolve: (r: Rejected[]) => void; reject: (e: unknown) => void };
  const done = new Promise<Rejected[]>((resolve, reject) => (settle = { resolve, reject }));

  /** the page's contacts, each parsed when `add` comes to it; rows that are not contacts are set aside */
  function* contactsOf(rows: Array<[number, string, string | Contact]>): Generator<Contact> {
    for (const [, id, doc] of rows) {
      const contact = typeof doc === 'string' ? readContact(id, doc) : doc;
      if (contact) yield contact;
      else rejected.push({ id, doc: String(doc) });
    }
  }

  /** one slice; true when there is nothing more to read */
  function slice(): boolean {
    const until = performance.now() + SLICE_MS;
    for (;;) {
      const t0 = performance.now();
      const rows = docs.page(after, pageSize);
      if (rows.length > 0) sink.add(contactsOf(rows));
      if (rows.length < pageSize) return true;
      after = rows[rows.length - 1]![0];
      // the next page: what fits in half a slice at this page's cost per row (never more than twice this one)
      const perRow = (performance.now() - t0) / rows.length;
      pageSize = Math.max(MIN_PAGE, Math.min(MAX_PAGE, pageSize * 2, Math.floor(SLICE_MS / 2 / Math.max(perRow, 1e-3))));
      if (performance.now() + perRow * pageSize > until) return false;
    }
  }

  let read = false;
  function run() {
    if (stopped) return settle.resolve(rejected);
    try {
      if (!read) read = slice();
      // every row is in: what the index leaves for its first query is done now, a slice at a time (in the
      // same run, so a small book is loaded before the service is handed out)
      if (read && !tidied()) {
        finished = true;
        return settle.resolve(rejected);
      }
    } catch (error) {
      return settle.reject(error);
    }
    setImmediate(run);
  }
  /** one slice of the sink's tidying; true while more remains */
  function tidied(): boolean {
    const until = performance.now() + SLICE_MS;
    while (sink.tidy?.()) if (performance.now() > until) return true;
    return false;
  }
  run();

  return {
    done,
    get finished() {
      return finished;
    },
    stop: () => void (stopped = true),
  };
}

import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import { parentPort } from 'node:worker_threads';
import { tooLargeMessage } from '../../../../../shared/contacts/import/import-limits';
import { addToIndex, emptyIndex, ImportPlanner, type ExistingIndex } from '../import-plan';
import { PlanSummariser } from '../import-summary';
import { clearNumberCache } from '../number-cache';
import { FileReadError, readFile, type FileRead } from '../read-file';
import { PlannedRowsBuilder } from './planned-rows';
import type { FromWorker, PlanRequest, ToWorker } from './worker-protocol';

/**
 * An import's worker thread: it holds one chosen file and does everything an import does with it
 * before the commit — reads it (from its path, or as uploaded), decodes, parses and plans it — so
 * none of that holds the main process's event loop (issue 18). It keeps what a re-plan can reuse:
 * the bytes, the records of the last encoding and mapping, and the number parses (number-cache.ts).
 * Each row, once planned, is kept only as the commit needs it (planned-rows.ts); main commits them,
 * taking them all at once, and then ends the thread. Bundled on its own
 * (scripts/build-electron.ts) and started from its source (worker-source.ts).
 */

const port = parentPort!;
const post = (message: FromWorker) => port.postMessage(message);

/** work between two looks at the message queue (a cancel, a newer plan): short enough to stop soon */
const SLICE_MS = 25;
/** progress is reported at most this often */
const PROGRESS_MS = 100;

// ---- the file (one at a time: a worker kept for the next import is reset first) ----
type Loaded = { bytes?: Uint8Array; text?: string };
let settleFile: { resolve(file: Loaded): void; reject(error: Error): void } = { resolve: () => undefined, reject: () => undefined };
let file: Promise<Loaded> = Promise.resolve({});
let uploaded: Uint8Array[] = [];
function newFile() {
  uploaded = [];
  file = new Promise<Loaded>((resolve, reject) => (settleFile = { resolve, reject }));
  file.catch(() => undefined); // a plan that awaits it hears the failure
}
newFile();

/** Reads the file at `path` (never more than `maxBytes`: a file that grew past the limit since it was chosen is refused). */
async function readCapped(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    // one read into a buffer of the file's size (and a byte more, to notice a file that grew); more only if it did
    let buffer = Buffer.allocUnsafe(Math.min((await handle.stat()).size, maxBytes) + 1);
    let total = 0;
    for (;;) {
      if (total === buffer.length) {
        if (total > maxBytes) throw new Error(tooLargeMessage((await handle.stat()).size, maxBytes));
        const grown = Buffer.allocUnsafe(Math.min(buffer.length * 2, maxBytes + 1));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, total, buffer.length - total, null);
      if (bytesRead === 0) return buffer.subarray(0, total);
      total += bytesRead;
    }
  } finally {
    await handle.close();
  }
}

// ---- plans ----
interface Plan {
  request: PlanRequest;
  cancelled: boolean;
  index: ExistingIndex;
  indexed: Promise<void>;
  indexDone(): void;
  ids: string[];
  idsWanted: number;
  idsDone: (() => void) | null;
  /** the planned rows as the commit needs them, once planned */
  rows: PlannedRowsBuilder | null;
}

const plans = new Map<string, Plan>();
/** what the last read found, for a re-plan with the same encoding and mapping */
let lastRead: { key: string; read: FileRead } | null = null;

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));
const cancelled = () => new Error('cancelled');

function pauser(plan: Plan) {
  let since = performance.now();
  return async () => {
    if (plan.cancelled) throw cancelled();
    if (performance.now() - since < SLICE_MS) return;
    await yieldNow();
    if (plan.cancelled) throw cancelled();
    since = performance.now();
  };
}

async function records(plan: Plan, pause: () => Promise<void>): Promise<FileRead> {
  const { options, fileName, limits } = plan.request;
  const key = JSON.stringify([options.encoding ?? null, options.mapping ?? null]);
  if (lastRead?.key === key) return lastRead.read;
  lastRead = null; // its records can go: they will not be read again
  const source = await file;
  const read = await readFile(
    { fileName, ...source },
    { encoding: options.encoding, mapping: options.mapping, maxRows: limits.rows },
    pause,
  );
  lastRead = { key, read };
  return read;
}

async function run(plan: Plan) {
  const { planId, options, country, appCountry, now } = plan.request;
  const pause = pauser(plan);
  const read = await records(plan, pause);
  const total = read.records.length;
  post({ t: 'progress', planId, processed: 0, total, fields: read.fields });
  // ids for every new contact and number, from main (its newId), asked for while the contacts there are arrive
  plan.idsWanted = read.records.reduce((n, r) => n + 1 + r.phones.length, 0);
  const idsHere = new Promise<void>((resolve) => (plan.idsDone = resolve));
  if (plan.idsWanted > 0) post({ t: 'need-ids', planId, count: plan.idsWanted });
  else plan.idsDone!();
  await plan.indexed;
  await idsHere;
  if (plan.cancelled) throw cancelled();
  // more than asked for (a planner that mints more ids) still gets unique ones
  const newId = () => plan.ids.pop() ?? randomUUID();
  const planner = new ImportPlanner(read.records, plan.index, country, newId, now, {
    reinterpret: options.reinterpret,
    keepHome: options.keepHome,
    appCountry,
  });
  // each row, once planned, is counted for the preview and kept only as the commit needs it
  const summary = new PlanSummariser();
  const rows = new PlannedRowsBuilder(total);
  let taken = 0;
  const take = () => {
    for (; taken < planner.rows.length; taken++) {
      const p = planner.rows[taken]!;
      summary.add(p);
      const doc = p.kind === 'skip' ? '' : JSON.stringify(p.contact);
      rows.add(p.row, p.kind, p.contact.id, doc, p.mergeInto?.id ?? p.possibleDuplicate?.id);
      planner.rows[taken] = undefined as never; // its objects can go
    }
  };
  let reported = performance.now();
  while (!planner.done) {
    const until = performance.now() + SLICE_MS;
    do {
      planner.step(20);
      take();
    } while (!planner.done && performance.now() < until);
    if (performance.now() - reported >= PROGRESS_MS) {
      reported = performance.now();
      post({ t: 'progress', planId, processed: planner.processed, total });
    }
    await yieldNow();
    if (plan.cancelled) throw cancelled();
  }
  take();
  plan.rows = rows;
  plan.index = emptyIndex(); // planned: the contacts there are are not needed any more
  post({ t: 'ready', planId, total, fields: read.fields, summary: summary.summary(planner.countrySummary) });
}

/** Stops a plan at its next step (one waiting for main's contacts or ids stops waiting). */
function stop(plan: Plan) {
  plan.cancelled = true;
  plan.indexDone();
  plan.idsDone?.();
  plans.delete(plan.request.planId);
}

function startPlan(request: PlanRequest) {
  for (const old of plans.values()) stop(old); // one plan at a time: a newer one replaces it (main never re-plans a committing job)
  let indexDone = () => undefined as void;
  const indexed = new Promise<void>((resolve) => (indexDone = resolve));
  const plan: Plan = {
    request,
    cancelled: false,
    index: emptyIndex(),
    indexed,
    indexDone,
    ids: [],
    idsWanted: 0,
    idsDone: null,
    rows: null,
  };
  plans.set(request.planId, plan);
  run(plan).catch((error: unknown) => {
    if (plan.cancelled) return;
    plans.delete(request.planId);
    post({
      t: 'failed',
      planId: request.planId,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof FileReadError ? { fields: error.fields } : {}),
    });
  });
}

port.on('message', (message: ToWorker) => {
  switch (message.t) {
    case 'text':
      return settleFile.resolve({ text: message.text });
    case 'path': {
      const { resolve, reject } = settleFile; // this file's, even if the worker is reset meanwhile
      return void readCapped(message.path, message.maxBytes).then(
        (bytes) => resolve({ bytes }),
        (error: unknown) => reject(new Error(readFailure(error))),
      );
    }
    case 'chunk':
      return void uploaded.push(message.bytes);
    case 'end': {
      const bytes = Buffer.concat(uploaded);
      uploaded = [];
      return settleFile.resolve({ bytes });
    }
    case 'abort':
      uploaded = [];
      return settleFile.reject(new Error(message.message));
    case 'reset':
      for (const plan of plans.values()) stop(plan);
      lastRead = null;
      clearNumberCache();
      return newFile();
    case 'plan':
      return startPlan(message.plan);
    case 'existing': {
      const plan = plans.get(message.planId);
      if (plan) for (const c of message.contacts) addToIndex(plan.index, c);
      return;
    }
    case 'existing-end':
      return plans.get(message.planId)?.indexDone();
    case 'ids': {
      const plan = plans.get(message.planId);
      if (!plan) return;
      if (message.ids) for (const id of message.ids.split('\n')) plan.ids.push(id);
      if (plan.ids.length >= plan.idsWanted) plan.idsDone?.();
      return;
    }
    case 'cancel': {
      const plan = plans.get(message.planId);
      return plan && stop(plan);
    }
    case 'rows': {
      // The commit: the file will not be planned again (a failed or cancelled commit ends the import), and main
      // ends this thread once it has the rows. The documents are moved, not copied.
      lastRead = null;
      clearNumberCache();
      const plan = plans.get(message.planId);
      const taken = plan?.rows?.take();
      if (plan) plan.rows = null;
      return port.postMessage(
        { t: 'rows', planId: message.planId, planned: taken?.data ?? null } satisfies FromWorker,
        taken?.transfer ?? [],
      );
    }
  }
});

/** What the user is told when the chosen file cannot be read (it moved, lost its permission…). */
function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT') return 'The file is no longer there. Choose it again.';
  if (code === 'EACCES' || code === 'EPERM')
    return 'The app may not read this file. Choose another one, or copy it somewhere you can read.';
  if (code === 'EISDIR') return 'This is a folder, not a file. Choose a file.';
  return error instanceof Error && !code ? error.message : `The file could not be read (${code ?? String(error)}). Choose it again.`;
}

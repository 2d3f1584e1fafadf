// Over 300 lines on purpose: an import job's whole life on main's side (start, re-plan, commit, cancel, progress events) over one private job table; the reading and planning are the worker's.
import { isAbsolute } from 'node:path';
import { statSync } from 'node:fs';
import { z } from 'zod';
import type { Contact } from '../../../../shared/contacts/contact';
import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';
import type { DuplicateChoices, ImportOptions, ImportPreviewRequest } from '../../../../shared/contacts/import/import-contract';
import { IMPORT_LIMITS, tooLargeMessage, type ImportLimits } from '../../../../shared/contacts/import/import-limits';
import { AppFailure } from '../../../../shared/result';
import type { BulkWrite, StoredContact } from '../contact-store';
import { mergeContact } from './import-plan';
import { createImportUploads } from './import-uploads';
import { endSpareImportWorker, ImportFileWorker } from './worker/import-file-worker';
import { noRows, PlannedRows } from './worker/planned-rows';
import type { FromWorker } from './worker/worker-protocol';

interface JobDeps {
  contacts(): Iterable<Contact>;
  get(id: string): Contact | undefined;
  /** runs `work` when no other write runs, and holds every other write until it settles */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** opens the import's one transaction */
  begin(): BulkWrite;
  /** resolves once every commit so far is on stable storage */
  sync(): Promise<void>;
  /** makes committed contacts live in memory (map + search index) */
  apply(list: Contact[]): void;
  /** a step of the index's tidying after many were added; true while more remains */
  tidy(): boolean;
  defaultCountry(): string;
  now(): Date;
  newId(): string;
  /**
   * The job's status as it moves: every phase change, and progress at most every PROGRESS_MS. Gets a
   * snapshot (nested values are replaced, never changed in place, so a shallow copy is one).
   */
  onProgress?(status: ImportStatus): void;
  /** the most one file may hold (contacts, bytes); IMPORT_LIMITS unless a test sets its own */
  limits?: ImportLimits;
}

/**
 * Main's work on an import — writing rows, making them searchable, sending the worker what it needs —
 * goes in slices of about this long, in pieces of PIECE rows: a loaded machine stretches each slice
 * several times over in wall time, and the event loop must stay under 50 ms even then.
 */
const SLICE_MS = 5;
const PIECE = 100;
/** progress (rows read or written) is reported at most this often; phase changes at once */
const PROGRESS_MS = 100;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A chosen file's path as main takes it: absolute, naming a regular file (not a folder, a device or
 * a pipe) within the size limit. Checked when the import starts, before anything is read (the worker
 * reads it, and refuses it too if it has grown past the limit since).
 */
function pathSchema(maxBytes: number) {
  return z
    .string()
    .refine((p) => isAbsolute(p), 'The file’s path must be absolute.')
    .superRefine((p, ctx) => {
      const stat = statSync(p, { throwIfNoEntry: false });
      if (!stat) ctx.addIssue({ code: 'custom', message: 'The file is no longer there. Choose it again.' });
      else if (!stat.isFile())
        ctx.addIssue({ code: 'custom', message: 'This is not a file this app can read. Choose a CSV or vCard file.' });
      else if (stat.size > maxBytes) ctx.addIssue({ code: 'custom', message: tooLargeMessage(stat.size, maxBytes) });
    });
}

interface Job {
  status: ImportStatus;
  /** the worker that holds the file; re-plans of the same file share it */
  file: ImportFileWorker;
  options: ImportOptions;
  cancelled: boolean;
  /** the commit was issued: too late to cancel */
  committed: boolean;
  duplicates: DuplicateChoices;
  /** when progress was last reported (performance.now()) */
  reportedAt: number;
  /** stops hearing the worker about this job */
  unlisten(): void;
  /** the commit waits for the planned rows (null if the worker stopped) */
  rowsWanted: ((planned: PlannedRows | null) => void) | null;
}

/**
 * Imports run as jobs: each chosen file goes to a worker thread that reads, decodes, parses and
 * plans it (worker/import-worker.ts), so a 100k-row file or a 47 MB vCard never holds the main
 * process; progress comes back as events. Nothing is written until the user commits the previewed
 * plan; the commit — one transaction, all of the file or none of it — is main's: it takes the
 * planned rows from the worker in one message (worker/planned-rows.ts: typed arrays and the
 * contacts' JSON, moved rather than copied), ends the worker, and writes them a slice at a time.
 */
export function createImportJobs(deps: JobDeps) {
  const jobs = new Map<string, Job>();
  const limits = deps.limits ?? IMPORT_LIMITS;
  const uploads = createImportUploads(() => limits.bytes);

  /** Tells the window how the job stands (`import:progress`). A job replaced by a newer preview says nothing more. */
  function report(job: Job, phaseChanged = false) {
    if (!deps.onProgress || (job.cancelled && job.status.phase !== 'cancelled')) return;
    const at = performance.now();
    if (!phaseChanged && at - job.reportedAt < PROGRESS_MS) return;
    job.reportedAt = at;
    try {
      deps.onProgress({ ...job.status });
    } catch (error) {
      // telling the window must never stop the import
      console.warn('import progress not reported:', error instanceof Error ? error.message : error);
    }
  }

  /** Is any job but `except` still using this worker? */
  const inUse = (file: ImportFileWorker, except: Job) => [...jobs.values()].some((j) => j !== except && j.file === file);
  /** A job is over for good: it stops listening, and its worker lets the file go unless a newer job of the same file has it. */
  function release(job: Job, keepWarm = true) {
    job.unlisten();
    if (!inUse(job.file, job)) job.file.terminate(keepWarm);
  }

  /** Sends the worker what the plan needs from main: the contacts there are, in batches between yields. */
  async function sendContacts(job: Job) {
    const planId = job.status.jobId;
    let batch: Contact[] = [];
    let until = performance.now() + SLICE_MS;
    for (const c of deps.contacts()) {
      batch.push(c);
      if (batch.length >= PIECE) {
        job.file.send({ t: 'existing', planId, contacts: batch });
        batch = [];
        if (performance.now() > until) {
          await yieldNow();
          if (job.cancelled) return;
          until = performance.now() + SLICE_MS;
        }
      }
    }
    if (batch.length) job.file.send({ t: 'existing', planId, contacts: batch });
    job.file.send({ t: 'existing-end', planId });
  }

  /** …and the ids its new contacts and numbers get (the service's newId: tests name them). */
  async function sendIds(job: Job, count: number) {
    const planId = job.status.jobId;
    for (let sent = 0; sent < count && !job.cancelled;) {
      const ids: string[] = [];
      const until = performance.now() + SLICE_MS;
      while (sent < count && (ids.length < 256 || performance.now() < until) && ids.length < 10_000) {
        ids.push(deps.newId());
        sent++;
      }
      job.file.send({ t: 'ids', planId, ids: ids.join('\n') });
      await yieldNow();
    }
  }

  function hear(job: Job, message: FromWorker) {
    if (message.t === 'rows') {
      const waiting = job.rowsWanted;
      job.rowsWanted = null;
      return waiting?.(message.planned && new PlannedRows(message.planned));
    }
    if (job.cancelled) return;
    const { status } = job;
    switch (message.t) {
      case 'progress':
        if (message.fields) Object.assign(status, message.fields);
        status.processed = message.processed;
        status.total = message.total;
        return report(job, message.fields !== undefined); // what the file holds is told at once
      case 'need-ids':
        return void sendIds(job, message.count).catch(failWith(job));
      case 'ready':
        Object.assign(status, message.fields, message.summary, { total: message.total, processed: message.total, phase: 'ready' });
        return report(job, true);
      case 'failed':
        // while importing: the worker stopped; the commit finds out at its next batch (and rolls back)
        if (status.phase === 'importing') return dropRowsWanted(job);
        Object.assign(status, message.fields ?? {}, { phase: 'failed', error: message.message });
        return report(job, true); // the worker stays: another encoding or mapping may read the file
    }
  }

  /** Rows asked for and never to come (the worker stopped). */
  function dropRowsWanted(job: Job) {
    const waiting = job.rowsWanted;
    job.rowsWanted = null;
    waiting?.(null);
  }

  function failWith(job: Job) {
    return (error: unknown) => {
      if (job.cancelled) return;
      const writing = job.status.phase === 'importing';
      job.status.phase = 'failed';
      job.status.error = error instanceof Error ? error.message : String(error);
      report(job, true);
      if (writing) release(job); // nothing was written; its plan is not needed again
    };
  }

  /** Every planned row, from the worker, in one message (the documents moved, not copied). */
  function plannedRows(job: Job): Promise<PlannedRows | null> {
    return new Promise((resolve) => {
      job.rowsWanted = resolve;
      job.file.send({ t: 'rows', planId: job.status.jobId });
    });
  }

  /** The user's choice for a possible duplicate: the per-row one, else the bulk one. */
  function chooser(choices: DuplicateChoices): (row: number) => 'keep' | 'merge' {
    const byRow = new Map(choices.rows.map((r) => [r.row, r.choice]));
    return (row) => byRow.get(row) ?? choices.all;
  }

  async function commit(job: Job) {
    await deps.exclusive(async () => {
      const total = job.status.total;
      const choice = chooser(job.duplicates);
      const stamp = deps.now().toISOString();
      let added = 0;
      let merged = 0;
      let skipped = 0;
      job.status.processed = 0;
      let rows = noRows();
      /** what the import writes, by id: a new row (by its number in the plan: its document is there) or a merged contact */
      const changed = new Map<string, Contact | number>();
      const contactOf = (c: Contact | number) => (typeof c === 'number' ? (JSON.parse(rows.doc(c)) as Contact) : c);
      /** a row merged into another contact: later rows that joined it join that contact */
      const movedTo = new Map<string, string>();
      const resolve = (id: string) => {
        let at = id;
        for (let hops = 0; movedTo.has(at) && hops < 1000; hops++) at = movedTo.get(at)!;
        return at;
      };
      const mergeInto = (id: string, n: number, slice: StoredContact[]): boolean => {
        const targetId = resolve(id);
        const known = changed.get(targetId);
        const target = known === undefined ? deps.get(targetId) : contactOf(known);
        if (!target) return false;
        const next = mergeContact(target, contactOf(n), stamp);
        changed.set(next.id, next);
        movedTo.set(rows.id(n), next.id);
        slice.push({ id: next.id, doc: JSON.stringify(next) });
        return true;
      };
      let tx: BulkWrite | null = null;
      try {
        tx = deps.begin();
        const planned = total > 0 ? await plannedRows(job) : rows;
        if (job.cancelled) {
          tx.rollback(); // cancelled before the commit: nothing was imported
          release(job);
          return;
        }
        if (planned?.count !== total) throw new Error('the import stopped before all of it was written');
        // every planned row is here: the worker (its heap grown with the whole plan) ends now, before main's
        // own peak (writing the rows, making them searchable), rather than after it
        release(job, false);
        rows = planned;
        for (let at = 0; at < total && !job.cancelled;) {
          const until = performance.now() + SLICE_MS;
          do {
            const slice: StoredContact[] = []; // written in the rows' order: a merge may replace an earlier row
            for (const end = Math.min(total, at + PIECE); at < end; at++) {
              const kind = rows.kind(at);
              const target = rows.target(at);
              if (kind === 'skip') skipped++;
              else if (kind === 'merge' && mergeInto(target!, at, slice)) merged++;
              else if (kind !== 'merge' && target !== undefined && choice(rows.row(at)) === 'merge' && mergeInto(target, at, slice))
                merged++;
              else {
                // new — or a merge whose contact was deleted after the preview: added, its data never dropped
                const id = rows.id(at);
                changed.set(id, at);
                slice.push({ id, doc: rows.docBytes(at), isNew: true });
                added++;
              }
            }
            tx.put(slice); // inside the open transaction
          } while (at < total && performance.now() < until);
          job.status.processed = Math.min(total, at);
          report(job);
          await yieldNow();
        }
        if (job.cancelled) {
          tx.rollback(); // cancelled before the commit: nothing was imported
          return;
        }
        job.committed = true;
        tx.commit(); // from here the file is in the database, all of it
      } catch (error) {
        tx?.rollback();
        throw new Error(
          error instanceof AppFailure
            ? error.message
            : `The import could not be saved (${error instanceof Error ? error.message : String(error)}); nothing was imported.`,
          { cause: error },
        );
      }
      // Committed: confirmed on disk (off the main thread) while it becomes searchable, a slice
      // at a time (other writes still wait for us). 'done' is the acknowledgement.
      const synced = deps.sync().then(
        () => null,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      await yieldNow(); // the COMMIT (~25 ms at 100k) is a slice of its own
      const list = [...changed.values()];
      changed.clear();
      for (let i = 0; i < list.length;) {
        const until = performance.now() + SLICE_MS;
        do deps.apply(list.slice(i, (i += PIECE)).map(contactOf));
        while (i < list.length && performance.now() < until);
        await yieldNow();
      }
      // what the index leaves for the next query (the name order's last merges), a step at a time
      while (deps.tidy()) await yieldNow();
      const unsynced = await synced;
      if (unsynced)
        job.status.error = `The import was saved but the disk did not confirm it (${unsynced}); it could be lost if the computer loses power.`;
      job.status.result = { added, merged, skipped };
      job.status.phase = 'done';
      report(job, true);
    });
  }

  function find(jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job) throw new AppFailure({ code: 'not_found', message: 'That import is no longer open. Choose the file again.' });
    return job;
  }

  /** One open preview at a time: every job but those being written stops (its worker goes unless `keep` is it). */
  function closeOthers(keep: ImportFileWorker | null) {
    for (const [id, old] of jobs) {
      if (old.status.phase === 'importing') continue;
      old.cancelled = true; // a planning job stops at its next slice
      jobs.delete(id);
      old.file.send({ t: 'cancel', planId: id });
      if (old.file !== keep) release(old);
      else old.unlisten();
    }
  }

  /** Opens a job and has the worker plan it. */
  function open(fileName: string, file: ImportFileWorker, options: ImportOptions): { jobId: string } {
    const jobId = deps.newId();
    const country = options.country ?? deps.defaultCountry();
    const job: Job = {
      cancelled: false,
      committed: false,
      file,
      options,
      duplicates: { all: 'keep', rows: [] },
      reportedAt: 0,
      unlisten: () => undefined,
      rowsWanted: null,
      status: {
        jobId,
        fileName,
        format: 'generic',
        phase: 'planning',
        processed: 0,
        total: 0,
        country,
        encoding: null,
        reinterpret: [...(options.reinterpret ?? [])],
        keepHome: [...(options.keepHome ?? [])],
        headers: [],
        sample: [],
        mapping: [],
        mappingNeeded: false,
        counts: { new: 0, merge: 0, skip: 0, warnings: 0, possibleDuplicates: 0 },
        rows: [],
        countrySummary: [],
        possibleDuplicates: [],
        error: null,
        result: null,
      },
    };
    closeOthers(file);
    jobs.set(jobId, job);
    job.unlisten = file.listen(jobId, (message) => hear(job, message));
    report(job, true);
    file.send({
      t: 'plan',
      plan: { planId: jobId, fileName, options, country, appCountry: deps.defaultCountry(), now: deps.now().toISOString(), limits },
    });
    sendContacts(job).catch(failWith(job));
    return { jobId };
  }

  /**
   * The worker for a new file, given as the request says: an upload received before, a path, or text.
   * Refuses what cannot be read before anything else happens; the previews open until then are
   * closed before a worker is taken (so the one they had, kept warm, serves this file).
   */
  function fileFor(request: ImportPreviewRequest): ImportFileWorker {
    const { text, path, upload } = request;
    if (upload !== undefined) {
      const received = uploads.take(upload);
      if (!received) throw new AppFailure({ code: 'validation', message: 'The file did not arrive. Choose it again.' });
      closeOthers(received);
      return received;
    }
    if (path !== undefined) {
      const checked = pathSchema(limits.bytes).safeParse(path);
      if (!checked.success) throw new AppFailure({ code: 'validation', message: checked.error.issues[0]!.message });
      closeOthers(null);
      const file = new ImportFileWorker();
      file.send({ t: 'path', path, maxBytes: limits.bytes });
      return file;
    }
    // text: its UTF-8 bytes, counted only when they could be over (≤ 3 per character)
    const source = text ?? '';
    const size = source.length * 3 > limits.bytes ? Buffer.byteLength(source) : source.length;
    if (size > limits.bytes) throw new AppFailure({ code: 'validation', message: tooLargeMessage(size, limits.bytes) });
    closeOthers(null);
    const file = new ImportFileWorker();
    file.send({ t: 'text', text: source });
    return file;
  }

  return {
    /** Opens a job for a new file; one over the size limit, or a path that is not a readable file, is refused here, before anything is read. */
    start(request: ImportPreviewRequest): { jobId: string } {
      const { fileName, text: _text, path: _path, upload: _upload, ...options } = request;
      return open(fileName, fileFor(request), options);
    },
    /** Receives a file's bytes for a later `start({ upload })` (the browser preview: electron/preview/). */
    receive: () => uploads.receive(),
    /** The same file again with other options; what is not given stays as it was. */
    replan(jobId: string, changes: ImportOptions): { jobId: string } {
      const old = find(jobId);
      if (old.status.phase === 'importing' || old.status.phase === 'done')
        throw new AppFailure({ code: 'validation', message: 'This import has already been committed.' });
      if (!old.file.alive) throw new AppFailure({ code: 'not_found', message: 'That import is no longer open. Choose the file again.' });
      const options: ImportOptions = { ...old.options, country: old.status.country };
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(options, { [key]: value });
      return open(old.status.fileName, old.file, options);
    },
    status: (jobId: string): ImportStatus => find(jobId).status,
    commit(jobId: string, duplicates?: DuplicateChoices): ImportStatus {
      const job = find(jobId);
      if (job.status.phase !== 'ready') throw new AppFailure({ code: 'validation', message: 'The preview is not ready yet.' });
      if (duplicates) job.duplicates = duplicates;
      job.status.phase = 'importing';
      // from here `processed` counts rows written (the window's progress only moves forward)
      job.status.processed = 0;
      report(job, true);
      commit(job).catch(failWith(job));
      return job.status;
    },
    cancel(jobId: string): ImportStatus {
      const job = find(jobId);
      if (job.committed) return job.status; // written already: it completes as 'done'
      const writing = job.status.phase === 'importing';
      job.cancelled = true;
      job.status.phase = 'cancelled';
      report(job, true);
      // an import being written stops at its next slice, rolls back and lets its worker go itself
      if (!writing) {
        job.file.send({ t: 'cancel', planId: jobId });
        release(job);
      }
      return job.status;
    },
    /** waits for a job to leave planning/importing (tests, benchmark) */
    async settle(jobId: string): Promise<ImportStatus> {
      const job = find(jobId);
      while (job.status.phase === 'planning' || job.status.phase === 'importing') await new Promise((r) => setTimeout(r, 5));
      return job.status;
    },
    /** ends every worker (the service closes) */
    close() {
      uploads.close();
      for (const job of jobs.values()) {
        job.cancelled = true;
        job.unlisten();
        job.file.terminate();
      }
      jobs.clear();
      endSpareImportWorker();
    },
  };
}

import type { Contact } from '../../../shared/contacts/contact';
import type { ImportStatus, PreviewRow } from '../../../shared/contacts/contacts-contract';
import { csvRecords, parseCsvInChunks, type ColumnMapping } from '../../../shared/contacts/import/csv-import';
import { ImportPlanner, indexExisting, mergeContact, type PlannedRow } from '../../../shared/contacts/import/import-plan';
import type { ImportRecord } from '../../../shared/contacts/import/import-record';
import { parseVcards } from '../../../shared/contacts/import/vcard-import';
import { AppFailure } from '../../../shared/result';
import type { BulkWrite } from './contacts-db';

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
  defaultCountry(): string;
  now(): Date;
  newId(): string;
}

const SLICE = 2000;
/** an import commit writes this many rows per synchronous slice (~10 ms), then yields */
const WRITE_SLICE = 1000;
/** and makes this many searchable per slice: indexing is the costly part (new words, name order) */
const APPLY_SLICE = 1000;
const SHOWN_PER_KIND = 100;
const SHOWN_PROBLEMS = 500;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Job {
  status: ImportStatus;
  planner: ImportPlanner | null;
  cancelled: boolean;
  /** the commit was issued: too late to cancel */
  committed: boolean;
}

/**
 * Imports run as jobs in slices that yield to the event loop, so a 100k-row file never
 * freezes the window. Nothing is written until the user commits the previewed plan; the
 * commit is one transaction (all of the file or none of it), written a slice at a time.
 */
export function createImportJobs(deps: JobDeps) {
  const jobs = new Map<string, Job>();

  /** Reads the file in slices; fills in the job's format, headers and mapping. */
  async function read(job: Job, text: string, mapping: ColumnMapping | undefined): Promise<ImportRecord[]> {
    const status = job.status;
    const isVcard = /\.(vcf|vcard)$/i.test(status.fileName) || /^\uFEFF?\s*BEGIN:VCARD/i.test(text);
    if (isVcard) {
      const { records, errors } = parseVcards(text);
      status.format = 'vcard';
      if (errors.length) status.error = errors.slice(0, 5).map((e) => `Card ${e.row}: ${e.message}`).join('; ');
      return records;
    }
    const parsed = await parseCsvInChunks(text, yieldNow);
    if (parsed.headers.length === 0) throw new Error('This file is empty.');
    const used = mapping ?? parsed.mapping;
    if (used.length !== parsed.headers.length) throw new Error('The column mapping does not match the file; choose the file again.');
    Object.assign(status, {
      format: parsed.format,
      headers: parsed.headers,
      sample: parsed.rows.slice(0, 5),
      mapping: used,
      mappingNeeded: parsed.format === 'generic' && !mapping,
      total: parsed.rows.length,
      error: parsed.errors.length ? parsed.errors.slice(0, 5).map((e) => `Row ${e.row}: ${e.message}`).join('; ') : null,
    });
    const records: ImportRecord[] = [];
    for (let i = 0; i < parsed.rows.length && !job.cancelled; i += SLICE) {
      records.push(...csvRecords(parsed, used, i, i + SLICE));
      await yieldNow();
    }
    return records;
  }

  function previewRow(p: PlannedRow): PreviewRow {
    return {
      row: p.row,
      kind: p.kind,
      name: p.name,
      numbers: p.contact.phones.map((ph) => ph.e164 ?? ph.raw),
      ...(p.reason ? { reason: p.reason } : {}),
      warnings: p.warnings,
      ...(p.mergeInto ? { mergeInto: p.mergeInto.name } : {}),
    };
  }

  function summarise(job: Job) {
    const planner = job.planner!;
    const counts = { new: 0, merge: 0, skip: 0, warnings: 0 };
    const shown: PreviewRow[] = [];
    const perKind = { new: 0, merge: 0, skip: 0 };
    let problems = 0;
    for (const p of planner.rows) {
      counts[p.kind]++;
      if (p.warnings.length) counts.warnings++;
      const problem = p.kind === 'skip' || p.warnings.length > 0;
      if ((problem && problems < SHOWN_PROBLEMS) || (!problem && perKind[p.kind] < SHOWN_PER_KIND)) {
        shown.push(previewRow(p));
        if (problem) problems++;
        else perKind[p.kind]++;
      }
    }
    job.status.counts = counts;
    job.status.rows = shown;
  }

  async function plan(job: Job, text: string, mapping: ColumnMapping | undefined) {
    const records = await read(job, text, mapping);
    job.status.total = records.length;
    const planner = (job.planner = new ImportPlanner(records, indexExisting(deps.contacts()), deps.defaultCountry(), deps.newId, deps.now().toISOString()));
    while (!planner.done && !job.cancelled) {
      planner.step(SLICE);
      job.status.processed = planner.processed;
      await yieldNow();
    }
    if (job.cancelled) return;
    summarise(job);
    job.status.phase = 'ready';
  }

  async function commit(job: Job) {
    await deps.exclusive(async () => {
      const rows = job.planner!.rows;
      const stamp = deps.now().toISOString();
      let added = 0;
      let merged = 0;
      let skipped = 0;
      job.status.processed = 0;
      job.status.total = rows.length;
      const changed = new Map<string, Contact>();
      let tx: BulkWrite | null = null;
      try {
        tx = deps.begin();
        for (let i = 0; i < rows.length && !job.cancelled; i += WRITE_SLICE) {
          const slice: Contact[] = [];
          for (const row of rows.slice(i, i + WRITE_SLICE)) {
            if (row.kind === 'skip') skipped++;
            else if (row.kind === 'new') {
              changed.set(row.contact.id, row.contact);
              slice.push(row.contact);
              added++;
            } else {
              const target = changed.get(row.mergeInto!.id) ?? deps.get(row.mergeInto!.id);
              if (target) {
                const next = mergeContact(target, row.contact, stamp);
                changed.set(next.id, next);
                slice.push(next);
                merged++;
              } else skipped++;
            }
          }
          tx.put(slice); // inside the open transaction: a few ms per slice
          job.status.processed = Math.min(rows.length, i + WRITE_SLICE);
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
        throw new Error(error instanceof AppFailure ? error.message : `The import could not be saved (${error instanceof Error ? error.message : String(error)}); nothing was imported.`, { cause: error });
      }
      // Committed: confirmed on disk (off the main thread) while it becomes searchable, a slice
      // at a time (other writes still wait for us). 'done' is the acknowledgement.
      const synced = deps.sync().then(
        () => null,
        (error: unknown) => (error instanceof Error ? error.message : String(error)),
      );
      const list = [...changed.values()];
      for (let i = 0; i < list.length; i += APPLY_SLICE) {
        deps.apply(list.slice(i, i + APPLY_SLICE));
        await yieldNow();
      }
      const unsynced = await synced;
      if (unsynced) job.status.error = `The import was saved but the disk did not confirm it (${unsynced}); it could be lost if the computer loses power.`;
      job.status.result = { added, merged, skipped };
      job.status.phase = 'done';
    });
  }

  function find(jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job) throw new AppFailure({ code: 'not_found', message: 'That import is no longer open. Choose the file again.' });
    return job;
  }

  return {
    start(request: { fileName: string; text: string; mapping?: ColumnMapping }): { jobId: string } {
      const jobId = deps.newId();
      const job: Job = {
        cancelled: false,
        committed: false,
        planner: null,
        status: {
          jobId,
          fileName: request.fileName,
          format: 'generic',
          phase: 'planning',
          processed: 0,
          total: 0,
          headers: [],
          sample: [],
          mapping: [],
          mappingNeeded: false,
          counts: { new: 0, merge: 0, skip: 0, warnings: 0 },
          rows: [],
          error: null,
          result: null,
        },
      };
      for (const [id, old] of jobs) if (old.status.phase !== 'importing') jobs.delete(id); // one open preview at a time
      jobs.set(jobId, job);
      plan(job, request.text, request.mapping).catch((error: unknown) => {
        job.status.phase = 'failed';
        job.status.error = error instanceof Error ? error.message : String(error);
      });
      return { jobId };
    },
    status: (jobId: string): ImportStatus => find(jobId).status,
    commit(jobId: string): ImportStatus {
      const job = find(jobId);
      if (job.status.phase !== 'ready') throw new AppFailure({ code: 'validation', message: 'The preview is not ready yet.' });
      job.status.phase = 'importing';
      commit(job).catch((error: unknown) => {
        job.status.phase = 'failed';
        job.status.error = error instanceof Error ? error.message : String(error);
      });
      return job.status;
    },
    cancel(jobId: string): ImportStatus {
      const job = find(jobId);
      if (job.committed) return job.status; // written already: it completes as 'done'
      job.cancelled = true;
      if (job.status.phase !== 'done') job.status.phase = 'cancelled';
      return job.status;
    },
    /** waits for a job to leave planning/importing (tests, benchmark) */
    async settle(jobId: string): Promise<ImportStatus> {
      const job = find(jobId);
      while (job.status.phase === 'planning' || job.status.phase === 'importing') await new Promise((r) => setTimeout(r, 5));
      return job.status;
    },
  };
}

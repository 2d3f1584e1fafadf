// Over 300 lines on purpose: an import job's whole life (read, plan, re-plan, commit, cancel, progress events) over one private job table.
import type { Contact } from '../../../../shared/contacts/contact';
import type { ImportStatus, PreviewRow } from '../../../../shared/contacts/contacts-contract';
import { csvRecords, parseCsvInChunks, type ColumnMapping } from './csv-import';
import { decodeFileInSlices, ENCODING_CHOICES, encodingLabel } from './decode-text';
import type { DuplicateChoices, ImportOptions, ImportPreviewRequest } from '../../../../shared/contacts/import/import-contract';
import { addToIndex, emptyIndex, ImportPlanner, mergeContact, type ExistingIndex, type PlannedRow } from './import-plan';
import type { ImportRecord } from './import-record';
import { parseVcardsInSlices } from './vcard-import';
import { AppFailure } from '../../../../shared/result';
import { base64ByteLength, decodeBase64InSlices } from './base64-slices';
import { IMPORT_LIMITS, tooLargeMessage, type ImportLimits } from '../../../../shared/contacts/import/import-limits';
import type { BulkWrite } from '../contacts-db';

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
  /**
   * The job's status as it moves: every phase change, and progress at most every PROGRESS_MS. Gets a
   * snapshot (nested values are replaced, never changed in place, so a shallow copy is one).
   */
  onProgress?(status: ImportStatus): void;
  /** the most one file may hold (contacts, bytes); IMPORT_LIMITS unless a test sets its own */
  limits?: ImportLimits;
}

const SLICE = 2000;
/** planning works this long (ms) between yields; the number checks dominate it */
const PLAN_SLICE_MS = 12;
/** an import commit writes this many rows per synchronous slice (~10 ms), then yields */
const WRITE_SLICE = 1000;
/** and makes this many searchable per slice: indexing is the costly part (new words, name order) */
const APPLY_SLICE = 1000;
const SHOWN_PER_KIND = 100;
const SHOWN_PROBLEMS = 500;
const SHOWN_DUPLICATES = 500;
/** progress (rows read or written) is reported at most this often; phase changes at once */
const PROGRESS_MS = 100;
const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The file as it came, kept for re-plans (another country, encoding, mapping or fix) without sending it again. */
interface Source {
  fileName: string;
  text?: string;
  base64?: string;
  /** the bytes, decoded once (a re-plan started meanwhile waits for the same decoding) */
  bytes?: Promise<Uint8Array>;
}

/** What was read from the file with one encoding and mapping: a re-plan that only changes numbers reuses it. */
interface ReadResult {
  key: string;
  records: ImportRecord[];
  fields: Partial<ImportStatus>;
}

interface Job {
  status: ImportStatus;
  source: Source;
  options: ImportOptions;
  read: ReadResult | null;
  planner: ImportPlanner | null;
  cancelled: boolean;
  /** the commit was issued: too late to cancel */
  committed: boolean;
  duplicates: DuplicateChoices;
  /** when progress was last reported (performance.now()) */
  reportedAt: number;
}

/**
 * Imports run as jobs in slices that yield to the event loop, so a 100k-row file or a 46 MB
 * vCard never freezes the window. Nothing is written until the user commits the previewed plan;
 * the commit is one transaction (all of the file or none of it), written a slice at a time.
 */
export function createImportJobs(deps: JobDeps) {
  const jobs = new Map<string, Job>();
  const limits = deps.limits ?? IMPORT_LIMITS;

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

  /** The file's text: as sent, or its bytes decoded in the chosen (or detected) encoding. */
  async function textOf(job: Job): Promise<string> {
    const { source, status } = job;
    if (source.text !== undefined) return source.text;
    if (!source.bytes) {
      source.bytes = decodeBase64InSlices(source.base64 ?? '', yieldNow);
      delete source.base64; // the bytes are what a re-plan needs
    }
    const bytes = await source.bytes;
    const decoded = await decodeFileInSlices(bytes, yieldNow, job.options.encoding);
    status.encoding = {
      id: decoded.encoding,
      label: encodingLabel(decoded.encoding),
      detected: !job.options.encoding,
      detectedId: decoded.detected,
      bom: decoded.bom,
      warning: decoded.warning,
      choices: ENCODING_CHOICES.map((c) => ({ id: c.id, label: c.label })),
    };
    if (decoded.empty)
      throw new Error(
        `${decoded.warning ?? 'This file has no text in it.'} Choose another file${bytes.length ? ', or another encoding' : ''}.`,
      );
    return decoded.text;
  }

  /** Reads the file in slices; fills in the job's format, headers and mapping. */
  async function read(job: Job, text: string, mapping: ColumnMapping | undefined): Promise<ImportRecord[]> {
    const status = job.status;
    const isVcard = /\.(vcf|vcard)$/i.test(status.fileName) || /^\uFEFF?\s*BEGIN:VCARD/i.test(text);
    const pause = () => (job.cancelled ? Promise.reject(new Error('cancelled')) : yieldNow());
    // Both readers count contacts as they go and stop at the first one past the limit (issue 17).
    if (isVcard) {
      const { records, errors } = await parseVcardsInSlices(text, pause, undefined, limits.rows);
      status.format = 'vcard';
      if (errors.length)
        status.error = errors
          .slice(0, 5)
          .map((e) => `Card ${e.row}: ${e.message}`)
          .join('; ');
      return records;
    }
    const parsed = await parseCsvInChunks(text, pause, limits.rows);
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
      error: parsed.errors.length
        ? parsed.errors
            .slice(0, 5)
            .map((e) => `Row ${e.row}: ${e.message}`)
            .join('; ')
        : null,
    });
    const records: ImportRecord[] = [];
    for (let i = 0; i < parsed.rows.length && !job.cancelled; i += SLICE) {
      records.push(...csvRecords(parsed, used, i, i + SLICE));
      await yieldNow();
    }
    return records;
  }

  /** The records for this job's encoding and mapping: read again only when one of them changed. */
  async function records(job: Job): Promise<ImportRecord[]> {
    const key = JSON.stringify([job.options.encoding ?? null, job.options.mapping ?? null]);
    if (job.read?.key === key) {
      Object.assign(job.status, job.read.fields);
      return job.read.records;
    }
    const text = await textOf(job);
    const list = await read(job, text, job.options.mapping);
    if (job.cancelled) return list; // maybe cut short: never kept for a re-plan
    const { format, headers, sample, mapping, mappingNeeded, error, encoding } = job.status;
    job.read = { key, records: list, fields: { format, headers, sample, mapping, mappingNeeded, error, encoding } };
    return list;
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
      ...(p.possibleDuplicate ? { possibleDuplicate: { name: p.possibleDuplicate.name, reason: p.possibleDuplicate.reason } } : {}),
    };
  }

  function summarise(job: Job) {
    const planner = job.planner!;
    const counts = { new: 0, merge: 0, skip: 0, warnings: 0, possibleDuplicates: 0 };
    const shown: PreviewRow[] = [];
    const duplicates: ImportStatus['possibleDuplicates'] = [];
    const perKind = { new: 0, merge: 0, skip: 0 };
    let problems = 0;
    for (const p of planner.rows) {
      counts[p.kind]++;
      if (p.warnings.length) counts.warnings++;
      if (p.possibleDuplicate) {
        counts.possibleDuplicates++;
        if (duplicates.length < SHOWN_DUPLICATES)
          duplicates.push({
            row: p.row,
            name: p.name,
            duplicateOf: { id: p.possibleDuplicate.id, name: p.possibleDuplicate.name },
            reason: p.possibleDuplicate.reason,
          });
      }
      const problem = p.kind === 'skip' || p.warnings.length > 0 || p.possibleDuplicate !== undefined;
      if ((problem && problems < SHOWN_PROBLEMS) || (!problem && perKind[p.kind] < SHOWN_PER_KIND)) {
        shown.push(previewRow(p));
        if (problem) problems++;
        else perKind[p.kind]++;
      }
    }
    Object.assign(job.status, { counts, rows: shown, possibleDuplicates: duplicates, countrySummary: planner.countrySummary });
  }

  /** Numbers, names and emails of the contacts there are, in slices (100k contacts take a while). */
  async function indexContacts(job: Job): Promise<ExistingIndex> {
    const index = emptyIndex();
    let until = performance.now() + PLAN_SLICE_MS;
    let n = 0;
    for (const c of deps.contacts()) {
      addToIndex(index, c);
      if (++n % 200 === 0 && performance.now() > until) {
        await yieldNow();
        if (job.cancelled) break;
        until = performance.now() + PLAN_SLICE_MS;
      }
    }
    return index;
  }

  async function plan(job: Job) {
    const list = await records(job);
    if (job.cancelled) return;
    job.status.total = list.length;
    const existing = await indexContacts(job);
    if (job.cancelled) return;
    const appCountry = deps.defaultCountry();
    const planner = (job.planner = new ImportPlanner(list, existing, job.status.country, deps.newId, deps.now().toISOString(), {
      reinterpret: job.options.reinterpret,
      keepHome: job.options.keepHome,
      appCountry,
    }));
    while (!planner.done && !job.cancelled) {
      const until = performance.now() + PLAN_SLICE_MS;
      do
        planner.step(10); // a few records: the slowest pass (trying other countries) stays well under the slice
      while (!planner.done && performance.now() < until);
      job.status.processed = planner.processed;
      report(job);
      await yieldNow();
    }
    if (job.cancelled) return;
    summarise(job);
    job.status.phase = 'ready';
    report(job, true);
  }

  /** The user's choice for a possible duplicate: the per-row one, else the bulk one. */
  function chooser(choices: DuplicateChoices): (row: number) => 'keep' | 'merge' {
    const byRow = new Map(choices.rows.map((r) => [r.row, r.choice]));
    return (row) => byRow.get(row) ?? choices.all;
  }

  async function commit(job: Job) {
    await deps.exclusive(async () => {
      const rows = job.planner!.rows;
      const choice = chooser(job.duplicates);
      const stamp = deps.now().toISOString();
      let added = 0;
      let merged = 0;
      let skipped = 0;
      job.status.processed = 0;
      job.status.total = rows.length;
      const changed = new Map<string, Contact>();
      /** a row merged into another contact: later rows that joined it join that contact */
      const movedTo = new Map<string, string>();
      const resolve = (id: string) => {
        let at = id;
        for (let hops = 0; movedTo.has(at) && hops < 1000; hops++) at = movedTo.get(at)!;
        return at;
      };
      const mergeInto = (id: string, row: PlannedRow, slice: Contact[]): boolean => {
        const targetId = resolve(id);
        const target = changed.get(targetId) ?? deps.get(targetId);
        if (!target) return false;
        const next = mergeContact(target, row.contact, stamp);
        changed.set(next.id, next);
        movedTo.set(row.contact.id, next.id);
        slice.push(next);
        return true;
      };
      let tx: BulkWrite | null = null;
      try {
        tx = deps.begin();
        for (let i = 0; i < rows.length && !job.cancelled; i += WRITE_SLICE) {
          const slice: Contact[] = [];
          for (const row of rows.slice(i, i + WRITE_SLICE)) {
            if (row.kind === 'skip') skipped++;
            else if (row.kind === 'merge' && mergeInto(row.mergeInto!.id, row, slice)) merged++;
            else if (
              row.kind !== 'merge' &&
              row.possibleDuplicate &&
              choice(row.row) === 'merge' &&
              mergeInto(row.possibleDuplicate.id, row, slice)
            )
              merged++;
            else {
              // new — or a merge whose contact was deleted after the preview: added, its data never dropped
              changed.set(row.contact.id, row.contact);
              slice.push(row.contact);
              added++;
            }
          }
          tx.put(slice); // inside the open transaction: a few ms per slice
          job.status.processed = Math.min(rows.length, i + WRITE_SLICE);
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
      const list = [...changed.values()];
      for (let i = 0; i < list.length; i += APPLY_SLICE) {
        deps.apply(list.slice(i, i + APPLY_SLICE));
        await yieldNow();
      }
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

  /** Opens a job (one open preview at a time: others are stopped) and plans it in the background. */
  function open(source: Source, options: ImportOptions, read: ReadResult | null): { jobId: string } {
    const jobId = deps.newId();
    const job: Job = {
      cancelled: false,
      committed: false,
      planner: null,
      source,
      options,
      read,
      duplicates: { all: 'keep', rows: [] },
      reportedAt: 0,
      status: {
        jobId,
        fileName: source.fileName,
        format: 'generic',
        phase: 'planning',
        processed: 0,
        total: 0,
        country: options.country ?? deps.defaultCountry(),
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
    for (const [id, old] of jobs) {
      if (old.status.phase === 'importing') continue;
      old.cancelled = true; // a planning job stops at its next slice
      jobs.delete(id);
    }
    jobs.set(jobId, job);
    report(job, true);
    plan(job).catch((error: unknown) => {
      if (job.cancelled) return;
      job.status.phase = 'failed';
      job.status.error = error instanceof Error ? error.message : String(error);
      report(job, true);
    });
    return { jobId };
  }

  return {
    /** Opens a job for a new file; one over the size limit is refused here, before anything is decoded. */
    start(request: ImportPreviewRequest): { jobId: string } {
      const { fileName, text, bytes, ...options } = request;
      // base64: counted from its length; text: its UTF-8 bytes, counted only when they could be over (≤ 3 per character)
      const size =
        text === undefined ? base64ByteLength(bytes ?? '') : text.length * 3 > limits.bytes ? Buffer.byteLength(text) : text.length;
      if (size > limits.bytes) throw new AppFailure({ code: 'validation', message: tooLargeMessage(size, limits.bytes) });
      return open(text !== undefined ? { fileName, text } : { fileName, base64: bytes ?? '' }, options, null);
    },
    /** The same file again with other options; what is not given stays as it was. */
    replan(jobId: string, changes: ImportOptions): { jobId: string } {
      const old = find(jobId);
      if (old.status.phase === 'importing' || old.status.phase === 'done')
        throw new AppFailure({ code: 'validation', message: 'This import has already been committed.' });
      const options: ImportOptions = { ...old.options, country: old.status.country };
      for (const [key, value] of Object.entries(changes)) if (value !== undefined) Object.assign(options, { [key]: value });
      return open(old.source, options, old.read);
    },
    status: (jobId: string): ImportStatus => find(jobId).status,
    commit(jobId: string, duplicates?: DuplicateChoices): ImportStatus {
      const job = find(jobId);
      if (job.status.phase !== 'ready') throw new AppFailure({ code: 'validation', message: 'The preview is not ready yet.' });
      if (duplicates) job.duplicates = duplicates;
      job.status.phase = 'importing';
      // from here `processed` counts rows written (the window's progress only moves forward)
      job.status.processed = 0;
      job.status.total = job.planner!.rows.length;
      report(job, true);
      commit(job).catch((error: unknown) => {
        job.status.phase = 'failed';
        job.status.error = error instanceof Error ? error.message : String(error);
        report(job, true);
      });
      return job.status;
    },
    cancel(jobId: string): ImportStatus {
      const job = find(jobId);
      if (job.committed) return job.status; // written already: it completes as 'done'
      job.cancelled = true;
      if (job.status.phase !== 'done') job.status.phase = 'cancelled';
      report(job, true);
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

import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { blockMeter, round2, type PartResult } from './figures';
import { generateContacts } from './generate-contacts';
import { SAVED_INDEX_FILE } from '../electron/core/contacts/saved-index/index-file';

/**
 * Start-up with 100k contacts (part of `npm run bench`): from `createContactsService` until every
 * contact is searchable (`ready`, and the list's first page answered), how long the main thread is held in one piece meanwhile, how
 * soon a first request could be answered, and the resident memory the contacts add — next to the
 * floor, a bare better-sqlite3 `SELECT` of every row plus `JSON.parse` of each document (kept in
 * an array: the raw data in memory), on the same file in the same run.
 *
 * Two starts of ours: after a clean close, which restores the index that close saved
 * (electron/core/contacts/saved-index.ts), and without it (the file removed first: a first start, or
 * a start after a crash), which reads and indexes every row.
 *
 * The database is written once, through the service. Then each measurement runs in a fresh
 * process of its own (floor, rows, ours, floor…; median of 3): resident memory is only comparable
 * from a clean start — in one process the first measurement grows into pages an earlier one left
 * behind, and looks smaller than it is. Memory is read after two full GCs (`--expose-gc`).
 */

const ROUNDS = 3;
const CHILD = 'FEATHER_STARTUP_BENCH';

interface Run {
  ms: number;
  /** the process's CPU time meanwhile (user + system, every thread): steadier than `ms` on a loaded machine */
  cpuMs: number;
  rssMB: number;
  heapMB: number;
  /** ours only: the longest block from the start, and after the open (while the contacts load) */
  blockMs?: number;
  loadBlockMs?: number;
  openMs?: number;
  firstAnswerMs?: number;
  /** floor only: SQLite's quick_check of the table on the same file: what the open adds after a crash (a clean close skips it) */
  quickCheckMs?: number;
}

const gc = () => {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('the startup bench needs node --expose-gc');
  collect();
  collect();
};
const memory = () => {
  gc();
  const m = process.memoryUsage();
  return { rss: m.rss / 1e6, heap: m.heapUsed / 1e6 };
};

const cpuOf = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

/** the floor: every row read and parsed, and kept */
function floor(dir: string): Run {
  const before = memory();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // read-write, so its close leaves the file as it found it: a read-only connection cannot remove the WAL and
  // -shm files it creates, and the next start would rightly take them for a crash's and check the file
  const db = new Database(path.join(dir, 'contacts.db'));
  const docs: unknown[] = [];
  for (const [, doc] of db.prepare('SELECT id, doc FROM contacts').raw().iterate() as IterableIterator<[string, string]>)
    docs.push(JSON.parse(doc));
  const ms = performance.now() - t0;
  const cpuMs = cpuOf(c0);
  const after = memory();
  if (docs.length === 0) throw new Error('the floor read nothing');
  const q0 = performance.now();
  db.pragma('quick_check(contacts)');
  const quickCheckMs = performance.now() - q0;
  db.close();
  return { ms, cpuMs, rssMB: after.rss - before.rss, heapMB: after.heap - before.heap, quickCheckMs };
}

async function ours(dir: string, size: number): Promise<Run> {
  const { createContactsService } = await import('../electron/core/contacts/contacts-service');
  const before = memory();
  const meter = blockMeter();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let firstAnswerMs = 0;
  setImmediate(() => (firstAnswerMs = performance.now() - t0)); // the first moment a request could be answered
  const svc = createContactsService({ dir, defaultCountry: () => 'US' });
  const openMs = performance.now() - t0;
  const loadMeter = blockMeter();
  await svc.ready;
  // searchable: the list's first page answered (what the window asks once told the load is done) — it
  // puts whatever is not yet in name order in it, so it is part of the time and of the longest block
  const found = svc.query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 60 });
  const ms = performance.now() - t0;
  const cpuMs = cpuOf(c0);
  const blockMs = meter.stop();
  const loadBlockMs = loadMeter.stop();
  const after = memory();
  if (svc.size() !== size || found.all !== size || found.loading) throw new Error(`loaded ${svc.size()} of ${size} contacts`);
  await svc.close();
  return { ms, cpuMs, rssMB: after.rss - before.rss, heapMB: after.heap - before.heap, blockMs, loadBlockMs, openMs, firstAnswerMs };
}

/** one measurement in a fresh process (this file, run with CHILD set) */
/** ours: after a clean close, the index it saved restored; rows: without it (a first start, or after a crash) — every row read and indexed */
type Kind = 'floor' | 'ours' | 'rows';

function measure(kind: Kind, dir: string, size: number): Run {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], {
    encoding: 'utf8',
    env: { ...process.env, [CHILD]: JSON.stringify({ kind, dir, size }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop()!) as Run;
}

const median = (values: number[]) => round2([...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!);

export async function benchStartup(opts: { quick: boolean }): Promise<PartResult> {
  const size = opts.quick ? 10_000 : 100_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'feather-bench-startup-'));
  try {
    // written once, through the service (the one-time move from the old format: one transaction)
    writeFileSync(path.join(dir, 'contacts.json'), JSON.stringify({ schemaVersion: 1, generation: 0, contacts: generateContacts(size) }));
    const { createContactsService } = await import('../electron/core/contacts/contacts-service');
    const seed = createContactsService({ dir, defaultCountry: () => 'US' });
    await seed.ready;
    await seed.close();
    const dbMB = statSync(path.join(dir, 'contacts.db')).size / 1e6;

    const floors: Run[] = [];
    const runs: Run[] = [];
    const rowRuns: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      floors.push(measure('floor', dir, size));
      rowRuns.push(measure('rows', dir, size)); // its clean close saves the index again, for the next run
      runs.push(measure('ours', dir, size));
    }
    const of = (list: Run[], key: keyof Run) => median(list.map((r) => r[key] ?? 0));
    const savedMB = statSync(path.join(dir, SAVED_INDEX_FILE)).size / 1e6;
    const floorMs = of(floors, 'ms');
    const floorRss = of(floors, 'rssMB');
    const per = `${(size / 1000).toFixed(0)}k`;
    return {
      part: 'startup',
      on: `${size.toLocaleString('en')} contacts in contacts.db (${dbMB.toFixed(1)} MB)`,
      figures: [
        {
          what: `contacts searchable after start, ${per}: after a clean close (the index it saved)`,
          ours: of(runs, 'ms'),
          unit: 'ms',
          floor: floorMs,
          floorIs: 'bare SELECT of every row + JSON.parse of each doc',
          goal: { ratioMax: 2, text: '≤ 2× the floor' },
        },
        {
          what: `the same without a saved index (first start, after a crash): every row read`,
          ours: of(rowRuns, 'ms'),
          unit: 'ms',
          floor: floorMs,
          floorIs: 'bare SELECT of every row + JSON.parse of each doc',
          goal: { ratioMax: 2, text: '≤ 2× the floor' },
        },
        {
          what: 'longest main-thread block while the contacts load (saved index)',
          ours: of(runs, 'loadBlockMs'),
          unit: 'ms',
          floor: null,
          floorIs: '',
          goal: { limit: 50, text: '≤ 50 ms' },
        },
        {
          what: 'the same, every row read',
          ours: of(rowRuns, 'loadBlockMs'),
          unit: 'ms',
          floor: null,
          floorIs: '',
          goal: { limit: 50, text: '≤ 50 ms' },
        },
        {
          // the open (checks, the first slice) runs before the core hands out the database; the window is created after it.
          // Each run starts after a clean close (as after a normal quit), so the open skips quick_check; after a crash it runs
          // (details.quickCheckMs, held on the main thread once)
          what: 'longest block from the start, the open included',
          ours: of(runs, 'blockMs'),
          unit: 'ms',
          floor: null,
          floorIs: '',
          goal: { limit: 50, text: '≤ 50 ms' },
        },
        {
          what: 'first request answerable after start (open + first slice)',
          ours: of(runs, 'firstAnswerMs'),
          unit: 'ms',
          floor: null,
          floorIs: '',
        },
        {
          what: `resident memory added by ${per} contacts (after GC; saved index)`,
          ours: of(runs, 'rssMB'),
          unit: 'MB',
          floor: floorRss,
          floorIs: 'the floor’s rows parsed and kept (RSS growth)',
          goal: { ratioMax: 1.5, text: '≤ 1.5× the raw rows in memory' },
        },
        {
          what: 'the same, every row read',
          ours: of(rowRuns, 'rssMB'),
          unit: 'MB',
          floor: floorRss,
          floorIs: 'the floor’s rows parsed and kept (RSS growth)',
          goal: { ratioMax: 1.5, text: '≤ 1.5× the raw rows in memory' },
        },
      ],
      details: {
        rounds: ROUNDS,
        openMs: of(runs, 'openMs'),
        /** CPU time of the same two (every thread): their ratio moves less than the wall-clock one when the machine is busy */
        cpuMs: { ours: of(runs, 'cpuMs'), rows: of(rowRuns, 'cpuMs'), floor: of(floors, 'cpuMs') },
        /** the open's extra block after a crash: SQLite's quick_check, skipped after a clean close (db-watermark.ts) */
        quickCheckMs: of(floors, 'quickCheckMs'),
        heapAddedMB: { ours: of(runs, 'heapMB'), rows: of(rowRuns, 'heapMB'), floor: of(floors, 'heapMB') },
        savedIndexMB: round2(savedMB),
        runs: runs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round2(v)]))),
        rowRuns: rowRuns.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round2(v)]))),
        floors: floors.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, round2(v)]))),
        loadAverage: os.loadavg().map(round2),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const child = process.env[CHILD];
if (child) {
  const { kind, dir, size } = JSON.parse(child) as { kind: Kind; dir: string; size: number };
  if (kind === 'rows') rmSync(path.join(dir, SAVED_INDEX_FILE), { force: true });
  const run = kind === 'floor' ? floor(dir) : await ours(dir, size);
  console.log(JSON.stringify(run));
}

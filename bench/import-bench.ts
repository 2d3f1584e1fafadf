import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { createContactsService } from '../electron/core/contacts/contacts-service';
import { round2, rssMeter, type Figure, type PartResult } from './figures';
import { mainThreadBlockMeter } from './main-thread-block';
import { generateGoogleCsv } from './generate-contacts';
import { generateForeignCsv } from './generate-foreign-csv';

/**
 * Import of a 100k-row Google CSV, end to end as the app does it (part of `npm run bench`): the file
 * read by main from its path, decoded, parsed and planned in the import's worker thread, then
 * committed into SQLite and made searchable by main, a slice at a time — on two sets:
 * - `generated`: our generated people (bench/generate-contacts.ts), mostly US numbers;
 * - `foreign`: mostly foreign numbers written the way their owners write them at home, imported with
 *   the default country US (bench/generate-foreign-csv.ts): every one of them has to be placed.
 *
 * The floor, measured in the same run on the same file: a bare papaparse parse of the file (read with
 * fs, no options) plus one libphonenumber parse per number (`parsePhoneNumberFromString(raw, 'US')` and
 * `isValid()`), warmed up first. Figures per set: total time vs the floor's, peak RSS growth vs the
 * floor's, and the longest the main event loop was held: the main thread's own CPU time between two
 * ticks of a 2 ms timer (bench/main-thread-block.ts; the timer's wall-clock lateness, which a loaded
 * machine inflates, is in the details).
 *
 * A full run measures each set three times, each time the floor then ours in processes of their own,
 * back to back: the pair whose ratio is the median is reported (every pair is in the details), the
 * RSS growths are the medians, the main-thread block the longest of the three. One pair with --quick.
 */

const PHONE_COLUMNS = [5, 7];
/** floor-then-ours pairs per set in a full run (one with --quick): the pair with the median ratio is reported */
const ROUNDS = 3;
const CHILD_FLAG = '--import-bench-child';

/** A full garbage collection between measurements, so one's garbage is not collected (and timed) in the next. */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function floorOf(file: string) {
  const rss = rssMeter();
  const t0 = performance.now();
  const text = readFileSync(file, 'utf8');
  const rows = Papa.parse<string[]>(text).data;
  let numbers = 0;
  let valid = 0;
  for (let i = 1; i < rows.length; i++) {
    for (const c of PHONE_COLUMNS) {
      const raw = rows[i]![c];
      if (!raw) continue;
      numbers++;
      if (parsePhoneNumberFromString(raw, 'US')?.isValid()) valid++;
    }
  }
  const ms = performance.now() - t0;
  return { ms, rssMB: rss.stop(), rows: rows.length - 1, numbers, valid };
}

async function ours(file: string, dir: string) {
  const svc = createContactsService({ dir, defaultCountry: () => 'US' });
  const rss = rssMeter();
  const block = mainThreadBlockMeter();
  const t0 = performance.now();
  const { jobId } = svc.imports.start({ fileName: path.basename(file), path: file });
  const preview = { ...(await svc.imports.settle(jobId)) };
  const t1 = performance.now();
  const previewBlock = block.take();
  if (preview.phase !== 'ready') throw new Error(`import bench: the preview ${preview.phase}: ${preview.error}`);
  svc.imports.commit(jobId);
  const done = await svc.imports.settle(jobId);
  const t2 = performance.now();
  const commitBlock = block.stop();
  const rssMB = rss.stop();
  if (done.phase !== 'done') throw new Error(`import bench: the commit ${done.phase}: ${done.error}`);
  await svc.close();
  return {
    ms: t2 - t0,
    previewMs: t1 - t0,
    commitMs: t2 - t1,
    rssMB,
    blockIsCpu: previewBlock.cpu !== null,
    blockMs: Math.max(previewBlock.cpu ?? previewBlock.wall, commitBlock.cpu ?? commitBlock.wall),
    previewBlock,
    commitBlock,
    added: done.result?.added ?? 0,
    warnings: preview.counts.warnings,
    countries: preview.countrySummary.map((g) => `${g.country} ${g.count}`).join(', '),
  };
}

/** One measurement in a process of its own (after a warm-up there), so no run's heap, garbage or resident memory skews another's. */
function inChild(kind: 'floor' | 'ours', file: string, warm: string): Record<string, unknown> {
  const out = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), CHILD_FLAG, kind, file, warm], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.slice(out.lastIndexOf('\n{') + 1)) as Record<string, unknown>;
}

async function child(kind: string, file: string, warm: string) {
  collect();
  if (kind === 'floor') {
    floorOf(warm);
    collect();
    await new Promise((r) => setTimeout(r, 50));
    return floorOf(file);
  }
  await ours(warm, mkdtempSync(path.join(path.dirname(file), 'db-')));
  collect();
  await new Promise((r) => setTimeout(r, 50));
  return ours(file, mkdtempSync(path.join(path.dirname(file), 'db-')));
}

export async function benchImport(opts: { quick: boolean }): Promise<PartResult> {
  // --quick (the test command runs it): 10k generated rows, and 2k of the foreign ones (placing each costs a dozen parses)
  const size = { generated: opts.quick ? 10_000 : 100_000, foreign: opts.quick ? 2_000 : 100_000 };
  const work = mkdtempSync(path.join(os.tmpdir(), 'feather-import-bench-'));
  const figures: Figure[] = [];
  const details: Record<string, unknown> = { rows: size };
  try {
    // warm-up on another file, in each process: the floor's code, and the import's (its worker, kept warm, serves the next file)
    const warm = path.join(work, 'warm.csv');
    writeFileSync(warm, generateForeignCsv(opts.quick ? 200 : 2000, 99));
    for (const [set, make] of [
      ['generated', generateGoogleCsv],
      ['foreign', generateForeignCsv],
    ] as const) {
      const rows = size[set];
      const file = path.join(work, `${set}.csv`);
      writeFileSync(file, make(rows));
      // each pair measured back to back, so the machine's speed (it drifts 2× within minutes here) is the same for both
      const pairs: Array<{ floor: ReturnType<typeof floorOf>; run: Awaited<ReturnType<typeof ours>> }> = [];
      for (let round = 0; round < (opts.quick ? 1 : ROUNDS); round++) {
        const floor = inChild('floor', file, warm) as ReturnType<typeof floorOf>;
        const run = inChild('ours', file, warm) as Awaited<ReturnType<typeof ours>>;
        if (run.added !== rows) throw new Error(`import bench (${set}): ${run.added} of ${rows} imported`);
        pairs.push({ floor, run });
      }
      const byRatio = [...pairs].sort((a, b) => a.run.ms / a.floor.ms - b.run.ms / b.floor.ms);
      const { floor, run } = byRatio[Math.floor(byRatio.length / 2)]!;
      const medianOf = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const rssMB = medianOf(pairs.map((p) => p.run.rssMB));
      const floorRssMB = medianOf(pairs.map((p) => p.floor.rssMB));
      const blockMs = Math.max(...pairs.map((p) => p.run.blockMs));
      const label = set === 'generated' ? 'generated set (mostly US numbers)' : 'mostly foreign numbers, default US';
      const floorIs = `papaparse + 1 libphonenumber parse per number (${floor.numbers.toLocaleString('en')} numbers), same file`;
      figures.push(
        {
          what: `import ${rows.toLocaleString('en')} rows, ${label}: total (preview + commit)${pairs.length > 1 ? `, the median of ${pairs.length} pairs by ratio` : ''}`,
          ours: round2(run.ms / 1000),
          unit: 's',
          floor: round2(floor.ms / 1000),
          floorIs,
          goal: { ratioMax: 3, text: '≤ 3× the floor' },
        },
        {
          what: `import ${label}: peak RSS growth${pairs.length > 1 ? ` (median of ${pairs.length})` : ''}`,
          ours: Math.round(rssMB),
          unit: 'MB',
          floor: Math.round(floorRssMB),
          floorIs: "the floor's own growth",
          goal: { ratioMax: 2, text: "≤ 2× the floor's" },
        },
        {
          what: `import ${label}: longest main-thread block (its CPU time${run.blockIsCpu ? '' : '; wall clock here'}${pairs.length > 1 ? `, the longest of ${pairs.length} runs` : ''})`,
          ours: round2(blockMs),
          unit: 'ms',
          floor: null,
          floorIs: 'absolute limit',
          goal: { limit: 50, text: '≤ 50 ms' },
        },
      );
      details[set] = {
        fileMB: round2(readFileSync(file).length / 1e6),
        floor: { ms: round2(floor.ms), rssMB: floor.rssMB, numbers: floor.numbers, validAsUS: floor.valid },
        ours: {
          previewSeconds: round2(run.previewMs / 1000),
          commitSeconds: round2(run.commitMs / 1000),
          longestBlockMs: {
            preview: { cpu: run.previewBlock.cpu === null ? null : round2(run.previewBlock.cpu), wall: round2(run.previewBlock.wall) },
            commit: { cpu: run.commitBlock.cpu === null ? null : round2(run.commitBlock.cpu), wall: round2(run.commitBlock.wall) },
          },
          rssMB: run.rssMB,
          flaggedRows: run.warnings,
          countries: run.countries,
        },
        /** every pair (`floor` and `ours` above are the reported one's): the totals (s) and their ratio, the RSS growths (MB), main's longest block (ms) */
        pairs: pairs.map((p) => ({
          ours: round2(p.run.ms / 1000),
          floor: round2(p.floor.ms / 1000),
          ratio: round2(p.run.ms / p.floor.ms),
          rssMB: Math.round(p.run.rssMB),
          floorRssMB: Math.round(p.floor.rssMB),
          blockMs: round2(p.run.blockMs),
        })),
      };
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  details.loadAverage = os.loadavg().map(round2);
  return {
    part: 'import',
    on: `Google CSVs of ${size.generated.toLocaleString('en')} (generated) and ${size.foreign.toLocaleString('en')} rows (foreign)`,
    figures,
    details,
  };
}

if (process.argv[2] === CHILD_FLAG) {
  const [kind, file, warm] = process.argv.slice(3) as [string, string, string];
  console.log(`\n${JSON.stringify(await child(kind, file, warm))}`);
  process.exit(0);
}

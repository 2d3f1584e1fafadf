import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { goalMet, ratioOf, type Figure, type PartResult } from './figures';

/**
 * `npm run bench`: every performance figure next to a floor measured in the same run (absolute times on
 * our machines vary 2–5× with load, so the goals are ratios). Each part runs in a process of its own, so
 * one part's heap does not slow the next. Prints one table per part, then the whole result as JSON (also
 * written to bench-results/latest.json). Asserts nothing: a goal missed is printed as MISSED; only a part
 * that crashes makes the run fail, so the bench cannot rot.
 *
 *   npm run bench                      every part, 100k contacts
 *   npm run bench -- --quick           10k, a few seconds per part (the test command runs this)
 *   npm run bench -- --only=search,import
 */
const PARTS: Record<string, () => Promise<(opts: { quick: boolean }) => Promise<PartResult>>> = {
  search: async () => (await import('./search-bench')).benchSearch,
  startup: async () => (await import('./startup-bench')).benchStartup,
  import: async () => (await import('./import-bench')).benchImport,
  vcard: async () => (await import('./vcard-import-bench')).benchVcard,
  window: async () => (await import('./window-bench')).benchWindow,
  edit: async () => (await import('./edit-bench')).benchEdit,
  history: async () => (await import('./history-bench')).benchHistory,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const part = args.find((a) => a.startsWith('--part='))?.slice('--part='.length);

if (part) {
  const load = PARTS[part];
  if (!load) throw new Error(`no bench part "${part}" (parts: ${Object.keys(PARTS).join(', ')})`);
  const result = await (await load())({ quick });
  console.log(`\n${JSON.stringify(result)}`);
  process.exit(0);
}

const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const names = only ?? Object.keys(PARTS);
const self = fileURLToPath(import.meta.url);
const loadBefore = os.loadavg();
const started = Date.now();
const results: PartResult[] = [];
const crashed: Array<{ part: string; error: string }> = [];

const cell = (f: Figure) => {
  const r = ratioOf(f);
  const met = goalMet(f);
  return {
    figure: f.what,
    ours: `${f.ours} ${f.unit}`,
    floor: f.floor === null ? '—' : `${f.floor} ${f.unit}`,
    'floor is': f.floorIs || '—',
    ratio: r === null ? '—' : `${r}×`,
    goal: f.goal?.text ?? '—',
    '': met === null ? '' : met ? 'ok' : 'MISSED',
  };
};

for (const name of names) {
  const t0 = Date.now();
  process.stdout.write(`\n━━ ${name}${quick ? ' (quick)' : ''} … `);
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, `--part=${name}`, ...(quick ? ['--quick'] : [])], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const result = JSON.parse(out.trim().split('\n').pop()!) as PartResult;
    results.push(result);
    console.log(`${((Date.now() - t0) / 1000).toFixed(1)} s — ${result.on}`);
    console.table(result.figures.map(cell));
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n').slice(0, 6).join('\n') : String(error);
    crashed.push({ part: name, error: message });
    console.log(`crashed\n${message}`);
  }
}

const all = results.flatMap((r) => r.figures.map((f) => ({ part: r.part, ...f, ratio: ratioOf(f), met: goalMet(f) })));
const goals = all.filter((f) => f.met !== null);
const missed = goals.filter((f) => f.met === false);
const summary = {
  node: process.version,
  cpus: os.cpus().length,
  quick,
  loadAverage: { before: loadBefore.map((n) => Math.round(n * 100) / 100), after: os.loadavg().map((n) => Math.round(n * 100) / 100) },
  seconds: Math.round((Date.now() - started) / 100) / 10,
  goals: { met: goals.length - missed.length, missed: missed.map((f) => `${f.part}: ${f.what}`) },
  crashed,
  parts: results,
};
console.log('\nJSON');
console.log(JSON.stringify(summary, null, 2));
mkdirSync('bench-results', { recursive: true });
writeFileSync(path.join('bench-results', quick ? 'quick.json' : 'latest.json'), JSON.stringify(summary, null, 2));
console.log(
  `\nbench: ${results.length} parts, ${goals.length - missed.length} of ${goals.length} goals met` +
    `${missed.length ? ` (missed: ${missed.map((f) => `${f.part}: ${f.what}`).join('; ')})` : ''}; ` +
    `load average ${summary.loadAverage.before[0]} → ${summary.loadAverage.after[0]}; ${summary.seconds} s` +
    (crashed.length ? `; CRASHED: ${crashed.map((c) => c.part).join(', ')}` : ''),
);
if (crashed.length) process.exitCode = 1;

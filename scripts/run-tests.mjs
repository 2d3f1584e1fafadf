#!/usr/bin/env node
// Runs every test lane in order and prints one closing line: "tests: N passed, N failed, N skipped".
// Lanes: the static checks (typecheck, lint, format, boundaries, knip), unit+integration+glue (Vitest), build,
// packaging (Vitest: electron-builder --dir with a stand-in Electron), renderer bundle (budget + contents), bench --quick,
// browser e2e (Chromium), real Electron.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const out = path.resolve('test-results');
mkdirSync(out, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const lanes = [];

function run(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n━━ ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  lanes.push({ name, ok: result.status === 0, seconds });
  return result.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function countVitest(file) {
  const r = readJson(file);
  if (!r) return;
  totals.passed += r.numPassedTests ?? 0;
  totals.failed += r.numFailedTests ?? 0;
  totals.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}

function countPlaywright(file) {
  const r = readJson(file);
  if (!r?.stats) return;
  totals.passed += (r.stats.expected ?? 0) + (r.stats.flaky ?? 0);
  totals.failed += r.stats.unexpected ?? 0;
  totals.skipped += r.stats.skipped ?? 0;
}

let ok = true;
const step = (...a) => {
  if (ok) ok = run(...a);
};
for (const f of ['vitest.json', 'packaging.json', 'e2e.json', 'electron.json']) rmSync(`${out}/${f}`, { force: true });

// The static checks all run, so one pass reports every one that fails; the test lanes run only if all passed.
for (const [name, command, args] of [
  ['typecheck', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']],
  ['lint', 'npx', ['eslint', '.']],
  ['format', 'npm', ['run', '--silent', 'format:check']], // prettier --check .
  ['boundaries', 'npm', ['run', '--silent', 'depcruise']], // dependency-cruiser: .dependency-cruiser.cjs
  ['knip', 'npm', ['run', '--silent', 'knip']], // unused files, exports, dependencies: knip.jsonc
]) {
  if (!run(name, command, args)) ok = false;
}
if (ok) {
  ok = run('unit, integration, electron glue', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}/vitest.json`,
  ]);
  countVitest(`${out}/vitest.json`);
}
step('build', 'npm', ['run', 'build']);
// what we ship around Electron, not Electron itself: fuses, app.asar contents and size, links (test/packaging/)
if (ok) {
  ok = run('packaging (stand-in Electron)', 'npx', [
    'vitest',
    'run',
    '--config',
    'test/packaging/vitest.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}/packaging.json`,
  ]);
  countVitest(`${out}/packaging.json`);
}
// first load ≤ 150 kB gzip, no main-only code in the window; prints the figures (scripts/check-bundle.mjs)
step('renderer bundle (budget, contents)', 'node', ['scripts/check-bundle.mjs']);
// the benchmark at 10k, so it cannot rot: prints every figure next to its floor, asserts none (a crash fails)
step('bench (quick: figures only, no assertions)', 'npx', ['tsx', 'bench/run.ts', '--quick']);
if (ok) {
  ok = run(
    'browser end-to-end (Chromium)',
    'npx',
    ['playwright', 'test', '--config', 'test/e2e/playwright.config.ts', '--reporter=list,json'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/e2e.json`,
    },
  );
  countPlaywright(`${out}/e2e.json`);
}
if (ok) {
  ok = run('real Electron', 'npx', ['playwright', 'test', '--config', 'test/electron/playwright.config.ts', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/electron.json`,
  });
  countPlaywright(`${out}/electron.json`);
}

console.log('\n━━ summary');
for (const lane of lanes) console.log(`${lane.ok ? 'ok  ' : 'FAIL'} ${lane.name} (${lane.seconds} s)`);
if (!ok && totals.failed === 0) totals.failed = 1; // a failed lint/typecheck/build counts as a failure
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && existsSync(`${out}/vitest.json`) ? 0 : 1);

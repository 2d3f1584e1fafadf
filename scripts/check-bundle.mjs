#!/usr/bin/env node
// The window's bundle, after `npm run build` (npm test runs this after the build lane):
// 1. what it holds: no main-only code in any chunk, lazy ones included (zod, libphonenumber, the
//    import pipeline's jschardet and papaparse, anything under electron/); the preload may hold zod
//    (it checks main's events) but nothing else main-only;
// 2. its size: the budgets in .size-limit.mjs (first load ≤ 150 kB gzip), run by size-limit;
// and prints the figures. Exit 1 on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleFiles, preloadFile, rendererDir } from './bundle-files.mjs';

const WINDOW_FORBIDDEN = ['zod', 'libphonenumber-js', 'jschardet', 'papaparse', 'countries-and-timezones'];
const PRELOAD_FORBIDDEN = ['libphonenumber-js', 'jschardet', 'papaparse'];
const problems = []; // what the bundle holds
const overBudget = [];

let bundle;
try {
  bundle = bundleFiles();
} catch (error) {
  console.error(`✗ ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
const { chunks, graph, firstLoad, lazy, paletteOwn } = bundle;
for (const chunk of chunks) {
  for (const pkg of chunk.packages.filter((p) => WINDOW_FORBIDDEN.includes(p))) problems.push(`${chunk.file} holds ${pkg} (main-only).`);
  for (const source of chunk.sources.filter((s) => s.startsWith('electron/')))
    problems.push(`${chunk.file} holds ${source} (main-only code).`);
}
if (problems.length) {
  // name the window's imports that bring them in: a renderer file → the shared module that leads to the package
  const reaches = new Map();
  const leadsTo = (name, seen = new Set()) => {
    if (reaches.has(name)) return reaches.get(name);
    const found = new Set(WINDOW_FORBIDDEN.includes(name) || name.startsWith('electron/') ? [name] : []);
    if (!seen.has(name)) for (const next of graph[name] ?? []) for (const f of leadsTo(next, new Set(seen).add(name))) found.add(f);
    reaches.set(name, found);
    return found;
  };
  for (const [from, imports] of Object.entries(graph)) {
    if (!from.startsWith('renderer/')) continue;
    for (const to of imports.filter((i) => !i.startsWith('renderer/'))) {
      const found = leadsTo(to);
      if (found.size) problems.push(`  ${from} imports ${to} → ${[...found].join(', ')}`);
    }
  }
}

const preloadMeta = path.join(path.dirname(preloadFile), 'preload.meta.json');
if (!existsSync(preloadFile) || !existsSync(preloadMeta))
  problems.push(`No ${preloadFile} with its metafile: run \`npm run build\` first.`);
else {
  const inputs = Object.keys(JSON.parse(readFileSync(preloadMeta, 'utf8')).inputs);
  const pkgs = new Set(inputs.map((i) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(i)?.[1]).filter(Boolean));
  for (const pkg of PRELOAD_FORBIDDEN.filter((p) => pkgs.has(p))) problems.push(`${preloadFile} holds ${pkg} (main-only).`);
  for (const input of inputs.filter((i) => i.startsWith('electron/') && i !== 'electron/main/preload.ts')) {
    problems.push(`${preloadFile} holds ${input} (main-only code).`);
  }
}

// the budgets, by size-limit itself (the same numbers `npx size-limit` prints)
const run = spawnSync('npx', ['size-limit', '--json'], { encoding: 'utf8', env: process.env });
let results = [];
try {
  results = JSON.parse(run.stdout);
} catch {
  problems.push(`size-limit did not answer: ${run.stderr || run.stdout}`.trim());
}
for (const r of results) if (r.passed === false) overBudget.push(`${r.name}: ${kb(r.size)} gzip, over its limit of ${kb(r.sizeLimit)}.`);

function kb(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
const gzip = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const raw = (file) => readFileSync(file).length;
const list = (files) =>
  files.map((f) => `    ${path.relative(rendererDir, f).padEnd(44)} ${kb(raw(f)).padStart(9)}  ${kb(gzip(f)).padStart(9)} gzip`);

console.log(`renderer bundle (${rendererDir})`);
for (const r of results) {
  const limit = r.sizeLimit ? ` (limit ${kb(r.sizeLimit)})` : '';
  console.log(`  ${r.name}: ${kb(r.size)} gzip${limit}${r.passed === false ? '  ✗ OVER' : ''}`);
  if (r.name.startsWith('window first load')) console.log(list(firstLoad).join('\n'));
  else if (r.name.startsWith('lazy')) console.log(list(lazy).join('\n'));
  else if (r.name.startsWith('palette')) console.log(list(paletteOwn).join('\n'));
  else if (r.name === 'preload' && existsSync(preloadFile)) console.log(`    ${preloadFile}: ${kb(raw(preloadFile))} minified`);
}
console.log(`  main-only code in the window: ${problems.length ? 'FOUND' : 'none'} (checked: ${WINDOW_FORBIDDEN.join(', ')}, electron/)`);
for (const p of [...problems, ...overBudget]) console.error(p.startsWith('  ') ? p : `✗ ${p}`);
process.exit(problems.length || overBudget.length ? 1 : 0);

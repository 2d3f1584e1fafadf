import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The import boundaries (.dependency-cruiser.cjs) refuse what they say they refuse. Each rule gets a
 * fixture that breaks it: the fixtures are text here, written into a temp dir laid out like the repo
 * (with the repo's tsconfig, package.json and node_modules) and cruised with the real config and the
 * same command as `npm run depcruise`. The test asserts the exact set of violations, so a rule that
 * stops firing fails, and so does one that fires where it should not (the allowed imports below).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const TIMEOUT_MS = 60_000;

/** `npm run depcruise`'s arguments, read from package.json so this test and the lint lane cannot drift apart */
function laneArgs(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [bin, ...args] = pkg.scripts.depcruise!.split(/\s+/);
  expect(bin).toBe('depcruise');
  return args.map((a) => (a.endsWith('.dependency-cruiser.cjs') ? path.join(root, a) : a));
}

const target = 'export const value = 1;\n';
/** Fixture files, by path in the repo-shaped temp dir. Each `…-imports-…` file breaks the rule(s) listed in EXPECTED. */
const FIXTURES: Record<string, string> = {
  // import targets, importing nothing
  'electron/main/target.ts': target,
  'electron/core/target.ts': target,
  'electron/simulator/target.ts': target,
  'electron/preview/target.ts': target,
  'renderer/src/target.ts': target,
  'shared/target.ts': target,

  // allowed: none of these may be reported
  'electron/main/allowed.ts': [
    "import { app } from 'electron';",
    "import Store from 'electron-store';",
    "import { value as core } from '../core/target';",
    "import { value as sim } from '../simulator/target';",
    "import { value as shared } from '../../shared/target';",
    'export const all = [app, Store, core, sim, shared];',
  ].join('\n'),
  'electron/preview/allowed.ts': [
    "import http from 'node:http';",
    "import { value as core } from '../core/target';",
    "import { value as sim } from '../simulator/target';",
    "import { value as shared } from '../../shared/target';",
    'export const all = [http, core, sim, shared];',
  ].join('\n'),
  'electron/core/allowed.ts': [
    "import fs from 'node:fs';",
    "import Database from 'better-sqlite3';",
    "import type keytar from 'keytar';",
    "import { value as shared } from '../../shared/target';",
    'export const all: unknown[] = [fs, Database, shared, null as unknown as typeof keytar];',
  ].join('\n'),
  'electron/simulator/allowed.ts': [
    "import net from 'node:net';",
    "import { value as core } from '../core/target';",
    'export const all = [net, core];',
  ].join('\n'),
  'renderer/src/allowed.tsx': [
    "import { useState } from 'react';",
    "import { z } from 'zod';",
    "import { value as shared } from '../../shared/target';",
    "import { value as own } from './target';",
    'export const all = [useState, z, shared, own];',
  ].join('\n'),
  'shared/allowed.ts': ["import { z } from 'zod';", "import { value } from './target';", 'export const all = [z, value];'].join('\n'),
  // tests may import anything
  'test/unit/imports-everything.test.ts': [
    "import { app } from 'electron';",
    "import { value as main } from '../../electron/main/target';",
    "import { value as preview } from '../../electron/preview/target';",
    "import { value as renderer } from '../../renderer/src/target';",
    'export const all = [app, main, preview, renderer];',
  ].join('\n'),

  // no-circular
  'electron/core/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'electron/core/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
  // renderer → shared only
  'renderer/src/renderer-imports-core.ts': "export { value } from '../../electron/core/target';\n",
  'renderer/src/renderer-imports-node.ts': "export { readFileSync } from 'node:fs';\n",
  'renderer/src/renderer-imports-papaparse.ts': "export { parse } from 'papaparse';\n",
  // shared → nothing outside shared
  'shared/shared-imports-core.ts': "export { value } from '../electron/core/target';\n",
  'shared/shared-imports-renderer.ts': "export { value } from '../renderer/src/target';\n",
  'shared/shared-imports-node.ts': "export { join } from 'path';\n",
  'shared/shared-imports-electron.ts': "import type { App } from 'electron';\nexport type A = App;\n",
  'shared/shared-imports-keytar.ts': "import type keytar from 'keytar';\nexport type K = typeof keytar;\n",
  'shared/shared-imports-electron-store.ts': "export { default } from 'electron-store';\n",
  // core ↛ main, simulator, preview, renderer; no electron
  'electron/core/core-imports-main.ts': "export { value } from '../main/target';\n",
  'electron/core/core-imports-simulator.ts': "export { value } from '../simulator/target';\n",
  'electron/core/core-imports-preview.ts': "export { value } from '../preview/target';\n",
  'electron/core/core-imports-renderer.ts': "export { value } from '../../renderer/src/target';\n",
  'electron/core/core-imports-electron.ts': "import type { App } from 'electron';\nexport type A = App;\n",
  'electron/core/core-imports-electron-store.ts': "export { default } from 'electron-store';\n",
  'electron/core/core-imports-missing.ts': "export { value } from './no-such-module';\n",
  // simulator ↛ main, preview; no electron
  'electron/simulator/simulator-imports-main.ts': "export { value } from '../main/target';\n",
  'electron/simulator/simulator-imports-preview.ts': "export { value } from '../preview/target';\n",
  'electron/simulator/simulator-imports-renderer.ts': "export { value } from '../../renderer/src/target';\n",
  'electron/simulator/simulator-imports-electron.ts': "export { app } from 'electron';\n",
  // nothing imports main or preview but itself; electron/ ↛ renderer
  'electron/preview/preview-imports-main.ts': "export { value } from '../main/target';\n",
  'electron/main/main-imports-preview.ts': "export { value } from '../preview/target';\n",
  'electron/main/main-imports-renderer.ts': "export { value } from '../../renderer/src/target';\n",
};

const nm = (name: string) => new RegExp(`(^|/)node_modules/${name}/`);
/** [rule, from, to]: every violation the fixtures must produce, and nothing else. */
const EXPECTED: Array<[rule: string, from: string | RegExp, to: string | RegExp]> = [
  // a cycle is reported once, from whichever of its modules the cruise met first
  ['no-circular', /^electron\/core\/cycle-[ab]\.ts$/, /^electron\/core\/cycle-[ab]\.ts$/],
  ['renderer-only-shared', 'renderer/src/renderer-imports-core.ts', 'electron/core/target.ts'],
  ['window-side-no-node', 'renderer/src/renderer-imports-node.ts', 'fs'], // node:fs resolves to fs
  ['window-side-no-main-packages', 'renderer/src/renderer-imports-papaparse.ts', nm('papaparse')],
  ['shared-only-shared', 'shared/shared-imports-core.ts', 'electron/core/target.ts'],
  ['shared-only-shared', 'shared/shared-imports-renderer.ts', 'renderer/src/target.ts'],
  ['window-side-no-node', 'shared/shared-imports-node.ts', 'path'],
  ['window-side-no-main-packages', 'shared/shared-imports-electron.ts', nm('electron')],
  ['window-side-no-main-packages', 'shared/shared-imports-keytar.ts', nm('keytar')],
  ['window-side-no-main-packages', 'shared/shared-imports-electron-store.ts', nm('electron-store')],
  ['core-not-glue', 'electron/core/core-imports-main.ts', 'electron/main/target.ts'],
  ['only-main-imports-main', 'electron/core/core-imports-main.ts', 'electron/main/target.ts'],
  ['core-not-glue', 'electron/core/core-imports-simulator.ts', 'electron/simulator/target.ts'],
  ['core-not-glue', 'electron/core/core-imports-preview.ts', 'electron/preview/target.ts'],
  ['only-preview-imports-preview', 'electron/core/core-imports-preview.ts', 'electron/preview/target.ts'],
  ['electron-not-renderer', 'electron/core/core-imports-renderer.ts', 'renderer/src/target.ts'],
  ['core-no-electron', 'electron/core/core-imports-electron.ts', nm('electron')],
  ['core-no-electron', 'electron/core/core-imports-electron-store.ts', nm('electron-store')],
  ['not-to-unresolvable', 'electron/core/core-imports-missing.ts', './no-such-module'],
  ['simulator-not-glue', 'electron/simulator/simulator-imports-main.ts', 'electron/main/target.ts'],
  ['only-main-imports-main', 'electron/simulator/simulator-imports-main.ts', 'electron/main/target.ts'],
  ['simulator-not-glue', 'electron/simulator/simulator-imports-preview.ts', 'electron/preview/target.ts'],
  ['only-preview-imports-preview', 'electron/simulator/simulator-imports-preview.ts', 'electron/preview/target.ts'],
  ['electron-not-renderer', 'electron/simulator/simulator-imports-renderer.ts', 'renderer/src/target.ts'],
  ['simulator-no-electron', 'electron/simulator/simulator-imports-electron.ts', nm('electron')],
  ['only-main-imports-main', 'electron/preview/preview-imports-main.ts', 'electron/main/target.ts'],
  ['only-preview-imports-preview', 'electron/main/main-imports-preview.ts', 'electron/preview/target.ts'],
  ['electron-not-renderer', 'electron/main/main-imports-renderer.ts', 'renderer/src/target.ts'],
];

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

function cruise(cwd: string, args: string[]): Promise<Violation[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [CLI, ...args, '--output-type', 'json'],
      { cwd, timeout: TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        // the exit code is the number of errors; the JSON report is what counts
        try {
          resolve((JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations);
        } catch {
          reject(new Error(`depcruise gave no report (${error?.message ?? 'no error'}): ${stderr.slice(0, 2000)}`));
        }
      },
    );
  });
}

const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

const show = (violations: Violation[]) => violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

// Two independent cruises: side by side.
describe.concurrent('import boundaries (dependency-cruiser)', () => {
  it(
    'the real tree breaks no rule',
    async () => {
      expect(show(await cruise(root, laneArgs()))).toEqual([]);
    },
    TIMEOUT_MS + 10_000,
  );

  it(
    'each rule reports its fixture, and only its fixture',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feather-depcruise-'));
      tempDirs.push(dir);
      for (const [file, text] of Object.entries(FIXTURES)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
      }
      for (const file of ['tsconfig.json', 'package.json']) fs.copyFileSync(path.join(root, file), path.join(dir, file));
      fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');

      // the lane's command, plus test/: it proves tests may import anything
      const violations = await cruise(dir, [...laneArgs(), 'test']);
      expect(violations.every((v) => v.rule.severity === 'error')).toBe(true);
      const unexpected = violations.filter((v) => !EXPECTED.some((e) => matches(e, v)));
      expect(show(unexpected)).toEqual([]);
      const missing = EXPECTED.filter((e) => !violations.some((v) => matches(e, v)));
      expect(missing.map(([rule, from, to]) => `${rule}: ${String(from)} → ${String(to)}`)).toEqual([]);

      // every rule of the config has a fixture
      const config = (await import(path.join(root, '.dependency-cruiser.cjs'))) as { default: { forbidden: Array<{ name: string }> } };
      expect(new Set(EXPECTED.map(([rule]) => rule))).toEqual(new Set(config.default.forbidden.map((r) => r.name)));
    },
    TIMEOUT_MS + 10_000,
  );
});

function matches([rule, from, to]: (typeof EXPECTED)[number], v: Violation): boolean {
  const is = (pattern: string | RegExp, value: string) => (typeof pattern === 'string' ? value === pattern : pattern.test(value));
  return v.rule.name === rule && is(from, v.from) && is(to, v.to);
}

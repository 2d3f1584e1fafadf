import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, it } from 'vitest';

/**
 * The handler types must refuse a table with a handler missing, mistyped or extra
 * (electron/core/handler-types.ts). Proven by compiling test/typecheck/missing-handler.fixture.ts:
 * it passes only if each `@ts-expect-error` line is an error, and a copy without the directives
 * must fail on exactly those lines, `call.place` by name — so neither check can pass by accident
 * (a directive on a line that is no error fails the first; a fixture that compiles fails the second).
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixtureDir = path.join(root, 'test/typecheck');
const fixture = path.join(fixtureDir, 'missing-handler.fixture.ts');
// The project's own compiler (what `npx tsc` runs), without npx or a shell in between.
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const TIMEOUT_MS = 60_000;

function runTsc(project: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [tsc, '-p', project, '--noEmit', '--pretty', 'false'],
      { cwd: root, timeout: TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error); // could not run, or timed out
        resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` });
      },
    );
  });
}

const DIRECTIVE = /^\s*\/\/ @ts-expect-error\b/;
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

// Two independent compiler runs: side by side.
describe.concurrent('handler types derived from the contract', () => {
  it(
    'the negative fixture typechecks: every @ts-expect-error line really is an error',
    async ({ expect }) => {
      const { code, output } = await runTsc(path.join(fixtureDir, 'tsconfig.json'));
      expect(output).toBe('');
      expect(code).toBe(0);
    },
    TIMEOUT_MS + 10_000,
  );

  it(
    'without the @ts-expect-error lines the fixture fails on each of them, call.place by name',
    async ({ expect }) => {
      const lines = fs.readFileSync(fixture, 'utf8').split('\n');
      // 1-based numbers of the lines each directive covers; directives become blank lines so numbers hold.
      const expected = lines.flatMap((line, i) => (DIRECTIVE.test(line) ? [i + 2] : []));
      expect(expected.length).toBeGreaterThanOrEqual(5);
      const copy = lines.map((line) => (DIRECTIVE.test(line) ? '' : line.replace(/from '\.\.\/\.\.\//, `from '${root}/`)));

      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feather-handler-types-'));
      tempDirs.push(dir);
      fs.writeFileSync(path.join(dir, 'missing-handler.fixture.ts'), copy.join('\n'));
      fs.writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({
          extends: path.join(fixtureDir, 'tsconfig.json'),
          compilerOptions: { typeRoots: [path.join(root, 'node_modules/@types')] },
          include: [],
          files: ['missing-handler.fixture.ts'],
        }),
      );

      const { code, output } = await runTsc(path.join(dir, 'tsconfig.json'));
      expect(code).not.toBe(0);
      expect(output).toMatch(/Property 'place' is missing in type/);
      const errorLines = [...output.matchAll(/missing-handler\.fixture\.ts\((\d+),\d+\): error TS\d+/g)].map((m) => Number(m[1]));
      expect([...new Set(errorLines)].sort((a, b) => a - b)).toEqual(expected);
    },
    TIMEOUT_MS + 10_000,
  );
});

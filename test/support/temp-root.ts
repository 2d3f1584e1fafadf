import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Vitest's global setup: every temp folder the tests make (os.tmpdir(), in every worker and every
 * process they start) goes inside one folder of this run's, removed when the run ends. Tests that
 * were killed or failed before their own clean-up left thousands of folders in /tmp over days of runs.
 * KEEP_TEST_TMP=1 keeps it (its path is printed), to look at what a failed test left behind.
 */
/** what os.tmpdir() reads: TMPDIR on Linux and macOS, TEMP then TMP on Windows */
const TEMP_VARIABLES = ['TMPDIR', 'TEMP', 'TMP'] as const;

export default function setup() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'feather-tests-'));
  const before = TEMP_VARIABLES.map((name) => [name, process.env[name]] as const);
  for (const name of TEMP_VARIABLES) process.env[name] = root;
  return () => {
    for (const [name, value] of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (process.env.KEEP_TEST_TMP) console.log(`test temp folders kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
}

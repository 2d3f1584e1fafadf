import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Vitest's global setup: every temp folder the tests make (os.tmpdir(), in every worker and every
 * process they start) goes inside one folder of this run's, removed when the run ends. Tests that
 * were killed or failed before their own clean-up left thousands of folders in /tmp over days of runs.
 * KEEP_TEST_TMP=1 keeps it (its path is printed), to look at what a failed test left behind.
 */
export default function setup() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'feather-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    if (process.env.KEEP_TEST_TMP) console.log(`test temp folders kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A file to import, as the desktop app gives one to main: saved on disk, named by its absolute path
 * (`contacts:importPreview` with `path`; main reads it). All of them go when the test process ends.
 */
let dir: string | null = null;
let n = 0;
export function savedFile(content: Uint8Array | string, name = 'import.csv'): string {
  if (!dir) {
    const made = mkdtempSync(path.join(os.tmpdir(), 'feather-import-files-'));
    dir = made;
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  const file = path.join(dir, `${++n}-${name}`);
  writeFileSync(file, content);
  return file;
}

import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { nativeModulePath } from '../optional-native';

/**
 * A big WAL's checkpoint on a thread of its own. Copying an import's pages from the WAL into the
 * database file held main for 200–300 ms at 100k contacts (no IPC answered meanwhile). The thread
 * opens a connection of its own to the same file and runs a PASSIVE checkpoint there: SQLite lets any
 * connection checkpoint, and a passive one never waits for main's reads and writes, nor they for it
 * (it copies what no reader still needs; the next start or checkpoint does the rest).
 *
 * Resolves with what SQLite reported; rejects when the thread could not run it (the addon did not
 * load in a thread, the file could not be opened): the caller then checkpoints on main as before.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db;
try {
  const Database = require(workerData.module);
  const options = { fileMustExist: true, timeout: 0 };
  if (workerData.binding) options.nativeBinding = workerData.binding;
  db = new Database(workerData.file, options);
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ ok: true, result });
} catch (error) {
  parentPort.postMessage({ ok: false, message: error && error.message ? error.message : String(error) });
} finally {
  if (db) db.close();
}
`;

export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * better-sqlite3 as a thread can load it. In the packaged app main resolves it inside app.asar, which a
 * worker thread may not read; electron-builder unpacks the module's folder (its .node file and its few JS
 * files) to app.asar.unpacked, so the thread loads that copy, and its addon by path (not through
 * `bindings`, which the unpacked folder does not have).
 */
function addon(): { module: string; binding: string | null } {
  const resolved = nativeModulePath('better-sqlite3');
  const unpacked = resolved.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
  const module = unpacked !== resolved && fs.existsSync(unpacked) ? unpacked : resolved;
  const binding = path.join(path.dirname(module), '..', 'build', 'Release', 'better_sqlite3.node');
  return { module, binding: fs.existsSync(binding) ? binding : null };
}

export function checkpointOnThread(file: string): Promise<CheckpointResult> {
  return new Promise((resolve, reject) => {
    let answer: { ok: true; result: CheckpointResult } | { ok: false; message: string } | null = null;
    const worker = new Worker(SOURCE, { eval: true, workerData: { file, ...addon() }, name: 'contacts-checkpoint' });
    worker.once('message', (message: typeof answer) => (answer = message));
    worker.once('error', reject);
    worker.once('exit', () => {
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(answer ? answer.message : 'the checkpoint thread ended without an answer'));
    });
  });
}

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
  db = new Database(workerData.file, { fileMustExist: true });
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

export function checkpointOnThread(file: string, module = nativeModulePath('better-sqlite3')): Promise<CheckpointResult> {
  return new Promise((resolve, reject) => {
    let answer: { ok: true; result: CheckpointResult } | { ok: false; message: string } | null = null;
    const worker = new Worker(SOURCE, { eval: true, workerData: { file, module }, name: 'contacts-checkpoint' });
    worker.once('message', (message: typeof answer) => (answer = message));
    worker.once('error', reject);
    worker.once('exit', () => {
      if (answer?.ok) resolve(answer.result);
      else reject(new Error(answer ? answer.message : 'the checkpoint thread ended without an answer'));
    });
  });
}

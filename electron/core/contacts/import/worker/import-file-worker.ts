import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './worker-protocol';
import { importWorkerSource } from './worker-source';

/**
 * Main's handle on one import worker: the thread that holds one chosen file and reads and plans it
 * (import-worker.ts). Messages sent before the thread is up wait in order. It keeps the process
 * alive only while someone listens for an answer (a plan, a batch of rows).
 *
 * When the file is no longer needed (the import is done or cancelled, another file is chosen) the
 * thread forgets it; one such thread is kept for a minute for the next file, its code loaded and
 * compiled (starting one costs 0.1–0.3 s, and a cold one runs its first rows slowly). Any other ends.
 */

/**
 * The thread's heap: a young generation smaller than Node's default (48 MB). At 100k rows one of
 * 64 MB planned no faster than one of 16 MB (the same CPU time, within the noise) and the thread
 * kept ~50 MB more resident; the planned rows themselves live outside the heap (planned-rows.ts).
 */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 16 };
/** how long a thread is kept for the next file */
const SPARE_MS = 60_000;

let spare: { worker: Worker; timer: ReturnType<typeof setTimeout>; gone(): void } | null = null;

function takeSpare(): Worker | null {
  const kept = spare;
  spare = null;
  if (!kept) return null;
  clearTimeout(kept.timer);
  // only our own listeners: removing all of a Worker's would stop its messages reaching us
  kept.worker.off('exit', kept.gone);
  kept.worker.off('error', kept.gone);
  return kept.worker;
}

/** Keeps a thread that forgot its file for the next one; a second one (or one that stopped) just ends. */
function keepOrEnd(worker: Worker) {
  if (spare) return void worker.terminate().catch(() => undefined);
  worker.postMessage({ t: 'reset' } satisfies ToWorker);
  worker.unref();
  const timer = setTimeout(() => {
    if (spare?.worker === worker) spare = null;
    worker.terminate().catch(() => undefined);
  }, SPARE_MS);
  timer.unref();
  const gone = () => {
    if (spare?.worker === worker) {
      clearTimeout(spare.timer);
      spare = null;
    }
  };
  spare = { worker, timer, gone };
  worker.once('exit', gone);
  worker.once('error', gone);
}

/** Ends the thread kept for the next import, if any (the app quits; tests). */
export function endSpareImportWorker() {
  const kept = takeSpare();
  kept?.terminate().catch(() => undefined);
}

export class ImportFileWorker {
  private worker: Worker | null = null;
  private readonly queue: Array<[ToWorker, ArrayBuffer[]]> = [];
  private readonly listeners = new Map<string, (message: FromWorker) => void>();
  private stopped: Error | null = null;
  private readonly onMessage = (message: FromWorker) => this.listeners.get(message.planId)?.(message);
  private readonly onError = (error: Error) => this.fail(`The import stopped unexpectedly (${error.message}). Choose the file again.`);
  private readonly onExit = (code: number) => this.fail(`The import stopped unexpectedly (exit code ${code}). Choose the file again.`);

  constructor() {
    const kept = takeSpare();
    if (kept) this.adopt(kept);
    else
      importWorkerSource().then(
        (source) => !this.stopped && this.adopt(new Worker(source, { eval: true, resourceLimits: RESOURCE_LIMITS, name: 'import' })),
        (error: unknown) => this.fail(`The import could not start (${error instanceof Error ? error.message : String(error)}).`),
      );
  }

  private adopt(worker: Worker) {
    this.worker = worker;
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    worker.on('exit', this.onExit);
    for (const [message, transfer] of this.queue.splice(0)) worker.postMessage(message, transfer);
    this.holdOpen();
  }

  /** sends `message`; the buffers in `transfer` are moved to the thread, not copied */
  send(message: ToWorker, transfer: ArrayBuffer[] = []) {
    if (this.stopped) return;
    if (this.worker) this.worker.postMessage(message, transfer);
    else this.queue.push([message, transfer]);
  }

  /** Hears the messages about one plan; a thread that stops answers with `failed`. Returns the unsubscribe. */
  listen(planId: string, listener: (message: FromWorker) => void): () => void {
    if (this.stopped) {
      const message = this.stopped.message;
      queueMicrotask(() => listener({ t: 'failed', planId, message }));
      return () => undefined;
    }
    this.listeners.set(planId, listener);
    this.holdOpen();
    return () => {
      if (this.listeners.get(planId) === listener) this.listeners.delete(planId);
      this.holdOpen();
    };
  }

  /**
   * The file is no longer needed: the thread forgets it and is kept for the next file, or ended —
   * always when `keepWarm` is false (after a commit: its heap grew with the whole plan, and ending the
   * thread gives that memory back at once).
   */
  terminate(keepWarm = true) {
    if (this.stopped) return;
    this.stopped = new Error('That import is no longer open. Choose the file again.');
    this.queue.length = 0;
    this.listeners.clear();
    const worker = this.worker;
    this.worker = null;
    if (!worker) return;
    worker.off('message', this.onMessage);
    worker.off('error', this.onError);
    worker.off('exit', this.onExit);
    if (keepWarm) keepOrEnd(worker);
    else worker.terminate().catch(() => undefined);
  }

  get alive() {
    return !this.stopped;
  }

  private holdOpen() {
    if (this.listeners.size > 0) this.worker?.ref();
    else this.worker?.unref();
  }

  private fail(message: string) {
    if (this.stopped) return;
    this.stopped = new Error(message);
    const worker = this.worker;
    this.worker = null;
    worker?.terminate().catch(() => undefined);
    for (const [planId, listener] of [...this.listeners]) listener({ t: 'failed', planId, message });
    this.listeners.clear();
  }
}

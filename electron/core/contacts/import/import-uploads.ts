import { randomUUID } from 'node:crypto';
import { tooLargeMessage } from '../../../../shared/contacts/import/import-limits';
import { ImportFileWorker } from './worker/import-file-worker';

/**
 * Files the browser preview received for an import (a page has no file paths: the preview streams
 * the chosen file's bytes in one binary POST, electron/preview/upload-file.ts). Each upload goes
 * straight into a new import worker as it arrives, so main never holds the file; the import that
 * names the upload's id (`contacts:importPreview` with `upload`) takes that worker over.
 * An upload nobody takes is dropped after a while, and only a few wait at once.
 */

/** What receives one upload's bytes, in order. */
export interface UploadSink {
  id: string;
  /** the next bytes of the file (copied: the caller keeps its buffer) */
  write(bytes: Uint8Array): void;
  /** the whole file has arrived */
  end(): void;
  /** the upload broke off: nothing is kept */
  abort(): void;
}

const UNCLAIMED_MS = 2 * 60_000;
const BATCH_BYTES = 1024 * 1024;
const MAX_WAITING = 3;

export function createImportUploads(maxBytes: () => number) {
  const waiting = new Map<string, { file: ImportFileWorker; timer: ReturnType<typeof setTimeout> }>();
  const drop = (id: string) => {
    const upload = waiting.get(id);
    if (!upload) return;
    clearTimeout(upload.timer);
    upload.file.terminate();
    waiting.delete(id);
  };

  return {
    /** Opens an upload; the bytes are counted and refused past the size limit (the worker is then told why). */
    receive(): UploadSink {
      const id = randomUUID();
      const file = new ImportFileWorker();
      let size = 0;
      let over = false;
      // copied into batches of a megabyte, each moved to the worker whole: few messages, and no buffer of
      // the caller's (Node's pooled chunks) is ever taken away from it
      let batch = new Uint8Array(BATCH_BYTES);
      let filled = 0;
      const flush = () => {
        if (filled === 0) return;
        const full = filled === batch.length ? batch : batch.slice(0, filled);
        file.send({ t: 'chunk', bytes: full }, [full.buffer as ArrayBuffer]);
        batch = new Uint8Array(BATCH_BYTES);
        filled = 0;
      };
      while (waiting.size >= MAX_WAITING) drop(waiting.keys().next().value as string);
      const timer = setTimeout(() => drop(id), UNCLAIMED_MS);
      timer.unref();
      waiting.set(id, { file, timer });
      return {
        id,
        write(bytes) {
          size += bytes.length;
          if (over) return;
          if (size > maxBytes()) {
            over = true;
            return file.send({ t: 'abort', message: tooLargeMessage(size, maxBytes()) });
          }
          for (let at = 0; at < bytes.length;) {
            const n = Math.min(bytes.length - at, batch.length - filled);
            batch.set(bytes.subarray(at, at + n), filled);
            filled += n;
            at += n;
            if (filled === batch.length) flush();
          }
        },
        end() {
          if (over) return;
          flush();
          file.send({ t: 'end' });
        },
        abort() {
          drop(id);
        },
      };
    },
    /** The worker holding upload `id`, taken over by an import (null when there is no such upload). */
    take(id: string): ImportFileWorker | null {
      const upload = waiting.get(id);
      if (!upload) return null;
      clearTimeout(upload.timer);
      waiting.delete(id);
      return upload.file;
    },
    /** ends every waiting upload (the service closes) */
    close() {
      for (const id of [...waiting.keys()]) drop(id);
    },
  };
}

import type { Result } from '../../result';
import type { ImportOptions } from './import-contract';

/**
 * How a chosen file reaches main for an import: never its bytes inside a request (issue 18). The
 * window has one path — `launcher.importFile(file, options)` — over two transports, each of which
 * only says where main finds the file:
 * - Electron: the preload asks Electron for the file's path (`webUtils.getPathForFile`) and main
 *   reads the file itself (electron/main/preload.ts);
 * - the browser preview (and the e2e harness): there are no paths in a page, so the file's bytes are
 *   streamed to the server in one binary POST that is handed to the import's worker as it arrives,
 *   and main gets the upload's id (electron/preview/upload-file.ts).
 * The bridge then asks `contacts:importPreview` with that reference, checked by its schema as any request.
 */
export type FileRef = { path: string } | { upload: string };

/** A transport's part of `importFile`: where main can read the file, or why it cannot. */
export type SendFile = (file: File) => Promise<Result<FileRef>>;

export interface ImportFileApi {
  /** Previews the import of a file the user chose (main reads it); the answer names the job to follow. */
  importFile(file: File, options: ImportOptions): Promise<Result<{ jobId: string }>>;
}

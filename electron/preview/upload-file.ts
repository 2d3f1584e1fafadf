import type { FileRef, SendFile } from '../../shared/contacts/import/import-file';
import type { Result } from '../../shared/result';

/**
 * The browser's way to give main a chosen file (the browser preview, and the e2e harness): a page has
 * no file paths, so the file's bytes go in one streamed binary POST to `./upload` — the browser reads
 * the file from disk as it sends it; the page's JavaScript never holds it, and nothing is base64. The
 * server hands the bytes to an import worker as they arrive and answers the upload's id, which the
 * bridge then names in `contacts:importPreview` (shared/contacts/import/import-file.ts).
 */
export function sendFileByUpload(headers: () => Record<string, string>): SendFile {
  return async (file) => {
    let response: Response;
    try {
      response = await fetch('./upload', {
        method: 'POST',
        headers: { ...headers(), 'content-type': 'application/octet-stream' },
        body: file,
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'The file could not be sent to the app. Is it still running?' } };
    }
    const body: unknown = await response.json().catch(() => undefined);
    if (body && typeof body === 'object' && 'ok' in body) return body as Result<FileRef>;
    return { ok: false, error: { code: 'internal', message: `The file could not be sent to the app (it answered ${response.status}).` } };
  };
}

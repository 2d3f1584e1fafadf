/**
 * The most one import takes. A 100k-row Google or Outlook export (7–10 MB) and a 47 MB vCard
 * file of 1,000 cards with photos fit well inside; a file past either limit is refused early with
 * a message that says so, before it can fill the main process's memory (issue 17: 10 million rows
 * grew main past 6 GB). Main enforces them (import-jobs.ts); the window checks the size at the
 * file picker too, so a 2 GB file is never read into it. Plain values: the window bundles this.
 */

/** contacts per file: CSV data rows (the header not counted) or vCard cards (`BEGIN:VCARD`) */
export const MAX_IMPORT_ROWS = 200_000;
/** bytes per file, as chosen (before decoding): 100 MB */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export interface ImportLimits {
  rows: number;
  bytes: number;
}
export const IMPORT_LIMITS: ImportLimits = { rows: MAX_IMPORT_ROWS, bytes: MAX_IMPORT_BYTES };

const count = (n: number) => n.toLocaleString('en-US');
/** megabytes as the file pickers show them (1 MB = 1,048,576 bytes), rounded down so a file over the limit never reads as at it */
const megabytes = (bytes: number) => {
  const mb = bytes / (1024 * 1024);
  if (mb < 1) return `${count(bytes)} bytes`;
  return `${mb >= 10 ? Math.floor(mb) : Math.floor(mb * 10) / 10} MB`;
};

/** What the window shows for a file past the row (or card) limit: the limit, what the file has, what to do. */
export function tooManyRowsMessage(limit: number, unit: 'rows' | 'cards'): string {
  return (
    `This file has more than ${count(limit)} ${unit === 'cards' ? 'contact cards (BEGIN:VCARD)' : 'rows'}; ` +
    `one import takes at most ${count(limit)} contacts. Split the file into files of up to ${count(limit)} ` +
    `${unit === 'cards' ? 'cards' : 'rows'} each and import them one after another.`
  );
}

/** …and for a file past the size limit (`size` in bytes). */
export function tooLargeMessage(size: number, limit: number): string {
  const shown = megabytes(size) === megabytes(limit) ? `${count(size)} bytes` : megabytes(size);
  return (
    `This file is ${shown}; one import takes files of up to ${megabytes(limit)}` +
    `${megabytes(size) === megabytes(limit) ? ` (${count(limit)} bytes)` : ''}. ` +
    `Split the file into smaller files and import them one after another.`
  );
}

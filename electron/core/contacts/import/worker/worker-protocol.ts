import type { Contact } from '../../../../../shared/contacts/contact';
import type { ImportStatus } from '../../../../../shared/contacts/contacts-contract';
import type { ImportOptions } from '../../../../../shared/contacts/import/import-contract';
import type { ImportLimits } from '../../../../../shared/contacts/import/import-limits';
import type { PlanSummary } from '../import-summary';
import type { ReadFields } from '../read-file';
import type { PlannedRowsData } from './planned-rows';

/**
 * The messages between main and an import worker (one worker per chosen file). Main sends the file
 * (or where it is), then one plan at a time, the contacts there are and the ids to give new rows;
 * the worker answers with progress, the preview, and — when main commits — every planned row at
 * once (planned-rows.ts: its buffers moved, not copied). Structured clone carries the rest: plain
 * data only.
 *
 * The worker's messages are trusted as they are (no schema): they come from our own code in our
 * own process, even though what they describe was read from an untrusted file. Everything from
 * the file that reaches the window is checked there by the contract's response schemas.
 */

/** What a plan needs from main besides the file. */
export interface PlanRequest {
  planId: string;
  fileName: string;
  options: ImportOptions;
  /** the country national-format numbers are read in */
  country: string;
  /** the app's default country (numbers read as any other are stored with their code) */
  appCountry: string;
  /** ISO time stamped on the planned contacts */
  now: string;
  limits: ImportLimits;
}

export type ToWorker =
  | { t: 'text'; text: string }
  /** read the file there, refusing it past `maxBytes` */
  | { t: 'path'; path: string; maxBytes: number }
  /** an upload's bytes as they arrive, then `end` (or `abort`) */
  | { t: 'chunk'; bytes: Uint8Array }
  | { t: 'end' }
  | { t: 'abort'; message: string }
  | { t: 'plan'; plan: PlanRequest }
  /** the contacts there are (for merges and possible duplicates), a batch at a time, then `existing-end` */
  | { t: 'existing'; planId: string; contacts: Contact[] }
  | { t: 'existing-end'; planId: string }
  /**
   * ids for new contacts and numbers, asked for with `need-ids`: one per line (the service's ids never hold a
   * line break), one string rather than an array: copying it costs main a memcpy, not a clone per id
   */
  | { t: 'ids'; planId: string; ids: string }
  | { t: 'cancel'; planId: string }
  /** the commit: every planned row, and their documents (the plan is over in the worker) */
  | { t: 'rows'; planId: string }
  /** forget the file and everything about it: the worker is kept, warm, for the next one */
  | { t: 'reset' };

export type FromWorker =
  /** how far the plan is; `fields` once the file is read */
  | { t: 'progress'; planId: string; processed: number; total: number; fields?: ReadFields }
  | { t: 'need-ids'; planId: string; count: number }
  | { t: 'ready'; planId: string; total: number; fields: ReadFields; summary: PlanSummary }
  | { t: 'failed'; planId: string; message: string; fields?: Partial<ImportStatus> }
  /** every planned row, its buffers moved (null: no such plan) */
  | { t: 'rows'; planId: string; planned: PlannedRowsData | null };

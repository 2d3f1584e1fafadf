import { z } from 'zod';
import { isSupportedCountry } from '../../countries';
import { ColumnMappingSchema } from './column-mapping';

/**
 * The encoding a user picked, as it crosses the bridge: a WHATWG label. Main checks that it can decode
 * it when it reads the file (and says which encodings it can read when it cannot).
 */
export const EncodingChoiceSchema = z.string().trim().min(1).max(40);

/** What crosses the bridge for an import: the request options, the preview's status, the commit's choices. */

export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'A country is two capital letters (ISO 3166), like GB.')
  .refine((code: string): boolean => isSupportedCountry(code), { message: 'This country has no phone numbering plan the app knows.' });

/** How to read the file: everything a re-plan may change. */
export const ImportOptionsSchema = z.object({
  /** how numbers written without a country code are read; the app's default country when absent */
  country: CountryCodeSchema.optional(),
  mapping: ColumnMappingSchema.optional(),
  /** an encoding the user chose; detected when absent (bytes only) */
  encoding: EncodingChoiceSchema.optional(),
  /** "Import these as India (+91)": the numbers that look like these countries' are read as theirs */
  reinterpret: z.array(CountryCodeSchema).max(20).optional(),
  /** numbers valid both at home and in one of these countries stay the import country's */
  keepHome: z.array(CountryCodeSchema).max(20).optional(),
});
export type ImportOptions = z.infer<typeof ImportOptionsSchema>;

/**
 * Where a chosen file is, for main to read (never its bytes inside the request): an absolute path
 * (the desktop app: the preload asks Electron for the path of the file the user chose; main checks
 * it names a regular file within the size limit before reading it) or the id of an upload the
 * browser preview received (it has no paths; see electron/preview/upload-file.ts). POSIX (`/…`),
 * Windows drive (`C:\…`) and UNC (`\\server\share\…`) paths; no NUL.
 */
export const ImportPathSchema = z
  .string()
  .min(2)
  .max(4096)
  .regex(/^(?:\/|[A-Za-z]:[\\/]|\\\\[^\\])[^\0]*$/, 'The file’s path must be absolute.');
export const ImportUploadIdSchema = z.string().regex(/^[0-9a-f-]{36}$/, 'Not an upload id.');

/**
 * A new import: where the file is (a path or an upload; main reads its bytes, so the encoding can
 * be detected and changed), or the file as text (tests, small files).
 */
export const ImportPreviewRequestSchema = ImportOptionsSchema.extend({
  fileName: z.string().max(300),
  text: z.string().max(80_000_000).optional(),
  path: ImportPathSchema.optional(),
  upload: ImportUploadIdSchema.optional(),
}).refine((r) => [r.text, r.path, r.upload].filter((v) => v !== undefined).length === 1, {
  message: 'Send the file as one of: a path, an upload, or text.',
  path: ['path'],
});
export type ImportPreviewRequest = z.infer<typeof ImportPreviewRequestSchema>;

/** The same file read again with other options (country, encoding, mapping, a country fix); a new job replaces the old. */
export const ImportReplanRequestSchema = ImportOptionsSchema.extend({ jobId: z.string().max(100) });

const row = z.number().int().min(0);
/** What to do with possible duplicates: `all` is the bulk choice, `rows` the per-row ones that differ. */
export const DuplicateChoicesSchema = z.object({
  all: z.enum(['keep', 'merge']),
  rows: z.array(z.object({ row, choice: z.enum(['keep', 'merge']) })).max(200_000),
});
export type DuplicateChoices = z.infer<typeof DuplicateChoicesSchema>;
export const ImportCommitRequestSchema = z.object({ jobId: z.string().max(100), duplicates: DuplicateChoicesSchema.optional() });

export const ImportPhaseSchema = z.enum(['planning', 'ready', 'importing', 'done', 'failed', 'cancelled']);
export const PreviewRowSchema = z.object({
  row: z.number(),
  kind: z.enum(['new', 'merge', 'skip']),
  name: z.string(),
  numbers: z.array(z.string()),
  reason: z.string().optional(),
  warnings: z.array(z.string()),
  mergeInto: z.string().optional(),
  /** "possible duplicate of Jane Doe (same name and company)" */
  possibleDuplicate: z.object({ name: z.string(), reason: z.string() }).optional(),
});
export type PreviewRow = z.infer<typeof PreviewRowSchema>;

export const PossibleDuplicateSchema = z.object({
  row: z.number(),
  name: z.string(),
  duplicateOf: z.object({ id: z.string(), name: z.string() }),
  /** 'same number': a number shared under another name (a family landline, a switchboard), never merged unless chosen */
  reason: z.enum(['same name and company', 'same name', 'same email', 'same number']),
});

export const CountryGroupSchema = z.object({
  country: z.string(),
  /** "+91" */
  callingCode: z.string(),
  /** numbers in the group: not valid at home but there, plus (when many) valid in both */
  count: z.number(),
  invalidHere: z.number(),
  ambiguous: z.number(),
  /** the user's choice in effect: none yet, read as that country, or keep the ambiguous ones at home */
  applied: z.enum(['none', 'as', 'home']),
  message: z.string(),
  /** up to 200 of the numbers (after the fix: the ones read as that country) */
  numbers: z.array(z.object({ row: z.number(), name: z.string(), raw: z.string(), e164: z.string() })),
});

export const ImportEncodingSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** the encoding was detected, not chosen */
  detected: z.boolean(),
  /** what the bytes suggest, whatever was chosen */
  detectedId: z.string(),
  bom: z.boolean(),
  warning: z.string().nullable(),
  /** what the dialog offers to choose from */
  choices: z.array(z.object({ id: z.string(), label: z.string() })),
});

export const ImportStatusSchema = z.object({
  jobId: z.string(),
  fileName: z.string(),
  format: z.enum(['google', 'outlook', 'feather', 'generic', 'vcard']),
  phase: ImportPhaseSchema,
  processed: z.number(),
  total: z.number(),
  /** the country national-format numbers are read in */
  country: z.string(),
  /** null when the file came as text */
  encoding: ImportEncodingSchema.nullable(),
  /** countries in effect for the one-click fixes (echoed so the dialog can undo them) */
  reinterpret: z.array(z.string()),
  keepHome: z.array(z.string()),
  /** CSV only: headers, a few sample rows and the column mapping in use */
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  mapping: ColumnMappingSchema,
  mappingNeeded: z.boolean(),
  /** `new` includes the possible duplicates (kept apart unless the user merges them) */
  counts: z.object({ new: z.number(), merge: z.number(), skip: z.number(), warnings: z.number(), possibleDuplicates: z.number() }),
  /** the first rows of each kind; every skipped or flagged row is listed up to a limit */
  rows: z.array(PreviewRowSchema),
  /** numbers that look like another country's, with the fix on offer */
  countrySummary: z.array(CountryGroupSchema),
  /** up to 500 rows that may be someone already known */
  possibleDuplicates: z.array(PossibleDuplicateSchema),
  error: z.string().nullable(),
  result: z.object({ added: z.number(), merged: z.number(), skipped: z.number() }).nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

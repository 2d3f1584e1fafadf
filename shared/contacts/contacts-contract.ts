import { z } from 'zod';
import { ContactDraftSchema, ContactSchema } from './contact';
import { ColumnMappingSchema } from './import/csv-import';

/** A list row: just what the virtual list shows. */
export const ContactRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  company: z.string(),
  primaryPhone: z.object({ label: z.string(), raw: z.string(), e164: z.string().nullable() }).nullable(),
  phoneCount: z.number(),
  favorite: z.boolean(),
  doNotCall: z.boolean(),
  flagged: z.boolean(),
  tags: z.array(z.string()),
  lastCalledAt: z.string().nullable(),
});
export type ContactRow = z.infer<typeof ContactRowSchema>;

export const ContactQuerySchema = z.object({
  query: z.string().max(200),
  sort: z.enum(['name', 'recent', 'frequent']),
  favoritesOnly: z.boolean(),
  tags: z.array(z.string().max(60)).max(20),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(500),
});
export type ContactQuery = z.infer<typeof ContactQuerySchema>;

export const ImportPhaseSchema = z.enum(['planning', 'ready', 'importing', 'done', 'failed', 'cancelled']);
export const PreviewRowSchema = z.object({
  row: z.number(),
  kind: z.enum(['new', 'merge', 'skip']),
  name: z.string(),
  numbers: z.array(z.string()),
  reason: z.string().optional(),
  warnings: z.array(z.string()),
  mergeInto: z.string().optional(),
});
export type PreviewRow = z.infer<typeof PreviewRowSchema>;

export const ImportStatusSchema = z.object({
  jobId: z.string(),
  fileName: z.string(),
  format: z.enum(['google', 'outlook', 'feather', 'generic', 'vcard']),
  phase: ImportPhaseSchema,
  processed: z.number(),
  total: z.number(),
  /** CSV only: headers, a few sample rows and the column mapping in use */
  headers: z.array(z.string()),
  sample: z.array(z.array(z.string())),
  mapping: ColumnMappingSchema,
  mappingNeeded: z.boolean(),
  counts: z.object({ new: z.number(), merge: z.number(), skip: z.number(), warnings: z.number() }),
  /** the first rows of each kind; every skipped or flagged row is listed up to a limit */
  rows: z.array(PreviewRowSchema),
  error: z.string().nullable(),
  result: z.object({ added: z.number(), merged: z.number(), skipped: z.number() }).nullable(),
});
export type ImportStatus = z.infer<typeof ImportStatusSchema>;

export const DuplicateGroupSchema = z.object({ reason: z.string(), contacts: z.array(ContactRowSchema) });
export const NumberMatchSchema = z.object({ contactId: z.string(), name: z.string(), label: z.string(), doNotCall: z.string().nullable() }).nullable();

const id = z.string().min(1).max(100);
export const contactsContract = {
  query: { request: ContactQuerySchema, response: z.object({ total: z.number(), rows: z.array(ContactRowSchema), all: z.number() }) },
  get: { request: z.object({ id }), response: ContactSchema },
  create: { request: z.object({ draft: ContactDraftSchema }), response: ContactSchema },
  update: { request: z.object({ id, draft: ContactDraftSchema }), response: ContactSchema },
  setFavorite: { request: z.object({ id, favorite: z.boolean() }), response: ContactSchema },
  remove: { request: z.object({ ids: z.array(id).min(1).max(100_000) }), response: z.object({ undoToken: z.string(), count: z.number() }) },
  undoRemove: { request: z.object({ undoToken: z.string() }), response: z.object({ count: z.number() }) },
  tags: { request: z.object({}).strict(), response: z.array(z.object({ tag: z.string(), count: z.number() })) },
  lookupNumber: { request: z.object({ e164: z.string().max(20) }), response: NumberMatchSchema },
  duplicates: { request: z.object({}).strict(), response: z.array(DuplicateGroupSchema) },
  merge: { request: z.object({ keepId: id, mergeIds: z.array(id).min(1).max(50) }), response: ContactSchema },
  importPreview: {
    request: z.object({ fileName: z.string().max(300), text: z.string().max(80_000_000), mapping: ColumnMappingSchema.optional() }),
    response: z.object({ jobId: z.string() }),
  },
  importStatus: { request: z.object({ jobId: z.string() }), response: ImportStatusSchema },
  importCommit: { request: z.object({ jobId: z.string() }), response: ImportStatusSchema },
  importCancel: { request: z.object({ jobId: z.string() }), response: ImportStatusSchema },
  export: { request: z.object({ format: z.enum(['csv', 'vcard']) }), response: z.object({ fileName: z.string(), text: z.string(), count: z.number() }) },
} as const;

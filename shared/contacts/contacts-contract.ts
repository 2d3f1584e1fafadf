import { z } from 'zod';
import { OutcomeSchema } from '../history/history-entry';
import { ContactDraftSchema, ContactSchema } from './contact';
import {
  ImportCommitRequestSchema,
  ImportPreviewRequestSchema,
  ImportReplanRequestSchema,
  ImportStatusSchema,
} from './import/import-contract';

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
  /** the contact's last call in the history: when, and how it ended */
  lastCall: z.object({ at: z.string(), outcome: OutcomeSchema }).nullable().optional(),
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

// The import's schemas live with the import (shared/contacts/import/import-contract.ts).
export type { ImportStatus, PreviewRow } from './import/import-contract';

export const DuplicateGroupSchema = z.object({ reason: z.string(), contacts: z.array(ContactRowSchema) });
export const NumberMatchSchema = z
  .object({
    contactId: z.string(),
    name: z.string(),
    label: z.string(),
    doNotCall: z.string().nullable(),
    /** a fax, pager, telex, TTY or modem line (and whose, and why it cannot be called); null when any contact has it as a voice number */
    nonCallable: z.object({ label: z.string(), contactName: z.string(), reason: z.string() }).nullable(),
  })
  .nullable();

const id = z.string().min(1).max(100);
export const contactsContract = {
  query: {
    request: ContactQuerySchema,
    // loading: main is still reading the contacts at start; the rows and counts are those read so far
    response: z.object({ total: z.number(), rows: z.array(ContactRowSchema), all: z.number(), loading: z.boolean().optional() }),
  },
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
  importPreview: { request: ImportPreviewRequestSchema, response: z.object({ jobId: z.string() }) },
  importReplan: { request: ImportReplanRequestSchema, response: z.object({ jobId: z.string() }) },
  importCommit: { request: ImportCommitRequestSchema, response: ImportStatusSchema },
  importCancel: { request: z.object({ jobId: z.string() }), response: ImportStatusSchema },
  export: {
    request: z.object({ format: z.enum(['csv', 'vcard']) }),
    response: z.object({ fileName: z.string(), text: z.string(), count: z.number() }),
  },
} as const;

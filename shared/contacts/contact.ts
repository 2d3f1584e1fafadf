import { z } from 'zod';
import { LastCallerSchema } from '../caller';

export const PhoneEntrySchema = z.object({
  id: z.string().min(1),
  label: z.string().max(40),
  /** what the user typed or the file had, kept verbatim */
  raw: z.string().max(100),
  /** E.164 when the number is valid; null when it is flagged (see problem) */
  e164: z.string().nullable(),
  /** why the number cannot be called as it is, e.g. spreadsheet damage */
  problem: z.string().nullable(),
  /** an extension kept apart from the number; the agent cannot dial it */
  extension: z.string().nullable(),
  doNotCall: z.boolean(),
});
export type PhoneEntry = z.infer<typeof PhoneEntrySchema>;

export const ContactSchema = z.object({
  id: z.string().min(1),
  displayName: z.string().max(200),
  firstName: z.string().max(100),
  lastName: z.string().max(100),
  company: z.string().max(200),
  title: z.string().max(200),
  phones: z.array(PhoneEntrySchema).max(20),
  emails: z.array(z.string().max(200)).max(20),
  tags: z.array(z.string().max(60)).max(50),
  notes: z.string().max(10_000),
  /** templates read these as {{contact.custom.key}} */
  custom: z.record(z.string().max(60), z.string().max(2000)),
  favorite: z.boolean(),
  /** the whole contact must not be called; the reason is shown wherever a call is attempted */
  doNotCall: z.object({ reason: z.string().max(500) }).nullable(),
  timeZone: z.string().max(60).nullable(),
  defaultCaller: LastCallerSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastCalledAt: z.string().nullable(),
  callCount: z.number().int().min(0),
});
export type Contact = z.infer<typeof ContactSchema>;

/** What the editor sends: everything a person can change (numbers as typed; main parses them). */
export const ContactDraftSchema = ContactSchema.pick({
  displayName: true,
  firstName: true,
  lastName: true,
  company: true,
  title: true,
  emails: true,
  tags: true,
  notes: true,
  custom: true,
  favorite: true,
  doNotCall: true,
  timeZone: true,
}).extend({
  phones: z
    .array(z.object({ id: z.string().optional(), label: z.string().max(40), raw: z.string().max(100), doNotCall: z.boolean() }))
    .max(20),
  /** who calls this contact by default; wins over a template's default and the last used */
  defaultCaller: LastCallerSchema.nullable().default(null),
});
export type ContactDraft = z.infer<typeof ContactDraftSchema>;

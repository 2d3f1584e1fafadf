import { z } from 'zod';
import { LastCallerSchema } from '../caller';
import { isCallableLabel } from './phone-kinds';

/** Labels people use for numbers; anything else is kept as typed. */
export const PHONE_LABELS = ['mobile', 'work', 'home', 'main', 'other'] as const;

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
  defaultTemplateId: z.string().nullable(),
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

export const emptyDraft = (): ContactDraft => ({
  displayName: '',
  firstName: '',
  lastName: '',
  company: '',
  title: '',
  phones: [{ label: 'mobile', raw: '', doNotCall: false }],
  emails: [],
  tags: [],
  notes: '',
  custom: {},
  favorite: false,
  doNotCall: null,
  timeZone: null,
  defaultCaller: null,
});

export function draftOf(contact: Contact): ContactDraft {
  const { displayName, firstName, lastName, company, title, emails, tags, notes, custom, favorite, doNotCall, timeZone, defaultCaller } =
    contact;
  return {
    displayName,
    firstName,
    lastName,
    company,
    title,
    phones: contact.phones.map((p) => ({ id: p.id, label: p.label, raw: p.extension ? `${p.raw}` : p.raw, doNotCall: p.doNotCall })),
    emails,
    tags,
    notes,
    custom,
    favorite,
    doNotCall,
    timeZone,
    defaultCaller,
  };
}

/** The name a list shows: the display name, else first + last, else the company, else the first number. */
export function nameOf(c: Pick<Contact, 'displayName' | 'firstName' | 'lastName' | 'company' | 'phones'>): string {
  return (
    c.displayName.trim() ||
    [c.firstName, c.lastName]
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' ') ||
    c.company.trim() ||
    c.phones[0]?.raw ||
    'Unnamed contact'
  );
}

/** The number a call from the list uses: the first valid voice number not marked do-not-call (never a fax). */
export const firstCallable = (phones: readonly PhoneEntry[]): PhoneEntry | undefined =>
  phones.find((p) => p.e164 && !p.doNotCall && isCallableLabel(p.label));

/** The number a list row shows: the first callable one, else the first voice number, else the first. */
export const primaryPhone = (phones: readonly PhoneEntry[]): PhoneEntry | undefined =>
  firstCallable(phones) ?? phones.find((p) => isCallableLabel(p.label)) ?? phones[0];

/** Why this contact or number must not be called, or null. */
export function doNotCallReason(contact: Pick<Contact, 'doNotCall' | 'phones'>, phone?: PhoneEntry): string | null {
  if (contact.doNotCall) return contact.doNotCall.reason || 'This contact is marked do-not-call.';
  if (phone?.doNotCall) return 'This number is marked do-not-call.';
  return null;
}

/** A display name that only repeats first + last (or the company) is stored empty: one spelling, one source. */
export function canonicalDisplayName(c: Pick<Contact, 'displayName' | 'firstName' | 'lastName' | 'company'>): string {
  const display = c.displayName.trim();
  const implied = [c.firstName.trim(), c.lastName.trim()].filter(Boolean).join(' ') || c.company.trim();
  return display === implied ? '' : display;
}

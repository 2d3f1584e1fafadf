import type { Contact, ContactDraft, PhoneEntry } from './contact';
import { isCallableLabel } from './phone-kinds';

/**
 * Helpers over contacts that main and the window both use. No zod here: the window imports these
 * at run time and takes only types from contact.ts, so the schemas stay out of its bundle.
 */

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

import { ContactSchema, PhoneEntrySchema, type Contact } from '../../../shared/contacts/contact';

/**
 * Reading a stored contact: a fast check first, zod (`ContactSchema`) for whatever the fast check
 * does not vouch for. At start every row of the database is read; zod on each one cost about as
 * much as reading and parsing it (5 µs a contact), so rows go through a hand-written check of the
 * same rules — as strict as the schema or stricter (test/unit/contact-check.test.ts compares the two
 * on generated and broken documents). It accepts a document only when zod would accept it and give
 * back the same object (no unknown keys, which zod strips); anything else — a key more, a nested
 * caller, a long string, a wrong type — goes to zod, which has the last word. So a damaged row is
 * always found, and one the fast check is unsure of only costs the zod time.
 */

const str = (v: unknown, max: number): boolean => typeof v === 'string' && v.length <= max;
const optStr = (v: unknown, max = Infinity): boolean => v === null || (typeof v === 'string' && v.length <= max);

function strings(v: unknown, maxItems: number, maxLength: number): boolean {
  if (!Array.isArray(v) || v.length > maxItems) return false;
  for (const s of v) if (typeof s !== 'string' || s.length > maxLength) return false;
  return true;
}

/** the keys checked below; should the schema gain or lose one, the fast check stands down (zod decides every row) */
const CHECKED_PHONE = ['id', 'label', 'raw', 'e164', 'problem', 'extension', 'doNotCall'];
const CHECKED_CONTACT = [
  'id',
  'displayName',
  'firstName',
  'lastName',
  'company',
  'title',
  'phones',
  'emails',
  'tags',
  'notes',
  'custom',
  'favorite',
  'doNotCall',
  'timeZone',
  'defaultCaller',
  'createdAt',
  'updatedAt',
  'lastCalledAt',
  'callCount',
];
const sameKeys = (shape: object, checked: string[]) => Object.keys(shape).sort().join() === [...checked].sort().join();
/** false when the schema and the fast check no longer list the same keys (test/unit/contact-check.test.ts says so too) */
export const fastCheckInStep = sameKeys(ContactSchema.shape, CHECKED_CONTACT) && sameKeys(PhoneEntrySchema.shape, CHECKED_PHONE);
const PHONE_KEYS = CHECKED_PHONE.length;
const CONTACT_KEYS = CHECKED_CONTACT.length;

function phonesOk(v: unknown): boolean {
  if (!Array.isArray(v) || v.length > 20) return false;
  for (const p of v as unknown[]) {
    if (typeof p !== 'object' || p === null || Array.isArray(p)) return false;
    const e = p as Record<string, unknown>;
    if (
      !(typeof e.id === 'string' && e.id.length >= 1) ||
      !str(e.label, 40) ||
      !str(e.raw, 100) ||
      !optStr(e.e164) ||
      !optStr(e.problem) ||
      !optStr(e.extension) ||
      typeof e.doNotCall !== 'boolean' ||
      Object.keys(e).length !== PHONE_KEYS
    )
      return false;
  }
  return true;
}

function customOk(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  for (const key of Object.keys(v)) {
    if (key.length > 60 || key === '__proto__') return false;
    if (!str((v as Record<string, unknown>)[key], 2000)) return false;
  }
  return true;
}

function doNotCallOk(v: unknown): boolean {
  if (v === null) return true;
  if (typeof v !== 'object' || Array.isArray(v)) return false;
  return str((v as Record<string, unknown>).reason, 500) && Object.keys(v).length === 1;
}

/** True only for a document zod accepts unchanged; false means "ask zod", not "damaged". */
export function surelyContact(v: unknown): v is Contact {
  if (!fastCheckInStep || typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const c = v as Record<string, unknown>;
  return (
    typeof c.id === 'string' &&
    c.id.length >= 1 &&
    str(c.displayName, 200) &&
    str(c.firstName, 100) &&
    str(c.lastName, 100) &&
    str(c.company, 200) &&
    str(c.title, 200) &&
    str(c.notes, 10_000) &&
    typeof c.favorite === 'boolean' &&
    optStr(c.timeZone, 60) &&
    c.defaultCaller === null && // a caller is rare: zod checks it
    typeof c.createdAt === 'string' &&
    typeof c.updatedAt === 'string' &&
    optStr(c.lastCalledAt) &&
    Number.isSafeInteger(c.callCount) &&
    (c.callCount as number) >= 0 &&
    phonesOk(c.phones) &&
    strings(c.emails, 20, 200) &&
    strings(c.tags, 50, 60) &&
    customOk(c.custom) &&
    doNotCallOk(c.doNotCall) &&
    Object.keys(c).length === CONTACT_KEYS
  );
}

/** A stored document as a contact, or null when it is not one (not JSON, wrong shape, or another row's id). */
export function readContact(id: string, doc: string): Contact | null {
  let value: unknown;
  try {
    value = JSON.parse(doc);
  } catch {
    return null;
  }
  if (surelyContact(value)) return value.id === id ? value : null;
  const parsed = ContactSchema.safeParse(value);
  return parsed.success && parsed.data.id === id ? parsed.data : null;
}

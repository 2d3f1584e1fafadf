import type { Contact, ContactDraft, PhoneEntry } from '../../../shared/contacts/contact';
import { canonicalDisplayName } from '../../../shared/contacts/contact-helpers';
import { toPhoneEntry } from './phone-entry';
import { identifierProblem } from '../../../shared/identifiers';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export type DraftCheck =
  | {
      ok: true;
      phones: PhoneEntry[];
      fields: Omit<Contact, 'id' | 'phones' | 'createdAt' | 'updatedAt' | 'lastCalledAt' | 'callCount'>;
    }
  | { ok: false; fields: Record<string, string> };

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks what the editor sends. Messages are keyed by field (`phones.1`, `emails.0`,
 * `custom.plan`) so each shows next to its input. Numbers must be callable to be saved
 * from the editor; imports keep flagged numbers instead (see the import preview).
 */
export function validateDraft(draft: ContactDraft, defaultCountry: string, newId: () => string): DraftCheck {
  const fields: Record<string, string> = {};
  const phones: PhoneEntry[] = [];
  const seen = new Map<string, number>();
  draft.phones.forEach((p, index) => {
    if (!p.raw.trim()) return;
    const entry = toPhoneEntry({ id: p.id ?? newId(), label: p.label, raw: p.raw, doNotCall: p.doNotCall }, defaultCountry);
    if (entry.problem) fields[`phones.${index}`] = entry.problem;
    else if (entry.e164 && seen.has(entry.e164)) fields[`phones.${index}`] = `Same number as number ${(seen.get(entry.e164) ?? 0) + 1}.`;
    else if (entry.e164) seen.set(entry.e164, index);
    phones.push(entry);
  });
  draft.emails.forEach((e, index) => {
    if (e.trim() && !EMAIL.test(e.trim())) fields[`emails.${index}`] = 'Enter an email address like name@example.com.';
  });
  for (const key of Object.keys(draft.custom)) {
    const badName = identifierProblem(key, 'Field names');
    if (badName) fields[`custom.${key}`] = badName;
  }
  if (draft.timeZone && !isTimeZone(draft.timeZone)) fields.timeZone = 'Unknown time zone; use a name like Europe/London.';
  const named = [draft.displayName, draft.firstName, draft.lastName, draft.company].some((s) => s.trim());
  if (!named && phones.length === 0) fields.displayName = 'Give the contact a name or a number.';
  if (draft.doNotCall && !draft.doNotCall.reason.trim()) fields.doNotCallReason = 'Say why this contact must not be called.';
  const dc = draft.defaultCaller;
  if (dc && (dc.caller.mode === 'agent' ? !dc.caller.agentId : dc.caller.mode === 'team' ? !dc.caller.teamId : false)) {
    fields.defaultCaller = `Choose the default ${dc.caller.mode}, or set the type to Automatic.`;
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  const clean = (s: string) => s.trim();
  return {
    ok: true,
    phones,
    fields: {
      displayName: canonicalDisplayName(draft),
      firstName: clean(draft.firstName),
      lastName: clean(draft.lastName),
      company: clean(draft.company),
      title: clean(draft.title),
      emails: draft.emails.map(clean).filter(Boolean),
      tags: [...new Set(draft.tags.map(clean).filter(Boolean))],
      notes: draft.notes,
      custom: Object.fromEntries(Object.entries(draft.custom).filter(([, v]) => v.trim() !== '')),
      favorite: draft.favorite,
      doNotCall: draft.doNotCall ? { reason: draft.doNotCall.reason.trim() } : null,
      timeZone: draft.timeZone?.trim() || null,
      defaultCaller: draft.defaultCaller ?? null,
    },
  };
}

import type { DialDraft } from '../../../shared/call-intent';
import type { Contact, PhoneEntry } from '../../../shared/contacts/contact';
import { doNotCallReason, firstCallable, nameOf } from '../../../shared/contacts/contact-helpers';
import { isCallableLabel } from '../../../shared/contacts/phone-kinds';
import type { ParsedPhone } from '../../../shared/phone';

/** Who keeps a number, as the contacts service knows it. */
export interface NumberKeepers {
  /** contacts with it as a voice number (E.164 entries) */
  voice: string[];
  /** contacts with an entry kept without an E.164 (flagged on import) whose digits it ends with */
  flagged: string[];
  /** contacts with it as any E.164 entry (a fax included) */
  any: string[];
}

export interface WhoseNumberDeps {
  contact(id: string): Contact | null;
  keepersOf(e164: string): NumberKeepers;
}

export interface Whose {
  /** the contact whose details fill the placeholders (and who is marked called) */
  contact: { contact: Contact; how: 'picked' | 'matched' } | null;
  /** the draft named a contact, but this number is not one of theirs */
  notTheirs: Contact | null;
  /** several contacts keep it as a voice number and none was picked: nobody's details are used */
  sharedBy: string[];
}

/**
 * Whose number a draft is — decided here, for every entry point. A picked contact is kept only
 * while the number is one of theirs (a fax of theirs does not count when someone else has the
 * same number as a voice number); otherwise the one contact that keeps it, or nobody: a number
 * several contacts share binds none of them until the user picks one.
 */
export function whoseNumber(deps: WhoseNumberDeps, draft: Pick<DialDraft, 'toNumber' | 'contactId'>, phone: ParsedPhone): Whose {
  const picked = draft.contactId ? deps.contact(draft.contactId) : null;
  const typed = draft.toNumber.trim();
  if (!phone.ok) {
    // not a number (yet): an entry of the picked contact kept exactly as typed (flagged on import) is theirs
    if (picked && typed && picked.phones.some((p) => !p.e164 && p.raw.trim() === typed)) {
      return { contact: { contact: picked, how: 'picked' }, notTheirs: null, sharedBy: [] };
    }
    return { contact: null, notTheirs: typed ? picked : null, sharedBy: [] };
  }
  const keepers = deps.keepersOf(phone.e164);
  if (picked) {
    const exact = picked.phones.filter((p) => p.e164 === phone.e164);
    const asVoice = exact.some((p) => isCallableLabel(p.label));
    const keptAtAll = exact.length > 0 || keepers.flagged.includes(picked.id);
    const someoneElsesVoice = keepers.voice.some((id) => id !== picked.id);
    if (asVoice || (keptAtAll && !someoneElsesVoice)) return { contact: { contact: picked, how: 'picked' }, notTheirs: null, sharedBy: [] };
  }
  const candidates = keepers.voice.length > 0 ? keepers.voice : keepers.any;
  const notTheirs = picked && typed ? picked : null;
  if (candidates.length === 1) {
    const owner = deps.contact(candidates[0]!);
    if (owner) return { contact: { contact: owner, how: 'matched' }, notTheirs, sharedBy: [] };
  }
  const sharedBy = candidates.length > 1 ? candidates.flatMap((id) => deps.contact(id) ?? []).map(nameOf) : [];
  return { contact: null, notTheirs, sharedBy };
}

/**
 * The number a call to a contact uses when none was chosen (Enter on a contact, the tray, a
 * link with only a name): the first valid voice number not marked do-not-call; for a contact that
 * has none, the first number anyway, so the card can say why it cannot be called.
 */
export function numberToCall(contact: Contact): PhoneEntry | undefined {
  const callable = doNotCallReason(contact) ? undefined : firstCallable(contact.phones);
  return callable ?? contact.phones.find((p) => p.e164) ?? contact.phones[0];
}

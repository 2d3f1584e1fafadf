import type { CallTarget } from '../../../shared/call-preview';
import type { Contact } from '../../../shared/contacts/contact';
import { doNotCallReason, nameOf } from '../../../shared/contacts/contact-helpers';
import { nonCallableKind, nonCallableReason } from '../../../shared/contacts/phone-kinds';
import type { ContactQuery, ContactRow } from '../../../shared/contacts/contacts-contract';
import { parsePhone } from '../../../shared/phone';

export interface CallTargetDeps {
  query(q: ContactQuery): { rows: ContactRow[] };
  contact(id: string): Contact | null;
}

/**
 * The To field by name (and the palette): the contacts the search ranks first for what was typed,
 * one entry per number, voice numbers first. A do-not-call or fax entry is listed with why it
 * cannot be called, so picking it explains rather than hides.
 */
function blockedOf(contact: Contact, phone: Contact['phones'][number]): CallTarget['blocked'] {
  const doNotCall = doNotCallReason(contact, phone);
  if (doNotCall) return { badge: 'do not call', reason: doNotCall };
  const line = nonCallableReason(phone.label);
  return line ? { badge: `${nonCallableKind(phone.label)} — not a voice line`, reason: line } : null;
}

export function findCallTargets(deps: CallTargetDeps, query: string, limit: number): CallTarget[] {
  if (!query.trim()) return [];
  const { rows } = deps.query({ query, sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit });
  const targets: CallTarget[] = [];
  for (const row of rows) {
    const contact = deps.contact(row.id);
    if (!contact) continue;
    const phones = [...contact.phones].sort(
      (a, b) => Number(Boolean(nonCallableReason(a.label))) - Number(Boolean(nonCallableReason(b.label))),
    );
    for (const phone of phones) {
      const parsed = phone.e164 ? parsePhone(phone.e164, '') : null;
      targets.push({
        contactId: contact.id,
        name: nameOf(contact),
        company: contact.company,
        phoneLabel: phone.label,
        display: parsed?.ok ? parsed.international : phone.raw,
        toNumber: phone.e164 ?? phone.raw,
        blocked: blockedOf(contact, phone),
      });
      if (targets.length >= limit) return targets;
    }
  }
  return targets;
}

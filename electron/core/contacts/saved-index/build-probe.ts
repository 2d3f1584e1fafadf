import type { Contact } from '../../../../shared/contacts/contact';
import { emptyDraft } from '../../../../shared/contacts/contact-helpers';
import { readContact } from '../contact-check';
import { fingerprintOf } from './index-pieces';
import type { Parts } from './index-file';

/**
 * What this build makes of a few contacts, as a fingerprint: a saved index (index-file.ts) is used only
 * by a build whose fingerprint is the one it was saved with. The field check (../search/own-fields.ts)
 * catches a part that gained or lost a field; this catches the same fields holding something else —
 * a change to folding or word splitting, to the list's rows, to how numbers are keyed, to the checks
 * a stored contact passes — which an app update brings without touching the database.
 */
const at = '2026-01-01T00:00:00.000Z';
const person = (id: string, patch: Partial<Contact>): Contact => ({
  ...emptyDraft(),
  phones: [],
  id,
  createdAt: at,
  updatedAt: at,
  lastCalledAt: null,
  callCount: 0,
  ...patch,
});
const phone = (id: string, raw: string, e164: string | null, label = 'mobile') => ({
  id,
  label,
  raw,
  e164,
  problem: e164 ? null : 'country unclear',
  extension: null,
  doNotCall: false,
});

const SAMPLES: Contact[] = [
  person('a', {
    firstName: 'María José',
    lastName: 'García-Núñez',
    company: 'Acme & Söhne',
    tags: ['VIP', 'Leads'],
    phones: [phone('a1', '+1 (212) 555-0100', '+12125550100')],
  }),
  person('b', { displayName: "Dr. Seán O'Brien", firstName: 'Seán', lastName: "O'Brien", favorite: true, callCount: 7, lastCalledAt: at }),
  person('c', {
    firstName: '小明',
    lastName: '王',
    phones: [phone('c1', '020 7946 0958', '+442079460958', 'work'), phone('c2', '7946 0958', null)],
  }),
  person('d', {
    displayName: 'Σοφία Παπαδοπούλου',
    tags: ['Patients'],
    phones: [phone('d1', '030 1234567 ext. 12', '+49301234567', 'fax')],
  }),
  person('e', { displayName: '(415) 555-0199', doNotCall: { reason: 'asked not to be called' } }),
];

let fingerprint: string | null = null;

/**
 * this build's fingerprint, made once: `parts` is how the service saves an index of the given contacts
 * after they were added, one of them removed and one changed (what a removal leaves behind counts too)
 */
export function buildFingerprint(schemaVersion: number, parts: (contacts: Contact[]) => Parts): string {
  if (fingerprint === null) {
    const read = SAMPLES.map((c) => readContact(c.id, JSON.stringify(c)));
    fingerprint = `${schemaVersion}:${fingerprintOf({ read: { contacts: read }, ...parts(read.filter((c): c is Contact => c !== null)) })}`;
  }
  return fingerprint;
}

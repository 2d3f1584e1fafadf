import type { Contact } from '../../shared/contacts/contact';
import { emptyDraft } from '../../shared/contacts/contact-helpers';

/** A stored contact, as the database (and the old snapshot/journal format) holds it. */
export const legacyContact = (id: string, displayName = ''): Contact => ({
  ...emptyDraft(),
  id,
  displayName,
  phones: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastCalledAt: null,
  callCount: 0,
});

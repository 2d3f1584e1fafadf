import type { Contact, ContactDraft, PhoneEntry } from '../../../shared/contacts/contact';
import { nameOf } from '../../../shared/contacts/contact-helpers';
import type { Result } from '../../../shared/result';
import { api } from '../api';
import { rowIn, selectAt, type ListQuery } from './contact-rows';
import { contactsStore, reload, settled } from './contacts-store';
import { requestDial } from './dial-requests';

/**
 * What the Contacts screen asks for. Edits go to main and come back as `contacts:changed`, which
 * reloads the list (contacts-store.ts); these only say what to select and show meanwhile.
 */

/** Typing in the search box: the first match is selected once the results are in. */
export function search(text: string) {
  contactsStore.set((s) => ({ ...s, query: { ...s.query, query: text }, selection: { index: 0, id: null } }));
  void reload('first');
}

/** Another sort or filter: the selected contact stays selected wherever it lands. */
export function filter(change: Partial<Omit<ListQuery, 'query'>>) {
  contactsStore.set((s) => ({ ...s, query: { ...s.query, ...change } }));
  void reload('contact');
}

export const select = (index: number) => contactsStore.set((s) => ({ ...s, selection: selectAt(s.pages, s.total, index) }));
export const selectBy = (step: number) => select(contactsStore.get().selection.index + step);

/**
 * Opens the call card for a contact: this number, or — none chosen — the one main picks (its first
 * callable number; a contact that cannot be called still gets its card, which says why).
 */
export function dialContact(contact: Pick<Contact, 'id'>, phone?: PhoneEntry) {
  requestDial({ contactId: contact.id, ...(phone ? { toNumber: phone.e164 ?? phone.raw } : {}), source: 'contacts' });
}

/** Enter: the selected contact — once the rows being loaded (a search just typed, a save) are in. */
export async function callSelected() {
  await settled();
  const { selection } = contactsStore.get();
  if (selection.id) dialContact({ id: selection.id });
}

/** Double-click or Enter on a row. */
export function callRow(index: number) {
  select(index);
  const { selection } = contactsStore.get();
  if (selection.id) dialContact({ id: selection.id });
}

/**
 * Selects a contact where the current search and sort put it, showing `contact` at once when given.
 * False when it is not among the first rows (the search hides it).
 */
export async function showContact(id: string, contact?: Contact): Promise<boolean> {
  contactsStore.set((s) => ({ ...s, selection: { index: s.selection.index, id }, detail: contact ?? s.detail }));
  await reload('contact'); // where it is now; the `contacts:changed` that follows an edit may come before or after
  await settled();
  const { selection, pages } = contactsStore.get();
  return selection.id === id && rowIn(pages, selection.index)?.id === id;
}

/** Saves a new contact (`id` null) or an edit. */
export function saveContact(id: string | null, draft: ContactDraft): Promise<Result<Contact>> {
  return id ? api().contacts.update({ id, draft }) : api().contacts.create({ draft });
}

export async function setFavorite(contact: Contact, favorite: boolean) {
  const result = await api().contacts.setFavorite({ id: contact.id, favorite });
  if (result.ok) contactsStore.set((s) => (s.selection.id === contact.id ? { ...s, detail: result.value } : s));
}

/**
 * Deletes a contact and offers to undo it; the selection goes to the contact that moves up into its
 * place (when the reload lands). Returns how many contacts the list has left, or null when nothing was deleted.
 */
export async function removeContact(contact: Contact): Promise<number | null> {
  const result = await api().contacts.remove({ ids: [contact.id] });
  if (!result.ok) return null;
  contactsStore.set((s) => ({ ...s, undo: { token: result.value.undoToken, text: `Deleted ${nameOf(contact)}.`, id: contact.id } }));
  const { pages, total } = contactsStore.get();
  const listed = [...pages.values()].some((rows) => rows.some((r) => r.id === contact.id));
  return listed ? total - 1 : total;
}

/** Undo: the contact is back, selected. True when the list shows it; null when it could not be restored. */
export async function undoRemove(): Promise<boolean | null> {
  const { undo } = contactsStore.get();
  if (!undo) return null;
  const result = await api().contacts.undoRemove({ undoToken: undo.token });
  if (!result.ok) {
    contactsStore.set((s) => ({ ...s, undo: { ...undo, text: result.error.message } }));
    return null;
  }
  contactsStore.set((s) => ({ ...s, undo: null }));
  return showContact(undo.id);
}

export const dismissUndo = () => contactsStore.set((s) => (s.undo ? { ...s, undo: null } : s));

import { useRef, useState } from 'react';
import type { Contact } from '../../../../shared/contacts/contact';
import { focusSoon, rememberFocus, type FocusTarget } from '../../keyboard/focus';
import { rowIn } from '../../stores/contact-rows';
import { callRow, dialContact, removeContact, select, setFavorite, showContact } from '../../stores/contacts-actions';
import { showRows, useContacts } from '../../stores/contacts-store';
import { ContactDetail } from './contact-detail';
import { ContactFormPane } from './contact-form-pane';
import { ContactList } from './contact-list';
import { ContactSearch } from './contact-search';
import { listbox, searchField, useTypeToSearch } from './contacts-focus';
import { DuplicatesPanel } from './duplicates-panel';
import { exportContacts } from './export-contacts';
import { ImportPanel } from './import-panel';
import { UndoToast } from './undo-toast';

type Pane = { kind: 'view' } | { kind: 'edit'; contact: Contact } | { kind: 'create' } | { kind: 'import' } | { kind: 'duplicates' };

/**
 * The address book: search as you type, a virtual list, details, editing, import/export, undoable
 * delete. It renders the contacts store (kept current by main's `contacts:changed`) and dispatches
 * intents; what it keeps itself is which pane is open and where focus goes back to.
 */
export function ContactsScreen({ active }: { active: boolean }) {
  const { pages, total, all, loaded, filling, selection, detail, query } = useContacts();
  const [pane, setPane] = useState<Pane>({ kind: 'view' });
  // Focus goes back where the user was when a pane closes: the button that opened it, or the list.
  const opener = useRef<FocusTarget>(() => null);
  useTypeToSearch(active && pane.kind === 'view');

  const open = (next: Pane, from: Element) => {
    opener.current = rememberFocus(from);
    setPane(next);
  };
  const close = (targets: FocusTarget[] = [opener.current, searchField], fallback?: FocusTarget) => {
    setPane({ kind: 'view' });
    focusSoon(targets, fallback ? { fallback } : {});
  };
  const create = (from: Element) => {
    open({ kind: 'create' }, from);
    focusSoon(() => document.getElementById('contact-firstName'));
  };
  async function saved(contact: Contact) {
    setPane({ kind: 'view' });
    // the saved contact, selected in the list; if the search hides it, the button that opened the editor
    if (await showContact(contact.id, contact)) focusSoon(listbox, { fallback: searchField });
    else focusSoon([opener.current, searchField]);
  }
  async function remove(contact: Contact) {
    const left = await removeContact(contact);
    // the next contact (the one that moves up into its place), or the search field when none is left
    if (left !== null) focusSoon(left > 0 ? listbox : searchField);
  }

  const empty = loaded && !filling && all === 0;
  // the selected contact's details; while a new search's results are on their way, the last ones shown
  const shown = total > 0 && detail && (selection.id === null || detail.id === selection.id) ? detail : null;
  return (
    <div className="contacts">
      <h1 className="visually-hidden">Contacts</h1>
      <aside className="contacts-side">
        <ContactSearch />
        {total > 0 ? (
          <ContactList
            total={total}
            rowAt={(index) => rowIn(pages, index)}
            selected={selection.index}
            onSelect={select}
            onOpen={(index) => callRow(index)}
            onShow={showRows}
          />
        ) : loaded && !empty && !filling ? (
          <p className="muted empty-list">No contact matches “{query.query}”.</p>
        ) : null}
        <div className="side-actions">
          <button type="button" className="primary small" data-shortcut="new-contact" onClick={(e) => create(e.currentTarget)}>
            Add contact
          </button>
          <button type="button" className="secondary small" onClick={(e) => open({ kind: 'import' }, e.currentTarget)}>
            Import…
          </button>
          <button type="button" className="secondary small" disabled={empty} onClick={() => void exportContacts('csv')}>
            Export CSV
          </button>
          <button type="button" className="secondary small" disabled={empty} onClick={() => void exportContacts('vcard')}>
            Export vCard
          </button>
          <button type="button" className="secondary small" disabled={empty} onClick={(e) => open({ kind: 'duplicates' }, e.currentTarget)}>
            Duplicates
          </button>
        </div>
      </aside>

      <div className="contacts-main">
        {pane.kind === 'import' ? (
          // after an import: the list, which now holds it
          <ImportPanel onClose={(imported) => (imported ? close([listbox], searchField) : close())} />
        ) : pane.kind === 'duplicates' ? (
          <DuplicatesPanel onClose={() => close()} />
        ) : pane.kind === 'create' || pane.kind === 'edit' ? (
          <ContactFormPane
            key={pane.kind === 'edit' ? pane.contact.id : 'new'}
            editing={pane.kind === 'edit' ? pane.contact : null}
            onSaved={(contact) => void saved(contact)}
            onCancel={() => close()}
          />
        ) : empty ? (
          <section className="card empty-state" aria-label="No contacts yet">
            <h2>No contacts yet</h2>
            <p>Add the people you call, or bring them in from Google Contacts, Outlook or your phone (CSV or vCard).</p>
            <div className="form-actions">
              <button type="button" className="primary" onClick={(e) => open({ kind: 'create' }, e.currentTarget)}>
                Add contact
              </button>
              <button type="button" className="secondary" onClick={(e) => open({ kind: 'import' }, e.currentTarget)}>
                Import
              </button>
            </div>
          </section>
        ) : shown ? (
          <ContactDetail
            contact={shown}
            onCall={dialContact}
            onEdit={(from) => open({ kind: 'edit', contact: shown }, from)}
            onDelete={() => void remove(shown)}
            onFavorite={(favorite) => void setFavorite(shown, favorite)}
          />
        ) : null}
      </div>
      <UndoToast />
    </div>
  );
}

import { useEffect, useMemo, useRef, useState } from 'react';
import type { Contact, ContactDraft, PhoneEntry } from '../../../../shared/contacts/contact';
import { draftOf, emptyDraft, firstCallable, nameOf } from '../../../../shared/contacts/contact';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { useApiValue } from '../../use-api-value';
import { focusSoon, rememberFocus, type FocusTarget } from '../../keyboard/focus';
import { ContactDetail } from './contact-detail';
import { ContactEditor } from './contact-editor';
import { ContactList } from './contact-list';
import { DuplicatesPanel } from './duplicates-panel';
import { ImportPanel } from './import-panel';
import { useContactRows } from './use-contact-rows';
import { useDirectoryState } from '../../stores/directory-store';
import { useContactsChanges } from '../../stores/contacts-store';
import { requestDial } from '../../stores/dial-requests';

type Pane = { kind: 'view' } | { kind: 'edit'; contact: Contact } | { kind: 'create' } | { kind: 'import' } | { kind: 'duplicates' };

/** The address book: search as you type, a virtual list, details, editing, import/export, undoable delete. */
export function ContactsScreen({ active }: { active: boolean }) {
  const { directory } = useDirectoryState();
  const changes = useContactsChanges();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<'name' | 'recent' | 'frequent'>('name');
  const [favoritesOnly, setFavoritesOnly] = useState(false);
  const [tag, setTag] = useState('');
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState(0);
  const [contact, setContact] = useState<Contact | null>(null);
  const [pane, setPane] = useState<Pane>({ kind: 'view' });
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [undo, setUndo] = useState<{ token: string; text: string; id: string } | null>(null);
  const search = useRef<HTMLInputElement>(null);
  // Focus goes back where the user was when a pane closes: the button that opened it, or the list.
  const opener = useRef<FocusTarget>(() => null);
  const imported = useRef(false);
  const listbox = () => document.getElementById('contact-listbox');
  const searchField = () => search.current;
  const open = (next: Pane, from: Element) => {
    opener.current = rememberFocus(from);
    imported.current = false;
    setPane(next);
  };
  const close = () => {
    setPane({ kind: 'view' });
    focusSoon(imported.current ? [listbox, searchField] : [opener.current, searchField]);
  };
  // Reloaded after our own edits (version) and whenever main says contacts changed (an import
  // finished, a call marked one called): a new identity each time either moves.
  const reloadKey = useMemo(() => ({ version, changes }), [version, changes]);
  const list = useContactRows({ query, sort, favoritesOnly, tags: tag ? [tag] : [] }, reloadKey);
  const selectedRow = list.rowAt(selected);
  const refresh = () => setVersion((v) => v + 1);
  // Coming back to this screen shows what changed meanwhile (a call updates last-called).
  const [wasActive, setWasActive] = useState(active);
  if (active !== wasActive) {
    setWasActive(active);
    if (active) setVersion((v) => v + 1);
  }

  const tags = useApiValue(() => api().contacts.tags({}), reloadKey) ?? [];
  const selectedId = selectedRow?.id;
  const loadKey = useMemo(() => ({ selectedId, reloadKey }), [selectedId, reloadKey]);
  const loaded = useApiValue(selectedId ? () => api().contacts.get({ id: selectedId }) : null, loadKey);
  // the contact just saved shows at once, before the reload arrives
  const fresh = contact?.id === selectedId ? contact : null;
  const shown = selectedId ? (loaded?.id === selectedId && (!fresh || loaded.updatedAt >= fresh.updatedAt) ? loaded : fresh) : null;

  // Typing anywhere outside a field goes to the search box.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (pane.kind !== 'view' || e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
      if (target.closest('input, textarea, select, [contenteditable]')) return;
      search.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [pane.kind]);

  useEffect(() => {
    if (!undo) return;
    const timer = window.setTimeout(() => {
      if (document.activeElement?.closest('.toast')) focusSoon([listbox, searchField]);
      setUndo(null);
    }, 10_000);
    return () => window.clearTimeout(timer);
  }, [undo]);

  /** Enter may come before the selected contact's details have loaded: fetch them then. */
  async function callSelected() {
    if (shown) return callFirst(shown);
    if (!selectedId) return;
    const r = await api().contacts.get({ id: selectedId });
    if (r.ok) callFirst(r.value);
  }

  function callFirst(c: Contact | null) {
    const phone = c?.doNotCall ? undefined : c && firstCallable(c.phones); // never a fax, pager…
    if (c && phone) call(c, phone);
    else if (c) callBlocked(c);
  }
  function callBlocked(c: Contact) {
    // Still open the card: it explains why this contact cannot be called.
    const phone = c.phones.find((p) => p.e164) ?? c.phones[0];
    if (phone) requestDial({ toNumber: phone.e164 ?? phone.raw, contactId: c.id, contact: c, source: 'contacts' });
  }
  function call(c: Contact, phone: PhoneEntry) {
    requestDial({ toNumber: phone.e164 ?? phone.raw, contactId: c.id, contact: c, source: 'contacts' });
  }

  async function save(draft: ContactDraft) {
    setBusy(true);
    setSaveError(null);
    const result =
      pane.kind === 'edit' ? await api().contacts.update({ id: pane.contact.id, draft }) : await api().contacts.create({ draft });
    setBusy(false);
    if (!result.ok) return setSaveError(result.error);
    setContact(result.value);
    setPane({ kind: 'view' });
    refresh();
    // the saved contact, selected in the list; if the search hides it, the button that opened the editor
    if (await selectContact(result.value.id)) focusSoon(listbox, { fallback: searchField });
    else focusSoon([opener.current, searchField]);
  }

  // When main says contacts changed (a call marked one called, an import), the list reorders: the
  // selection follows the contact, never the position (Enter must call the person the user chose).
  const selectedIdRef = useRef<string | undefined>(undefined);
  useEffect(() => {
    selectedIdRef.current = selectedId;
  });
  useEffect(() => {
    const id = selectedIdRef.current;
    if (changes.count !== null && id) void selectContact(id);
    // only on a change from main; `selectContact` reads the current query itself
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [changes]);

  /** Selects a contact in the list as it is now filtered and sorted; false when it is not among the first rows. */
  async function selectContact(id: string) {
    const r = await api().contacts.query({ query, sort, favoritesOnly, tags: tag ? [tag] : [], offset: 0, limit: 500 });
    const index = r.ok ? r.value.rows.findIndex((row) => row.id === id) : -1;
    if (index >= 0) setSelected(index);
    return index >= 0;
  }

  async function remove(c: Contact) {
    const result = await api().contacts.remove({ ids: [c.id] });
    if (result.ok) {
      setUndo({ token: result.value.undoToken, text: `Deleted ${nameOf(c)}.`, id: c.id });
      refresh();
      // the next contact (the one that moves up into its place), or the search field when none is left
      const left = list.total - 1;
      setSelected((s) => Math.max(0, Math.min(s, left - 1)));
      focusSoon(left > 0 ? listbox : searchField);
    }
  }

  async function restore() {
    if (!undo) return;
    const result = await api().contacts.undoRemove({ undoToken: undo.token });
    setUndo(result.ok ? null : { ...undo, text: result.error.message });
    refresh();
    if (result.ok) focusSoon((await selectContact(undo.id)) ? listbox : searchField, { fallback: searchField });
  }

  async function exportAs(format: 'csv' | 'vcard') {
    const result = await api().contacts.export({ format });
    if (!result.ok) return;
    const url = URL.createObjectURL(new Blob([result.value.text], { type: format === 'csv' ? 'text/csv' : 'text/vcard' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = result.value.fileName;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  const empty = list.loaded && list.all === 0;
  return (
    <div className="contacts">
      <h1 className="visually-hidden">Contacts</h1>
      <aside className="contacts-side">
        <div className="field">
          <label htmlFor="contact-search" className="visually-hidden">
            Search contacts
          </label>
          <input
            id="contact-search"
            ref={search}
            type="search"
            data-autofocus
            autoComplete="off"
            placeholder="Search name, company, tag or number"
            value={query}
            aria-controls="contact-results"
            onChange={(e) => {
              setQuery(e.target.value);
              setSelected(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setSelected((s) => Math.min(s + 1, list.total - 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setSelected((s) => Math.max(s - 1, 0));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                void callSelected();
              }
            }}
          />
        </div>
        <div className="list-tools">
          <select aria-label="Sort" value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
            <option value="name">Name</option>
            <option value="recent">Recently called</option>
            <option value="frequent">Most called</option>
          </select>
          <button type="button" className="secondary small" aria-pressed={favoritesOnly} onClick={() => setFavoritesOnly((f) => !f)}>
            ★ Favourites
          </button>
          <select aria-label="Tag" value={tag} onChange={(e) => setTag(e.target.value)}>
            <option value="">All tags</option>
            {tags.map((t) => (
              <option key={t.tag} value={t.tag}>
                {t.tag} ({t.count})
              </option>
            ))}
          </select>
        </div>
        <p className="muted count" id="contact-results" aria-live="polite">
          {list.loaded
            ? list.total === list.all
              ? `${list.all.toLocaleString()} contact${list.all === 1 ? '' : 's'}`
              : `${list.total.toLocaleString()} of ${list.all.toLocaleString()} contact${list.all === 1 ? '' : 's'}`
            : 'Loading…'}
        </p>
        {list.total > 0 ? (
          <ContactList
            total={list.total}
            rowAt={list.rowAt}
            selected={selected}
            onSelect={setSelected}
            onOpen={(i) => {
              setSelected(i);
              const row = list.rowAt(i);
              if (row)
                void api()
                  .contacts.get({ id: row.id })
                  .then((r) => r.ok && callFirst(r.value));
            }}
          />
        ) : list.loaded && !empty ? (
          <p className="muted empty-list">No contact matches “{query}”.</p>
        ) : null}
        <div className="side-actions">
          <button
            type="button"
            className="primary small"
            data-shortcut="new-contact"
            onClick={(e) => (
              setSaveError(null),
              open({ kind: 'create' }, e.currentTarget),
              focusSoon(() => document.getElementById('contact-firstName'))
            )}
          >
            Add contact
          </button>
          <button type="button" className="secondary small" onClick={(e) => open({ kind: 'import' }, e.currentTarget)}>
            Import…
          </button>
          <button type="button" className="secondary small" disabled={empty} onClick={() => void exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" className="secondary small" disabled={empty} onClick={() => void exportAs('vcard')}>
            Export vCard
          </button>
          <button type="button" className="secondary small" disabled={empty} onClick={(e) => open({ kind: 'duplicates' }, e.currentTarget)}>
            Duplicates
          </button>
        </div>
      </aside>

      <div className="contacts-main">
        {pane.kind === 'import' ? (
          <ImportPanel onDone={() => ((imported.current = true), refresh())} onClose={() => (close(), refresh())} />
        ) : pane.kind === 'duplicates' ? (
          <DuplicatesPanel onChanged={refresh} onClose={close} />
        ) : pane.kind === 'create' || pane.kind === 'edit' ? (
          <ContactEditor
            key={pane.kind === 'edit' ? pane.contact.id : 'new'}
            title={pane.kind === 'edit' ? `Edit ${nameOf(pane.contact)}` : 'New contact'}
            initial={pane.kind === 'edit' ? draftOf(pane.contact) : emptyDraft()}
            error={saveError}
            directory={directory}
            busy={busy}
            onSave={(d) => void save(d)}
            onCancel={close}
          />
        ) : empty ? (
          <section className="card empty-state" aria-label="No contacts yet">
            <h2>No contacts yet</h2>
            <p>Add the people you call, or bring them in from Google Contacts, Outlook or your phone (CSV or vCard).</p>
            <div className="form-actions">
              <button type="button" className="primary" onClick={(e) => (setSaveError(null), open({ kind: 'create' }, e.currentTarget))}>
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
            onCall={call}
            onEdit={(from) => (setSaveError(null), open({ kind: 'edit', contact: shown }, from))}
            onDelete={() => void remove(shown)}
            onFavorite={(favorite) => void api().contacts.setFavorite({ id: shown.id, favorite }).then(refresh)}
          />
        ) : null}
      </div>

      {undo ? (
        <div className="toast" role="status">
          <span>{undo.text}</span>
          <button type="button" className="link" onClick={() => void restore()}>
            Undo
          </button>
        </div>
      ) : null}
    </div>
  );
}

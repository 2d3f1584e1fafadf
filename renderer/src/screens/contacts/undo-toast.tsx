import { useEffect } from 'react';
import { focusSoon } from '../../keyboard/focus';
import { dismissUndo, undoRemove } from '../../stores/contacts-actions';
import { useContacts } from '../../stores/contacts-store';
import { listbox, searchField } from './contacts-focus';

const SHOWN_MS = 10_000;

/** "Deleted Jane Doe. Undo" for ten seconds; Undo brings the contact back, selected in the list. */
export function UndoToast() {
  const { undo } = useContacts();
  useEffect(() => {
    if (!undo) return;
    const timer = window.setTimeout(() => {
      // its button goes with it: focus must not fall to the page
      if (document.activeElement?.closest('.toast')) focusSoon([listbox, searchField]);
      dismissUndo();
    }, SHOWN_MS);
    return () => window.clearTimeout(timer);
  }, [undo]);

  async function restore() {
    const listed = await undoRemove();
    if (listed !== null) focusSoon(listed ? listbox : searchField, { fallback: searchField });
  }

  if (!undo) return null;
  return (
    <div className="toast" role="status">
      <span>{undo.text}</span>
      <button type="button" className="link" onClick={() => void restore()}>
        Undo
      </button>
    </div>
  );
}

import { useState } from 'react';
import type { Contact, ContactDraft } from '../../../../shared/contacts/contact';
import { draftOf, emptyDraft, nameOf } from '../../../../shared/contacts/contact-helpers';
import type { AppError } from '../../../../shared/result';
import { saveContact } from '../../stores/contacts-actions';
import { useDirectoryState } from '../../stores/directory-store';
import { ContactEditor } from './contact-editor';

/** The editor for a new contact (`editing` null) or an existing one: saves through main, keeps what was typed on an error. */
export function ContactFormPane({
  editing,
  onSaved,
  onCancel,
}: {
  editing: Contact | null;
  onSaved(contact: Contact): void;
  onCancel(): void;
}) {
  const { directory } = useDirectoryState();
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function save(draft: ContactDraft) {
    setBusy(true);
    setError(null);
    const result = await saveContact(editing?.id ?? null, draft);
    setBusy(false);
    if (result.ok) onSaved(result.value);
    else setError(result.error);
  }

  return (
    <ContactEditor
      title={editing ? `Edit ${nameOf(editing)}` : 'New contact'}
      initial={editing ? draftOf(editing) : emptyDraft()}
      error={error}
      directory={directory}
      busy={busy}
      onSave={(draft) => void save(draft)}
      onCancel={onCancel}
    />
  );
}

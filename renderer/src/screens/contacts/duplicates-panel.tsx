import { useState } from 'react';
import { useApiValue } from '../../use-api-value';
import type { ContactRow } from '../../../../shared/contacts/contacts-contract';
import { api } from '../../api';

/** Groups of contacts that share a number (or a name), each mergeable in one step. */
export function DuplicatesPanel({ onChanged, onClose }: { onChanged(): void; onClose(): void }) {
  const [version, setVersion] = useState(0);
  const groups = useApiValue(() => api().contacts.duplicates({}), version);

  async function merge(group: { contacts: ContactRow[] }) {
    const [keep, ...rest] = group.contacts;
    if (!keep) return;
    const result = await api().contacts.merge({ keepId: keep.id, mergeIds: rest.map((c) => c.id) });
    if (result.ok) {
      setVersion((v) => v + 1);
      onChanged();
    }
  }

  return (
    <section className="card" role="dialog" aria-label="Duplicates">
      <header className="card-header">
        <h2>Duplicates</h2>
        <button type="button" className="secondary small" onClick={onClose}>
          Close
        </button>
      </header>
      {groups === null ? <p className="muted">Looking…</p> : null}
      {groups?.length === 0 ? <p>No duplicates: no two contacts share a number or a name.</p> : null}
      <ul className="dup-groups">
        {groups?.map((g) => (
          <li key={g.contacts.map((c) => c.id).join()}>
            <p>
              <strong>{g.reason}</strong>: {g.contacts.map((c) => c.name).join(', ')}
            </p>
            <button type="button" className="secondary small" onClick={() => void merge(g)}>
              Merge into {g.contacts[0]?.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

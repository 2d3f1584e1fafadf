import { useState } from 'react';
import { useApiValue } from '../../use-api-value';
import type { ContactRow } from '../../../../shared/contacts/contacts-contract';
import { api } from '../../api';
import { focusSoon } from '../../keyboard/focus';

const keyOf = (group: { contacts: ContactRow[] }) => group.contacts.map((c) => c.id).join();

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
      // its button goes with the group: on to the next group's (else the one before), or Close when none is left
      const items = [...document.querySelectorAll<HTMLElement>('.dup-groups > li')];
      const at = items.findIndex((li) => li.dataset.group === keyOf(group));
      const other = items[at + 1] ?? items[at - 1];
      focusSoon([() => other?.querySelector('button'), () => document.querySelector<HTMLElement>('.dup-close')]);
    }
  }

  return (
    <section className="card" role="dialog" aria-label="Duplicates">
      <header className="card-header">
        <h2>Duplicates</h2>
        <button type="button" className="secondary small dup-close" autoFocus onClick={onClose}>
          Close
        </button>
      </header>
      {groups === null ? <p className="muted">Looking…</p> : null}
      {groups?.length === 0 ? <p>No duplicates: no two contacts share a number or a name.</p> : null}
      <ul className="dup-groups">
        {groups?.map((g) => (
          <li key={keyOf(g)} data-group={keyOf(g)}>
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

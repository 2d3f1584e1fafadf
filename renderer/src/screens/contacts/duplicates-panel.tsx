import { useEffect } from 'react';
import { focusSoon } from '../../keyboard/focus';
import { closeDuplicates, mergeGroup, openDuplicates, useDuplicates, type DuplicateGroup } from '../../stores/duplicates-store';

const keyOf = (group: DuplicateGroup) => group.contacts.map((c) => c.id).join();

/** Groups of contacts that share a number (or a name), each mergeable in one step; the list follows main's changes. */
export function DuplicatesPanel({ onClose }: { onClose(): void }) {
  const { groups } = useDuplicates();
  useEffect(() => {
    openDuplicates();
    return closeDuplicates;
  }, []);

  async function merge(group: DuplicateGroup) {
    // its button goes with the group: on to the next group's (else the one before), or Close when none is left
    const items = [...document.querySelectorAll<HTMLElement>('.dup-groups > li')];
    const at = items.findIndex((li) => li.dataset.group === keyOf(group));
    const other = items[at + 1] ?? items[at - 1];
    if (await mergeGroup(group)) focusSoon([() => other?.querySelector('button'), () => document.querySelector<HTMLElement>('.dup-close')]);
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

import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';
import type { DuplicateChoice } from '../../stores/import-store';
type Duplicate = ImportStatus['possibleDuplicates'][number];

/**
 * Rows that may be someone already known (same name and company, same email, or a number shared
 * under another name): each with Merge / Keep both (keep both unless chosen), and one switch to
 * merge them all.
 */
export function ImportDuplicates(props: {
  list: Duplicate[];
  total: number;
  all: DuplicateChoice;
  choices: ReadonlyMap<number, DuplicateChoice>;
  onAll(choice: DuplicateChoice): void;
  onChoose(row: number, choice: DuplicateChoice): void;
}) {
  const { list, total, all, choices } = props;
  if (total === 0) return null;
  return (
    <section className="import-section import-dups" aria-labelledby="import-dups-title">
      <div className="import-section-head">
        <h3 id="import-dups-title">Possible duplicates ({total.toLocaleString()})</h3>
        <label className="inline">
          <input type="checkbox" checked={all === 'merge'} onChange={(e) => props.onAll(e.target.checked ? 'merge' : 'keep')} />
          Merge all possible duplicates
        </label>
      </div>
      {list.some((d) => d.reason === 'same number') ? (
        <p className="hint">
          A number shared under different names (a family landline, an office switchboard) is never merged unless you choose to; a merge
          keeps the other name in the contact’s notes.
        </p>
      ) : null}
      <ul className="import-list">
        {list.map((d) => {
          const choice = choices.get(d.row) ?? all;
          const name = `dup-${d.row}`;
          return (
            <li key={d.row} className="import-dup">
              <span>
                Row {d.row}: <strong>{d.name}</strong> — possible duplicate of <strong>{d.duplicateOf.name}</strong> ({d.reason})
              </span>
              <div className="segmented" role="radiogroup" aria-label={`${d.name}, row ${d.row}`}>
                {(['merge', 'keep'] as const).map((value) => (
                  <label key={value} className={choice === value ? 'selected' : undefined}>
                    <input
                      type="radio"
                      name={name}
                      value={value}
                      checked={choice === value}
                      onChange={() => props.onChoose(d.row, value)}
                    />
                    {value === 'merge' ? 'Merge' : 'Keep both'}
                  </label>
                ))}
              </div>
            </li>
          );
        })}
      </ul>
      {total > list.length ? (
        <p className="hint">The first {list.length.toLocaleString()} are listed; the others follow “Merge all possible duplicates”.</p>
      ) : null}
    </section>
  );
}

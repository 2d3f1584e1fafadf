import type { PreviewRow } from '../../../../shared/contacts/contacts-contract';

/** The preview's rows: what happens to each (add, merge, skip) and why. `merges`: the user chose to merge this possible duplicate. */
export function ImportPreviewTable({ rows, merges }: { rows: PreviewRow[]; merges(row: number): boolean }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Import preview rows">
      <table className="preview-table" aria-label="Import preview">
        <thead>
          <tr>
            <th>Row</th>
            <th>Action</th>
            <th>Name</th>
            <th>Numbers</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const merging = r.kind === 'merge' || (r.possibleDuplicate !== undefined && merges(r.row));
            const into = r.mergeInto ?? (merging ? r.possibleDuplicate?.name : undefined);
            const notes = [
              r.reason,
              into ? `into ${into}` : null,
              r.possibleDuplicate && !merging ? `possible duplicate of ${r.possibleDuplicate.name} (${r.possibleDuplicate.reason})` : null,
              ...r.warnings,
            ];
            return (
              <tr key={r.row} className={`kind-${merging ? 'merge' : r.kind}`}>
                <td>{r.row}</td>
                <td>{r.kind === 'skip' ? 'Skip' : merging ? 'Merge' : 'Add'}</td>
                <td>{r.name}</td>
                <td>{r.numbers.join(', ')}</td>
                <td>{notes.filter(Boolean).join(' · ')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';
import type { ImportOptions } from '../../../../shared/contacts/import/import-contract';
import type { FocusTarget } from '../../keyboard/focus';
import { chooseAllDuplicates, chooseDuplicate, editMapping, useImport } from '../../stores/import-store';
import { ImportCountrySummary } from './import-country-summary';
import { ImportDuplicates } from './import-duplicates';
import { ImportMapping } from './import-mapping';
import { ImportPreviewTable } from './import-preview-table';

interface Props {
  /** the preview on screen: the job's, or the last ready one while a re-plan works */
  view: ImportStatus;
  /** the same file with other options; focus goes to `then` once the new preview is in */
  onReplan(changes: ImportOptions, then?: FocusTarget): void;
  onCommit(): void;
  onCancel(): void;
}

const without = (list: string[], code: string) => list.filter((c) => c !== code);
const groupButton = (code: string) => () => document.getElementById(`import-country-${code}`)?.querySelector('button');

/** A planned import: column mapping, what will happen to each row, fixes for numbers and duplicates, and Import. */
export function ImportPreview({ view, onReplan, onCommit, onCancel }: Props) {
  const { status, mapping, allDuplicates, choices, replanning } = useImport();
  const ready = view.phase === 'ready';
  const importable = view.counts.new + view.counts.merge;
  const possible = view.counts.possibleDuplicates;
  return (
    <>
      {ready && view.headers.length > 0 && (view.format === 'generic' || mapping) ? (
        <ImportMapping
          headers={view.headers}
          sample={view.sample}
          mapping={mapping ?? view.mapping}
          onChange={editMapping}
          canApply={Boolean(mapping)}
          onApply={() => mapping && onReplan({ mapping })}
        />
      ) : null}
      {ready && view.headers.length > 0 && view.format !== 'generic' && !mapping ? (
        <button type="button" className="secondary small" onClick={() => editMapping(view.mapping)}>
          Check the columns
        </button>
      ) : null}
      {ready || view.phase === 'done' ? (
        <>
          <p role="status" className="import-summary">
            {status?.phase === 'done' && status.result
              ? `Imported: ${status.result.added} added, ${status.result.merged} merged into existing contacts, ${status.result.skipped} skipped.`
              : `${view.counts.new} new · ${view.counts.merge} merged into existing contacts · ${view.counts.skip} skipped · ${view.counts.warnings} with a number to check` +
                (possible ? ` · ${possible} possible duplicate${possible === 1 ? '' : 's'}` : '')}
          </p>
          {view.error ? <p className="hint hint-warning">{view.error}</p> : null}
          {ready ? (
            <>
              <ImportCountrySummary
                groups={view.countrySummary}
                home={view.country}
                onFix={(c) => onReplan({ reinterpret: [...without(view.reinterpret, c), c] }, groupButton(c))}
                onKeepHome={(c) => onReplan({ keepHome: [...without(view.keepHome, c), c] }, groupButton(c))}
                onUndo={(c) => onReplan({ reinterpret: without(view.reinterpret, c), keepHome: without(view.keepHome, c) }, groupButton(c))}
              />
              <ImportDuplicates
                list={view.possibleDuplicates}
                total={possible}
                all={allDuplicates}
                choices={choices}
                onAll={chooseAllDuplicates}
                onChoose={chooseDuplicate}
              />
            </>
          ) : null}
          <ImportPreviewTable rows={view.rows} merges={(row) => (choices.get(row) ?? allDuplicates) === 'merge'} />
          {ready ? (
            <div className="form-actions">
              <button
                type="button"
                className="primary"
                disabled={importable === 0 || status?.phase === 'planning' || replanning}
                onClick={onCommit}
              >
                Import {importable.toLocaleString()} contact{importable === 1 ? '' : 's'}
              </button>
              <button type="button" className="secondary" onClick={onCancel}>
                Cancel
              </button>
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

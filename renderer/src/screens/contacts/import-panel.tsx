import { useEffect, useRef, useState } from 'react';
import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';
import type { ImportOptions } from '../../../../shared/contacts/import/import-contract';
import type { ColumnMapping } from '../../../../shared/contacts/import/column-mapping';
import { regionName } from '../../../../shared/phone';
import type { Result } from '../../../../shared/result';
import { api } from '../../api';
import { CountrySelect } from '../../components/country-select';
import { focusSoon } from '../../keyboard/focus';
import { readAsBase64 } from './file-base64';
import { ImportCountrySummary } from './import-country-summary';
import { ImportDuplicates, type DuplicateChoice } from './import-duplicates';
import { ImportMapping } from './import-mapping';

const FORMAT: Record<ImportStatus['format'], string> = {
  google: 'Google Contacts CSV',
  outlook: 'Outlook CSV',
  feather: 'Feather Launcher CSV',
  generic: 'CSV — check the columns',
  vcard: 'vCard',
};

/**
 * Import: choose a file → preview (column mapping, encoding, country, numbers from other
 * countries, possible duplicates) → confirm. Nothing is written before "Import". Every change of
 * encoding, country or mapping re-plans the same file in main; the last preview stays on screen
 * (and keeps focus) until the new one is ready.
 */
export function ImportPanel({ onDone, onClose }: { onDone(): void; onClose(): void }) {
  const [country, setCountry] = useState<string | null>(null);
  const [status, setStatus] = useState<ImportStatus | null>(null);
  /** a re-plan was asked for and its preview is not in yet: fixes and Import wait */
  const [replanning, setReplanning] = useState(false);
  /** the last preview that was ready: shown while a re-plan runs */
  const [shown, setShown] = useState<ImportStatus | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [allDuplicates, setAllDuplicates] = useState<DuplicateChoice>('keep');
  const [choices, setChoices] = useState<ReadonlyMap<number, DuplicateChoice>>(new Map());
  const timer = useRef<number | undefined>(undefined);
  const job = useRef<string | null>(null);
  /** what to focus once the re-plan under way is ready (the control that started it went away) */
  const focusAfter = useRef<(() => HTMLElement | null | undefined) | null>(null);
  const panel = useRef<HTMLElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => () => window.clearTimeout(timer.current), []);
  useEffect(() => {
    // numbers without a country code are read in the app's default country unless chosen here
    void api()
      .app.status({})
      .then((r) => r.ok && setCountry((c) => c ?? r.value.defaultCountry));
  }, []);

  function poll(jobId: string) {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void pollOnce(jobId), 80);
  }

  async function pollOnce(jobId: string) {
    const result = await api().contacts.importStatus({ jobId });
    if (job.current !== jobId) return; // a newer preview replaced this one
    if (!result.ok) return setError(result.error.message);
    const next = result.value;
    setStatus(next);
    if (next.phase !== 'planning') setReplanning(false);
    if (next.phase === 'planning' || next.phase === 'importing') return poll(jobId);
    if (next.phase === 'ready' || next.phase === 'done') setShown(next);
    else setShown(null);
    if (next.phase === 'done') {
      onDone();
      // the result is read out (role=status); Close is the next step, unless the user went elsewhere meanwhile
      if (document.activeElement === document.body || document.activeElement === panel.current) focusSoon(() => closeButton.current);
    } else if (focusAfter.current) {
      focusSoon(focusAfter.current, { fallback: () => panel.current });
      focusAfter.current = null;
    }
  }

  function follow(result: Result<{ jobId: string }>) {
    if (!result.ok) return setError(result.error.message);
    job.current = result.value.jobId;
    poll(result.value.jobId);
  }

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    if (!chosen) return;
    job.current = null;
    setReplanning(false);
    setStatus(null);
    setShown(null);
    setMapping(null);
    setError(null);
    setAllDuplicates('keep');
    setChoices(new Map());
    try {
      const bytes = await readAsBase64(chosen);
      follow(await api().contacts.importPreview({ fileName: chosen.name, bytes, ...(country ? { country } : {}) }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  /** The same file again with other options (main keeps it); the current preview stays until the new one is ready. */
  async function replan(changes: ImportOptions, then?: () => HTMLElement | null | undefined) {
    const current = status;
    // one re-plan at a time: a second fix built on the preview being replaced would undo the first
    if (!current || replanning) return;
    setReplanning(true);
    setError(null);
    focusAfter.current = then ?? null;
    const result = await api().contacts.importReplan({ jobId: job.current ?? current.jobId, ...changes });
    if (!result.ok) setReplanning(false);
    follow(result);
  }

  function changeCountry(code: string) {
    setCountry(code);
    if (status) void replan({ country: code });
  }

  const groupButton = (code: string) => () => document.getElementById(`import-country-${code}`)?.querySelector('button');
  const without = (list: string[], code: string) => list.filter((c) => c !== code);

  async function commit() {
    if (!status || replanning) return;
    const rows = [...choices].filter(([, c]) => c !== allDuplicates).map(([row, choice]) => ({ row, choice }));
    const result = await api().contacts.importCommit({ jobId: job.current ?? status.jobId, duplicates: { all: allDuplicates, rows } });
    if (!result.ok) return setError(result.error.message);
    setStatus(result.value);
    poll(status.jobId);
    focusSoon(() => panel.current); // the Import button goes away; not Cancel, where a second Enter would stop the import
  }

  async function cancel() {
    if (status && (status.phase === 'planning' || status.phase === 'ready' || status.phase === 'importing'))
      await api().contacts.importCancel({ jobId: status.jobId });
    onClose();
  }

  const importing = status?.phase === 'importing';
  const planning = status?.phase === 'planning';
  const view = planning ? shown : status;
  const currentMapping = mapping ?? view?.mapping ?? [];
  const importable = view ? view.counts.new + view.counts.merge : 0;
  const encoding = status?.encoding ?? shown?.encoding ?? null;
  const readAs = status?.country ?? country;
  const choiceOf = (row: number) => choices.get(row) ?? allDuplicates;

  return (
    <section
      ref={panel}
      tabIndex={-1}
      className="card import-panel"
      role="dialog"
      aria-label="Import contacts"
      onKeyDown={(e) => e.key === 'Escape' && void cancel()}
    >
      <header className="card-header">
        <h2>Import contacts</h2>
        <button ref={closeButton} type="button" className="secondary small" onClick={() => void cancel()}>
          {status?.phase === 'done' ? 'Close' : 'Cancel'}
        </button>
      </header>
      <div className="import-options">
        <div className="field">
          <label htmlFor="import-file">CSV or vCard file</label>
          <input
            id="import-file"
            autoFocus
            type="file"
            accept=".csv,.vcf,.vcard,text/csv,text/vcard"
            disabled={importing}
            onChange={(e) => void choose(e.currentTarget)}
          />
        </div>
        <div className="field">
          <label htmlFor="import-country">Numbers without a country code read as</label>
          {country ? (
            <CountrySelect id="import-country" value={country} onChange={changeCountry} />
          ) : (
            <select id="import-country" disabled aria-busy="true" />
          )}
        </div>
        {encoding ? (
          <div className="field">
            <label htmlFor="import-encoding">Encoding</label>
            <select
              id="import-encoding"
              value={encoding.id}
              aria-describedby="import-encoding-source"
              onChange={(e) => void replan({ encoding: e.target.value })}
            >
              {(encoding.choices.some((c) => c.id === encoding.id)
                ? encoding.choices
                : [{ id: encoding.id, label: encoding.label }, ...encoding.choices]
              ).map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                  {c.id === encoding.detectedId ? ' — detected' : ''}
                </option>
              ))}
            </select>
            <span id="import-encoding-source" className="hint">
              {encoding.detected
                ? 'Detected from the file'
                : `Chosen by you (the file looks like ${encoding.choices.find((c) => c.id === encoding.detectedId)?.label ?? encoding.detectedId})`}
            </span>
          </div>
        ) : null}
      </div>
      <p className="hint">
        Google Contacts and Outlook exports are recognised; any other CSV gets a column mapping step. Nothing is saved until you press
        Import.
      </p>
      {error ? (
        <p className="card-error" role="alert">
          {error}
        </p>
      ) : null}
      {status ? (
        <>
          <p className="import-file-line">
            <strong>{status.fileName}</strong> · {FORMAT[view?.format ?? status.format]}
            {encoding ? ` · Encoding: ${encoding.label.replace(/ \(.*\)$/, '')} (${encoding.detected ? 'detected' : 'chosen'})` : ''}
            {readAs ? ` · Numbers without a country code read as: ${regionName(readAs)}` : ''}
          </p>
          {encoding?.warning && status.phase !== 'failed' ? <p className="hint hint-warning">{encoding.warning}</p> : null}
          {planning || importing ? (
            <div className="progress">
              <progress aria-label={importing ? 'Importing' : 'Reading file'} max={Math.max(status.total, 1)} value={status.processed} />
              <span className="muted">
                {importing ? 'Importing' : 'Reading'} {status.processed.toLocaleString()} of {status.total.toLocaleString()}
              </span>
            </div>
          ) : null}
          {status.phase === 'failed' ? (
            <p className="card-error" role="alert">
              {status.error}
            </p>
          ) : null}
          {view && view.headers.length > 0 && (view.format === 'generic' || mapping) && view.phase === 'ready' ? (
            <ImportMapping
              headers={view.headers}
              sample={view.sample}
              mapping={currentMapping}
              onChange={setMapping}
              canApply={Boolean(mapping)}
              onApply={() => mapping && void replan({ mapping })}
            />
          ) : null}
          {view && view.headers.length > 0 && view.format !== 'generic' && !mapping && view.phase === 'ready' ? (
            <button type="button" className="secondary small" onClick={() => setMapping(view.mapping)}>
              Check the columns
            </button>
          ) : null}
          {view && (view.phase === 'ready' || view.phase === 'done') ? (
            <>
              <p role="status" className="import-summary">
                {status.phase === 'done' && status.result
                  ? `Imported: ${status.result.added} added, ${status.result.merged} merged into existing contacts, ${status.result.skipped} skipped.`
                  : `${view.counts.new} new · ${view.counts.merge} merged into existing contacts · ${view.counts.skip} skipped · ${view.counts.warnings} with a number to check` +
                    (view.counts.possibleDuplicates
                      ? ` · ${view.counts.possibleDuplicates} possible duplicate${view.counts.possibleDuplicates === 1 ? '' : 's'}`
                      : '')}
              </p>
              {view.error ? <p className="hint hint-warning">{view.error}</p> : null}
              {view.phase === 'ready' ? (
                <>
                  <ImportCountrySummary
                    groups={view.countrySummary}
                    home={view.country}
                    onFix={(c) => void replan({ reinterpret: [...without(view.reinterpret, c), c] }, groupButton(c))}
                    onKeepHome={(c) => void replan({ keepHome: [...without(view.keepHome, c), c] }, groupButton(c))}
                    onUndo={(c) =>
                      void replan({ reinterpret: without(view.reinterpret, c), keepHome: without(view.keepHome, c) }, groupButton(c))
                    }
                  />
                  <ImportDuplicates
                    list={view.possibleDuplicates}
                    total={view.counts.possibleDuplicates}
                    all={allDuplicates}
                    choices={choices}
                    onAll={(c) => (setAllDuplicates(c), setChoices(new Map()))}
                    onChoose={(row, c) => setChoices((m) => new Map(m).set(row, c))}
                  />
                </>
              ) : null}
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
                    {view.rows.map((r) => {
                      const merging = r.kind === 'merge' || (r.possibleDuplicate !== undefined && choiceOf(r.row) === 'merge');
                      const into = r.mergeInto ?? (merging ? r.possibleDuplicate?.name : undefined);
                      return (
                        <tr key={r.row} className={`kind-${merging ? 'merge' : r.kind}`}>
                          <td>{r.row}</td>
                          <td>{r.kind === 'skip' ? 'Skip' : merging ? 'Merge' : 'Add'}</td>
                          <td>{r.name}</td>
                          <td>{r.numbers.join(', ')}</td>
                          <td>
                            {[
                              r.reason,
                              into ? `into ${into}` : null,
                              r.possibleDuplicate && !merging
                                ? `possible duplicate of ${r.possibleDuplicate.name} (${r.possibleDuplicate.reason})`
                                : null,
                              ...r.warnings,
                            ]
                              .filter(Boolean)
                              .join(' · ')}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              {view.phase === 'ready' ? (
                <div className="form-actions">
                  <button
                    type="button"
                    className="primary"
                    disabled={importable === 0 || planning || replanning}
                    onClick={() => void commit()}
                  >
                    Import {importable.toLocaleString()} contact{importable === 1 ? '' : 's'}
                  </button>
                  <button type="button" className="secondary" onClick={() => void cancel()}>
                    Cancel
                  </button>
                </div>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

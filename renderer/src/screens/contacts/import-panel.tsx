import { useEffect, useRef, useState } from 'react';
import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';
import type { ColumnMapping, MappingTarget } from '../../../../shared/contacts/import/csv-import';
import { api } from '../../api';
import { focusSoon } from '../../keyboard/focus';

const TARGETS: Array<[MappingTarget, string]> = [
  ['ignore', 'Ignore'],
  ['displayName', 'Full name'],
  ['firstName', 'First name'],
  ['middleName', 'Middle name'],
  ['lastName', 'Last name'],
  ['company', 'Company'],
  ['title', 'Job title'],
  ['phone', 'Phone number'],
  ['email', 'Email'],
  ['tags', 'Tags'],
  ['notes', 'Notes'],
  ['timeZone', 'Time zone'],
];
const FORMAT: Record<ImportStatus['format'], string> = {
  google: 'Google Contacts CSV',
  outlook: 'Outlook CSV',
  feather: 'Feather Launcher CSV',
  generic: 'CSV — check the columns',
  vcard: 'vCard',
};

/** Import: choose a file → preview (and column mapping) → confirm. Nothing is written before "Import". */
export function ImportPanel({ onDone, onClose }: { onDone(): void; onClose(): void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [status, setStatus] = useState<ImportStatus | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const panel = useRef<HTMLElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function poll(jobId: string) {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void pollOnce(jobId), 80);
  }

  async function pollOnce(jobId: string) {
    const result = await api().contacts.importStatus({ jobId });
    if (!result.ok) return setError(result.error.message);
    setStatus(result.value);
    if (result.value.phase === 'planning' || result.value.phase === 'importing') poll(jobId);
    else if (result.value.phase === 'done') {
      onDone();
      // the result is read out (role=status); Close is the next step, unless the user went elsewhere meanwhile
      if (document.activeElement === document.body || document.activeElement === panel.current) focusSoon(() => closeButton.current);
    }
  }

  async function preview(name: string, text: string, map?: ColumnMapping) {
    setError(null);
    const result = await api().contacts.importPreview({ fileName: name, text, ...(map ? { mapping: map } : {}) });
    if (!result.ok) return setError(result.error.message);
    poll(result.value.jobId);
  }

  async function choose(input: HTMLInputElement) {
    const chosen = input.files?.[0];
    if (!chosen) return;
    setStatus(null);
    setMapping(null);
    const text = await chosen.text();
    setFile({ name: chosen.name, text });
    await preview(chosen.name, text);
  }

  async function commit() {
    if (!status) return;
    const result = await api().contacts.importCommit({ jobId: status.jobId });
    if (!result.ok) return setError(result.error.message);
    setStatus(result.value);
    poll(status.jobId);
    focusSoon(() => panel.current); // the Import button goes away; not Cancel, where a second Enter would stop the import
  }

  async function cancel() {
    if (status && (status.phase === 'planning' || status.phase === 'ready' || status.phase === 'importing')) await api().contacts.importCancel({ jobId: status.jobId });
    onClose();
  }

  const busy = status?.phase === 'planning' || status?.phase === 'importing';
  const currentMapping = mapping ?? status?.mapping ?? [];
  const importable = status ? status.counts.new + status.counts.merge : 0;

  return (
    <section ref={panel} tabIndex={-1} className="card import-panel" role="dialog" aria-label="Import contacts" onKeyDown={(e) => e.key === 'Escape' && void cancel()}>
      <header className="card-header">
        <h2>Import contacts</h2>
        <button ref={closeButton} type="button" className="secondary small" onClick={() => void cancel()}>
          {status?.phase === 'done' ? 'Close' : 'Cancel'}
        </button>
      </header>
      <div className="field">
        <label htmlFor="import-file">CSV or vCard file</label>
        <input id="import-file" autoFocus type="file" accept=".csv,.vcf,.vcard,text/csv,text/vcard" disabled={busy} onChange={(e) => void choose(e.currentTarget)} />
        <p className="hint">Google Contacts and Outlook exports are recognised; any other CSV gets a column mapping step. Nothing is saved until you press Import.</p>
      </div>
      {error ? (
        <p className="card-error" role="alert">
          {error}
        </p>
      ) : null}
      {status ? (
        <>
          <p>
            <strong>{status.fileName}</strong> · {FORMAT[status.format]}
          </p>
          {busy ? (
            <div className="progress">
              <progress aria-label={status.phase === 'importing' ? 'Importing' : 'Reading file'} max={Math.max(status.total, 1)} value={status.processed} />
              <span className="muted">
                {status.phase === 'importing' ? 'Importing' : 'Reading'} {status.processed.toLocaleString()} of {status.total.toLocaleString()}
              </span>
            </div>
          ) : null}
          {status.phase === 'failed' ? (
            <p className="card-error" role="alert">
              {status.error}
            </p>
          ) : null}
          {status.headers.length > 0 && (status.format === 'generic' || mapping) && status.phase === 'ready' ? (
            <fieldset>
              <legend>Columns</legend>
              <table className="mapping">
                <thead>
                  <tr>
                    <th>Column</th>
                    <th>Example</th>
                    <th>Import as</th>
                  </tr>
                </thead>
                <tbody>
                  {status.headers.map((h, i) => (
                    <tr key={i}>
                      <td>{h}</td>
                      <td className="muted">{status.sample[0]?.[i] ?? ''}</td>
                      <td>
                        <select
                          aria-label={`Import column ${h} as`}
                          value={currentMapping[i]?.target ?? 'ignore'}
                          onChange={(e) => setMapping(currentMapping.map((m, j) => (j === i ? { target: e.target.value as MappingTarget, ...(e.target.value === 'phone' ? { label: m.label ?? 'other' } : {}) } : m)))}
                        >
                          {TARGETS.map(([value, label]) => (
                            <option key={value} value={value}>
                              {label}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <button type="button" className="secondary small" disabled={!mapping || !file} onClick={() => file && mapping && void preview(file.name, file.text, mapping)}>
                Update preview
              </button>
            </fieldset>
          ) : null}
          {status.phase === 'ready' || status.phase === 'done' ? (
            <>
              <p role="status" className="import-summary">
                {status.phase === 'done' && status.result
                  ? `Imported: ${status.result.added} added, ${status.result.merged} merged into existing contacts, ${status.result.skipped} skipped.`
                  : `${status.counts.new} new · ${status.counts.merge} merged into existing contacts · ${status.counts.skip} skipped · ${status.counts.warnings} with a number to check`}
              </p>
              {status.error ? <p className="hint hint-warning">{status.error}</p> : null}
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
                    {status.rows.map((r) => (
                      <tr key={r.row} className={`kind-${r.kind}`}>
                        <td>{r.row}</td>
                        <td>{r.kind === 'new' ? 'Add' : r.kind === 'merge' ? 'Merge' : 'Skip'}</td>
                        <td>{r.name}</td>
                        <td>{r.numbers.join(', ')}</td>
                        <td>{[r.reason, r.mergeInto ? `into ${r.mergeInto}` : null, ...r.warnings].filter(Boolean).join(' · ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {status.phase === 'ready' ? (
                <div className="form-actions">
                  <button type="button" className="primary" disabled={importable === 0} onClick={() => void commit()}>
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

import { useEffect, useRef } from 'react';
import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';
import type { ImportOptions } from '../../../../shared/contacts/import/import-contract';
import { MAX_IMPORT_BYTES, tooLargeMessage } from '../../../../shared/contacts/import/import-limits';
import { regionName } from '../../../../shared/country-words';
import { CountrySelect } from '../../components/country-select';
import { focusSoon, type FocusTarget } from '../../keyboard/focus';
import {
  cancelImport,
  chooseCountry,
  chooseFile,
  commitImport,
  countryOf,
  importStore,
  replan,
  resetImport,
  useImport,
} from '../../stores/import-store';
import { useStatus } from '../../stores/status-store';
import { ImportEncoding } from './import-encoding';
import { ImportPreview } from './import-preview';

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
 * (and keeps focus) until the new one is ready. Progress arrives from main as events (import store).
 * `onClose(imported)`: whether an import was done, so focus goes to the list that now holds it.
 */
export function ImportPanel({ onClose }: { onClose(imported: boolean): void }) {
  const state = useImport();
  useStatus(); // the app's default country, until one is chosen here
  const { status, shown, error } = state;
  /** what to focus once the re-plan under way is ready (the control that started it went away) */
  const focusAfter = useRef<FocusTarget | null>(null);
  const panel = useRef<HTMLElement>(null);
  const closeButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    resetImport();
    return resetImport;
  }, []);
  useEffect(() => {
    if (!status || status.phase === 'planning' || status.phase === 'importing') return;
    const at = document.activeElement;
    // the result is read out (role=status); Close is the next step, unless the user went elsewhere meanwhile
    if (status.phase === 'done') {
      if (at === document.body || at === panel.current) focusSoon(() => closeButton.current);
    } else if (focusAfter.current) {
      focusSoon(focusAfter.current, { fallback: () => panel.current });
      focusAfter.current = null;
    }
  }, [status]);

  const onReplan = (changes: ImportOptions, then?: FocusTarget) => {
    if (replan(changes)) focusAfter.current = then ?? null;
  };
  async function commit() {
    // the Import button goes away: the panel (not Cancel, where a second Enter would stop the import)
    if ((await commitImport()) && importStore.get().status?.phase === 'importing') focusSoon(() => panel.current);
  }
  async function cancel() {
    const imported = importStore.get().status?.phase === 'done';
    await cancelImport();
    onClose(imported);
  }

  const importing = status?.phase === 'importing';
  const planning = status?.phase === 'planning';
  const view = planning ? shown : status;
  const country = countryOf(state);
  const readAs = status?.country ?? country;
  const encoding = status?.encoding ?? shown?.encoding ?? null;
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
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              // main reads it; one past main's size limit (the same rule, from shared/) is refused at once, never sent
              if (file) void chooseFile(file, file.size > MAX_IMPORT_BYTES ? tooLargeMessage(file.size, MAX_IMPORT_BYTES) : null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="import-country">Numbers without a country code read as</label>
          {country ? (
            <CountrySelect id="import-country" value={country} onChange={chooseCountry} />
          ) : (
            <select id="import-country" disabled aria-busy="true" />
          )}
        </div>
        {encoding ? <ImportEncoding encoding={encoding} onChange={(id) => onReplan({ encoding: id })} /> : null}
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
          {view ? <ImportPreview view={view} onReplan={onReplan} onCommit={() => void commit()} onCancel={() => void cancel()} /> : null}
        </>
      ) : null}
    </section>
  );
}

import { useState } from 'react';
import { directoryStore, useDirectoryState } from '../stores/directory-store';
import type { Directory, DirectoryEntry, ProfileView } from '../../../shared/contract';
import { api } from '../api';
import { FieldError } from '../components/field-error';
import { focusSoon } from '../keyboard/focus';

/**
 * What the connected Feather server is: the API version detected for it, and its numbers —
 * which Feather gives no names, so people name them here (kept per connection, on this computer).
 */
export function OrganisationPanel({ profile }: { profile: ProfileView }) {
  // The window's one directory store: loaded once per connection, refreshed once, kept by events.
  const state = useDirectoryState();
  const directory = state.profileId === profile.id ? state.directory : null;
  const refreshing = state.refreshing;
  const setDirectory = (next: Directory) => directoryStore.set((s) => (s.profileId === profile.id ? { ...s, directory: next } : s));

  if (!profile.hasKey) return null;
  const version = directory?.apiVersion ?? null;
  const numbers = directory?.phoneNumbers ?? [];
  return (
    <section className="card" aria-labelledby="organisation-heading">
      <header className="card-header">
        <h2 id="organisation-heading">Feather server</h2>
        <span className="muted" aria-live="polite">
          {refreshing ? 'Checking…' : null}
        </span>
      </header>
      <dl className="card-facts">
        <dt>API</dt>
        <dd data-testid="api-version">
          {version ? (
            <>
              <strong>Feather API {version}</strong>{' '}
              <span className="muted">
                {version === '1.90'
                  ? '(detected: /v1/assistants) — calls queue for calling hours; “Call now” dials at once'
                  : '(detected: /v1/agents) — calls dial at once'}
              </span>
            </>
          ) : (
            <span className="muted">{refreshing ? 'detecting…' : (directory?.refreshError ?? 'not detected yet')}</span>
          )}
        </dd>
      </dl>
      {numbers.length > 0 ? <NumberNames numbers={numbers} directory={directory!} onChange={setDirectory} /> : null}
    </section>
  );
}

function NumberNames({ numbers, directory, onChange }: { numbers: DirectoryEntry[]; directory: Directory; onChange(d: Directory): void }) {
  return (
    <div className="number-names">
      <h3 id="numbers-heading">Your numbers</h3>
      <p className="hint">
        Feather does not name numbers. Name them here to recognise them in the From number picker; names stay on this computer, for this
        connection.
      </p>
      <table aria-labelledby="numbers-heading">
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Name</th>
            <th scope="col">Can</th>
            <th scope="col">Outbound bindings</th>
          </tr>
        </thead>
        <tbody>
          {numbers.map((n) => (
            <NumberRow key={`${n.id}|${n.localName ?? n.label}`} entry={n} bindings={directory.bindings[n.id]} onChange={onChange} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NumberRow({
  entry,
  bindings,
  onChange,
}: {
  entry: DirectoryEntry;
  bindings: Directory['bindings'][string] | undefined;
  onChange(d: Directory): void;
}) {
  const saved = entry.manual ? entry.label : (entry.localName ?? '');
  const [name, setName] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const shown = entry.e164 ?? entry.label;
  const save = async () => {
    if (name.trim() === saved) return;
    setBusy(true);
    const r = await api().directory.nameNumber({ id: entry.id, name });
    setBusy(false);
    if (r.ok) {
      setError(null);
      onChange(r.value);
    } else setError(Object.values(r.error.fields ?? {})[0] ?? r.error.message);
    // The row is drawn again with the saved name (and Save name is disabled): focus stays on this number's name.
    focusSoon(() => document.getElementById(inputId));
  };
  const inputId = `number-name-${entry.id}`;
  const count = bindings ? bindings.agentIds.length + bindings.teamIds.length : null;
  return (
    <tr>
      <td>
        <code>{shown}</code>
        {entry.manual ? <span className="muted"> (saved by hand)</span> : null}
      </td>
      <td>
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input
            id={inputId}
            aria-label={`Name for ${shown}`}
            placeholder="e.g. London office"
            value={name}
            maxLength={80}
            onChange={(e) => setName(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${inputId}-error` : undefined}
          />
          <button type="submit" className="secondary small" disabled={busy || name.trim() === saved}>
            Save name
          </button>
        </form>
        <FieldError id={`${inputId}-error`} message={error ?? undefined} />
      </td>
      <td>
        {entry.capabilities?.length ? (
          `${entry.capabilities.join(', ')} · ${entry.status ?? 'active'}`
        ) : (
          <span className="muted">unknown</span>
        )}
      </td>
      <td>
        {count === null ? (
          <span className="muted">not known</span>
        ) : count === 0 ? (
          <span className="warning-text">none — cannot place calls</span>
        ) : (
          `${count} (${bindings!.agentIds.length} agent${bindings!.agentIds.length === 1 ? '' : 's'}, ${bindings!.teamIds.length} team${bindings!.teamIds.length === 1 ? '' : 's'})`
        )}
      </td>
    </tr>
  );
}

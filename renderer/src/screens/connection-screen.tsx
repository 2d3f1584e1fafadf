import { useState } from 'react';
import type { AppStatus, ProfileKind, ProfileView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api } from '../api';
import { FieldError, FormError } from '../components/field-error';
import { OrganisationPanel } from './organisation-panel';

interface Props {
  status: AppStatus;
  onStatus(status: AppStatus): void;
  onDone(): void;
}

const CHOICES: Array<{ kind: ProfileKind; title: string; text: string }> = [
  { kind: 'simulator', title: 'Simulator', text: 'Built in. No account, no real calls — try every screen safely.' },
  { kind: 'sandbox', title: 'Feather Sandbox', text: 'https://api-sandbox.featherhq.com with your sandbox key.' },
  { kind: 'custom', title: 'Custom server', text: 'The production server Feather gave your company (https). Real calls.' },
];

export function ConnectionScreen({ status, onStatus, onDone }: Props) {
  const active = status.activeProfile;
  const [choice, setChoice] = useState<ProfileKind>(active.kind);
  const [baseUrl, setBaseUrl] = useState(active.kind === 'custom' ? active.baseUrl : '');
  const [profileName, setProfileName] = useState('');
  const [confirmRemove, setConfirmRemove] = useState(false);
  const customs = status.profiles.filter((p) => p.kind === 'custom');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<{ ok: true; value: AppStatus } | { ok: false; error: AppError }>) {
    setBusy(true);
    setError(null);
    try {
      const result = await action();
      if (result.ok) onStatus(result.value);
      else setError(result.error);
      return result.ok;
    } finally {
      setBusy(false);
    }
  }

  const choose = (kind: ProfileKind) => {
    setChoice(kind);
    setError(null);
    if (kind !== 'custom') void run(() => api().connection.use({ kind }));
  };

  return (
    <div className="connection">
      <section aria-labelledby="connect-to">
        <h1 id="connect-to">Connection</h1>
        <div className="choices" role="radiogroup" aria-label="Connect to">
          {CHOICES.map((c) => (
            <label key={c.kind} className={`choice${choice === c.kind ? ' selected' : ''} profile-${c.kind}`}>
              <input
                type="radio"
                name="profile"
                value={c.kind}
                checked={choice === c.kind}
                data-autofocus={choice === c.kind || undefined}
                onChange={() => choose(c.kind)}
              />
              <span className="choice-title">{c.title}</span>
              <span className="choice-text">{c.text}</span>
            </label>
          ))}
        </div>
        {choice === 'custom' ? (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              void run(() =>
                profileName.trim()
                  ? api().connection.addProfile({ name: profileName, baseUrl })
                  : api().connection.use({ kind: 'custom', baseUrl }),
              ).then((ok) => ok && setProfileName(''));
            }}
          >
            <div className="field">
              <label htmlFor="profile-name">Name (optional)</label>
              <input
                id="profile-name"
                placeholder="Production"
                value={profileName}
                onChange={(e) => setProfileName(e.target.value)}
                aria-invalid={error?.fields?.profileName ? true : undefined}
                aria-describedby={error?.fields?.profileName ? 'profileName-error' : undefined}
              />
              <FieldError id="profileName-error" message={error?.fields?.profileName} />
            </div>
            <div className="field grow">
              <label htmlFor="base-url">Base URL</label>
              <input
                id="base-url"
                type="url"
                spellCheck={false}
                placeholder="https://api.your-company.featherhq.com"
                value={baseUrl}
                onChange={(e) => setBaseUrl(e.target.value)}
                aria-invalid={error?.fields?.baseUrl ? true : undefined}
                aria-describedby={error?.fields?.baseUrl ? 'baseUrl-error' : undefined}
              />
              <FieldError id="baseUrl-error" message={error?.fields?.baseUrl} />
            </div>
            <button type="submit" className="secondary align-end" disabled={busy}>
              Use this server
            </button>
          </form>
        ) : null}
        {customs.length > 0 ? (
          <div className="saved-profiles">
            <h2>Your servers</h2>
            <div role="radiogroup" aria-label="Your servers" className="profile-list">
              {customs.map((p) => (
                <label key={p.id} className={`profile-option${p.id === active.id ? ' selected' : ''}`}>
                  <input
                    type="radio"
                    name="saved-profile"
                    checked={p.id === active.id}
                    onChange={() => {
                      setChoice('custom');
                      setConfirmRemove(false);
                      void run(() => api().connection.switchProfile({ profileId: p.id }));
                    }}
                  />
                  <span className="choice-title">{p.name}</span>
                  <span className="muted">
                    {p.baseUrl} · {p.hasKey ? `key ${p.keyHint}` : 'no key'}
                    {p.identity?.organizationName ? ` · ${p.identity.organizationName}` : ''}
                  </span>
                </label>
              ))}
            </div>
            {active.kind === 'custom' ? (
              confirmRemove ? (
                <p className="confirm" role="group" aria-label="Confirm connection removal">
                  Remove “{active.name}” and its key from this computer?
                  <button
                    type="button"
                    className="danger small"
                    onClick={() =>
                      void run(() => api().connection.removeProfile({ profileId: active.id })).then(
                        () => (setConfirmRemove(false), setChoice('simulator')),
                      )
                    }
                  >
                    Remove connection
                  </button>
                  <button type="button" className="secondary small" onClick={() => setConfirmRemove(false)}>
                    Keep it
                  </button>
                </p>
              ) : (
                <button type="button" className="secondary small" onClick={() => setConfirmRemove(true)}>
                  Remove “{active.name}”…
                </button>
              )
            ) : null}
          </div>
        ) : null}
      </section>

      {choice === active.kind ? (
        <ProfilePanel key={active.id} profile={active} busy={busy} error={error} run={run} onDone={onDone} />
      ) : null}
      {choice === active.kind ? <OrganisationPanel profile={active} /> : null}
      <FormError error={error} />
    </div>
  );
}

interface PanelProps {
  profile: ProfileView;
  busy: boolean;
  error: AppError | null;
  run(action: () => Promise<{ ok: true; value: AppStatus } | { ok: false; error: AppError }>): Promise<boolean>;
  onDone(): void;
}

function ProfilePanel({ profile, busy, error, run, onDone }: PanelProps) {
  const [apiKey, setApiKey] = useState('');
  const [replacing, setReplacing] = useState(!profile.hasKey);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const identity = profile.identity;

  return (
    <section className="card" aria-label={`${profile.name} connection`}>
      <header className="card-header">
        <h2>{profile.name}</h2>
        <span className="muted">{profile.baseUrl}</span>
      </header>
      {profile.kind === 'simulator' ? (
        <p>The simulator runs inside the app with demo data. Calls go nowhere; use it to learn the app or to demo it.</p>
      ) : null}
      {identity ? (
        <dl className="card-facts">
          <dt>Organisation</dt>
          <dd>{identity.organizationName ?? 'unknown'}</dd>
          <dt>Signed in as</dt>
          <dd>
            {identity.displayName ?? identity.email ?? 'unknown'}
            {identity.role ? ` (${identity.role})` : ''}
          </dd>
        </dl>
      ) : null}
      {profile.kind !== 'simulator' && profile.hasKey && !replacing ? (
        <div className="key-row">
          <span>
            API key <code aria-label="Saved key hint">{profile.keyHint}</code> <span className="muted">in the system keychain</span>
          </span>
          <div className="actions">
            <button type="button" className="secondary" disabled={busy} onClick={() => void run(() => api().connection.verify({}))}>
              Check connection
            </button>
            <button type="button" className="secondary" onClick={() => setReplacing(true)}>
              Replace key
            </button>
            {confirmRemove ? (
              <span className="confirm" role="group" aria-label="Confirm removal">
                Remove this key? You will need to paste it again.
                <button
                  type="button"
                  className="danger"
                  onClick={() => void run(() => api().connection.removeKey({ profileId: profile.id })).then(() => setConfirmRemove(false))}
                >
                  Remove key
                </button>
                <button type="button" className="secondary" onClick={() => setConfirmRemove(false)}>
                  Keep it
                </button>
              </span>
            ) : (
              <button type="button" className="secondary" onClick={() => setConfirmRemove(true)}>
                Remove key…
              </button>
            )}
          </div>
        </div>
      ) : null}
      {profile.kind !== 'simulator' && (replacing || !profile.hasKey) ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            void run(() => api().connection.saveKey({ profileId: profile.id, apiKey })).then((saved) => {
              if (saved) {
                setApiKey('');
                setReplacing(false);
              }
            });
          }}
        >
          <div className="field grow">
            <label htmlFor="api-key">API key</label>
            <input
              id="api-key"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="fth_live_…"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              aria-invalid={error?.fields?.apiKey ? true : undefined}
              aria-describedby={error?.fields?.apiKey ? 'apiKey-error' : 'apiKey-help'}
            />
            <p id="apiKey-help" className="hint">
              Verified with Feather before it is saved. Stored only in the system keychain.
            </p>
            <FieldError id="apiKey-error" message={error?.fields?.apiKey} />
          </div>
          <button type="submit" className="primary align-end" disabled={busy || !apiKey.trim()}>
            {busy ? 'Verifying…' : 'Verify and save'}
          </button>
          {profile.hasKey ? (
            <button type="button" className="secondary align-end" onClick={() => setReplacing(false)}>
              Cancel
            </button>
          ) : null}
        </form>
      ) : null}
      {profile.hasKey ? (
        <button type="button" className="link" onClick={onDone}>
          Go to Dial →
        </button>
      ) : null}
    </section>
  );
}

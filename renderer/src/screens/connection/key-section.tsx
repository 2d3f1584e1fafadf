import { useState } from 'react';
import type { ProfileView } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { FieldError } from '../../components/field-error';
import { focusSoon } from '../../keyboard/focus';
import { keyField, keyFieldId, stateLine, type Run } from './connection-shared';

interface Props {
  profile: ProfileView;
  /** the live connection: only its key can be checked again (verify works on the active profile) */
  isActive: boolean;
  busy: boolean;
  error: AppError | null;
  /** what was typed into the key field, kept by the screen so no preview or tab change loses it */
  draft: string;
  onDraft(draft: string): void;
  replacing: boolean;
  onReplacing(replacing: boolean): void;
  run: Run;
  announce(notice: string): void;
}

/** A connection's API key: its hint and actions, or the field to paste one. Focus never falls to <body> here. */
export function KeySection({ profile, isActive, busy, error, draft, onDraft, replacing, onReplacing, run, announce }: Props) {
  const [confirmRemove, setConfirmRemove] = useState(false);
  const byId = (id: string) => () => document.getElementById(id);

  const save = async () => {
    const next = await run(() => api().connection.saveKey({ profileId: profile.id, apiKey: draft }));
    if (next) {
      onDraft('');
      onReplacing(false);
      announce('Key verified and saved in the system keychain.');
      focusSoon(stateLine(profile.id));
    } else focusSoon(keyField(profile.id));
  };
  const removeKey = async () => {
    const next = await run(() => api().connection.removeKey({ profileId: profile.id }));
    setConfirmRemove(false);
    if (next) announce('Key removed from this computer.');
    focusSoon([stateLine(profile.id), keyField(profile.id)]);
  };

  if (profile.kind === 'simulator') return null;
  if (profile.hasKey && !replacing) {
    return (
      <div className="key-row">
        <span>
          API key <code aria-label="Saved key hint">{profile.keyHint}</code> <span className="muted">in the system keychain</span>
        </span>
        <div className="actions">
          {isActive ? (
            <button
              type="button"
              className="secondary"
              aria-disabled={busy || undefined}
              onClick={() => void run(() => api().connection.verify({})).then((next) => next && announce('Feather accepted the key.'))}
            >
              Check connection
            </button>
          ) : null}
          <button
            type="button"
            id="replace-key"
            className="secondary"
            onClick={() => {
              onReplacing(true);
              focusSoon(keyField(profile.id));
            }}
          >
            Replace key
          </button>
          {confirmRemove ? (
            <span className="confirm" role="group" aria-label="Confirm removal">
              Remove this key? You will need to paste it again.
              <button
                type="button"
                id="confirm-remove-key"
                className="danger"
                aria-disabled={busy || undefined}
                onClick={() => void removeKey()}
              >
                Remove key
              </button>
              <button
                type="button"
                id="keep-key"
                className="secondary"
                onClick={() => {
                  setConfirmRemove(false);
                  focusSoon(byId('remove-key'));
                }}
              >
                Keep it
              </button>
            </span>
          ) : (
            <button
              type="button"
              id="remove-key"
              className="secondary"
              onClick={() => {
                setConfirmRemove(true);
                focusSoon(byId('keep-key'));
              }}
            >
              Remove key…
            </button>
          )}
        </div>
      </div>
    );
  }
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim()) void save();
      }}
    >
      <div className="field grow">
        <label htmlFor={keyFieldId(profile.id)}>API key</label>
        <input
          id={keyFieldId(profile.id)}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="fth_live_…"
          value={draft}
          onChange={(e) => onDraft(e.target.value)}
          aria-invalid={error?.fields?.apiKey ? true : undefined}
          aria-describedby={error?.fields?.apiKey ? 'apiKey-error' : 'apiKey-help'}
        />
        <p id="apiKey-help" className="hint">
          Verified with Feather before it is saved. Stored only in the system keychain.
        </p>
        <FieldError id="apiKey-error" message={error?.fields?.apiKey} />
      </div>
      <button type="submit" className="primary align-end" disabled={!draft.trim()} aria-disabled={busy || undefined}>
        {busy ? 'Verifying…' : 'Verify and save'}
      </button>
      {profile.hasKey ? (
        <button
          type="button"
          className="secondary align-end"
          onClick={() => {
            // Cancel means it: the half-typed replacement goes, the saved key stays.
            onDraft('');
            onReplacing(false);
            focusSoon(byId('replace-key'));
          }}
        >
          Cancel
        </button>
      ) : null}
    </form>
  );
}

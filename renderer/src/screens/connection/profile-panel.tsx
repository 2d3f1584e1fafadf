import { useState } from 'react';
import type { ProfileView } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { profileLabel } from '../../../../shared/profile-label';
import { focusSoon } from '../../keyboard/focus';
import { STATE_LINE_ID, checkedChoice, stateLine, type Run } from './connection-shared';
import { KeySection } from './key-section';

interface Props {
  /** the connection the screen shows (chosen with the radios); not necessarily the one in use */
  profile: ProfileView;
  active: ProfileView;
  busy: boolean;
  error: AppError | null;
  /** what the last action did, said on the state line */
  notice: string | null;
  draft: string;
  onDraft(draft: string): void;
  replacing: boolean;
  onReplacing(replacing: boolean): void;
  run: Run;
  announce(notice: string): void;
  /** the explicit switch: only this (or Enter on the radios) changes where calls go */
  onUse(): void;
  onRemoved(): void;
  onDone(): void;
}

export function ProfilePanel(props: Props) {
  const { profile, active, busy, notice, run, announce } = props;
  const isActive = profile.id === active.id;
  const [confirmRemove, setConfirmRemove] = useState(false);
  const identity = profile.identity;
  const byId = (id: string) => () => document.getElementById(id);

  const removeConnection = async () => {
    const next = await run(() => api().connection.removeProfile({ profileId: profile.id }));
    if (!next) return;
    announce(`“${profile.name}” and its key were removed from this computer.`);
    props.onRemoved();
    focusSoon([stateLine(next.activeProfile.id), checkedChoice]);
  };

  return (
    <section className={`card connection-panel${isActive ? ' in-use' : ''}`} aria-label={`${profile.name} connection`}>
      <header className="card-header">
        <h2>{profile.name}</h2>
        <span className="muted">{profile.baseUrl}</span>
      </header>
      <div className="connection-state-row">
        <p id={STATE_LINE_ID} data-profile-id={profile.id} className="connection-state" role="status" tabIndex={-1}>
          {isActive ? (
            <>
              <span className="in-use-tag">In use</span> Calls go to {profileLabel(profile)}.
            </>
          ) : (
            <>Not in use. Calls go to {profileLabel(active)}.</>
          )}
          {notice ? ` ${notice}` : null}
        </p>
        {isActive ? null : (
          <button type="button" className="primary" aria-disabled={busy || undefined} onClick={props.onUse}>
            Use this connection
          </button>
        )}
      </div>
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
      <KeySection
        profile={profile}
        isActive={isActive}
        busy={busy}
        error={props.error}
        draft={props.draft}
        onDraft={props.onDraft}
        replacing={props.replacing}
        onReplacing={props.onReplacing}
        run={run}
        announce={announce}
      />
      {profile.kind !== 'custom' ? null : confirmRemove ? (
        <p className="confirm" role="group" aria-label="Confirm connection removal">
          Remove “{profile.name}” and its key from this computer?
          <button type="button" className="danger small" aria-disabled={busy || undefined} onClick={() => void removeConnection()}>
            Remove connection
          </button>
          <button
            type="button"
            id="keep-connection"
            className="secondary small"
            onClick={() => {
              setConfirmRemove(false);
              focusSoon(byId('remove-connection'));
            }}
          >
            Keep it
          </button>
        </p>
      ) : (
        <div>
          <button
            type="button"
            id="remove-connection"
            className="secondary small"
            onClick={() => {
              setConfirmRemove(true);
              focusSoon(byId('keep-connection'));
            }}
          >
            Remove “{profile.name}”…
          </button>
        </div>
      )}
      {isActive && profile.hasKey ? (
        <button type="button" className="link" onClick={props.onDone}>
          Go to Dial →
        </button>
      ) : null}
    </section>
  );
}

import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AppStatus, ProfileKind, ProfileView } from '../../../shared/contract';
import type { AppError } from '../../../shared/result';
import { api } from '../api';
import { FormError } from '../components/field-error';
import { focusSoon } from '../keyboard/focus';
import { keyField, stateLine, onKeyEntryRequest, type Answer } from './connection/connection-shared';
import { CustomServerForm } from './connection/custom-server-form';
import { ProfilePanel } from './connection/profile-panel';
import { SavedServers } from './connection/saved-servers';
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

/**
 * Which Feather calls go to. The radios choose the connection the screen shows and configures (its key
 * can be saved without using it); only "Use this connection", "Use this server" or Enter on a radio
 * switches, so arrowing through the choices never changes where calls go.
 */
export function ConnectionScreen({ status, onStatus, onDone }: Props) {
  const active = status.activeProfile;
  const customs = status.profiles.filter((p) => p.kind === 'custom');
  // What the screen shows: the connection in use, unless the user chose another since it became the one in use.
  const [picked, setPicked] = useState<{ whileActive: string; kind: ProfileKind; serverId: string | null } | null>(null);
  const current = picked?.whileActive === active.id ? picked : null;
  const kind = current?.kind ?? active.kind;
  const serverId = current ? current.serverId : active.kind === 'custom' ? active.id : null;
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [replacingId, setReplacingId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const running = useRef(false);

  const shown: ProfileView | null =
    kind === 'custom' ? (customs.find((p) => p.id === serverId) ?? null) : (status.profiles.find((p) => p.kind === kind) ?? null);

  // "Add a key" elsewhere: the connection in use, its key field focused, what was typed there kept.
  useEffect(
    () =>
      onKeyEntryRequest(() => {
        setPicked(null);
        setError(null);
        if (active.kind === 'simulator') return;
        if (active.hasKey) setReplacingId(active.id);
        focusSoon(keyField(active.id));
      }),
    [active],
  );

  async function run(action: () => Promise<Answer>): Promise<AppStatus | null> {
    if (running.current) return null;
    running.current = true;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const result = await action();
      if (!result.ok) return (setError(result.error), null);
      onStatus(result.value);
      return result.value;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }

  const show = (next: { kind: ProfileKind; serverId?: string }) => {
    setPicked({ whileActive: active.id, kind: next.kind, serverId: next.serverId ?? serverId });
    setError(null);
    setNotice(null);
  };

  async function switchTo(profile: ProfileView) {
    if (profile.id === active.id) return;
    const next = await run(() => api().connection.switchProfile({ profileId: profile.id }));
    if (!next) return;
    setNotice(next.activeProfile.hasKey || profile.kind === 'simulator' ? null : 'Add its API key to place calls.');
    focusSoon(stateLine(profile.id));
  }

  async function useServer(name: string, baseUrl: string): Promise<boolean> {
    const next = await run(() =>
      name.trim() ? api().connection.addProfile({ name, baseUrl }) : api().connection.use({ kind: 'custom', baseUrl }),
    );
    if (!next) {
      focusSoon(() => document.querySelector<HTMLElement>('#profile-name[aria-invalid], #base-url[aria-invalid]'));
      return false;
    }
    const used = next.activeProfile;
    setPicked(null);
    setNotice(used.hasKey ? null : 'Paste its API key to connect.');
    // The next step: the key of a new server, else the line that says calls go there now.
    focusSoon(used.hasKey ? stateLine(used.id) : keyField(used.id));
    return true;
  }

  // Enter on a radio uses what it chose (the radios alone only show it).
  const onRadioKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement) || event.target.type !== 'radio') return;
    event.preventDefault();
    if (shown && shown.id !== active.id) void switchTo(shown);
    else if (!shown) document.getElementById('base-url')?.focus();
    else focusSoon(stateLine(shown.id));
  };

  return (
    <div className="connection">
      <section aria-labelledby="connect-to">
        <h1 id="connect-to">Connection</h1>
        <div className="choices" role="radiogroup" aria-label="Connect to" onKeyDown={onRadioKeyDown}>
          {CHOICES.map((c) => (
            <label key={c.kind} className={`choice${kind === c.kind ? ' selected' : ''} profile-${c.kind}`}>
              <input
                type="radio"
                name="profile"
                value={c.kind}
                checked={kind === c.kind}
                data-autofocus={kind === c.kind || undefined}
                onChange={() => show({ kind: c.kind })}
              />
              <span className="choice-title">
                {c.title}
                {active.kind === c.kind ? (
                  <>
                    {' '}
                    <span className="in-use-tag">In use</span>
                  </>
                ) : null}
              </span>
              <span className="choice-text">{c.text}</span>
            </label>
          ))}
        </div>
        {kind === 'custom' ? (
          <CustomServerForm initialBaseUrl={active.kind === 'custom' ? active.baseUrl : ''} busy={busy} error={error} onUse={useServer} />
        ) : null}
        <SavedServers
          servers={customs}
          activeId={active.id}
          selectedId={kind === 'custom' ? serverId : null}
          onSelect={(id) => show({ kind: 'custom', serverId: id })}
          onKeyDown={onRadioKeyDown}
        />
      </section>

      {shown ? (
        <ProfilePanel
          key={shown.id}
          profile={shown}
          active={active}
          busy={busy}
          error={error}
          notice={notice}
          draft={drafts[shown.id] ?? ''}
          onDraft={(draft) => setDrafts((d) => ({ ...d, [shown.id]: draft }))}
          replacing={replacingId === shown.id}
          onReplacing={(replacing) => setReplacingId(replacing ? shown.id : null)}
          run={run}
          announce={setNotice}
          onUse={() => void switchTo(shown)}
          onRemoved={() => setPicked(null)}
          onDone={onDone}
        />
      ) : null}
      {shown?.id === active.id ? <OrganisationPanel profile={active} /> : null}
      <FormError error={error} />
    </div>
  );
}

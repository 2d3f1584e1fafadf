import { useEffect, useRef, useState } from 'react';
import type { AppStatus } from '../../shared/contract';
import type { AppError } from '../../shared/result';
import { api } from './api';
import { ProfileBadge } from './components/profile-badge';
import { focusSoon, rememberFocus, type FocusTarget } from './keyboard/focus';
import { ShortcutsDialog } from './keyboard/shortcuts-dialog';
import { MOD, MOD_ARIA, useShortcuts } from './keyboard/use-shortcuts';
import { ConnectionScreen } from './screens/connection-screen';
import { ContactsScreen } from './screens/contacts/contacts-screen';
import type { DialRequest } from './screens/dial-draft';
import { DialScreen } from './screens/dial-screen';
import { TemplatesScreen } from './screens/templates/templates-screen';

type Screen = 'dial' | 'contacts' | 'templates' | 'connection';
const TABS: Array<[Screen, string]> = [
  ['dial', 'Dial'],
  ['contacts', 'Contacts'],
  ['templates', 'Templates'],
  ['connection', 'Connection'],
];

export function App() {
  const [status, setStatus] = useState<AppStatus | null>(null);
  const [loadError, setLoadError] = useState<AppError | null>(null);
  const [screen, setScreen] = useState<Screen>('dial');
  const [dismissed, setDismissed] = useState<string[]>([]);
  const [dialRequest, setDialRequest] = useState<DialRequest | null>(null);
  const [templatesVersion, setTemplatesVersion] = useState(0);
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const shortcutsOpener = useRef<FocusTarget>(() => null);
  const screenStart = () => document.querySelector<HTMLElement>(`[data-screen="${screen}"] [data-autofocus]`);
  const openShortcuts = () => {
    shortcutsOpener.current = rememberFocus();
    setShortcutsOpen(true);
  };
  const closeShortcuts = () => {
    setShortcutsOpen(false);
    focusSoon([shortcutsOpener.current, screenStart]);
  };
  useShortcuts(
    {
      screen: (index) => setScreen(TABS[index]![0]),
      search: () => {
        setScreen('contacts');
        focusSoon(() => document.getElementById('contact-search'), { select: true });
      },
      // the same as pressing Contacts → Add contact (which focuses the new form's first field)
      newContact: () => {
        setScreen('contacts');
        document.querySelector<HTMLButtonElement>('[data-shortcut="new-contact"]')?.click();
      },
      help: openShortcuts,
    },
    status !== null && !shortcutsOpen,
  );

  useEffect(() => {
    let live = true;
    void api()
      .app.status({})
      .then((result) => {
        if (!live) return;
        if (result.ok) setStatus(result.value);
        else setLoadError(result.error);
      });
    return () => {
      live = false;
    };
  }, []);

  // On a tab change, put focus where that screen starts, unless the screen already placed it.
  useEffect(() => {
    const root = document.querySelector<HTMLElement>(`[data-screen="${screen}"]`);
    if (root && !root.contains(document.activeElement)) root.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [screen]);

  if (loadError) {
    return (
      <main className="fatal" role="alert">
        <h1>Feather Launcher could not start</h1>
        <p>{loadError.message}</p>
      </main>
    );
  }
  if (!status) return <main className="loading" aria-busy="true">Starting…</main>;

  const notices = status.notices.filter((n) => !dismissed.includes(n));
  return (
    <div className="app" data-profile-kind={status.activeProfile.kind}>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          <span className="brand-mark">◆</span> Feather Launcher
        </span>
        <nav aria-label="Main" className="tabs">
          {TABS.map(([id, label], i) => (
            <button key={id} type="button" aria-current={screen === id ? 'page' : undefined} aria-keyshortcuts={`${MOD_ARIA}+${i + 1}`} title={`${label} (${MOD}+${i + 1})`} onClick={() => setScreen(id)}>
              {label}
            </button>
          ))}
        </nav>
        <ProfileBadge profile={status.activeProfile} onClick={() => setScreen('connection')} />
        <button type="button" className="shortcuts-button" aria-label="Keyboard shortcuts" aria-keyshortcuts="?" title="Keyboard shortcuts (?)" onClick={openShortcuts}>
          ?
        </button>
      </header>
      {shortcutsOpen ? <ShortcutsDialog onClose={closeShortcuts} /> : null}
      {notices.map((notice) => (
        <div key={notice} className="banner banner-warning" role="alert">
          <span>{notice}</span>
          <button type="button" className="link" onClick={() => setDismissed((d) => [...d, notice])}>
            Dismiss
          </button>
        </div>
      ))}
      <main className="content">
        {/* Every screen stays mounted, so switching tabs never loses what was typed. */}
        <div data-screen="dial" hidden={screen !== 'dial'}>
          <DialScreen
            request={dialRequest}
            status={status}
            templatesVersion={templatesVersion}
            onOpenConnection={() => setScreen('connection')}
            onOpenTemplates={() => setScreen('templates')}
            onStatus={setStatus}
          />
        </div>
        <div data-screen="contacts" hidden={screen !== 'contacts'}>
          <ContactsScreen
            active={screen === 'contacts'}
            profileKey={`${status.activeProfile.id}|${status.activeProfile.keyHint ?? ''}`}
            onCall={(request) => {
              setDialRequest({ ...request, nonce: Date.now() });
              setScreen('dial');
            }}
          />
        </div>
        <div data-screen="templates" hidden={screen !== 'templates'}>
          <TemplatesScreen status={status} onChanged={() => setTemplatesVersion((v) => v + 1)} />
        </div>
        <div data-screen="connection" hidden={screen !== 'connection'}>
          <ConnectionScreen status={status} onStatus={setStatus} onDone={() => setScreen('dial')} />
        </div>
      </main>
    </div>
  );
}

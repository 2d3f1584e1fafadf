import { Suspense, useEffect, useRef, useState } from 'react';
import { ProfileBadge } from './components/profile-badge';
import { focusSoon, rememberFocus, type FocusTarget } from './keyboard/focus';
import { ShortcutsDialog } from './keyboard/shortcuts-dialog';
import { MOD, MOD_ARIA, useShortcuts } from './keyboard/use-shortcuts';
import {
  CallToasts,
  ConnectionScreen,
  ContactsScreen,
  HistoryScreen,
  LazyScreen,
  SettingsScreen,
  TemplatesScreen,
  whenMounted,
} from './lazy-screens';
import { requestKeyEntry } from './screens/connection/connection-shared';
import { DialScreen } from './screens/dial/dial-screen';
import { startStores } from './stores';
import { onDialRequest } from './stores/dial-requests';
import { setStatus, useStatus } from './stores/status-store';
import { onOpenHistoryEntry, useToasts } from './stores/toasts-store';

type Screen = 'dial' | 'contacts' | 'history' | 'templates' | 'connection' | 'settings';
const TABS: Array<[Screen, string]> = [
  ['dial', 'Dial'],
  ['contacts', 'Contacts'],
  ['history', 'History'],
  ['templates', 'Templates'],
  ['connection', 'Connection'],
  ['settings', 'Settings'],
];

export function App() {
  // One store per resource, loaded once and kept current by main's events.
  useState(startStores);
  const { status, error: loadError } = useStatus();
  const toasts = useToasts();
  const [screen, setScreen] = useState<Screen>('dial');
  const [dismissed, setDismissed] = useState<string[]>([]);
  // A call started anywhere (a contact, the tray, a tel: link) opens the Dial screen.
  useEffect(() => onDialRequest(() => setScreen('dial')), []);
  // A call to show (a notification clicked, a toast's Show) opens History, which selects it.
  useEffect(() => onOpenHistoryEntry(() => setScreen('history')), []);
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
        whenMounted('contacts', () => focusSoon(() => document.getElementById('contact-search'), { select: true }));
      },
      // the same as pressing Contacts → Add contact (which focuses the new form's first field)
      newContact: () => {
        setScreen('contacts');
        whenMounted('contacts', () => document.querySelector<HTMLButtonElement>('[data-shortcut="new-contact"]')?.click());
      },
      help: openShortcuts,
    },
    status !== null && !shortcutsOpen,
  );

  // On a tab change, put focus where that screen starts, unless the screen already placed it
  // (a screen whose code is still loading: once it is on the page).
  useEffect(
    () =>
      whenMounted(screen, () => {
        const root = document.querySelector<HTMLElement>(`[data-screen="${screen}"]`);
        if (!root || root.contains(document.activeElement)) return;
        const start = root.querySelector<HTMLElement>('[data-autofocus]');
        start?.focus();
        // data-autofocus="select": the old text is selected, so typing replaces it (Contacts' search)
        if (start instanceof HTMLInputElement && start.dataset.autofocus === 'select') start.select();
      }),
    [screen],
  );

  if (loadError) {
    return (
      <main className="fatal" role="alert">
        <h1>Feather Launcher could not start</h1>
        <p>{loadError.message}</p>
      </main>
    );
  }
  if (!status)
    return (
      <main className="loading" aria-busy="true">
        Starting…
      </main>
    );

  const notices = status.notices.filter((n) => !dismissed.includes(n));
  return (
    <div className="app" data-profile-kind={status.activeProfile.kind}>
      <header className="topbar">
        <span className="brand" aria-hidden="true">
          <span className="brand-mark">◆</span> Feather Launcher
        </span>
        <nav aria-label="Main" className="tabs">
          {TABS.map(([id, label], i) => (
            <button
              key={id}
              type="button"
              aria-current={screen === id ? 'page' : undefined}
              aria-keyshortcuts={`${MOD_ARIA}+${i + 1}`}
              title={`${label} (${MOD}+${i + 1})`}
              onClick={() => setScreen(id)}
            >
              {label}
            </button>
          ))}
        </nav>
        <ProfileBadge profile={status.activeProfile} onClick={() => setScreen('connection')} />
        <button
          type="button"
          className="shortcuts-button"
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts="?"
          title="Keyboard shortcuts (?)"
          onClick={openShortcuts}
        >
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
            status={status}
            // "Add a key", "Open Connection": Connection opens at the key field of the connection in use
            onOpenConnection={() => (setScreen('connection'), whenMounted('connection', requestKeyEntry))}
            onOpenTemplates={() => setScreen('templates')}
          />
        </div>
        <div data-screen="contacts" hidden={screen !== 'contacts'}>
          <LazyScreen name="contacts">
            <ContactsScreen active={screen === 'contacts'} />
          </LazyScreen>
        </div>
        <div data-screen="history" hidden={screen !== 'history'}>
          <LazyScreen name="history">
            <HistoryScreen />
          </LazyScreen>
        </div>
        <div data-screen="templates" hidden={screen !== 'templates'}>
          <LazyScreen name="templates">
            <TemplatesScreen />
          </LazyScreen>
        </div>
        <div data-screen="connection" hidden={screen !== 'connection'}>
          <LazyScreen name="connection">
            <ConnectionScreen status={status} onStatus={setStatus} onDone={() => setScreen('dial')} />
          </LazyScreen>
        </div>
        <div data-screen="settings" hidden={screen !== 'settings'}>
          <LazyScreen name="settings">
            <SettingsScreen status={status} />
          </LazyScreen>
        </div>
      </main>
      {toasts.length > 0 ? (
        <Suspense fallback={null}>
          <CallToasts />
        </Suspense>
      ) : null}
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useDial } from '../dial/connect-dial';
import { startDialRequests } from '../stores/dial-requests';
import { startDirectory } from '../stores/directory-store';
import { startRecents } from '../stores/recents-store';
import { startStatus, useStatus } from '../stores/status-store';
import { startTemplates } from '../stores/templates-store';
import { PaletteCard } from './palette-card';
import { PaletteSearch } from './palette-search';

/** The palette's own stores: the same ones as the main window's, and its own dial requests. */
function startPaletteStores() {
  startStatus();
  startDirectory();
  startTemplates();
  startRecents();
  startDialRequests('palette');
  return true;
}

/**
 * The hotkey palette: type a name, company, tag or digits, Enter opens a compact call card with
 * main's plan, Enter calls, Esc goes back (and, from the search, closes). The same dial store and
 * plan as the Dial screen; its own window, hidden until a shortcut or the tray shows it.
 */
export function PaletteApp() {
  useState(startPaletteStores);
  const { status } = useStatus();
  const { state, store } = useDial();
  // Hidden (Esc, clicked away, another app): never left armed for the next shortcut.
  useEffect(() => {
    const onHidden = () => document.visibilityState === 'hidden' && store.putAway();
    document.addEventListener('visibilitychange', onHidden);
    return () => document.removeEventListener('visibilitychange', onHidden);
  }, [store]);
  // kept while a card is open: back from it, the search is as the user left it
  const [text, setText] = useState('');
  // A call in progress (chosen here, or from the tray or the clipboard shortcut, even before this
  // page was ready) shows its card; otherwise the search.
  const { phase, draft, armWhenPlanned } = state;
  const view = phase.kind !== 'draft' || armWhenPlanned !== null || draft.toNumber.trim() || draft.contactId ? 'card' : 'search';

  if (!status) return <main className="palette loading" aria-busy="true" aria-label="Palette" />;
  return (
    <main className="palette" aria-label="Palette">
      <h1 className="visually-hidden">Feather Launcher palette</h1>
      {view === 'search' ? (
        <PaletteSearch text={text} setText={setText} onChoose={(request) => store.request(request)} />
      ) : (
        <PaletteCard state={state} store={store} profile={status.activeProfile} onBack={() => store.newCall()} />
      )}
    </main>
  );
}

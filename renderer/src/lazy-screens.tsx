import { lazy, Suspense, useEffect, useState, type ComponentProps, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { contactsCode, contactsCodeNow } from './contacts-code';
import type * as DialModule from './screens/dial/dial-screen';

/**
 * The screens: their code loads from disk when the screen is put on the page (App: the one on show at
 * once, the others once the window is idle after start), so the first chunk holds React, the stores and
 * the shell only (scripts/check-bundle.mjs keeps it within budget in npm test). What must wait for a
 * screen to be on the page (a shortcut that focuses or clicks in it) goes through `whenMounted`.
 */

/**
 * Contacts: its code is asked for as the window starts (contacts-code.ts) and the screen shows as soon
 * as it is here. (Not through Suspense: React holds a boundary's content back up to 300 ms after its
 * fallback showed.)
 */
export function ContactsScreen({ active }: { active: boolean }) {
  const [code, setCode] = useState(contactsCodeNow);
  useEffect(() => {
    let live = true;
    // drawn at once, not in a later task behind main's other answers
    if (!code) void contactsCode.then((m) => live && flushSync(() => setCode(m)));
    return () => {
      live = false;
    };
  }, [code]);
  if (!code) return loadingNote;
  return (
    <Mounted name="contacts">
      <code.ContactsScreen active={active} />
    </Mounted>
  );
}

type DialCode = typeof DialModule;
let dialCode: Promise<DialCode> | null = null;
let dialCodeNow: DialCode | null = null;
const loadDial = () => (dialCode ??= import('./screens/dial/dial-screen').then((m) => (dialCodeNow = m)));

/**
 * Dial: its code (the To field's combobox, React Aria) is asked for when the screen is put on the page —
 * at once in a window that starts on Dial, since it also waits for main's status — so a window opened
 * on Contacts draws its list without evaluating it first. Drawn as soon as it is here, as Contacts is.
 */
export function DialScreen(props: ComponentProps<DialCode['DialScreen']>) {
  const [code, setCode] = useState(() => dialCodeNow);
  useEffect(() => {
    let live = true;
    if (!code) void loadDial().then((m) => live && flushSync(() => setCode(m)));
    return () => {
      live = false;
    };
  }, [code]);
  if (!code) return loadingNote;
  return (
    <Mounted name="dial">
      <code.DialScreen {...props} />
    </Mounted>
  );
}
export const TemplatesScreen = lazy(() => import('./screens/templates/templates-screen').then((m) => ({ default: m.TemplatesScreen })));
export const SettingsScreen = lazy(() => import('./screens/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })));
export const ConnectionScreen = lazy(() => import('./screens/connection-screen').then((m) => ({ default: m.ConnectionScreen })));
/** the shortcuts list's code comes with the first `?` */
export const ShortcutsDialog = lazy(() => import('./keyboard/shortcuts-dialog').then((m) => ({ default: m.ShortcutsDialog })));
/** the toasts' code comes with the first toast (main's `call:ended`); the store is there from the start */
export const CallToasts = lazy(() => import('./components/call-toasts').then((m) => ({ default: m.CallToasts })));
export const HistoryScreen = lazy(() => import('./screens/history/history-screen').then((m) => ({ default: m.HistoryScreen })));

type LazyName = 'dial' | 'contacts' | 'history' | 'templates' | 'connection' | 'settings';
const mounted = new Set<string>();
const waiting = new Map<string, Set<() => void>>();

/**
 * Runs `then` once the screen is rendered: at once for one that is, else when its code has loaded and
 * it has mounted. Returns the function that cancels a wait.
 */
export function whenMounted(screen: string, then: () => void): () => void {
  if (mounted.has(screen)) {
    then();
    return () => undefined;
  }
  let set = waiting.get(screen);
  if (!set) waiting.set(screen, (set = new Set()));
  set.add(then);
  return () => set.delete(then);
}

function Mounted({ name, children }: { name: LazyName; children: ReactNode }) {
  // the screen's own effects have run (children first): what waited for it may focus or click in it now
  useEffect(() => {
    mounted.add(name);
    const ready = waiting.get(name);
    waiting.delete(name);
    ready?.forEach((then) => then());
  }, [name]);
  return children;
}

const loadingNote = (
  <div className="loading" aria-busy="true">
    Loading…
  </div>
);

/** A lazily loaded screen; "Loading…" for the moment its code is read from disk. */
export function LazyScreen({ name, children }: { name: LazyName; children: ReactNode }) {
  return (
    <Suspense fallback={loadingNote}>
      <Mounted name={name}>{children}</Mounted>
    </Suspense>
  );
}

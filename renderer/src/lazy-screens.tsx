import { lazy, Suspense, useEffect, type ReactNode } from 'react';

/**
 * The screens that are not on the first paint: their code loads from disk right after it (the
 * App renders every screen at once, hidden), so the first chunk holds React, the shell and Dial
 * only (scripts/check-bundle.mjs keeps it within budget in npm test). What must wait for one of
 * these screens to be on the page (a shortcut that focuses or clicks in it) goes through `whenMounted`.
 */
export const ContactsScreen = lazy(() => import('./screens/contacts/contacts-screen').then((m) => ({ default: m.ContactsScreen })));
export const TemplatesScreen = lazy(() => import('./screens/templates/templates-screen').then((m) => ({ default: m.TemplatesScreen })));
export const SettingsScreen = lazy(() => import('./screens/settings/settings-screen').then((m) => ({ default: m.SettingsScreen })));
export const ConnectionScreen = lazy(() => import('./screens/connection-screen').then((m) => ({ default: m.ConnectionScreen })));
/** the toasts' code comes with the first toast (main's `call:ended`); the store is there from the start */
export const CallToasts = lazy(() => import('./components/call-toasts').then((m) => ({ default: m.CallToasts })));
export const HistoryScreen = lazy(() => import('./screens/history/history-screen').then((m) => ({ default: m.HistoryScreen })));

type LazyName = 'contacts' | 'history' | 'templates' | 'connection' | 'settings';
const mounted = new Set<string>();
const waiting = new Map<string, Set<() => void>>();

/**
 * Runs `then` once the screen is rendered: at once for one that is (Dial always is), else when its
 * code has loaded and it has mounted. Returns the function that cancels a wait.
 */
export function whenMounted(screen: string, then: () => void): () => void {
  if (screen === 'dial' || mounted.has(screen)) {
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

/** A lazily loaded screen; "Loading…" for the moment its code is read from disk. */
export function LazyScreen({ name, children }: { name: LazyName; children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <div className="loading" aria-busy="true">
          Loading…
        </div>
      }
    >
      <Mounted name={name}>{children}</Mounted>
    </Suspense>
  );
}

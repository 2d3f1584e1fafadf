import { lazy } from 'react';

/**
 * What the card shows after Call (placed and following the call, or outcome unknown) loads apart
 * from the window's first load; an armed card fetches it ahead (`preloadAfterCall`), so it is
 * there by the time Feather answers.
 */
const placed = () => import('./call-placed');
const unknown = () => import('./outcome-unknown');
export const CallPlaced = lazy(() => placed().then((m) => ({ default: m.CallPlaced })));
export const OutcomeUnknown = lazy(() => unknown().then((m) => ({ default: m.OutcomeUnknown })));

let preloaded = false;
export function preloadAfterCall() {
  if (preloaded) return;
  preloaded = true;
  void Promise.all([placed(), unknown()]).catch(() => {
    preloaded = false; // try again with the next armed card
  });
}

/**
 * Where focus goes when what had it disappears (Esc, save, delete, import): never to <body>.
 * `focusSoon` waits for the target to be rendered, visible and enabled (a reload, a re-enabled
 * fieldset), then focuses it; anything the user presses or clicks meanwhile cancels it.
 */
export type FocusTarget = () => HTMLElement | null | undefined;

const WAIT_MS = 1500;
let cancelPending: (() => void) | null = null;

/** An element that can take focus now: in the page, shown, enabled, not inert. */
export function canFocus(element: HTMLElement | null | undefined): element is HTMLElement {
  return Boolean(
    element?.isConnected && !element.matches(':disabled') && !element.closest('[inert]') && element.getClientRects().length > 0,
  );
}

/**
 * Focuses the first of `targets` that can take focus, trying once a frame for a moment; when
 * none has by then, `fallback` (for a saved item that may not appear, e.g. filtered out).
 */
export function focusSoon(targets: FocusTarget | FocusTarget[], options: { fallback?: FocusTarget; select?: boolean } = {}) {
  cancelPending?.();
  const list = Array.isArray(targets) ? targets : [targets];
  const started = performance.now();
  let frame = 0;
  const stop = () => {
    cancelAnimationFrame(frame);
    window.removeEventListener('keydown', stop, true);
    window.removeEventListener('pointerdown', stop, true);
    if (cancelPending === stop) cancelPending = null;
  };
  const tick = () => {
    const late = performance.now() - started > WAIT_MS;
    const element = list.map((t) => t()).find(canFocus) ?? (late ? options.fallback?.() : null);
    if (canFocus(element)) {
      element.focus();
      if (options.select && element instanceof HTMLInputElement) element.select();
      if (document.activeElement === element) return stop();
    }
    if (late) return stop();
    frame = requestAnimationFrame(tick);
  };
  window.addEventListener('keydown', stop, true);
  window.addEventListener('pointerdown', stop, true);
  cancelPending = stop;
  frame = requestAnimationFrame(tick);
}

/**
 * Remembers an element (by default the focused one) so focus can go back to it later. When
 * React has replaced it meanwhile (a pane re-rendered), the element with the same id, or the
 * same tag and name inside a container of the same name, stands in for it.
 */
export function rememberFocus(element: Element | null = document.activeElement): FocusTarget {
  if (!(element instanceof HTMLElement) || element === document.body) return () => null;
  const name = nameOf(element);
  const scope = scopeOf(element);
  return () => {
    if (element.isConnected) return element;
    if (element.id) return document.getElementById(element.id);
    return [...document.querySelectorAll<HTMLElement>(element.tagName)].find((e) => nameOf(e) === name && scopeOf(e) === scope) ?? null;
  };
}

const nameOf = (e: HTMLElement) => e.getAttribute('aria-label') ?? e.textContent?.trim() ?? '';
const scopeOf = (e: HTMLElement) => e.parentElement?.closest('[aria-label]')?.getAttribute('aria-label') ?? null;

/** The focused element is a field the user types into (so `/` and `?` are text, not shortcuts). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color', 'image'].includes(target.type)
  );
}

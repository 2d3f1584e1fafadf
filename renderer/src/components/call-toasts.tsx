import { useEffect, useRef, useState } from 'react';
import './call-toasts.css';
import { focusSoon, rememberFocus, type FocusTarget } from '../keyboard/focus';
import { dismissToast, openHistoryEntry, useToasts, type Toast } from '../stores/toasts-store';

/** how long a toast stays when nobody looks at it */
export const TOAST_MS = 8_000;

/**
 * Calls that ended, as toasts in the corner (where the desktop showed no notification): each one a
 * polite status — read out, never taking focus —, gone after 8 s unless the pointer or focus is on
 * it, closed with Esc or its button; "Show" opens the call in History. Loaded with the first toast
 * (the store, started with the others, follows `call:ended` from the start).
 */
export function CallToasts() {
  const toasts = useToasts();
  // where focus was before it came into the toasts: it goes back there when the toast holding it goes
  const cameFrom = useRef<FocusTarget>(() => null);
  if (toasts.length === 0) return null;
  return (
    <section
      className="call-toasts"
      aria-label="Call notifications"
      onFocus={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) cameFrom.current = rememberFocus(e.relatedTarget as Element | null);
      }}
    >
      {toasts.map((toast) => (
        <CallToast key={toast.entryId} toast={toast} cameFrom={cameFrom} />
      ))}
    </section>
  );
}

function CallToast({ toast, cameFrom }: { toast: Toast; cameFrom: React.RefObject<FocusTarget> }) {
  const root = useRef<HTMLDivElement>(null);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const paused = hovered || focused;
  // the time left runs only while nobody looks at the toast
  const left = useRef(TOAST_MS);
  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = setTimeout(() => dismissToast(toast.entryId), left.current);
    return () => {
      clearTimeout(timer);
      left.current = Math.max(1_500, left.current - (Date.now() - started));
    };
  }, [paused, toast.entryId]);

  /** closes it; focus inside it goes to the next toast, else back where it came from (never to <body>) */
  const close = (options: { keepFocus?: boolean } = {}) => {
    const hadFocus = root.current?.contains(document.activeElement) ?? false;
    const next = (root.current?.nextElementSibling ?? root.current?.previousElementSibling) as HTMLElement | null;
    dismissToast(toast.entryId);
    if (hadFocus && !options.keepFocus)
      focusSoon([() => next?.querySelector<HTMLElement>('button'), cameFrom.current, () => document.querySelector<HTMLElement>('main')]);
  };

  return (
    <div
      ref={root}
      className="call-toast"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        e.stopPropagation();
        close();
      }}
    >
      {/* the words are the live region (read out once, politely); the buttons are beside it */}
      <div className="call-toast-text" role="status">
        <p className="call-toast-title">{toast.title}</p>
        {toast.body ? <p className="call-toast-body">{toast.body}</p> : null}
      </div>
      <div className="call-toast-actions">
        <button
          type="button"
          className="secondary small"
          aria-label={`Show in History: ${toast.title}`}
          onClick={() => {
            // the History screen puts focus on the entry; with nobody to show it, focus stays in the window
            close({ keepFocus: openHistoryEntry(toast.entryId) });
          }}
        >
          Show
        </button>
        <button
          type="button"
          className="call-toast-close"
          aria-label={`Dismiss: ${toast.title}`}
          title="Dismiss (Esc)"
          onClick={() => close()}
        >
          ×
        </button>
      </div>
    </div>
  );
}

import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  title: string;
  children: ReactNode;
  /** the button that does it, and the one that does not (focused first: Enter never confirms by accident) */
  confirm: string;
  keep: string;
  busy?: boolean;
  /** what went wrong, shown in the dialog */
  error?: string | null;
  onConfirm(): void;
  onKeep(): void;
}

/** A modal question before something that cannot be undone; Esc, the backdrop or `keep` close it (the caller puts focus back). */
export function ConfirmDialog({ title, children, confirm, keep, busy = false, error = null, onConfirm, onKeep }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const safe = useRef<HTMLButtonElement>(null);
  const id = useId();
  useEffect(() => {
    const d = dialog.current;
    // modal: the page behind is inert until it closes (jsdom has no showModal: open is enough there)
    if (d && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    }
    safe.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-modal="true"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault(); // handled here, not by the browser's own cancel
        onKeep();
      }}
      onClose={onKeep}
      onClick={(e) => e.target === dialog.current && onKeep()} // the dialog itself has no padding: this is the backdrop
    >
      <div className="card">
        <h2 id={`${id}-title`}>{title}</h2>
        <div id={`${id}-text`}>{children}</div>
        {error ? (
          <p className="card-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="card-actions">
          <button type="button" className="danger" aria-disabled={busy} onClick={() => !busy && onConfirm()}>
            {confirm}
          </button>
          <button ref={safe} type="button" className="secondary" onClick={onKeep}>
            {keep}
          </button>
        </div>
      </div>
    </dialog>
  );
}

import { Fragment, useEffect, useRef } from 'react';
import { IN_PLACE, SHORTCUTS } from './use-shortcuts';

/** `?`: the keyboard shortcuts, in a modal dialog; Esc or Close shuts it (the caller returns focus). */
export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal(); // modal: the page behind is inert until it closes
    close.current?.focus();
  }, []);

  return (
    <dialog
      ref={dialog}
      className="shortcuts-dialog"
      aria-modal="true"
      aria-labelledby="shortcuts-title"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault(); // handled here, not by the browser's own cancel
        onClose();
      }}
      onClose={onClose}
      onClick={(e) => e.target === dialog.current && onClose()} // the dialog itself has no padding: this is the backdrop
    >
      <div className="card">
        <header className="card-header">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button ref={close} type="button" className="secondary small" onClick={onClose}>
            Close
          </button>
        </header>
        <Keys title="Anywhere" rows={SHORTCUTS} />
        <Keys title="Where you are" rows={IN_PLACE} />
        <p className="hint">/ and ? work when you are not typing in a field.</p>
      </div>
    </dialog>
  );
}

function Keys({ title, rows }: { title: string; rows: typeof SHORTCUTS }) {
  return (
    <section aria-label={title}>
      <h3>{title}</h3>
      <dl className="shortcut-list">
        {rows.map((row) => (
          <Fragment key={row.does}>
            <dt>
              {row.keys.map((combo, i) => (
                <Fragment key={combo.join('+')}>
                  {i > 0 ? <span className="muted"> or </span> : null}
                  {combo.map((cap, j) => (
                    <Fragment key={cap}>
                      {j > 0 ? '+' : null}
                      <kbd>{cap}</kbd>
                    </Fragment>
                  ))}
                </Fragment>
              ))}
            </dt>
            <dd>{row.does}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

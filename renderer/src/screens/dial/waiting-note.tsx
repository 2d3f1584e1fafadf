import type { DialRequest } from '../../../../shared/main-events';

const FROM: Record<DialRequest['source'], string> = {
  contacts: 'from Contacts',
  tray: 'from the tray',
  hotkey: 'from the clipboard shortcut',
  palette: 'from the palette',
  link: 'from a link',
  cli: 'from the command line',
  history: 'from History (a redial)',
};

const what = (waiting: DialRequest) =>
  `Another call is waiting (${FROM[waiting.source]}${waiting.toNumber ? `: ${waiting.toNumber}` : ''}).`;

/** A call asked for while this card was calling (or its outcome is unknown): it is not lost, and opens with a new call. */
export function WaitingNote({ waiting, action }: { waiting: DialRequest | null; action: string }) {
  if (!waiting) return null;
  return (
    <p className="hint hint-warning" role="status">
      {what(waiting)} “{action}” opens it.
    </p>
  );
}

/**
 * A call asked for from outside the window (a link, the tray, a shortcut) while this card was ready
 * to call or had the user's typing: it waits beside the card; "Open it" replaces this card with it.
 */
export function WaitingOffer({ waiting, onOpen, onDismiss }: { waiting: DialRequest | null; onOpen(): void; onDismiss(): void }) {
  if (!waiting) return null;
  return (
    <div className="waiting-offer" role="group" aria-label="Call waiting">
      <p className="hint hint-warning" role="status">
        {what(waiting)} This card stays as it is until you open it.
      </p>
      <button type="button" className="secondary" onClick={onOpen}>
        Open it
      </button>
      <button type="button" className="link" onClick={onDismiss}>
        Not now
      </button>
    </div>
  );
}

import type { DialRequest } from '../../../../shared/main-events';

const FROM: Record<DialRequest['source'], string> = {
  contacts: 'from Contacts',
  tray: 'from the tray',
  hotkey: 'from the clipboard shortcut',
  palette: 'from the palette',
  link: 'from a link',
  cli: 'from the command line',
};

/** A call asked for while this card was calling (or its outcome is unknown): it is not lost, and opens with a new call. */
export function WaitingNote({ waiting, action }: { waiting: DialRequest | null; action: string }) {
  if (!waiting) return null;
  return (
    <p className="hint hint-warning" role="status">
      Another call is waiting ({FROM[waiting.source]}
      {waiting.toNumber ? `: ${waiting.toNumber}` : ''}). “{action}” opens it.
    </p>
  );
}

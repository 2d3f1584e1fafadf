import type { CallPreview } from '../../../../shared/call-preview';

/** What main asks the user to confirm before this call: each sentence, and the button that confirms it. */
export function CardConfirmations({ plan }: { plan: CallPreview }) {
  if (plan.confirmations.length === 0) return null;
  const now = plan.apiVersion === '1.90';
  const button = (callNowOnly: boolean) =>
    callNowOnly ? '“Call now anyway”' : now ? '“Call anyway” or “Call now anyway”' : '“Call anyway”';
  return (
    <div className="hint-warning confirmations" role="group" aria-label="Check before calling">
      <p>
        <strong>Check before calling.</strong> Enter does not confirm these:
      </p>
      <ul>
        {plan.confirmations.map((c) => (
          <li key={c.kind}>
            {c.message} Needs {button(c.callNowOnly)}
            {now && c.kind === 'under_way' && c.queuedSessionId ? ' — or “Call now instead”, which cancels the queued call first' : ''}.
          </li>
        ))}
      </ul>
    </div>
  );
}

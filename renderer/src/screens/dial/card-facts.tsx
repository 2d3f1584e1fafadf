import type { CallerSource, CallPreview } from '../../../../shared/call-preview';
import type { Directory } from '../../../../shared/contract';
import { describeEntry, entryView } from '../../components/id-combobox-entries';
import { CardConfirmations } from './card-confirmations';
import { formatDuration } from './card-format';

const SOURCE_TEXT: Record<CallerSource, string> = {
  contact: "(contact's default)",
  template: "(template's default)",
  'last used': '(last used)',
  you: '(chosen now)',
  suggested: '(suggested: a number with outbound bindings)',
  none: '',
};

const labelOf = (list: Directory['agents'] | undefined, id: string | null | undefined) => list?.find((e) => e.id === id)?.label;

/** What the card will send, as main planned it: to whom (and whose number), from, who calls, when, the variables, the body. */
export function CardFacts({ plan, directory }: { plan: CallPreview; directory: Directory | null }) {
  const body = plan.body!;
  const from = directory?.phoneNumbers.find((n) => n.id === body.from_phone_number_id);
  return (
    <>
      <dl className="card-facts">
        <dt>To</dt>
        <dd>
          {plan.contact ? (
            <>
              <strong>{plan.contact.name}</strong>{' '}
              {plan.contact.phoneLabel ? <span className="muted">({plan.contact.phoneLabel})</span> : null}{' '}
            </>
          ) : null}
          <strong>{plan.to?.international ?? body.to_phone_number}</strong>
          {plan.to?.countryName ? <span className="muted"> · {plan.to.countryName}</span> : null}
        </dd>
        {plan.calleeTime ? (
          <>
            <dt>Their time</dt>
            <dd className={plan.calleeTime.outsideHours ? 'outside-hours' : undefined}>
              {plan.calleeTime.known ? plan.calleeTime.text : <span className="muted">{plan.calleeTime.text}</span>}
            </dd>
          </>
        ) : null}
        <dt>From</dt>
        <dd>
          {from ? describeEntry({ ...entryView(from), binding: undefined }) : <code>{body.from_phone_number_id}</code>}
          <span className="source"> {SOURCE_TEXT[plan.callerSource]}</span>
        </dd>
        <dt>Caller</dt>
        <dd>
          {body.agent_id
            ? `Agent: ${labelOf(directory?.agents, body.agent_id) ?? body.agent_id}`
            : body.team_id
              ? `Team: ${labelOf(directory?.teams, body.team_id) ?? body.team_id}`
              : 'Automatic (Feather picks a bound agent or team)'}
        </dd>
        {plan.apiVersion === '1.90' ? (
          <>
            <dt>When</dt>
            <dd>
              Queued for your organisation’s calling hours
              {body.expires_in_seconds !== undefined ? (
                <span className="muted"> · expires after {formatDuration(body.expires_in_seconds)} if not dialled</span>
              ) : null}
            </dd>
          </>
        ) : null}
        <dt>Variables</dt>
        <dd>
          {body.context_variables ? (
            <ul className="var-list">
              {Object.entries(body.context_variables).map(([k, v]) => (
                <li key={k}>
                  <code>{k}</code> = {String(v)}
                  {plan.types[k] ? <span className="muted"> ({plan.types[k]})</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">none sent</span>
          )}
        </dd>
      </dl>
      <CardConfirmations plan={plan} />
      {plan.notices.map((n) => (
        <p key={n} className="hint hint-warning" role="note">
          {n}
        </p>
      ))}
      <details>
        <summary>Request body</summary>
        <pre aria-label="Request body">{JSON.stringify(body, null, 2)}</pre>
        {plan.idempotencyKeySent ? (
          <p className="hint">Sent with an idempotency_key (this card’s id), so a repeat of this request cannot place a second call.</p>
        ) : null}
      </details>
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { fieldName, problemSummary, type CallPlan } from '../../../shared/call-plan';
import type { CallResult, Directory, ProfileView } from '../../../shared/contract';
import { parsePhone, regionName } from '../../../shared/phone';
import type { AppError } from '../../../shared/result';
import { profileLabel } from './profile-badge';

export type CardStage =
  | { kind: 'draft' }
  | { kind: 'review'; requestId: string }
  | { kind: 'placing'; requestId: string }
  | { kind: 'done'; result: CallResult }
  | { kind: 'unknown'; error: AppError; requestId: string; asking?: boolean };

interface Props {
  /** where the from-number and caller came from */
  callerSource: string;
  /** the contact this number belongs to, and why it must not be called, if so */
  contact: { name: string; label: string; doNotCall: string | null } | null;
  stage: CardStage;
  /** what will be sent, or what blocks it: the same plan main enforces */
  plan: CallPlan;
  profile: ProfileView;
  directory: Directory | null;
  defaultCountry: string;
  error: AppError | null;
  /** the server's API version: on 1.90 calls queue for calling hours unless "Call now" */
  apiVersion: string | null;
  onCall(): void;
  /** 1.90: dial at once, outside the calling-hours queue */
  onCallNow(): void;
  /** the number had a call with an unknown outcome minutes ago: call anyway, explicitly */
  onConfirmUncertain(): void;
  /** outcome unknown on 1.90: ask Feather again with the same idempotency key */
  onResend(): void;
  onEdit(): void;
  onNewCall(): void;
  onOpenConnection(): void;
}

const sourceText = (source: string) =>
  source === 'contact'
    ? "(contact's default)"
    : source === 'template'
      ? "(template's default)"
      : source === 'last used'
        ? '(last used)'
        : source === 'you'
          ? '(chosen now)'
          : source === 'suggested'
            ? '(suggested: a number with outbound bindings)'
            : '';

const labelOf = (list: Directory['agents'] | undefined, id: string | null | undefined) => list?.find((e) => e.id === id)?.label;

/** The pre-flight call card: exactly what will be sent, then what happened. */
export function CallCard(props: Props) {
  const { stage, plan, profile, directory, error } = props;
  const callButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const armed = stage.kind === 'review' || stage.kind === 'placing';
  const doubt = error?.code === 'recently_uncertain';

  useEffect(() => {
    if (stage.kind !== 'review') return;
    // After the recently-uncertain warning, Enter must not call: focus goes to Edit, not to a call button.
    if (doubt) editButton.current?.focus();
    else callButton.current?.focus();
  }, [stage.kind, doubt]);

  if (stage.kind === 'done') return <CallPlaced result={stage.result} onNewCall={props.onNewCall} />;
  if (stage.kind === 'unknown') {
    return (
      <section className="card card-unknown" aria-label="Call outcome">
        <h2>Outcome unknown</h2>
        <p role="alert">{stage.error.message}</p>
        {stage.error.resendable ? (
          <>
            <p className="hint">
              Feather API 1.90 remembers this request by its idempotency key: asking again returns the first call if it was placed, and
              places it once if it was not.
            </p>
            <div className="card-actions">
              <button type="button" className="primary" disabled={stage.asking} onClick={props.onResend}>
                {stage.asking ? 'Asking Feather…' : 'Ask Feather again (safe)'}
              </button>
              <button type="button" className="secondary" disabled={stage.asking} onClick={props.onNewCall}>
                Start a new call
              </button>
            </div>
          </>
        ) : (
          <>
            <p className="hint">This call is not retried automatically, so it cannot be placed twice by accident.</p>
            <button type="button" className="secondary" onClick={props.onNewCall}>
              Start a new call
            </button>
          </>
        )}
      </section>
    );
  }

  const body = plan.body;
  const queues = props.apiVersion === '1.90';
  const phone = body ? parsePhone(body.to_phone_number, props.defaultCountry) : null;
  const blocked = props.contact?.doNotCall ?? null;
  return (
    <section
      className={`card${armed ? ' card-armed' : ' card-draft'}`}
      aria-label="Call card"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && stage.kind === 'review') props.onEdit();
      }}
    >
      <header className="card-header">
        <h2>{armed ? 'Ready to call' : 'Call card'}</h2>
        <span className={`pill profile-${profile.kind}`}>{profileLabel(profile)}</span>
      </header>
      {!body ? (
        <p className="muted" role="status">
          {problemSummary(plan.problems) ?? 'Fill in the number and who calls; the exact request appears here before anything is sent.'}
          {Object.keys(plan.problems).length > 0 ? ' The exact request appears here once they are fixed.' : ''}
        </p>
      ) : (
        <>
          <dl className="card-facts">
            <dt>To</dt>
            <dd>
              {props.contact ? (
                <>
                  <strong>{props.contact.name}</strong> <span className="muted">({props.contact.label})</span>{' '}
                </>
              ) : null}
              <strong>{phone?.ok ? phone.international : body.to_phone_number}</strong>
              {phone?.ok && phone.country ? <span className="muted"> · {regionName(phone.country)}</span> : null}
            </dd>
            <dt>From</dt>
            <dd>
              {labelOf(directory?.phoneNumbers, body.from_phone_number_id) ?? <code>{body.from_phone_number_id}</code>}
              <span className="source"> {sourceText(props.callerSource)}</span>
            </dd>
            <dt>Caller</dt>
            <dd>
              {body.agent_id
                ? `Agent: ${labelOf(directory?.agents, body.agent_id) ?? body.agent_id}`
                : body.team_id
                  ? `Team: ${labelOf(directory?.teams, body.team_id) ?? body.team_id}`
                  : 'Automatic (Feather picks a bound agent or team)'}
            </dd>
            {queues ? (
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
          {plan.notices.map((n) => (
            <p key={n} className="hint hint-warning" role="note">
              {n}
            </p>
          ))}
          <details>
            <summary>Request body</summary>
            <pre aria-label="Request body">{JSON.stringify(body, null, 2)}</pre>
            {props.apiVersion !== '1.21' ? (
              <p className="hint">Sent with an idempotency_key (this card’s id), so a repeat of this request cannot place a second call.</p>
            ) : null}
          </details>
        </>
      )}
      {error && doubt ? (
        <div className="card-error card-doubt" role="alert">
          <p>
            <strong>Maybe already called.</strong> {error.message}
          </p>
        </div>
      ) : error ? (
        <div className="card-error" role="alert">
          <p>{error.message}</p>
          {error.fields && Object.keys(error.fields).length > 0 ? (
            <ul className="rejected" aria-label={error.httpStatus === 422 ? 'What Feather rejected' : 'What needs fixing'}>
              {Object.entries(error.fields).map(([field, message]) => (
                <li key={field}>
                  <strong>{fieldName(field)}:</strong> {message}
                </li>
              ))}
            </ul>
          ) : null}
          {error.code === 'invalid_key' || error.code === 'no_key' ? (
            <button type="button" className="link" onClick={props.onOpenConnection}>
              Open Connection
            </button>
          ) : null}
        </div>
      ) : null}
      {blocked ? (
        <div className="card-error" role="alert">
          <p>
            <strong>Do not call.</strong> {blocked}
          </p>
          <p>This number cannot be called from any part of the app while it is marked do-not-call.</p>
          {armed ? (
            <button type="button" className="secondary small" onClick={props.onEdit}>
              Edit
            </button>
          ) : null}
        </div>
      ) : armed && doubt ? (
        <div className="card-actions">
          <button type="button" className="danger" disabled={stage.kind === 'placing'} onClick={props.onConfirmUncertain}>
            Call anyway
          </button>
          <button ref={editButton} type="button" className="secondary" disabled={stage.kind === 'placing'} onClick={props.onEdit}>
            Edit
          </button>
          <span className="hint">“Call anyway” only by its button — Enter does not confirm</span>
        </div>
      ) : armed ? (
        <div className="card-actions">
          <button ref={callButton} type="button" className="primary" disabled={stage.kind === 'placing'} onClick={props.onCall}>
            {stage.kind === 'placing' ? 'Calling…' : error ? 'Try again' : 'Call'}
          </button>
          {queues ? (
            <button
              type="button"
              className="secondary"
              disabled={stage.kind === 'placing'}
              onClick={props.onCallNow}
              aria-describedby="call-now-note"
            >
              Call now
            </button>
          ) : null}
          <button type="button" className="secondary" disabled={stage.kind === 'placing'} onClick={props.onEdit}>
            Edit
          </button>
          <span className="hint">Enter to call · Esc to edit</span>
          {queues ? (
            <p id="call-now-note" className="hint call-now-note">
              Call now skips the calling-hours queue and dials at once; instant calls count against your organisation’s rate limit (Feather
              may answer “wait and try again”).
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function CallPlaced({ result, onNewCall }: { result: CallResult; onNewCall(): void }) {
  const [copied, setCopied] = useState(false);
  const newCall = useRef<HTMLButtonElement>(null);
  useEffect(() => newCall.current?.focus(), []);
  const copy = async () => {
    if (!result.sessionId) return;
    try {
      await navigator.clipboard.writeText(result.sessionId);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  const who = result.agentName ?? 'Feather';
  return (
    <section className={`card card-done${result.queued ? ' card-queued' : ''}`} aria-label="Call placed">
      <h2>{result.queued ? 'Call placed (queued)' : 'Call placed'}</h2>
      <p role="status">
        {result.queued
          ? `${who} will call ${result.toNumber} when your organisation’s calling-hours window allows.`
          : `${who} is calling ${result.toNumber}.`}
      </p>
      <dl className="card-facts">
        {result.queued ? (
          <>
            <dt>May dial from</dt>
            <dd>
              {result.eligibleAt ? (
                formatWhen(result.eligibleAt)
              ) : (
                <span className="muted">the next calling-hours window (Feather did not say when)</span>
              )}
            </dd>
            <dt>Expires</dt>
            <dd>
              {result.queueExpiresAt ? (
                `${formatWhen(result.queueExpiresAt)} if not dialled by then`
              ) : (
                <span className="muted">at the organisation’s default</span>
              )}
            </dd>
          </>
        ) : null}
        <dt>Session ID</dt>
        <dd>
          {result.sessionId ? (
            <>
              <code data-testid="session-id">{result.sessionId}</code>{' '}
              <button type="button" className="secondary small" onClick={copy}>
                {copied ? 'Copied' : 'Copy session ID'}
              </button>
            </>
          ) : (
            <span className="muted">not known (Feather’s answer could not be read)</span>
          )}
        </dd>
        {result.roomName ? (
          <>
            <dt>Room</dt>
            <dd>
              <code>{result.roomName}</code>
            </dd>
          </>
        ) : null}
        {result.revisionName ? (
          <>
            <dt>Agent revision</dt>
            <dd>
              {result.revisionName}
              {result.revisionSource === 'pin' ? <span className="muted"> (pinned on this number)</span> : null}
            </dd>
          </>
        ) : null}
        <dt>Variables sent</dt>
        <dd>{result.variablesSent}</dd>
      </dl>
      {result.replayed ? (
        <p className="hint" role="note">
          Feather answered the repeated request with the first call (same idempotency key): no second call was placed.
        </p>
      ) : null}
      {result.notices.map((n) => (
        <p key={n} className="hint hint-warning">
          {n}
        </p>
      ))}
      <button ref={newCall} type="button" className="secondary" onClick={onNewCall}>
        New call
      </button>
    </section>
  );
}

/** A moment as the user reads it: time today, or date and time. */
function formatWhen(iso: string): string {
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  return sameDay
    ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
}

export function formatDuration(seconds: number): string {
  if (seconds % 86400 === 0 && seconds > 0) return `${seconds / 86400} day${seconds === 86400 ? '' : 's'}`;
  if (seconds % 3600 === 0 && seconds > 0) return `${seconds / 3600} hour${seconds === 3600 ? '' : 's'}`;
  if (seconds % 60 === 0 && seconds > 0) return `${seconds / 60} minutes`;
  return `${seconds} s`;
}

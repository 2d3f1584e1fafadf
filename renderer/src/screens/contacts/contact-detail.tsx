import type { Contact, PhoneEntry } from '../../../../shared/contacts/contact';
import { doNotCallReason, nameOf } from '../../../../shared/contacts/contact-helpers';
import { nonCallableReason } from '../../../../shared/contacts/phone-kinds';
import { useContacts } from '../../stores/contacts-store';
import { formatWhen } from '../dial/card-format';
import { useLastCalls } from '../history/last-call';
import { OUTCOME_LABELS } from '../../../../shared/history/outcomes';

interface Props {
  contact: Contact;
  onCall(contact: Contact, phone: PhoneEntry): void;
  /** `from`: the Edit button, where focus returns when the editor closes */
  onEdit(from: HTMLElement): void;
  onDelete(): void;
  onFavorite(favorite: boolean): void;
}

/**
 * One contact, with a call action per number; do-not-call and flagged numbers say why they cannot
 * be called, and fax, pager, telex, TTY and modem lines have no call action at all.
 */
export function ContactDetail({ contact, onCall, onEdit, onDelete, onFavorite }: Props) {
  const name = nameOf(contact);
  // the last call and how it went: main's, on the contact's row in the list, moved on by the history
  const { pages } = useContacts();
  const row = [...pages.values()].flat().find((r) => r.id === contact.id);
  const lastCall = useLastCalls()(contact.id, row?.lastCall);
  return (
    <section className="card contact-detail" aria-label={`Contact ${name}`}>
      <header className="card-header">
        <div>
          <h2>{name}</h2>
          {contact.title || contact.company ? (
            <p className="muted">{[contact.title, contact.company].filter(Boolean).join(' · ')}</p>
          ) : null}
        </div>
        <div className="actions">
          <button type="button" className="secondary small" aria-pressed={contact.favorite} onClick={() => onFavorite(!contact.favorite)}>
            {contact.favorite ? '★ Favourite' : '☆ Favourite'}
          </button>
          <button type="button" className="secondary small" onClick={(e) => onEdit(e.currentTarget)}>
            Edit
          </button>
          <button type="button" className="secondary small" onClick={onDelete}>
            Delete
          </button>
        </div>
      </header>
      {contact.doNotCall ? (
        <p className="card-error" role="note">
          Do not call: {contact.doNotCall.reason}
        </p>
      ) : null}
      <ul className="phone-list" aria-label="Phone numbers">
        {contact.phones.length === 0 ? <li className="muted">No phone numbers.</li> : null}
        {contact.phones.map((phone) => {
          const blocked = doNotCallReason(contact, phone);
          const unusable = phone.problem;
          const notVoice = nonCallableReason(phone.label);
          return (
            <li key={phone.id} className="phone-item">
              <span className="phone-label">{phone.label}</span>
              <span className="phone-number">
                {phone.raw}
                {phone.extension ? <span className="muted"> (extension {phone.extension} is not dialled)</span> : null}
                {unusable ? <span className="field-error"> {unusable}</span> : null}
                {phone.doNotCall ? <span className="badge badge-danger">Do not call</span> : null}
                {notVoice ? <span className="muted"> {notVoice}</span> : null}
              </span>
              {notVoice ? (
                <span className="badge badge-warning">Not callable</span>
              ) : (
                <button
                  type="button"
                  className="primary small"
                  disabled={Boolean(blocked || unusable)}
                  title={blocked ?? unusable ?? undefined}
                  aria-label={`Call ${phone.label} ${phone.raw}`}
                  onClick={() => onCall(contact, phone)}
                >
                  Call
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <dl className="card-facts">
        {contact.emails.length ? (
          <>
            <dt>Email</dt>
            <dd>{contact.emails.join(', ')}</dd>
          </>
        ) : null}
        {contact.tags.length ? (
          <>
            <dt>Tags</dt>
            <dd>
              {contact.tags.map((t) => (
                <span key={t} className="tag">
                  {t}
                </span>
              ))}
            </dd>
          </>
        ) : null}
        {contact.timeZone ? (
          <>
            <dt>Time zone</dt>
            <dd>{contact.timeZone}</dd>
          </>
        ) : null}
        {Object.entries(contact.custom).map(([k, v]) => (
          <div key={k} className="contents">
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <dt>Calls</dt>
        <dd>
          {contact.callCount ? `${contact.callCount}, last ${new Date(contact.lastCalledAt ?? '').toLocaleString()}` : 'never called'}
        </dd>
        {lastCall ? (
          <>
            <dt>Last call</dt>
            <dd>
              {formatWhen(lastCall.at)} · {OUTCOME_LABELS[lastCall.outcome]}
            </dd>
          </>
        ) : null}
      </dl>
      {contact.notes ? <p className="notes">{contact.notes}</p> : null}
    </section>
  );
}

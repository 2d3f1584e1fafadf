import { submitOnEnter } from '../../components/submit-on-enter';
import { useState } from 'react';
import type { ContactDraft } from '../../../../shared/contacts/contact';
import { EDITOR_LABELS } from '../../../../shared/contacts/phone-kinds';
import type { AppError } from '../../../../shared/result';
import { FieldError, FormError } from '../../components/field-error';
import { DefaultCallerFields } from '../../components/default-caller-fields';
import type { Directory } from '../../../../shared/contract';

interface Props {
  directory: Directory | null;
  initial: ContactDraft;
  title: string;
  error: AppError | null;
  busy: boolean;
  onSave(draft: ContactDraft): void;
  onCancel(): void;
}

/** Create/edit form. Every message sits under its field; nothing typed is lost on an error. */
export function ContactEditor({ initial, title, error, busy, onSave, onCancel, directory }: Props) {
  const [draft, setDraft] = useState<ContactDraft>(initial);
  const [tagsText, setTagsText] = useState(initial.tags.join(', '));
  const [customRows, setCustomRows] = useState<Array<[string, string]>>(Object.entries(initial.custom));
  const fields = error?.fields ?? {};
  const set = (patch: Partial<ContactDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const invalid = (key: string) => (fields[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${key}-error` } : {});
  const text = (key: 'displayName' | 'firstName' | 'lastName' | 'company' | 'title', label: string) => (
    <div className="field">
      <label htmlFor={`contact-${key}`}>{label}</label>
      <input
        id={`contact-${key}`}
        autoFocus={key === 'firstName'}
        value={draft[key]}
        onChange={(e) => set({ [key]: e.target.value })}
        {...invalid(key)}
      />
      <FieldError id={`${key}-error`} message={fields[key]} />
    </div>
  );

  return (
    <form
      className="card contact-editor"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSave({
          ...draft,
          tags: tagsText
            .split(',')
            .map((t) => t.trim())
            .filter(Boolean),
          custom: Object.fromEntries(customRows.filter(([k]) => k.trim()).map(([k, v]) => [k.trim(), v])),
        });
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
        else submitOnEnter(e);
      }}
    >
      <h2>{title}</h2>
      <FormError error={error} />
      <div className="grid-2">
        {text('firstName', 'First name')}
        {text('lastName', 'Last name')}
        {text('displayName', 'Display name (optional)')}
        {text('company', 'Company')}
        {text('title', 'Job title')}
        <div className="field">
          <label htmlFor="contact-timezone">Time zone</label>
          <input
            id="contact-timezone"
            placeholder="Europe/London"
            value={draft.timeZone ?? ''}
            onChange={(e) => set({ timeZone: e.target.value || null })}
            {...invalid('timeZone')}
          />
          <FieldError id="timeZone-error" message={fields.timeZone} />
        </div>
      </div>

      <fieldset>
        <legend>Phone numbers</legend>
        {draft.phones.map((phone, i) => (
          <div key={i} className="phone-edit-row">
            <select
              aria-label={`Number ${i + 1} label`}
              value={phone.label}
              onChange={(e) => set({ phones: draft.phones.map((p, j) => (j === i ? { ...p, label: e.target.value } : p)) })}
            >
              {labelChoices(phone.label).map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
            <input
              aria-label={`Number ${i + 1}`}
              type="tel"
              value={phone.raw}
              placeholder="+44 20 7946 0958"
              onChange={(e) => set({ phones: draft.phones.map((p, j) => (j === i ? { ...p, raw: e.target.value } : p)) })}
              {...invalid(`phones.${i}`)}
            />
            <label className="inline">
              <input
                type="checkbox"
                checked={phone.doNotCall}
                onChange={(e) => set({ phones: draft.phones.map((p, j) => (j === i ? { ...p, doNotCall: e.target.checked } : p)) })}
              />
              Do not call
            </label>
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove number ${i + 1}`}
              onClick={() => set({ phones: draft.phones.filter((_, j) => j !== i) })}
            >
              ×
            </button>
            <FieldError id={`phones.${i}-error`} message={fields[`phones.${i}`]} />
          </div>
        ))}
        <button
          type="button"
          className="secondary small"
          onClick={() => set({ phones: [...draft.phones, { label: 'mobile', raw: '', doNotCall: false }] })}
        >
          Add number
        </button>
      </fieldset>

      <div className="grid-2">
        <div className="field">
          <label htmlFor="contact-emails">Emails</label>
          <input
            id="contact-emails"
            value={draft.emails.join(', ')}
            placeholder="name@example.com"
            onChange={(e) => set({ emails: e.target.value.split(',').map((s) => s.trim()) })}
            {...invalid('emails.0')}
          />
          <FieldError id="emails.0-error" message={Object.entries(fields).find(([k]) => k.startsWith('emails.'))?.[1]} />
        </div>
        <div className="field">
          <label htmlFor="contact-tags">Tags</label>
          <input id="contact-tags" value={tagsText} placeholder="Patients, VIP" onChange={(e) => setTagsText(e.target.value)} />
        </div>
      </div>

      <fieldset>
        <legend>Custom fields</legend>
        <p className="hint">Templates can use these as {'{{contact.custom.name}}'}.</p>
        {customRows.map(([k, v], i) => (
          <div key={i} className="variable-row">
            <input
              aria-label={`Custom field ${i + 1} name`}
              value={k}
              onChange={(e) => setCustomRows(customRows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))}
              {...invalid(`custom.${k}`)}
            />
            <input
              aria-label={`Custom field ${i + 1} value`}
              value={v}
              onChange={(e) => setCustomRows(customRows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove custom field ${i + 1}`}
              onClick={() => setCustomRows(customRows.filter((_, j) => j !== i))}
            >
              ×
            </button>
            <FieldError id={`custom.${k}-error`} message={fields[`custom.${k}`]} />
          </div>
        ))}
        <button type="button" className="secondary small" onClick={() => setCustomRows([...customRows, ['', '']])}>
          Add custom field
        </button>
      </fieldset>

      <div className="field">
        <label htmlFor="contact-notes">Notes</label>
        <textarea id="contact-notes" rows={3} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} />
      </div>

      <DefaultCallerFields
        value={draft.defaultCaller}
        directory={directory}
        onChange={(defaultCaller) => set({ defaultCaller })}
        error={fields.defaultCaller}
      />

      <div className="row">
        <label className="inline">
          <input type="checkbox" checked={draft.favorite} onChange={(e) => set({ favorite: e.target.checked })} />
          Favourite
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={draft.doNotCall !== null}
            onChange={(e) => set({ doNotCall: e.target.checked ? { reason: '' } : null })}
          />
          Do not call this contact
        </label>
      </div>
      {draft.doNotCall ? (
        <div className="field">
          <label htmlFor="contact-dnc-reason">Why not</label>
          <input
            id="contact-dnc-reason"
            value={draft.doNotCall.reason}
            placeholder="Asked not to be called on 2 Oct"
            onChange={(e) => set({ doNotCall: { reason: e.target.value } })}
            {...invalid('doNotCallReason')}
          />
          <FieldError id="doNotCallReason-error" message={fields.doNotCallReason} />
        </div>
      ) : null}

      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Save contact
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The editor's labels, plus a label it does not list ("assistant", "work fax"), kept as it is. */
function labelChoices(current: string): readonly string[] {
  return (EDITOR_LABELS as readonly string[]).includes(current) || !current ? EDITOR_LABELS : [...EDITOR_LABELS, current];
}

import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppStatus, Directory } from '../../../shared/contract';
import { normalizeDialInput, parsePhone, regionName } from '../../../shared/phone';
import type { AppError } from '../../../shared/result';
import { api } from '../api';
import { useApiValue } from '../use-api-value';
import { CallCard, type CardStage } from '../components/call-card';
import { CountrySelect } from '../components/country-select';
import { FieldError } from '../components/field-error';
import { IdField } from '../components/id-field';
import { VariableRows } from '../components/variable-rows';
import { draftIntent, initialDraft, withCaller, type DialDraft, type DialRequest } from './dial-draft';
import type { Contact } from '../../../shared/contacts/contact';
import type { RenderContext } from '../../../shared/templates/render-template';
import { resolveCaller, type CallerSource } from '../../../shared/templates/resolve-caller';
import type { Template } from '../../../shared/templates/template';
import { TemplateRows } from '../components/template-rows';
import { offeredCallers } from './caller-checks';
import { planCall } from '../../../shared/call-plan';
import { QueueExpiryField } from '../components/queue-expiry-field';
import { useDirectory } from './use-directory';
import { focusSoon, rememberFocus, type FocusTarget } from '../keyboard/focus';

interface Props {
  status: AppStatus;
  /** a call started from a contact: the card opens with its number */
  request?: DialRequest | null;
  /** bumped when templates change elsewhere */
  templatesVersion: number;
  onStatus(status: AppStatus): void;
  onOpenConnection(): void;
  onOpenTemplates(): void;
}

const FIELD_ORDER = ['toNumber', 'fromNumberId', 'agentId', 'teamId'];
const NO_TEMPLATES: Template[] = [];
/** live profiles already warned about in this window: the warning is for the first switch */
const warnedLive = new Set<string>();

export function DialScreen({ status, onStatus, onOpenConnection, onOpenTemplates, request, templatesVersion }: Props) {
  const [draft, setDraft] = useState<DialDraft>(() => initialDraft(status.lastCaller));
  const [stage, setStage] = useState<CardStage>({ kind: 'draft' });
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [callerSource, setCallerSource] = useState<CallerSource | 'you'>(status.lastCaller ? 'last used' : 'none');
  const [templateId, setTemplateId] = useState('');
  const [contact, setContact] = useState<Contact | null>(null);
  const { directory, refresh, refreshing, saveManual } = useDirectory(`${status.activeProfile.id}|${status.activeProfile.keyHint ?? ''}`);

  const templates = useApiValue(() => api().templates.list({}), templatesVersion) ?? NO_TEMPLATES;
  const template = templates.find((t) => t.id === templateId) ?? null;

  // A call started from a contact replaces the number, applies the default caller (contact →
  // template → last used) and arms the card at once when everything checks out.
  const [seenRequest, setSeenRequest] = useState<number | undefined>(undefined);
  if (request && request.nonce !== seenRequest) {
    setSeenRequest(request.nonce);
    const resolved = resolveCaller({ contact: request.contact?.defaultCaller, template: template?.defaultCaller, last: null });
    let next: DialDraft = { ...draft, toNumber: request.toNumber, contactId: request.contactId };
    if (resolved.caller) next = withCaller(next, resolved.caller);
    const checked = planCall({
      intent: draftIntent(next, status.defaultCountry, template?.id),
      directory,
      template,
      context: renderContext(request.contact ?? null, status),
      doNotCall: request.contact?.doNotCall?.reason ?? null,
    });
    setDraft(next);
    setContact(request.contact ?? null);
    if (resolved.caller) setCallerSource(resolved.source);
    setError(null);
    const problems = checked.problems;
    setFieldErrors(problems);
    setStage(Object.keys(problems).length === 0 ? { kind: 'review', requestId: crypto.randomUUID() } : { kind: 'draft' });
  }
  const [match, setMatch] = useState<{ e164: string; name: string; label: string; doNotCall: string | null } | null>(null);
  const [numberTouched, setNumberTouched] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const pendingFocus = useRef<string | null>(null);
  /** what opened the card for review (the field where Enter was pressed, or Review call), per request id */
  const reviewOpener = useRef<{ requestId: string; target: FocusTarget } | null>(null);
  const country = status.defaultCountry;

  const pasted = useMemo(() => normalizeDialInput(draft.toNumber), [draft.toNumber]);
  const phone = useMemo(() => parsePhone(pasted.text, country, { suggestCountry: true }), [pasted.text, country]);
  const e164 = phone.ok ? phone.e164 : null;
  const intent = useMemo(() => draftIntent(draft, country, template?.id), [draft, country, template]);
  const apiVersion = directory?.apiVersion ?? null;
  const offered = offeredCallers(directory, draft.fromNumberId);

  // Who this number belongs to, and whether it is do-not-call, for the card.
  useEffect(() => {
    let live = true;
    if (!e164) return;
    void api()
      .contacts.lookupNumber({ e164 })
      .then((r) => live && setMatch(r.ok && r.value ? { e164, name: r.value.name, label: r.value.label, doNotCall: r.value.doNotCall } : null));
    return () => {
      live = false;
    };
  }, [e164]);
  const contactMatch = match && match.e164 === e164 ? match : null;
  // The same plan main runs before sending: bindings, declared variables (a pinned revision's where
  // the number pins one), the template rendered against the contact, do-not-call. Main adds the idempotency key.
  const renderCtx = useMemo(() => renderContext(contact, status), [contact, status]);
  const plan = useMemo(
    () => planCall({ intent, directory, template, context: renderCtx, doNotCall: contactMatch?.doNotCall ?? null }),
    [intent, directory, template, renderCtx, contactMatch],
  );
  const locked = stage.kind === 'review' || stage.kind === 'placing';

  // Switching connection: the last profile's call result and its IDs do not belong to this one
  // (state adjusted while rendering, as React recommends for "reset when a prop changes").
  const profile = status.activeProfile;
  const [seenProfile, setSeenProfile] = useState(profile.id);
  const [recheckAfter, setRecheckAfter] = useState<Directory | null | undefined>(undefined);
  const [liveWarning, setLiveWarning] = useState<string | null>(null);
  if (seenProfile !== profile.id) {
    setSeenProfile(profile.id);
    setRecheckAfter(directory);
    setStage({ kind: 'draft' });
    setError(null);
    setFieldErrors({});
    const firstTime = profile.kind === 'custom' && !warnedLive.has(profile.id);
    if (firstTime) warnedLive.add(profile.id);
    setLiveWarning(firstTime ? `You are now connected to ${profile.name}. Calls from now on are real: Feather will phone real people.` : null);
  }
  // …then, once that profile's directory is in, clear the from-number, agent and team it does not have.
  if (recheckAfter !== undefined && directory && directory !== recheckAfter && directory.fetchedAt) {
    setRecheckAfter(undefined);
    const has = (list: Directory['agents'], listed: boolean, id: string) => !id.trim() || !listed || list.some((e) => e.id === id.trim());
    const numbersListed = directory.phoneNumbers.length > 0 || !directory.unavailable.includes('phone numbers');
    setDraft((d) => ({
      ...d,
      fromNumberId: has(directory.phoneNumbers, numbersListed, d.fromNumberId) ? d.fromNumberId : '',
      agentId: has(directory.agents, directory.agents.length > 0, d.agentId) ? d.agentId : '',
      teamId: has(directory.teams, directory.teams.length > 0, d.teamId) ? d.teamId : '',
    }));
  }

  const edit = (patch: Partial<DialDraft>) => {
    if ('fromNumberId' in patch || 'callerMode' in patch || 'agentId' in patch || 'teamId' in patch) setCallerSource('you');
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
    // An edited field's old message no longer applies.
    setFieldErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => !(k in patch))));
  };

  /** Moves focus to the first field with a message, in reading order, once it is rendered enabled. */
  function focusFirstError(fields: Record<string, string>) {
    pendingFocus.current = FIELD_ORDER.find((f) => fields[f]) ?? Object.keys(fields).sort()[0] ?? null;
  }
  useEffect(() => {
    const field = pendingFocus.current;
    const element = field ? formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"]`) : null;
    if (element && !element.matches(':disabled')) {
      element.focus();
      pendingFocus.current = null;
    }
  });

  function review() {
    setNumberTouched(true);
    const problems = plan.problems;
    if (!plan.ok) {
      setFieldErrors(problems);
      focusFirstError(problems);
      return;
    }
    setFieldErrors({});
    setError(null);
    const requestId = crypto.randomUUID();
    reviewOpener.current = { requestId, target: rememberFocus() };
    setStage({ kind: 'review', requestId });
  }

  /** Esc or Edit on the card: back to the form, focus where the review started (else the number). */
  function backToEdit() {
    const opener = 'requestId' in stage && reviewOpener.current?.requestId === stage.requestId ? reviewOpener.current.target : () => null;
    setStage({ kind: 'draft' });
    focusSoon([opener, () => formRef.current?.querySelector<HTMLElement>('[data-field="toNumber"]')]);
  }

  async function call(instant = false, confirmUncertain = false) {
    if (stage.kind !== 'review') return; // the dialer's request-id lock is the real guard
    const requestId = stage.requestId;
    setStage({ kind: 'placing', requestId });
    setError(null);
    const result = await api().call.place({ ...intent, requestId, ...(instant ? { instant: true } : {}), ...(confirmUncertain ? { confirmUncertain: true } : {}) });
    if (result.ok) {
      setStage({ kind: 'done', result: result.value });
      const fresh = await api().app.status({});
      if (fresh.ok) onStatus(fresh.value);
      return;
    }
    const failure = result.error;
    if (failure.code === 'outcome_unknown') {
      setStage({ kind: 'unknown', error: failure, requestId });
      return;
    }
    if (failure.fields && Object.keys(failure.fields).length > 0) {
      // Back to the form with each message next to what caused it.
      setFieldErrors(failure.fields);
      setError(failure);
      setStage({ kind: 'draft' });
      focusFirstError(failure.fields);
      return;
    }
    setError(failure);
    setStage({ kind: 'review', requestId });
  }

  /** After "outcome unknown" on 1.90: the same request again; Feather answers with the first call. */
  async function resend() {
    if (stage.kind !== 'unknown' || stage.asking) return;
    const { requestId } = stage;
    setStage({ ...stage, asking: true });
    const result = await api().call.resend({ requestId });
    if (result.ok) setStage({ kind: 'done', result: result.value });
    else if (result.error.code === 'outcome_unknown') setStage({ kind: 'unknown', error: result.error, requestId });
    else setStage({ kind: 'unknown', error: { ...result.error, resendable: false, message: `${result.error.message} The first request's outcome is still unknown — check before calling again.` }, requestId });
  }

  async function changeCountry(code: string) {
    const result = await api().app.setDefaultCountry({ country: code });
    if (result.ok) onStatus(result.value);
  }

  function chooseTemplate(id: string) {
    setTemplateId(id);
    const chosen = templates.find((t) => t.id === id);
    // The template's default caller applies unless the contact has its own.
    if (chosen?.defaultCaller && !contact?.defaultCaller) {
      setDraft((d) => withCaller(d, chosen.defaultCaller!));
      setCallerSource('template');
    }
    setFieldErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => !k.startsWith('contextVariables'))));
  }

  function newCall() {
    setContact(null);
    setStage({ kind: 'draft' });
    setError(null);
    setFieldErrors({});
    setNumberTouched(false);
    setDraft((d) => ({ ...d, toNumber: '', contactId: undefined }));
    formRef.current?.querySelector<HTMLElement>('[data-field="toNumber"]')?.focus();
  }

  const shownErrors = { ...fieldErrors };
  if (numberTouched && !phone.ok && draft.toNumber.trim()) shownErrors.toNumber = phone.message;
  const errorProps = (field: string) =>
    shownErrors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {};
  const teamNotice = plan.notices.find((n) => /context variables/.test(n));
  const hasKey = status.activeProfile.hasKey;

  return (
    <div className="dial">
      <h1 className="visually-hidden">Dial</h1>
      <form
        ref={formRef}
        className="dial-form"
        aria-label="Call details"
        onSubmit={(e) => {
          e.preventDefault();
          if (!locked) review();
        }}
      >
        {liveWarning ? (
          <div className="banner banner-live" role="alert">
            <span>{liveWarning}</span>
            <button type="button" className="link" onClick={() => setLiveWarning(null)}>
              Understood
            </button>
          </div>
        ) : null}
        {status.samples.contacts + status.samples.templates > 0 && profile.kind === 'simulator' ? (
          <div className="banner banner-info" role="note">
            <span>
              Demo mode comes with {status.samples.contacts} sample contact{status.samples.contacts === 1 ? '' : 's'} and {status.samples.templates} sample template
              {status.samples.templates === 1 ? '' : 's'} (marked “Sample”).
            </span>
            <button
              type="button"
              className="link"
              onClick={() => {
                void api()
                  .app.removeSamples({})
                  .then((r) => r.ok && onStatus(r.value));
              }}
            >
              Remove samples
            </button>
          </div>
        ) : null}
        {!hasKey ? (
          <div className="banner banner-info" role="note">
            <span>No API key for {status.activeProfile.name} yet.</span>
            <button type="button" className="link" onClick={onOpenConnection}>
              Add a key
            </button>
          </div>
        ) : null}
        <fieldset disabled={locked} className="plain">
          <div className="row two">
            <div className="field grow">
              <label htmlFor="to-number">To number</label>
              <input
                id="to-number"
                data-field="toNumber"
                type="tel"
                autoFocus
                data-autofocus
                autoComplete="off"
                placeholder="(415) 555-0132 or +44 20 7946 0958"
                value={draft.toNumber}
                onChange={(e) => edit({ toNumber: e.target.value })}
                onBlur={() => setNumberTouched(true)}
                {...errorProps('toNumber')}
              />
              {phone.ok && !shownErrors.toNumber ? (
                <>
                  <p className="preview">
                    <output htmlFor="to-number" aria-label="Number as sent">
                      {phone.e164}
                    </output>
                    <span className="muted"> · {phone.country ? regionName(phone.country) : 'international'}</span>
                  </p>
                  {pasted.notices.map((n) => (
                    <p key={n} className="hint hint-warning" role="note">
                      {n}
                    </p>
                  ))}
                </>
              ) : (
                <>
                  <FieldError id="toNumber-error" message={shownErrors.toNumber} />
                  {!phone.ok && phone.suggestion && draft.toNumber.trim() ? (
                    <button type="button" className="link" disabled={locked} onClick={() => edit({ toNumber: phone.suggestion!.international })}>
                      Use {phone.suggestion.international} ({regionName(phone.suggestion.country)})
                    </button>
                  ) : null}
                </>
              )}
            </div>
            <div className="field">
              <label htmlFor="default-country">Default country</label>
              <CountrySelect id="default-country" value={country} onChange={changeCountry} />
            </div>
          </div>

          <IdField
            id="from-number"
            field="fromNumberId"
            label="From number"
            placeholder="Phone number ID (UUID)"
            value={draft.fromNumberId}
            error={shownErrors.fromNumberId}
            options={directory?.phoneNumbers}
            onChange={(fromNumberId) => edit({ fromNumberId })}
            onSaveManual={(label) => saveManual('phoneNumber', label, draft.fromNumberId)}
            suggestionsLabel="Your organisation's numbers"
          />
          <DirectoryStatus directory={directory} refreshing={refreshing} onRefresh={() => void refresh()} />

          <fieldset className="caller">
            <legend>Who calls</legend>
            <div className="segmented" role="radiogroup" aria-label="Who calls">
              {(['auto', 'agent', 'team'] as const).map((mode) => (
                <label key={mode} className={draft.callerMode === mode ? 'selected' : undefined}>
                  <input type="radio" name="caller" value={mode} checked={draft.callerMode === mode} onChange={() => edit({ callerMode: mode })} />
                  {mode === 'auto' ? 'Automatic' : mode === 'agent' ? 'Agent' : 'Team'}
                </label>
              ))}
            </div>
            {draft.callerMode === 'agent' ? (
              <IdField
                id="agent-id"
                field="agentId"
                label="Agent ID"
                placeholder="Agent ID (UUID)"
                value={draft.agentId}
                error={shownErrors.agentId}
                options={offered.agents}
                onChange={(agentId) => edit({ agentId })}
                onSaveManual={(label) => saveManual('agent', label, draft.agentId)}
                suggestionsLabel="Agents you can call as"
              />
            ) : null}
            {draft.callerMode === 'team' ? (
              <IdField
                id="team-id"
                field="teamId"
                label="Team ID"
                placeholder="Team ID (UUID)"
                value={draft.teamId}
                error={shownErrors.teamId}
                options={offered.teams}
                onChange={(teamId) => edit({ teamId })}
                onSaveManual={(label) => saveManual('team', label, draft.teamId)}
                suggestionsLabel="Teams you can call as"
              />
            ) : null}
            {offered.note && draft.callerMode !== 'auto' ? <p className="hint">{offered.note}</p> : null}
          </fieldset>
        </fieldset>

        <div className="field">
          <label htmlFor="template">Template</label>
          <select id="template" value={templateId} disabled={locked} onChange={(e) => chooseTemplate(e.target.value)}>
            <option value="">None — type variables below</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {contact ? <p className="preview muted">Placeholders read from {contact.firstName || contact.displayName || 'the contact'}’s details.</p> : null}
        </div>

        {template && plan.rendered ? (
          <TemplateRows name={template.name} rows={plan.rendered.rows} errors={shownErrors} notice={teamNotice} onEdit={onOpenTemplates} />
        ) : (
        <VariableRows
          rows={draft.variables}
          errors={shownErrors}
          disabled={locked}
          notice={teamNotice}
          onChange={(variables) => {
            edit({ variables });
            setFieldErrors((errs) => Object.fromEntries(Object.entries(errs).filter(([k]) => !k.startsWith('contextVariables'))));
          }}
        />
        )}

        {apiVersion === '1.90' ? (
          <QueueExpiryField value={draft.expiresInSeconds} disabled={locked} onChange={(expiresInSeconds) => edit({ expiresInSeconds })} />
        ) : null}

        <div className="form-actions">
          <button type="submit" className="primary" disabled={locked}>
            Review call
          </button>
          <span className="hint">Enter to review</span>
        </div>
      </form>

      <CallCard
        callerSource={callerSource}
        contact={contactMatch}
        stage={stage}
        plan={plan}
        profile={status.activeProfile}
        directory={directory}
        defaultCountry={country}
        error={error}
        apiVersion={apiVersion}
        onCall={() => void call(false)}
        onCallNow={() => void call(true)}
        onConfirmUncertain={() => void call(false, true)}
        onResend={() => void resend()}
        onEdit={backToEdit}
        onNewCall={newCall}
        onOpenConnection={onOpenConnection}
      />
    </div>
  );
}

function renderContext(contact: Contact | null, status: AppStatus): RenderContext {
  const identity = status.activeProfile.identity;
  return { contact, user: { name: identity?.displayName ?? identity?.email ?? null }, now: new Date() };
}

function DirectoryStatus({ directory, refreshing, onRefresh }: { directory: Directory | null; refreshing: boolean; onRefresh(): void }) {
  if (!directory) return null;
  const when = directory.fetchedAt ? new Date(directory.fetchedAt).toLocaleString() : null;
  return (
    <p className="hint directory-status">
      {directory.refreshError ? (
        <span className="warning-text">
          {when ? `Showing organisation data from ${when}. ` : 'No organisation data yet. '}
          {directory.refreshError}
        </span>
      ) : when ? (
        <span>Numbers, agents and teams as of {when}.</span>
      ) : null}
      {directory.unavailable.length ? <span> Not listed by this server: {directory.unavailable.join(', ')} — enter IDs by hand.</span> : null}{' '}
      <button type="button" className="link" disabled={refreshing} onClick={onRefresh}>
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
    </p>
  );
}

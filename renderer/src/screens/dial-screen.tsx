import { useEffect, useMemo, useReducer, useRef } from 'react';
import type { AppStatus, Directory } from '../../../shared/contract';
import { normalizeDialInput, parsePhone, regionName } from '../../../shared/phone';
import { api } from '../api';
import { CallCard, type CardStage } from '../components/call-card';
import { CountrySelect } from '../components/country-select';
import { FieldError } from '../components/field-error';
import { IdField } from '../components/id-field';
import { callerBindingOf, numberBindingOf } from '../components/id-combobox-entries';
import { VariableRows } from '../components/variable-rows';
import { draftIntent, type DialDraft } from './dial-draft';
import { nameOf, type Contact } from '../../../shared/contacts/contact';
import { nonCallableKind } from '../../../shared/contacts/phone-kinds';
import type { RenderContext } from '../../../shared/templates/render-template';
import { TemplateRows } from '../components/template-rows';
import { offeredCallers } from './caller-checks';
import { planCall } from '../../../shared/call-plan';
import { QueueExpiryField } from '../components/queue-expiry-field';
import { focusSoon, rememberFocus, type FocusTarget } from '../keyboard/focus';
import { dialReducer, initialDialState, isLocked, type DialPhase } from './dial-flow';
import { refreshDirectory, saveManual, useDirectoryState } from '../stores/directory-store';
import { useTemplates } from '../stores/templates-store';
import { profileKeyOf, setStatus } from '../stores/status-store';
import { consumeDialRequests } from '../stores/dial-requests';
import { useNumberMatch } from './use-number-match';

interface Props {
  status: AppStatus;
  onOpenConnection(): void;
  onOpenTemplates(): void;
}

/** The card shows the flow's phase; "not placed" is a review card with Feather's refusal on it. */
function cardStage(phase: DialPhase): CardStage {
  if (phase.kind === 'placed') return { kind: 'done', result: phase.result };
  if (phase.kind === 'not_placed') return { kind: 'review', requestId: phase.requestId };
  return phase;
}

export function DialScreen({ status, onOpenConnection, onOpenTemplates }: Props) {
  const connection = profileKeyOf(status);
  const [state, dispatch] = useReducer(dialReducer, { lastCaller: status.lastCaller, profileId: connection }, initialDialState);
  const { draft, phase, contact } = state;
  const { directory: storedDirectory, profileKey: directoryProfile, refreshing } = useDirectoryState();
  // the directory of this connection only (a late one for the last profile, or the last key, is not shown)
  const directory = directoryProfile === connection ? storedDirectory : null;
  const { templates } = useTemplates();
  const template = templates.find((t) => t.id === state.templateId) ?? null;
  const country = status.defaultCountry;
  const formRef = useRef<HTMLFormElement>(null);
  /** what opened the card for review (the field where Enter was pressed, or Review call), per request id */
  const reviewOpener = useRef<{ requestId: string; target: FocusTarget } | null>(null);

  const pasted = useMemo(() => normalizeDialInput(draft.toNumber), [draft.toNumber]);
  const phone = useMemo(() => parsePhone(pasted.text, country, { suggestCountry: true }), [pasted.text, country]);
  const e164 = phone.ok ? phone.e164 : null;
  const contactMatch = useNumberMatch(e164);
  const intent = useMemo(() => draftIntent(draft, country, template?.id), [draft, country, template]);
  const apiVersion = directory?.apiVersion ?? null;
  const offered = offeredCallers(directory, draft.fromNumberId);
  // The same plan main runs before sending: bindings, declared variables (a pinned revision's where
  // the number pins one), the template rendered against the contact, do-not-call. Main adds the idempotency key.
  const renderCtx = useMemo(() => renderContext(contact, status), [contact, status]);
  const plan = useMemo(
    () =>
      planCall({
        intent,
        directory,
        template,
        context: renderCtx,
        doNotCall: contactMatch?.doNotCall ?? null,
        numberKind: contactMatch?.nonCallable ?? null,
      }),
    [intent, directory, template, renderCtx, contactMatch],
  );
  const locked = isLocked(phase);

  // Main and the store tell the flow what changed: the connection, its directory.
  useEffect(() => dispatch({ type: 'profile', profile: status.activeProfile, key: connection }), [status.activeProfile, connection]);
  useEffect(() => {
    if (directory && directoryProfile) dispatch({ type: 'directory', profileId: directoryProfile, directory });
  }, [directory, directoryProfile]);

  // Calls started elsewhere (a contact here; the tray, hotkey and tel: links through main).
  const latest = useRef({ directory, templates, status, template });
  useEffect(() => {
    latest.current = { directory, templates, status, template };
  });
  useEffect(
    () =>
      consumeDialRequests((request) => {
        const now = latest.current;
        const requested = request.templateId ? (now.templates.find((t) => t.id === request.templateId) ?? null) : now.template;
        dispatch({
          type: 'request',
          request,
          template: requested,
          requestId: crypto.randomUUID(),
          check: (next: DialDraft, who: Contact | null, templateId: string) =>
            planCall({
              intent: draftIntent(next, now.status.defaultCountry, templateId || undefined),
              directory: now.directory,
              template: now.templates.find((t) => t.id === templateId) ?? null,
              context: renderContext(who, now.status),
              doNotCall: who?.doNotCall?.reason ?? null,
              numberKind: (e164) => {
                const entry = who?.phones.find((p) => p.e164 === e164);
                return who && entry && nonCallableKind(entry.label) ? { label: entry.label, contactName: nameOf(who) } : null;
              },
            }).problems,
        });
      }),
    [],
  );

  // Focus (and scroll to) the field the flow points at, once it is rendered enabled.
  useEffect(() => {
    const field = state.focus?.field;
    const element = field ? formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"]`) : null;
    if (element && !element.matches(':disabled')) {
      element.scrollIntoView?.({ block: 'center' });
      element.focus({ preventScroll: true });
      dispatch({ type: 'focused' });
    }
  }, [state.focus, locked]);

  const edit = (patch: Partial<DialDraft>) => dispatch({ type: 'edit', patch });

  function review() {
    const requestId = crypto.randomUUID();
    if (plan.ok) reviewOpener.current = { requestId: phase.kind === 'not_placed' ? phase.requestId : requestId, target: rememberFocus() };
    dispatch({ type: 'review', plan, requestId });
  }

  /** Esc or Edit on the card: back to the form, focus where the review started (else the number). */
  function backToEdit() {
    const opener = 'requestId' in phase && reviewOpener.current?.requestId === phase.requestId ? reviewOpener.current.target : () => null;
    dispatch({ type: 'backToEdit' });
    focusSoon([opener, () => formRef.current?.querySelector<HTMLElement>('[data-field="toNumber"]')]);
  }

  async function call(instant = false, confirmUncertain = false) {
    if (phase.kind !== 'review' && phase.kind !== 'not_placed') return; // the dialer's request-id lock is the real guard
    const { requestId } = phase;
    dispatch({ type: 'placing' });
    const result = await api().call.place({
      ...intent,
      requestId,
      ...(instant ? { instant: true } : {}),
      ...(confirmUncertain ? { confirmUncertain: true } : {}),
    });
    // The new last-used caller arrives as a status event; nothing to ask main again.
    dispatch(result.ok ? { type: 'placed', result: result.value } : { type: 'failed', error: result.error });
  }

  /** After "outcome unknown" on 1.90: the same request again; Feather answers with the first call. */
  async function resend() {
    if (phase.kind !== 'unknown' || phase.asking) return;
    dispatch({ type: 'resending' });
    const result = await api().call.resend({ requestId: phase.requestId });
    dispatch(result.ok ? { type: 'resent', result: result.value } : { type: 'resendFailed', error: result.error });
  }

  async function changeCountry(code: string) {
    const result = await api().app.setDefaultCountry({ country: code });
    if (result.ok) setStatus(result.value);
  }

  const shownErrors = { ...state.fieldErrors };
  if (state.numberTouched && !phone.ok && draft.toNumber.trim()) shownErrors.toNumber ??= phone.message;
  const errorProps = (field: string) => (shownErrors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${field}-error` } : {});
  const teamNotice = plan.notices.find((n) => /context variables/.test(n));
  const hasKey = status.activeProfile.hasKey;
  const profile = status.activeProfile;
  const cardError = phase.kind === 'not_placed' ? phase.error : state.rejected;

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
        {state.liveWarning ? (
          <div className="banner banner-live" role="alert">
            <span>{state.liveWarning}</span>
            <button type="button" className="link" onClick={() => dispatch({ type: 'dismissLiveWarning' })}>
              Understood
            </button>
          </div>
        ) : null}
        {status.samples.contacts + status.samples.templates > 0 && profile.kind === 'simulator' ? (
          <div className="banner banner-info" role="note">
            <span>
              Demo mode comes with {status.samples.contacts} sample contact{status.samples.contacts === 1 ? '' : 's'} and{' '}
              {status.samples.templates} sample template
              {status.samples.templates === 1 ? '' : 's'} (marked “Sample”).
            </span>
            <button
              type="button"
              className="link"
              onClick={() => {
                void api()
                  .app.removeSamples({})
                  .then((r) => r.ok && setStatus(r.value));
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
                onBlur={() => dispatch({ type: 'numberTouched' })}
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
                    <button
                      type="button"
                      className="link"
                      disabled={locked}
                      onClick={() => edit({ toNumber: phone.suggestion!.international })}
                    >
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

          {/* focus in From makes it the user's: a suggestion arriving later never lands under their typing */}
          <div className="contents" onFocus={() => dispatch({ type: 'fromFocused' })}>
            <IdField
              id="from-number"
              field="fromNumberId"
              label="From number"
              placeholder="Name, number or ID"
              value={draft.fromNumberId}
              error={shownErrors.fromNumberId}
              options={directory?.phoneNumbers}
              bindingOf={numberBindingOf(directory)}
              onChange={(fromNumberId) => edit({ fromNumberId })}
              onSaveManual={(label) => saveManual('phoneNumber', label, draft.fromNumberId)}
              suggestionsLabel="Your organisation's numbers"
            />
          </div>
          <DirectoryStatus directory={directory} refreshing={refreshing} onRefresh={() => void refreshDirectory()} />

          <fieldset className="caller">
            <legend>Who calls</legend>
            <div className="segmented" role="radiogroup" aria-label="Who calls">
              {(['auto', 'agent', 'team'] as const).map((mode) => (
                <label key={mode} className={draft.callerMode === mode ? 'selected' : undefined}>
                  <input
                    type="radio"
                    name="caller"
                    value={mode}
                    checked={draft.callerMode === mode}
                    onChange={() => edit({ callerMode: mode })}
                  />
                  {mode === 'auto' ? 'Automatic' : mode === 'agent' ? 'Agent' : 'Team'}
                </label>
              ))}
            </div>
            {draft.callerMode === 'agent' ? (
              <IdField
                id="agent-id"
                field="agentId"
                label="Agent ID"
                placeholder="Name or ID"
                value={draft.agentId}
                error={shownErrors.agentId}
                options={offered.agents}
                bindingOf={callerBindingOf(directory, draft.fromNumberId, 'agent')}
                lookup={directory?.agents}
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
                placeholder="Name or ID"
                value={draft.teamId}
                error={shownErrors.teamId}
                options={offered.teams}
                bindingOf={callerBindingOf(directory, draft.fromNumberId, 'team')}
                lookup={directory?.teams}
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
          <select
            id="template"
            data-field="template"
            value={state.templateId}
            disabled={locked}
            onChange={(e) => dispatch({ type: 'chooseTemplate', template: templates.find((t) => t.id === e.target.value) ?? null })}
          >
            <option value="">None — type variables below</option>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
          {contact ? (
            <p className="preview muted">Placeholders read from {contact.firstName || contact.displayName || 'the contact'}’s details.</p>
          ) : null}
        </div>

        {template && plan.rendered ? (
          <TemplateRows name={template.name} rows={plan.rendered.rows} errors={shownErrors} notice={teamNotice} onEdit={onOpenTemplates} />
        ) : (
          <VariableRows
            rows={draft.variables}
            errors={shownErrors}
            disabled={locked}
            notice={teamNotice}
            onChange={(variables) => edit({ variables })}
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
        callerSource={state.callerSource}
        contact={contactMatch}
        stage={cardStage(phase)}
        plan={plan}
        profile={status.activeProfile}
        directory={directory}
        defaultCountry={country}
        error={cardError}
        apiVersion={apiVersion}
        onCall={() => void call(false)}
        onCallNow={() => void call(true)}
        onConfirmUncertain={() => void call(false, true)}
        onResend={() => void resend()}
        onEdit={backToEdit}
        onNewCall={() => dispatch({ type: 'newCall' })}
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
      {directory.unavailable.length ? (
        <span> Not listed by this server: {directory.unavailable.join(', ')} — enter IDs by hand.</span>
      ) : null}{' '}
      <button type="button" className="link" disabled={refreshing} onClick={onRefresh}>
        {refreshing ? 'Refreshing…' : 'Refresh'}
      </button>
    </p>
  );
}

import type { Caller, DialDraft } from '../../../shared/call-intent';
import type { CallPreview } from '../../../shared/call-preview';
import type { AppError } from '../../../shared/result';
import { directoryArrived, profileChanged } from './dial-connection';
import { focusOn, focused, fromFocused } from './dial-focus';
import { newCallTo, outsideFields, waitsFor } from './dial-request-card';
import { cardRequestId, currentPlan, firstProblem, isLocked, type DialAction, type DialState } from './dial-state';

/**
 * The Dial card's reducer (state and actions in dial-state.ts): what each thing the user does, each
 * answer from main and each change of connection does to the card. Pure; tested without a browser.
 */

const remember = (ids: DialState['callerIds'], caller: Caller): DialState['callerIds'] =>
  caller.mode === 'agent' ? { ...ids, agentId: caller.agentId } : caller.mode === 'team' ? { ...ids, teamId: caller.teamId } : ids;

const sameCaller = (a: Caller, b: Caller) => JSON.stringify(a) === JSON.stringify(b);
const withoutVariableErrors = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith('contextVariables')));

/** What main fills in where the user has not chosen (main says null where they have): a new draft only when something changes. */
function withDefaults(draft: DialDraft, defaults: CallPreview['defaults']): DialDraft {
  let next = draft;
  if (defaults.toNumber && !draft.toNumber.trim()) next = { ...next, toNumber: defaults.toNumber };
  if (defaults.fromNumberId && defaults.fromNumberId !== draft.fromNumberId) next = { ...next, fromNumberId: defaults.fromNumberId };
  if (defaults.caller && !sameCaller(defaults.caller, draft.caller)) next = { ...next, caller: defaults.caller };
  return next;
}

/**
 * The card armed with main's plan for review, or the form at its first problem. A blocked card
 * stays asked-for until the user changes something: when main's data catches up (the organisation's
 * numbers still loading at a first start, a contact fixed elsewhere), its next plan arms it.
 */
function armOrPoint(state: DialState, plan: CallPreview, requestId: string): DialState {
  if (plan.ok) return { ...state, armWhenPlanned: null, fieldErrors: {}, rejected: null, phase: { kind: 'review', requestId, plan } };
  const same = JSON.stringify(state.fieldErrors) === JSON.stringify(plan.problems);
  return {
    ...state,
    numberTouched: true,
    touched: true,
    phase: { kind: 'draft' },
    fieldErrors: plan.problems,
    // focus goes to the first problem once, not again with every new plan for the same problems
    focus: same ? state.focus : focusOn(state, firstProblem(plan.problems)),
  };
}

/** Anything the user changes starts this card over: an armed request waits no more, a refusal no longer applies. */
const edited = (state: DialState, draft: DialDraft, errors = state.fieldErrors): DialState => ({
  ...state,
  draft,
  fieldErrors: errors,
  rejected: null,
  touched: true,
  typed: true,
  armWhenPlanned: null,
  fromFocusOwed: false, // the user is at work in the card: a focus event owed to it has come by now
  phase: state.phase.kind === 'not_placed' ? { kind: 'draft' } : state.phase,
});

const planChanged = (message: string): AppError => ({ code: 'plan_changed', message });

/** what a plan asks to confirm, as the card's buttons read it (not the sentences: they follow the clock, 22:40, 22:41…) */
const asks = (plan: CallPreview) => JSON.stringify(plan.confirmations.map((c) => [c.kind, c.callNowOnly, c.queuedSessionId ?? null]));

/**
 * An armed card (or one refused, to try again) takes what main's plan for the same call asks now —
 * a call to the number went out elsewhere, a queued call started to ring, an unknown outcome was
 * settled —, so the card asks before the press what main would ask after it. Focus never moves onto
 * a call button for it (call-actions.tsx).
 */
function askedNow(phase: DialState['phase'], plan: CallPreview): DialState['phase'] {
  if (phase.kind !== 'review' && phase.kind !== 'not_placed') return phase;
  return phase.plan.digest === plan.digest && asks(phase.plan) !== asks(plan) ? { ...phase, plan } : phase;
}

export function dialReducer(state: DialState, action: DialAction): DialState {
  switch (action.type) {
    case 'edit': {
      if (isLocked(state.phase)) return state;
      const patch = action.patch;
      const fields = Object.keys(patch);
      const errors = Object.fromEntries(
        Object.entries(state.fieldErrors).filter(
          ([k]) =>
            !fields.includes(k) &&
            !(k.startsWith('contextVariables') && 'contextVariables' in patch) &&
            !((k === 'agentId' || k === 'teamId') && 'caller' in patch),
        ),
      );
      const choice = { templateId: state.draft.templateId ?? null };
      const numberChanged = 'toNumber' in patch && patch.toNumber !== state.draft.toNumber;
      const draft: DialDraft = {
        ...state.draft,
        ...patch,
        ...('caller' in patch ? { callerChoice: choice } : {}),
        ...('fromNumberId' in patch ? { fromChoice: choice } : {}),
        // values given for one number are never sent to another
        ...(numberChanged ? { oneOff: null } : {}),
      };
      const next = edited(state, draft, errors);
      return { ...next, callerIds: patch.caller ? remember(state.callerIds, patch.caller) : state.callerIds };
    }
    case 'pick': {
      if (isLocked(state.phase)) return state;
      const draft = newCallTo(state, { toNumber: action.toNumber, contactId: action.contactId });
      return edited(state, draft, Object.fromEntries(Object.entries(state.fieldErrors).filter(([k]) => k !== 'toNumber')));
    }
    case 'callerMode': {
      const { agentId, teamId } = remember(state.callerIds, state.draft.caller);
      const caller: Caller =
        action.mode === 'agent' ? { mode: 'agent', agentId } : action.mode === 'team' ? { mode: 'team', teamId } : { mode: 'auto' };
      return dialReducer({ ...state, callerIds: { agentId, teamId } }, { type: 'edit', patch: { caller } });
    }
    case 'oneOff': {
      if (isLocked(state.phase)) return state;
      const values = { ...(state.draft.oneOff?.values ?? {}), [action.key]: action.value };
      return edited(
        state,
        { ...state.draft, oneOff: { forNumber: state.draft.toNumber, values } },
        withoutVariableErrors(state.fieldErrors),
      );
    }
    case 'chooseTemplate':
      // whether the template's caller replaces the user's is main's to say (its defaults)
      if (isLocked(state.phase)) return state;
      return edited(state, { ...state.draft, templateId: action.templateId || undefined }, withoutVariableErrors(state.fieldErrors));
    case 'numberTouched':
      return state.numberTouched ? state : { ...state, numberTouched: true };
    case 'fromFocused':
      return fromFocused(state);
    case 'replan':
      return { ...state, round: state.round + 1 };
    case 'planned':
      return planned(state, action.draft, action.round, action.plan);
    case 'planFailed':
      return action.draft === state.draft && action.round === state.round
        ? { ...state, plan: null, plannedDraft: null, planError: action.error, armWhenPlanned: null }
        : state;
    case 'review': {
      if (isLocked(state.phase)) return state;
      // Review again after "not placed" keeps the card's request id: main gives the retry a fresh key.
      const requestId = state.phase.kind === 'not_placed' ? state.phase.requestId : action.requestId;
      const plan = currentPlan(state);
      const next = { ...state, numberTouched: true, touched: true };
      return plan ? armOrPoint(next, plan, requestId) : { ...next, armWhenPlanned: requestId };
    }
    case 'backToEdit':
      return state.phase.kind === 'review' || state.phase.kind === 'not_placed' ? { ...state, phase: { kind: 'draft' } } : state;
    case 'placing':
      // a new try: an entry of an earlier one (not placed) is not this call's
      return state.phase.kind === 'review' || state.phase.kind === 'not_placed'
        ? { ...state, phase: { kind: 'placing', requestId: state.phase.requestId, plan: state.phase.plan }, callRow: null, callNotices: [] }
        : state;
    case 'placed':
      return state.phase.kind === 'placing'
        ? { ...state, phase: { kind: 'placed', result: action.result }, fieldErrors: {}, rejected: null }
        : state;
    case 'failed':
      return failed(state, action.error);
    case 'resending':
      return state.phase.kind === 'unknown' && !state.phase.asking ? { ...state, phase: { ...state.phase, asking: true } } : state;
    case 'resent':
      return state.phase.kind === 'unknown' ? { ...state, phase: { kind: 'placed', result: action.result } } : state;
    case 'resendFailed': {
      if (state.phase.kind !== 'unknown') return state;
      const { requestId } = state.phase;
      const error =
        action.error.code === 'outcome_unknown'
          ? action.error
          : {
              ...action.error,
              resendable: false,
              message: `${action.error.message} The first request's outcome is still unknown — check before calling again.`,
            };
      return { ...state, phase: { kind: 'unknown', requestId, error } };
    }
    case 'newCall': {
      const fresh: DialState = {
        ...state,
        phase: { kind: 'draft' },
        fieldErrors: {},
        rejected: null,
        touched: false,
        typed: false,
        numberTouched: false,
        armWhenPlanned: null,
        waiting: null,
        fromOutside: null,
        callRow: null,
        callNotices: [],
        draft: { ...state.draft, toNumber: '', contactId: undefined, oneOff: null },
        focus: focusOn(state, 'toNumber'),
      };
      // a call asked for meanwhile (the tray, a link) opens now, unless the card was put away
      return state.waiting && !action.dropWaiting
        ? dialReducer(fresh, { type: 'request', request: state.waiting, requestId: action.requestId })
        : fresh;
    }
    case 'request': {
      if (waitsFor(state, action.request)) return { ...state, waiting: action.request };
      return {
        ...state,
        draft: newCallTo(state, action.request),
        phase: { kind: 'draft' },
        fieldErrors: {},
        rejected: null,
        touched: true,
        typed: false,
        numberTouched: true,
        armWhenPlanned: action.requestId,
        fromOutside: outsideFields(action.request),
        callRow: null,
        callNotices: [],
      };
    }
    case 'profile':
      return profileChanged(state, action);
    case 'directory':
      return directoryArrived(state, action);
    case 'dismissWaiting':
      return state.waiting ? { ...state, waiting: null } : state;
    case 'dismissLiveWarning':
      return { ...state, liveWarning: null };
    case 'focused':
      return focused(state, action.eventLate === true);
    case 'history': {
      const { row } = action;
      if (row.requestId !== cardRequestId(state.phase)) return state; // another card's call
      // each try of a card is an entry: one from an earlier try never replaces the latest
      if (state.callRow && state.callRow.id !== row.id && row.at < state.callRow.at) return state;
      return { ...state, callRow: row };
    }
    case 'callNotice':
      if (action.requestId !== cardRequestId(state.phase) || state.callNotices.includes(action.notice)) return state;
      return { ...state, callNotices: [...state.callNotices, action.notice] };
  }
}

/** Main's answer for a draft: taken only for the draft on screen, as main's data is now. */
function planned(state: DialState, draft: DialDraft, round: number, plan: CallPreview): DialState {
  if (draft !== state.draft || round !== state.round) return state; // an answer for an older draft, or older data
  if (isLocked(state.phase)) {
    // An armed card keeps the plan it was armed with; if main's plan has changed under it, back to the form.
    if (state.phase.kind !== 'review' || state.phase.plan.digest === plan.digest) {
      return { ...state, plan, plannedDraft: draft, plannedRound: round, phase: askedNow(state.phase, plan) };
    }
    return {
      ...state,
      plan,
      plannedDraft: draft,
      plannedRound: round,
      phase: { kind: 'draft' },
      rejected: planChanged(
        'This card changed while it was open (a contact, template or organisation data changed). Check it and review again.',
      ),
    };
  }
  const next: DialState = {
    ...state,
    plan,
    plannedDraft: draft,
    plannedRound: round,
    planError: null,
    draft: withDefaults(draft, plan.defaults),
    phase: askedNow(state.phase, plan),
  };
  // Defaults changed the draft: its own plan follows; arm on that one.
  if (next.draft !== draft || !state.armWhenPlanned) return next;
  return armOrPoint(next, plan, state.armWhenPlanned);
}

function failed(state: DialState, error: AppError): DialState {
  if (state.phase.kind !== 'placing') return state;
  const { requestId, plan } = state.phase;
  if (error.code === 'outcome_unknown') return { ...state, phase: { kind: 'unknown', requestId, error } };
  // main's plan is no longer the one the card showed, or it now asks about an earlier call whose outcome
  // is unknown: nothing was sent; the form, with main's new plan coming (it lists what to confirm)
  if (error.code === 'plan_changed' || error.code === 'recently_uncertain')
    return { ...state, phase: { kind: 'draft' }, rejected: error, round: state.round + 1 };
  if (error.fields && Object.keys(error.fields).length > 0) {
    // Back to the form, each message (Feather's own, after a 422) next to what it names.
    return {
      ...state,
      phase: { kind: 'draft' },
      fieldErrors: error.fields,
      rejected: error,
      focus: focusOn(state, firstProblem(error.fields)),
    };
  }
  return { ...state, phase: { kind: 'not_placed', requestId, error, plan } };
}

import type { Caller, DialDraft } from '../../../shared/call-intent';
import type { CallPreview } from '../../../shared/call-preview';
import type { Directory } from '../../../shared/contract';
import { currentPlan, firstProblem, isLocked, type DialAction, type DialState } from './dial-state';

/**
 * The Dial card's reducer (state and actions in dial-state.ts): what each thing the user does, each
 * answer from main and each change of connection does to the card. Pure; tested without a browser.
 */

const focusOn = (state: DialState, field: string | null): DialState['focus'] =>
  field ? { field, seq: (state.focus?.seq ?? 0) + 1 } : state.focus;

const remember = (ids: DialState['callerIds'], caller: Caller): DialState['callerIds'] =>
  caller.mode === 'agent' ? { ...ids, agentId: caller.agentId } : caller.mode === 'team' ? { ...ids, teamId: caller.teamId } : ids;

const sameCaller = (a: Caller, b: Caller) => JSON.stringify(a) === JSON.stringify(b);

/** What main fills in where the user has not chosen: a new draft object only when something changes. */
function withDefaults(draft: DialDraft, defaults: CallPreview['defaults']): DialDraft {
  let next = draft;
  if (!draft.fromChosen && defaults.fromNumberId && defaults.fromNumberId !== draft.fromNumberId) {
    next = { ...next, fromNumberId: defaults.fromNumberId };
  }
  if (!draft.callerChosen && defaults.caller && !sameCaller(defaults.caller, draft.caller)) next = { ...next, caller: defaults.caller };
  return next;
}

/** After a switch of connection: keep only IDs the new profile's directory has (where it lists them). */
function recheckIds(draft: DialDraft, directory: Directory): DialDraft {
  const listed = (list: Directory['agents'], known: boolean, id: string) => !id.trim() || !known || list.some((e) => e.id === id.trim());
  const numbersListed = directory.phoneNumbers.length > 0 || !directory.unavailable.includes('phone numbers');
  const caller = draft.caller;
  const keepCaller =
    caller.mode === 'agent'
      ? listed(directory.agents, directory.agents.length > 0, caller.agentId)
      : caller.mode === 'team'
        ? listed(directory.teams, directory.teams.length > 0, caller.teamId)
        : true;
  return {
    ...draft,
    fromNumberId: listed(directory.phoneNumbers, numbersListed, draft.fromNumberId) ? draft.fromNumberId : '',
    caller: keepCaller ? caller : caller.mode === 'agent' ? { mode: 'agent', agentId: '' } : { mode: 'team', teamId: '' },
  };
}

/** The card opened for review, or the form at its first problem. */
function armOrPoint(state: DialState, plan: CallPreview, requestId: string): DialState {
  if (plan.ok) return { ...state, armWhenPlanned: null, fieldErrors: {}, rejected: null, phase: { kind: 'review', requestId } };
  return {
    ...state,
    armWhenPlanned: null,
    numberTouched: true,
    touched: true,
    phase: { kind: 'draft' },
    fieldErrors: plan.problems,
    focus: focusOn(state, firstProblem(plan.problems)),
  };
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
      return {
        ...state,
        draft: {
          ...state.draft,
          ...patch,
          ...('caller' in patch ? { callerChosen: true } : {}),
          ...('fromNumberId' in patch ? { fromChosen: true } : {}),
        },
        fieldErrors: errors,
        callerIds: patch.caller ? remember(state.callerIds, patch.caller) : state.callerIds,
        rejected: null,
        touched: true,
        // an edit after a refusal starts a new card: nothing from the old one applies
        phase: state.phase.kind === 'not_placed' ? { kind: 'draft' } : state.phase,
      };
    }
    case 'callerMode': {
      const { agentId, teamId } = remember(state.callerIds, state.draft.caller);
      const caller: Caller =
        action.mode === 'agent' ? { mode: 'agent', agentId } : action.mode === 'team' ? { mode: 'team', teamId } : { mode: 'auto' };
      return dialReducer({ ...state, callerIds: { agentId, teamId } }, { type: 'edit', patch: { caller } });
    }
    case 'oneOff': {
      if (isLocked(state.phase)) return state;
      const oneOff = { ...state.draft.oneOff, [action.key]: action.value };
      const errors = Object.fromEntries(Object.entries(state.fieldErrors).filter(([k]) => !k.startsWith('contextVariables')));
      return { ...state, draft: { ...state.draft, oneOff }, fieldErrors: errors, touched: true };
    }
    case 'chooseTemplate': {
      if (isLocked(state.phase)) return state;
      const errors = Object.fromEntries(Object.entries(state.fieldErrors).filter(([k]) => !k.startsWith('contextVariables')));
      // Choosing a template that names who calls is choosing that caller (unless the contact has its own: main decides).
      const reset = action.caller === 'template' ? { callerChosen: false, fromChosen: false } : {};
      const draft = { ...state.draft, templateId: action.templateId || undefined, ...reset };
      return {
        ...state,
        draft,
        fieldErrors: errors,
        touched: true,
        phase: state.phase.kind === 'not_placed' ? { kind: 'draft' } : state.phase,
      };
    }
    case 'numberTouched':
      return state.numberTouched ? state : { ...state, numberTouched: true };
    case 'fromFocused':
      return state.draft.fromChosen ? state : { ...state, draft: { ...state.draft, fromChosen: true } };
    case 'planned': {
      if (action.draft !== state.draft) return state; // an answer for an older draft
      const draft = isLocked(state.phase) ? state.draft : withDefaults(state.draft, action.plan.defaults);
      const next: DialState = { ...state, plan: action.plan, plannedDraft: action.draft, planError: null, draft };
      // Defaults changed the draft: its own plan follows; arm on that one.
      if (draft !== state.draft || !state.armWhenPlanned || isLocked(state.phase)) return next;
      return armOrPoint(next, action.plan, state.armWhenPlanned);
    }
    case 'planFailed':
      return action.draft === state.draft
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
      return state.phase.kind === 'review' || state.phase.kind === 'not_placed'
        ? { ...state, phase: { kind: 'placing', requestId: state.phase.requestId } }
        : state;
    case 'placed':
      return state.phase.kind === 'placing'
        ? { ...state, phase: { kind: 'placed', result: action.result }, fieldErrors: {}, rejected: null }
        : state;
    case 'failed': {
      if (state.phase.kind !== 'placing') return state;
      const { requestId } = state.phase;
      const error = action.error;
      if (error.code === 'outcome_unknown') return { ...state, phase: { kind: 'unknown', requestId, error } };
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
      return { ...state, phase: { kind: 'not_placed', requestId, error } };
    }
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
    case 'newCall':
      return {
        ...state,
        phase: { kind: 'draft' },
        fieldErrors: {},
        rejected: null,
        touched: false,
        numberTouched: false,
        armWhenPlanned: null,
        draft: { ...state.draft, toNumber: '', contactId: undefined, oneOff: undefined },
        focus: focusOn(state, 'toNumber'),
      };
    case 'request': {
      // never replace a card that is calling, or one whose outcome is unknown (its "ask again" would be lost)
      if (state.phase.kind === 'placing' || state.phase.kind === 'unknown') return state;
      const { request } = action;
      return {
        ...state,
        draft: {
          ...state.draft,
          toNumber: request.toNumber,
          contactId: request.contactId,
          templateId: request.templateId ?? state.draft.templateId,
          oneOff: undefined,
          // a new call: who calls is the contact's, the template's or the last one, as main says
          fromChosen: false,
          callerChosen: false,
        },
        phase: { kind: 'draft' },
        fieldErrors: {},
        rejected: null,
        touched: true,
        numberTouched: true,
        armWhenPlanned: action.requestId,
      };
    }
    case 'profile': {
      const { profile, key } = action;
      if (key === state.profileKey) return state;
      if (!state.profileKey) return { ...state, profileKey: key }; // the window's first status: nothing switched
      // The last connection's card and its IDs do not belong to this one — except a call still being
      // placed or with an unknown outcome: its answer must still land on its card (never call twice).
      const keep = state.phase.kind === 'placing' || state.phase.kind === 'unknown';
      const live = profile.kind === 'custom';
      const firstLive = live && profile.id !== state.profileKey.split('|')[0] && !state.warnedLive.includes(profile.id);
      return {
        ...state,
        profileKey: key,
        phase: keep ? state.phase : { kind: 'draft' },
        fieldErrors: {},
        rejected: null,
        armWhenPlanned: null,
        recheckIds: true,
        warnedLive: firstLive ? [...state.warnedLive, profile.id] : state.warnedLive,
        // the warning is about this connection: it goes when the connection is no longer live
        liveWarning: firstLive
          ? `You are now connected to ${profile.name}. Calls from now on are real: Feather will phone real people.`
          : live
            ? state.liveWarning
            : null,
      };
    }
    case 'directory': {
      // Until the new profile's data has been fetched once, what is missing from it is not known.
      if (action.profileKey !== state.profileKey || !state.recheckIds || !action.directory.fetchedAt) return state;
      const draft = recheckIds(state.draft, action.directory);
      const changed = JSON.stringify(draft) !== JSON.stringify(state.draft);
      const next: DialState = {
        ...state,
        recheckIds: false,
        draft: changed ? { ...draft, fromChosen: draft.fromNumberId ? draft.fromChosen : false } : state.draft,
      };
      // a card armed with IDs this connection does not have goes back to the form
      return changed && state.phase.kind === 'review' ? { ...next, phase: { kind: 'draft' } } : next;
    }
    case 'dismissLiveWarning':
      return { ...state, liveWarning: null };
    case 'focused':
      return state.focus ? { ...state, focus: null } : state;
  }
}

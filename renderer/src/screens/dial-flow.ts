import { ownValue } from '../../../shared/identifiers';
import type { CallPlan } from '../../../shared/call-plan';
import type { CallResult, Directory, LastCaller, ProfileView } from '../../../shared/contract';
import type { Contact } from '../../../shared/contacts/contact';
import type { DialRequest } from '../../../shared/main-events';
import type { AppError } from '../../../shared/result';
import { resolveCaller, type CallerSource } from '../../../shared/templates/resolve-caller';
import type { Template } from '../../../shared/templates/template';
import { initialDraft, withCaller, type DialDraft } from './dial-draft';

/**
 * The Dial screen's flow as a pure reducer: draft → review → placing → placed | not placed |
 * unknown. Everything the screen decides lives here (and is unit-tested); the component only
 * renders the state, runs the plan and talks to main.
 */

export type DialPhase =
  | { kind: 'draft' }
  | { kind: 'review'; requestId: string }
  | { kind: 'placing'; requestId: string }
  | { kind: 'placed'; result: CallResult }
  /** Feather (or main) refused for certain: nothing was placed; Call again is safe (same card) */
  | { kind: 'not_placed'; requestId: string; error: AppError }
  | { kind: 'unknown'; requestId: string; error: AppError; asking?: boolean };

/** Where the from-number and caller came from, for the card: "(contact's default)"… */
export type DialCallerSource = CallerSource | 'you' | 'suggested';

export interface DialState {
  draft: DialDraft;
  phase: DialPhase;
  /** messages by field (`toNumber`, `fromNumberId`, `contextVariables.2`…): the plan's on Review, Feather's after a 422 */
  fieldErrors: Record<string, string>;
  /** a refusal that came back with field messages: the card lists what Feather rejected */
  rejected: AppError | null;
  callerSource: DialCallerSource;
  templateId: string;
  contact: Contact | null;
  /** the number field was left or reviewed: its problem shows under it */
  numberTouched: boolean;
  /** the user typed or chose a from-number: no suggestion replaces it */
  fromChosen: boolean;
  /** the connection this draft is for: profile id | key hint (a new key is another organisation) */
  profileId: string;
  /** after a switch of connection: clear the IDs the next directory does not have */
  recheckIds: boolean;
  /** live profiles warned about in this window (the warning is for the first switch) */
  warnedLive: string[];
  liveWarning: string | null;
  /** the directory the last suggestion was made from */
  directory: Directory | null;
  /** a field to focus (and scroll to) once rendered; `seq` makes a repeat request new */
  focus: { field: string; seq: number } | null;
}

export type DialAction =
  | { type: 'edit'; patch: Partial<DialDraft> }
  | { type: 'numberTouched' }
  /** the user went to the From field: from now on it is theirs (a suggestion never lands under their typing) */
  | { type: 'fromFocused' }
  | { type: 'review'; plan: Pick<CallPlan, 'ok' | 'problems'>; requestId: string }
  | { type: 'backToEdit' }
  | { type: 'placing' }
  | { type: 'placed'; result: CallResult }
  | { type: 'failed'; error: AppError }
  | { type: 'resending' }
  | { type: 'resent'; result: CallResult }
  | { type: 'resendFailed'; error: AppError }
  | { type: 'newCall' }
  | { type: 'chooseTemplate'; template: Template | null }
  /**
   * A call started elsewhere: the number, the contact, who calls (contact → template → kept), then
   * `check` (the plan, run by the caller) decides whether the card is armed at once.
   */
  | {
      type: 'request';
      request: DialRequest;
      template: Template | null;
      requestId: string;
      check(draft: DialDraft, contact: Contact | null, templateId: string): Record<string, string>;
    }
  /** the connection changed: another profile, or another key for it (`key` = profile id | key hint) */
  | { type: 'profile'; profile: ProfileView; key: string }
  | { type: 'directory'; profileId: string; directory: Directory }
  | { type: 'dismissLiveWarning' }
  | { type: 'focused' };

/** Fields in reading order: the first with a problem gets focus. */
export const FIELD_ORDER = ['toNumber', 'fromNumberId', 'agentId', 'teamId', 'template'];
const CALLER_FIELDS = ['fromNumberId', 'callerMode', 'agentId', 'teamId'] as const;

export function initialDialState(options: { lastCaller: LastCaller | null; /** profile id | key hint */ profileId: string }): DialState {
  return {
    draft: initialDraft(options.lastCaller),
    phase: { kind: 'draft' },
    fieldErrors: {},
    rejected: null,
    callerSource: options.lastCaller ? 'last used' : 'none',
    templateId: '',
    contact: null,
    numberTouched: false,
    fromChosen: false,
    profileId: options.profileId,
    recheckIds: false,
    warnedLive: [],
    liveWarning: null,
    directory: null,
    focus: null,
  };
}

/**
 * Review and placing lock the form; so does an unknown outcome, until the user asks Feather again
 * or starts a new call (a second card to the same number is what "never twice" is about).
 */
export const isLocked = (phase: DialPhase) => phase.kind === 'review' || phase.kind === 'placing' || phase.kind === 'unknown';

/** The first problem field, in reading order (then variables by row). */
export function firstProblem(problems: Record<string, string>): string | null {
  return FIELD_ORDER.find((f) => problems[f]) ?? Object.keys(problems).sort(byRow)[0] ?? null;
}
const byRow = (a: string, b: string) => (Number(a.split('.')[1]) || 0) - (Number(b.split('.')[1]) || 0) || a.localeCompare(b);

const focusOn = (state: DialState, field: string | null): DialState['focus'] =>
  field ? { field, seq: (state.focus?.seq ?? 0) + 1 } : state.focus;

/**
 * The first call just works: with no from-number yet (and none chosen), the only number, or the
 * first one Feather lists with outbound bindings (a number it says has none is never suggested).
 */
export function suggestFromNumber(directory: Directory | null): string | null {
  if (!directory) return null;
  const numbers = directory.phoneNumbers;
  const bound = (id: string) => {
    const b = ownValue(directory.bindings, id);
    return b ? b.agentIds.length + b.teamIds.length > 0 : null;
  };
  if (numbers.length === 1) return bound(numbers[0]!.id) === false ? null : numbers[0]!.id;
  return (numbers.find((n) => bound(n.id) === true) ?? numbers.find((n) => bound(n.id) === null))?.id ?? null;
}

function withSuggestion(state: DialState): DialState {
  if (state.fromChosen || state.draft.fromNumberId.trim()) return state;
  const id = suggestFromNumber(state.directory);
  if (!id) return state;
  return {
    ...state,
    draft: { ...state.draft, fromNumberId: id },
    callerSource: state.callerSource === 'none' ? 'suggested' : state.callerSource,
  };
}

/** After a switch of connection: keep only IDs the new profile's directory has (where it lists them). */
function recheckIds(draft: DialDraft, directory: Directory): DialDraft {
  const keep = (list: Directory['agents'], listed: boolean, id: string) => !id.trim() || !listed || list.some((e) => e.id === id.trim());
  const numbersListed = directory.phoneNumbers.length > 0 || !directory.unavailable.includes('phone numbers');
  return {
    ...draft,
    fromNumberId: keep(directory.phoneNumbers, numbersListed, draft.fromNumberId) ? draft.fromNumberId : '',
    agentId: keep(directory.agents, directory.agents.length > 0, draft.agentId) ? draft.agentId : '',
    teamId: keep(directory.teams, directory.teams.length > 0, draft.teamId) ? draft.teamId : '',
  };
}

const withoutVariableErrors = (errors: Record<string, string>) =>
  Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith('contextVariables')));

export function dialReducer(state: DialState, action: DialAction): DialState {
  switch (action.type) {
    case 'edit': {
      if (isLocked(state.phase)) return state;
      const patch = action.patch;
      const callerEdited = CALLER_FIELDS.some((k) => k in patch);
      const errors = Object.fromEntries(
        Object.entries(state.fieldErrors).filter(([k]) => !(k in patch) && !(k.startsWith('contextVariables') && 'variables' in patch)),
      );
      return {
        ...state,
        draft: { ...state.draft, ...patch },
        fieldErrors: errors,
        rejected: null,
        // an edit after a refusal starts a new card: nothing from the old one applies
        phase: state.phase.kind === 'not_placed' ? { kind: 'draft' } : state.phase,
        callerSource: callerEdited ? 'you' : state.callerSource,
        fromChosen: state.fromChosen || 'fromNumberId' in patch,
      };
    }
    case 'numberTouched':
      return state.numberTouched ? state : { ...state, numberTouched: true };
    case 'fromFocused':
      return state.fromChosen ? state : { ...state, fromChosen: true };
    case 'review': {
      if (isLocked(state.phase)) return state;
      if (!action.plan.ok) {
        return {
          ...state,
          numberTouched: true,
          phase: { kind: 'draft' },
          fieldErrors: action.plan.problems,
          focus: focusOn(state, firstProblem(action.plan.problems)),
        };
      }
      // Review again after "not placed" keeps the card's request id: main gives the retry a fresh key.
      const requestId = state.phase.kind === 'not_placed' ? state.phase.requestId : action.requestId;
      return { ...state, numberTouched: true, fieldErrors: {}, rejected: null, phase: { kind: 'review', requestId } };
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
      return withSuggestion({
        ...state,
        contact: null,
        phase: { kind: 'draft' },
        fieldErrors: {},
        rejected: null,
        numberTouched: false,
        draft: { ...state.draft, toNumber: '', contactId: undefined },
        focus: focusOn(state, 'toNumber'),
      });
    case 'chooseTemplate': {
      const chosen = action.template;
      let next: DialState = { ...state, templateId: chosen?.id ?? '', fieldErrors: withoutVariableErrors(state.fieldErrors) };
      // The template's caller applies when it is chosen, unless the contact has its own.
      if (chosen?.defaultCaller && !state.contact?.defaultCaller) {
        next = {
          ...next,
          draft: withCaller(next.draft, chosen.defaultCaller),
          callerSource: 'template',
          fromChosen: state.fromChosen || Boolean(chosen.defaultCaller.fromNumberId),
        };
      }
      return withSuggestion(next);
    }
    case 'request': {
      // never replace a card that is calling, or one whose outcome is unknown (its "ask again" would be lost)
      if (state.phase.kind === 'placing' || state.phase.kind === 'unknown') return state;
      const { request, template } = action;
      const contact = request.contact ?? null;
      const templateId = request.templateId ?? (template ? template.id : state.templateId);
      const resolved = resolveCaller({ contact: contact?.defaultCaller, template: template?.defaultCaller ?? null, last: null });
      let draft: DialDraft = { ...state.draft, toNumber: request.toNumber, contactId: request.contactId };
      if (resolved.caller) draft = withCaller(draft, resolved.caller);
      let next: DialState = {
        ...state,
        draft,
        contact,
        templateId,
        rejected: null,
        numberTouched: true,
        callerSource: resolved.caller ? resolved.source : state.callerSource,
        fromChosen: state.fromChosen || Boolean(resolved.caller?.fromNumberId),
      };
      next = withSuggestion(next);
      const problems = action.check(next.draft, contact, templateId);
      // Armed at once when everything checks out; otherwise the form, at the first problem.
      return Object.keys(problems).length === 0
        ? { ...next, fieldErrors: {}, phase: { kind: 'review', requestId: action.requestId } }
        : { ...next, fieldErrors: problems, phase: { kind: 'draft' }, focus: focusOn(state, firstProblem(problems)) };
    }
    case 'profile': {
      const { profile, key } = action;
      if (key === state.profileId) return state;
      // The last connection's card and its IDs do not belong to this one — except a call still being
      // placed or with an unknown outcome: its answer must still land on its card (never call twice).
      const keep = state.phase.kind === 'placing' || state.phase.kind === 'unknown';
      const firstLive = profile.kind === 'custom' && profile.id !== state.profileId.split('|')[0] && !state.warnedLive.includes(profile.id);
      return {
        ...state,
        profileId: key,
        phase: keep ? state.phase : { kind: 'draft' },
        fieldErrors: {},
        rejected: null,
        recheckIds: true,
        directory: null,
        warnedLive: firstLive ? [...state.warnedLive, profile.id] : state.warnedLive,
        liveWarning: firstLive
          ? `You are now connected to ${profile.name}. Calls from now on are real: Feather will phone real people.`
          : state.liveWarning,
      };
    }
    case 'directory': {
      if (action.profileId !== state.profileId) return state; // a late answer for the last connection
      let next: DialState = { ...state, directory: action.directory };
      // Until the new profile's data has been fetched once, what is missing from it is not known.
      if (state.recheckIds && action.directory.fetchedAt) {
        const draft = recheckIds(state.draft, action.directory);
        const changed =
          draft.fromNumberId !== state.draft.fromNumberId || draft.agentId !== state.draft.agentId || draft.teamId !== state.draft.teamId;
        next = { ...next, draft, recheckIds: false, fromChosen: state.fromChosen && draft.fromNumberId === state.draft.fromNumberId };
        // a card armed with IDs this connection does not have goes back to the form
        if (changed && state.phase.kind === 'review') next = { ...next, phase: { kind: 'draft' } };
      } else if (state.recheckIds) return next;
      return isLocked(next.phase) ? next : withSuggestion(next);
    }
    case 'dismissLiveWarning':
      return { ...state, liveWarning: null };
    case 'focused':
      return state.focus ? { ...state, focus: null } : state;
  }
}

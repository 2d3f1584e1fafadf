import type { Caller, DialDraft, VariableRow } from '../../../shared/call-intent';
import type { CallPreview } from '../../../shared/call-preview';
import type { CallResult, Directory, ProfileView } from '../../../shared/contract';
import type { HistoryRow } from '../../../shared/history/history-entry';
import type { DialRequest } from '../../../shared/main-events';
import type { AppError } from '../../../shared/result';

/**
 * The Dial card's state as a pure reducer: the draft the user is editing, main's latest plan for
 * it, and the flow draft → review → placing → placed | not placed | unknown. Main decides what
 * the plan says (whose number, what is sent, who calls by default); this only keeps track of
 * what the user did and which answer belongs to which draft. The reducer is in dial-reducer.ts.
 */

export type DialPhase =
  | { kind: 'draft' }
  /** armed with main's plan: Call sends this draft with the plan's digest, and main refuses if its plan has changed */
  | { kind: 'review'; requestId: string; plan: CallPreview }
  | { kind: 'placing'; requestId: string; plan: CallPreview }
  | { kind: 'placed'; result: CallResult }
  /** Feather (or main) refused for certain: nothing was placed; Call again is safe (same card) */
  | { kind: 'not_placed'; requestId: string; error: AppError; plan: CallPreview }
  | { kind: 'unknown'; requestId: string; error: AppError; asking?: boolean };

export interface DialState {
  draft: DialDraft;
  phase: DialPhase;
  /** main's plan, and the draft and round it answers (a plan for an older draft, or from before main's data changed, is never taken for this one's) */
  plan: CallPreview | null;
  plannedDraft: DialDraft | null;
  plannedRound: number;
  /** bumped when what main's plan reads changes (contacts, templates, directory, connection): older answers are stale */
  round: number;
  /** main could not plan the draft (it broke the contract: e.g. a value over the size limit) */
  planError: AppError | null;
  /** messages by field (`toNumber`, `contextVariables.2`…): the plan's on Review, Feather's after a 422 */
  fieldErrors: Record<string, string>;
  /** a refusal that came back with field messages: the card lists what Feather rejected */
  rejected: AppError | null;
  /** the user changed something on this card: the card may say what needs attention */
  touched: boolean;
  /** the user typed or chose something on this card themselves (not only opened it from a request): a link does not replace it */
  typed: boolean;
  /** the number field was left or reviewed: its problem shows under it */
  numberTouched: boolean;
  /** arm the card (or point at the first problem) once main's plan for the current draft arrives: Review, or a call started elsewhere */
  armWhenPlanned: string | null;
  /** the connection this draft is for: profile id | key hint (a new key is another organisation) */
  profileKey: string;
  /** after a switch of connection: clear the IDs the next directory does not have */
  recheckIds: boolean;
  /** live profiles warned about in this window (the warning is for the first switch) */
  warnedLive: string[];
  liveWarning: string | null;
  /** a field to focus (and scroll to) once rendered; `seq` makes a repeat request new */
  focus: { field: string; seq: number } | null;
  /**
   * The card's own focus in From, told apart from the user's: a focus event that came while the card's
   * request to focus From was pending (its seq), and whether the card focused From with its event still
   * to come (a window in the background gets it only when it is next focused; that event is the card's).
   */
  fromFocusSeen: number | null;
  fromFocusOwed: boolean;
  /** the agent and team last in the fields: switching "Who calls" back and forth keeps them */
  callerIds: { agentId: string; teamId: string };
  /**
   * a call started elsewhere while this card was calling or its outcome unknown — or, from outside the
   * window (the tray, a shortcut, a link, the command line), while it was ready to call or had the
   * user's typing: opened by "New call" or "Open it", never over the user's card
   */
  waiting: DialRequest | null;
  /**
   * main's history entry for this card's call (`history:changed` for its request id): the placed card
   * follows it live — queued, ringing, in the call, ended — and an unknown outcome settled in History shows
   */
  callRow: HistoryRow | null;
  /** what failed on this computer after the card's call was placed (`call:notice` for its request id: saving its stats…) */
  callNotices: string[];
  /** the card was opened from a link or the command line: which of its values came from there (the card marks them) */
  fromOutside: { source: DialRequest['source']; fields: Array<'toNumber' | 'fromNumberId' | 'caller' | 'templateId' | 'variables'> } | null;
}

export type DialAction =
  | { type: 'edit'; patch: Partial<Pick<DialDraft, 'toNumber' | 'fromNumberId' | 'caller' | 'contextVariables' | 'expiresInSeconds'>> }
  /** a contact's number picked by name in the To field: a new call to them (who calls is theirs, as main says) */
  | { type: 'pick'; toNumber: string; contactId: string }
  /** a value for a template row whose placeholders have none, for this call only */
  | { type: 'oneOff'; key: string; value: string }
  /** "Who calls": Automatic, an agent or a team (the agent or team last chosen comes back) */
  | { type: 'callerMode'; mode: Caller['mode'] }
  | { type: 'chooseTemplate'; templateId: string }
  | { type: 'numberTouched' }
  /** the user went to the From field: from now on it is theirs (a default never lands under their typing) */
  | { type: 'fromFocused' }
  | { type: 'planned'; draft: DialDraft; round: number; plan: CallPreview }
  | { type: 'planFailed'; draft: DialDraft; round: number; error: AppError }
  /** what main's plan reads has changed: the plan on screen is from before */
  | { type: 'replan' }
  | { type: 'review'; requestId: string }
  | { type: 'backToEdit' }
  | { type: 'placing' }
  | { type: 'placed'; result: CallResult }
  | { type: 'failed'; error: AppError }
  | { type: 'resending' }
  | { type: 'resent'; result: CallResult }
  | { type: 'resendFailed'; error: AppError }
  /** a new call; a call asked for meanwhile (`waiting`) opens with this request id */
  | { type: 'newCall'; requestId: string; dropWaiting?: boolean }
  /** "Not now" on the note about a call waiting */
  | { type: 'dismissWaiting' }
  /** a call started elsewhere (a contact, the tray, the palette, a tel: link): armed once main's plan checks out */
  | { type: 'request'; request: DialRequest; requestId: string }
  /** the connection changed: another profile, or another key for it (`key` = profile id | key hint) */
  | { type: 'profile'; profile: ProfileView; key: string }
  | { type: 'directory'; profileKey: string; directory: Directory }
  | { type: 'dismissLiveWarning' }
  /** the card focused the field it asked for; `eventLate`: the field has focus but the window does not (its focus event comes when the window does) */
  | { type: 'focused'; eventLate?: boolean }
  /** main's history moved on (an entry added, or its call followed): the card takes its own call's entry */
  | { type: 'history'; row: HistoryRow }
  /** main could not finish something after the call was placed (the card's request id): the placed card says so */
  | { type: 'callNotice'; requestId: string; notice: string };

/** Fields in reading order: the first with a problem gets focus. */
const FIELD_ORDER = ['toNumber', 'fromNumberId', 'agentId', 'teamId', 'template'];

export const emptyVariables = (): VariableRow[] => [{ key: '', value: '' }];

export function initialDialState(profileKey: string): DialState {
  return {
    draft: { toNumber: '', fromNumberId: '', caller: { mode: 'auto' }, contextVariables: emptyVariables() },
    phase: { kind: 'draft' },
    plan: null,
    plannedDraft: null,
    planError: null,
    fieldErrors: {},
    rejected: null,
    touched: false,
    typed: false,
    numberTouched: false,
    armWhenPlanned: null,
    profileKey,
    recheckIds: false,
    warnedLive: [],
    liveWarning: null,
    focus: null,
    fromFocusSeen: null,
    fromFocusOwed: false,
    callerIds: { agentId: '', teamId: '' },
    plannedRound: 0,
    round: 0,
    waiting: null,
    fromOutside: null,
    callRow: null,
    callNotices: [],
  };
}

/**
 * Review and placing lock the form; so does an unknown outcome, until the user asks Feather again
 * or starts a new call (a second card to the same number is what "never twice" is about).
 */
export const isLocked = (phase: DialPhase) => phase.kind === 'review' || phase.kind === 'placing' || phase.kind === 'unknown';

/** Main's plan for the draft on screen, as main's data is now (null while its answer is on its way). */
export const currentPlan = (state: DialState) =>
  state.plannedDraft === state.draft && state.plannedRound === state.round ? state.plan : null;

/** The plan the card shows: the one it was armed with, else main's latest (while an answer is on its way, the previous one). */
export const shownPlan = (state: DialState) => ('plan' in state.phase ? state.phase.plan : state.plan);

/** The request id this card places (or placed) its call with; null while it is a draft. */
export const cardRequestId = (phase: DialPhase): string | null =>
  phase.kind === 'draft' ? null : phase.kind === 'placed' ? phase.result.requestId : phase.requestId;

/** The first problem field, in reading order (then variables by row). */
export function firstProblem(problems: Record<string, string>): string | null {
  return FIELD_ORDER.find((f) => problems[f]) ?? Object.keys(problems).sort(byRow)[0] ?? null;
}
const byRow = (a: string, b: string) => (Number(a.split('.')[1]) || 0) - (Number(b.split('.')[1]) || 0) || a.localeCompare(b);

import type { ConfirmationKind } from '../../../shared/call-intent';
import type { LauncherApi } from '../../../shared/contract';
import type { DialRequest } from '../../../shared/main-events';
import { dialReducer } from './dial-reducer';
import { initialDialState, type DialAction, type DialState } from './dial-state';

/** What the dial store talks to: main's call channels, and a way to mint a request id per card. */
export interface DialPorts {
  call: Pick<LauncherApi['call'], 'preview' | 'place' | 'resend'>;
  newRequestId(): string;
}

/**
 * A card being placed, placed, or with an unknown outcome shows no plan: main's data changing meanwhile
 * (the call's own history entry, the new last caller) is planned for when the card shows one again, not
 * while the call's answer is on its way.
 */
const showsPlan = (s: DialState) => s.phase.kind !== 'placing' && s.phase.kind !== 'placed' && s.phase.kind !== 'unknown';

/**
 * How a card calls: "Call now" (1.90), what the user confirmed with a button of its own (the kinds
 * main's plan listed: calling hours, number types, a call under way, an unknown outcome), and
 * "Call now instead": the queued call (its conversation id) main cancels first.
 */
export interface CallOptions {
  instant?: boolean;
  confirmed?: ConfirmationKind[];
  replaceQueued?: string;
}

/**
 * The Dial card's model, outside React: the reducer's state, and the effects that talk to main —
 * a plan for every change of the draft (one request in flight; the latest draft wins), Review,
 * Call, Ask Feather again. One per window (the main window, the palette), each over its own bridge.
 */
export function createDialStore(ports: DialPorts, profileKey: string) {
  let state = initialDialState(profileKey);
  const listeners = new Set<() => void>();
  /** the draft main is planning right now, and whether what the plan reads changed meanwhile */
  let planning: DialState['draft'] | null = null;
  let stale = false;

  function dispatch(action: DialAction) {
    const before = state;
    state = dialReducer(state, action);
    if (state === before) return;
    for (const listener of [...listeners]) listener();
    if (!showsPlan(state)) return;
    // a new draft or new data; or back to a card that shows a plan, with main's data changed meanwhile
    const missed = !showsPlan(before) && (state.plannedDraft !== state.draft || state.plannedRound !== state.round);
    if (state.draft !== before.draft || state.round !== before.round || missed) plan();
  }

  /** Asks main for the current draft's plan; answers for a draft (or data) that has moved on are dropped. */
  function plan() {
    if (planning) {
      stale = true;
      return;
    }
    const { draft, round } = state;
    planning = draft;
    stale = false;
    void ports.call.preview(draft).then((result) => {
      planning = null;
      dispatch(
        result.ok ? { type: 'planned', draft, round, plan: result.value } : { type: 'planFailed', draft, round, error: result.error },
      );
      if (showsPlan(state) && (stale || state.draft !== draft || state.round !== round)) plan();
    });
  }

  return {
    get: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispatch,
    /** What the plan reads changed in main (contacts, templates, the directory, settings): the plan on screen is stale; plan again. */
    replan() {
      dispatch({ type: 'replan' }); // a new round: the plan follows
    },
    /** A new call (after one was placed, or instead of one whose outcome is unknown). */
    newCall() {
      dispatch({ type: 'newCall', requestId: ports.newRequestId() });
    },
    /**
     * The palette went away (hidden, lost focus): a card that is ready to call is not left armed for
     * the next time it is shown, nor is a call that waited for it; a call being placed, or one whose
     * outcome is unknown, stays on its card.
     */
    putAway() {
      if (state.phase.kind === 'placing' || state.phase.kind === 'unknown') return;
      dispatch({ type: 'newCall', requestId: ports.newRequestId(), dropWaiting: true });
    },
    /** A call started elsewhere: the card fills in and arms once main's plan for it checks out. */
    request(request: DialRequest) {
      dispatch({ type: 'request', request, requestId: ports.newRequestId() });
    },
    /** Enter or Review: the card, armed with main's plan, or the form at its first problem. */
    review() {
      dispatch({ type: 'review', requestId: ports.newRequestId() });
    },
    async call(options: CallOptions = {}) {
      const phase = state.phase;
      if (phase.kind !== 'review' && phase.kind !== 'not_placed') return; // the dialer's request-id lock is the real guard
      dispatch({ type: 'placing' });
      const result = await ports.call.place({
        ...state.draft,
        requestId: phase.requestId,
        armedWith: phase.plan.digest,
        ...(options.instant ? { instant: true } : {}),
        ...(options.confirmed?.length ? { confirmed: options.confirmed } : {}),
        ...(options.replaceQueued ? { replaceQueued: options.replaceQueued } : {}),
      });
      // The new last-used caller arrives as a status event; nothing to ask main again.
      dispatch(result.ok ? { type: 'placed', result: result.value } : { type: 'failed', error: result.error });
    },
    /** After "outcome unknown" on 1.90: the same request again; Feather answers with the first call. */
    async resend() {
      const phase = state.phase;
      if (phase.kind !== 'unknown' || phase.asking) return;
      dispatch({ type: 'resending' });
      const result = await ports.call.resend({ requestId: phase.requestId });
      dispatch(result.ok ? { type: 'resent', result: result.value } : { type: 'resendFailed', error: result.error });
    },
  };
}
export type DialStore = ReturnType<typeof createDialStore>;

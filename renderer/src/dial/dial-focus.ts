import { isLocked, type DialState } from './dial-state';

/**
 * Where the Dial card puts focus (its first problem, the number), and telling the card's own focus in
 * From from the user's: a focus in From makes the from-number the user's choice, so main's suggestion no
 * longer replaces it — but not when the card put focus there itself (From is its first problem while no
 * number is known: a link opened the app at its start), whether that focus event comes while the card
 * asks for it or later, in a window that was in the background.
 */

/** a request to focus `field` (a new seq makes a repeat request new) */
export const focusOn = (state: DialState, field: string | null): DialState['focus'] =>
  field ? { field, seq: (state.focus?.seq ?? 0) + 1 } : state.focus;

/** a focus event in From */
export function fromFocused(state: DialState): DialState {
  if (state.focus?.field === 'fromNumberId')
    return state.fromFocusSeen === state.focus.seq ? state : { ...state, fromFocusSeen: state.focus.seq };
  if (state.fromFocusOwed) return { ...state, fromFocusOwed: false };
  if (isLocked(state.phase) || state.draft.fromChoice?.templateId === (state.draft.templateId ?? null)) return state;
  return { ...state, draft: { ...state.draft, fromChoice: { templateId: state.draft.templateId ?? null } } };
}

/** the card focused the field it asked for; `eventLate`: the field has focus in a window that does not */
export function focused(state: DialState, eventLate: boolean): DialState {
  if (!state.focus) return state;
  return {
    ...state,
    focus: null,
    fromFocusSeen: null, // the next request starts at seq 1 again
    // owed only when it can still come (no event comes for a hidden tab, or once focus has moved on)
    fromFocusOwed: state.focus.field === 'fromNumberId' && state.fromFocusSeen !== state.focus.seq && eventLate,
  };
}

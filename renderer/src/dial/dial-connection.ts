import type { DialDraft } from '../../../shared/call-intent';
import type { Directory } from '../../../shared/contract';
import type { DialAction, DialState } from './dial-state';

/**
 * The Dial card when the connection changes: what belongs to the last connection goes (but never a
 * call still being placed or with an unknown outcome), IDs the new one lacks are cleared once its
 * directory is known, and the first switch to a live server says that calls are now real.
 */

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
  const fromNumberId = listed(directory.phoneNumbers, numbersListed, draft.fromNumberId) ? draft.fromNumberId : '';
  return {
    ...draft,
    fromNumberId,
    fromChoice: fromNumberId ? draft.fromChoice : null,
    caller: keepCaller ? caller : caller.mode === 'agent' ? { mode: 'agent', agentId: '' } : { mode: 'team', teamId: '' },
  };
}

export function directoryArrived(state: DialState, action: Extract<DialAction, { type: 'directory' }>): DialState {
  // Until the new profile's data has been fetched once, what is missing from it is not known.
  if (action.profileKey !== state.profileKey || !state.recheckIds || !action.directory.fetchedAt) return state;
  const draft = recheckIds(state.draft, action.directory);
  const changed = JSON.stringify(draft) !== JSON.stringify(state.draft);
  const next: DialState = { ...state, recheckIds: false, draft: changed ? draft : state.draft };
  // a card armed with IDs this connection does not have goes back to the form
  return changed && state.phase.kind === 'review' ? { ...next, phase: { kind: 'draft' } } : next;
}

export function profileChanged(state: DialState, action: Extract<DialAction, { type: 'profile' }>): DialState {
  const { profile, key } = action;
  if (key === state.profileKey) return state;
  if (!state.profileKey) return { ...state, profileKey: key }; // the window's first status: nothing switched
  // The same connection getting its first key (demo mode's simulator starting, a key saved for the
  // first time) is not a switch: the card stays as it is; IDs are checked against its directory.
  const [id, hint] = state.profileKey.split('|');
  if (id === profile.id && !hint) return { ...state, profileKey: key, recheckIds: true };
  // The last connection's card and its IDs do not belong to this one — except a call still being
  // placed or with an unknown outcome: its answer must still land on its card (never call twice).
  const keep = state.phase.kind === 'placing' || state.phase.kind === 'unknown';
  const live = profile.kind === 'custom';
  const firstLive = live && profile.id !== state.profileKey.split('|')[0] && !state.warnedLive.includes(profile.id);
  return {
    ...state,
    profileKey: key,
    round: state.round + 1,
    phase: keep ? state.phase : { kind: 'draft' },
    fieldErrors: {},
    rejected: null,
    armWhenPlanned: null,
    recheckIds: true,
    warnedLive: firstLive ? [...state.warnedLive, profile.id] : state.warnedLive,
    // the warning is about this connection (still shown on a switch to another live one, with its name);
    // it goes when the connection is no longer live
    liveWarning:
      firstLive || (live && state.liveWarning)
        ? `You are now connected to ${profile.name}. Calls from now on are real: Feather will phone real people.`
        : null,
  };
}

import type { DialRequest } from '../../../shared/main-events';
import type { DialDraft } from '../../../shared/call-intent';
import type { DialState } from './dial-state';

/**
 * A call started elsewhere (Contacts, the tray, the palette, a shortcut, a link, the command line)
 * as the Dial card takes it: whether it waits beside the card on screen, the draft it opens, and
 * which of its values came from outside the app.
 */

/** Calls asked for from outside the window: they never replace a card that is ready to call, or one with the user's typing. */
const FROM_OUTSIDE_WINDOW: ReadonlySet<DialRequest['source']> = new Set(['tray', 'hotkey', 'link', 'cli']);
export function waitsFor(state: DialState, request: DialRequest): boolean {
  const { kind } = state.phase;
  if (kind === 'placing' || kind === 'unknown') return true; // its "ask again" would be lost
  if (!FROM_OUTSIDE_WINDOW.has(request.source)) return false; // Contacts, the palette's own pick: the user chose it here
  return kind === 'review' || kind === 'not_placed' || (state.typed && state.draft.toNumber.trim() !== '');
}

/**
 * A new call to a number (a pick by name, a request): who calls and one-off values start over,
 * except what the request itself says (a link or the command line may name who calls and values).
 */
export function newCallTo(state: DialState, request: Omit<DialRequest, 'source'>): DialDraft {
  const toNumber = request.toNumber ?? '';
  const templateId = request.templateId ?? state.draft.templateId;
  const choice = { templateId: templateId ?? null };
  const variables = Object.entries(request.variables ?? {});
  return {
    ...state.draft,
    toNumber,
    contactId: request.contactId,
    templateId,
    fromNumberId: request.fromNumberId ?? state.draft.fromNumberId,
    fromChoice: request.fromNumberId ? choice : null,
    caller: request.caller ?? state.draft.caller,
    callerChoice: request.caller ? choice : null,
    // a link's values: the typed variables, or — with a template — values for rows that have none
    contextVariables: variables.length && !templateId ? variables.map(([key, value]) => ({ key, value })) : state.draft.contextVariables,
    oneOff: variables.length && templateId ? { forNumber: toNumber, values: Object.fromEntries(variables) } : null,
  };
}

/** Which of a request's values came from outside the app (a link, the command line): the card marks them. */
export function outsideFields(request: DialRequest): DialState['fromOutside'] {
  if (request.source !== 'link' && request.source !== 'cli') return null;
  const fields = (['toNumber', 'fromNumberId', 'caller', 'templateId', 'variables'] as const).filter((f) => request[f] !== undefined);
  return { source: request.source, fields };
}

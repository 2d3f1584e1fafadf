import type { ChannelName } from '../../shared/contract';
import type { Handlers } from './handler-types';

/** What a successful call on a channel may have changed, and so which events follow it. */
export type Change = 'status' | 'directory' | 'templates';

/**
 * What each channel of the contract changes, for every channel: a total map, so a new channel that
 * is not listed here fails the typecheck instead of silently emitting nothing. `[]` = changes nothing
 * the renderer shows. Contacts channels are all `[]`: the contacts service reports its own changes
 * (edits, imports that finish later, a call marking a contact called).
 */
export const CHANGES: Record<ChannelName, readonly Change[]> = {
  'app:status': [],
  'app:setDefaultCountry': ['status'],
  'app:removeSamples': ['status', 'templates'],
  'app:setPreferences': ['status'],
  'connection:use': ['status'],
  'connection:saveKey': ['status'],
  'connection:removeKey': ['status'],
  'connection:verify': ['status'],
  'connection:addProfile': ['status'],
  'connection:switchProfile': ['status'],
  'connection:removeProfile': ['status'],
  'directory:list': [],
  // a refresh may detect the API version, which the status shows
  'directory:refresh': ['directory', 'status'],
  'directory:addManual': ['directory'],
  'directory:removeManual': ['directory'],
  'directory:offered': [],
  'directory:nameNumber': ['directory'],
  'templates:list': [],
  // the status counts sample templates (the demo banner)
  'templates:save': ['templates', 'status'],
  'templates:duplicate': ['templates', 'status'],
  'templates:remove': ['templates', 'status'],
  'templates:export': [],
  'templates:importPreview': [],
  'templates:import': ['templates', 'status'],
  // call:place announces what it changes itself (launcher-core): the directory and status when the plan had
  // to read the directory for the API version, and the status once the last caller is saved, after the answer
  'call:preview': [],
  'call:findTargets': [],
  'call:recents': [],
  'call:openInWindow': [],
  'call:takePending': [],
  'call:place': [],
  'call:resend': [],
  'contacts:query': [],
  'contacts:get': [],
  'contacts:create': [],
  'contacts:update': [],
  'contacts:setFavorite': [],
  'contacts:remove': [],
  'contacts:undoRemove': [],
  'contacts:tags': [],
  'contacts:lookupNumber': [],
  'contacts:duplicates': [],
  'contacts:merge': [],
  'contacts:importPreview': [],
  'contacts:importReplan': [],
  'contacts:importCommit': [],
  'contacts:importCancel': [],
  'contacts:export': [],
  // the history announces its own changes (history:changed), as the tracker moves entries on
  'history:list': [],
  'history:get': [],
  'history:exportCsv': [],
  'history:redial': [],
  'history:candidates': [],
  'history:settle': [],
  'history:queue': [],
  'history:queueAction': [],
};

/**
 * Wraps each handler of the table so that, once it succeeds, the events for what it changed
 * are emitted (each kind once, in order). Failures emit nothing. The table keeps its type.
 */
export function withChangeEvents<T extends Handlers>(handlers: T, emit: (change: Change) => void): T {
  const wrapped: Record<string, Record<string, (request: unknown) => unknown>> = {};
  for (const [domain, verbs] of Object.entries(handlers) as Array<[string, Record<string, (request: unknown) => unknown>]>) {
    wrapped[domain] = {};
    for (const [verb, handler] of Object.entries(verbs)) {
      const changes: readonly Change[] = CHANGES[`${domain}:${verb}` as ChannelName] ?? [];
      wrapped[domain][verb] =
        changes.length === 0
          ? handler
          : async (request: unknown) => {
              const result = await handler(request);
              for (const change of changes) emit(change);
              return result;
            };
    }
  }
  return wrapped as unknown as T;
}

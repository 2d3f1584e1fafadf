import { z } from 'zod';
import { ImportStatusSchema } from './contacts/import/import-contract';
import { RecentCallSchema } from './recent-call';
import { DialRequestSchema } from './dial-request';
import { AppStatusSchema, DirectorySchema } from './contract';
import { TemplateSchema } from './templates/template';
import { HistoryRowSchema } from './history/history-entry';

/**
 * Main → renderer events: what main knows changed, pushed so the renderer's stores follow main
 * instead of asking again. Each payload is checked against its schema before it is sent, and
 * again by the bridge as it arrives (`checkEvent`, in the preload); the window takes only types
 * from here. In Electron they all travel on one IPC channel, EVENT_CHANNEL (shared/event-channel.ts).
 */

export { DialRequestSchema, type DialRequest } from './dial-request';

export const eventsContract = {
  /** the app status (profiles, default country, last caller, notices, samples) changed */
  'status:changed': AppStatusSchema,
  /** the active profile's directory changed (refreshed, a manual entry, a number's name) */
  'directory:changed': z.object({ profileId: z.string(), directory: DirectorySchema }),
  /** the saved templates, all of them */
  'templates:changed': z.array(TemplateSchema),
  /** contacts were added, edited, removed or imported: lists re-query */
  'contacts:changed': z.object({ count: z.number().int().min(0) }),
  /** an import job moved on (a phase, or rows read or written): the import dialog follows it, no polling */
  'import:progress': ImportStatusSchema,
  /** the last calls placed (newest first, at most 10): the tray and the palette list them */
  'recents:changed': z.array(RecentCallSchema).max(10),
  /** a call history entry was added or moved on (placed → ringing → ended…): lists and the placed card follow */
  'history:changed': HistoryRowSchema,
  /**
   * a call ended (ended, not answered, failed, expired): the window shows a toast when the desktop
   * did not show a notification (the browser preview, notifications unavailable)
   */
  'call:ended': z.object({ entryId: z.string(), title: z.string(), body: z.string(), shownByDesktop: z.boolean() }),
  /**
   * something failed on this computer after the window was told a call was placed (saving the last
   * caller, the contact's stats): the placed card with this request id shows the notice
   */
  'call:notice': z.object({ requestId: z.string(), notice: z.string().max(500) }),
  /** open this history entry (a notification was clicked) */
  'history:open': z.object({ id: z.string() }),
  /** open the Dial screen with this number */
  'dial:request': DialRequestSchema,
} as const;

export type EventsContract = typeof eventsContract;
export type EventName = keyof EventsContract;
export type EventPayload<E extends EventName> = z.infer<EventsContract[E]>;

/** Parses an event as it arrives; null (and a console warning) for anything that breaks the contract. */
export function readEvent<E extends EventName>(name: E, payload: unknown): EventPayload<E> | null {
  const schema = eventsContract[name] as unknown as z.ZodType<EventPayload<E>> | undefined;
  if (!schema) return null;
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  console.warn(`[events] ${name} broke the contract`, parsed.error.issues.slice(0, 3));
  return null;
}

/** The bridge's `EventCheck`: an event name as any transport delivers it; one the contract does not list is dropped. */
export const checkEvent = (name: string, payload: unknown): unknown =>
  Object.hasOwn(eventsContract, name) ? readEvent(name as EventName, payload) : null;

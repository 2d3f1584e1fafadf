import { z } from 'zod';
import { ImportStatusSchema } from './contacts/import/import-contract';
import { CallerSchema } from './call-intent';
import { AppStatusSchema, DirectorySchema } from './contract';
import { TemplateSchema } from './templates/template';

/**
 * Main → renderer events: what main knows changed, pushed so the renderer's stores follow main
 * instead of asking again. Each payload is checked against its schema before it is sent, and
 * again by the bridge as it arrives (`checkEvent`, in the preload); the window takes only types
 * from here. In Electron they all travel on one IPC channel, EVENT_CHANNEL (shared/event-channel.ts).
 */

/** Where a call was started outside the Dial form. */
export const DialSourceSchema = z.enum(['contacts', 'tray', 'hotkey', 'palette', 'link', 'cli']);
export type DialSource = z.infer<typeof DialSourceSchema>;

/**
 * A call started outside the Dial form — a contact's Call button, the tray, the palette, a link,
 * the command line: it opens the call card prefilled (never places a call by itself). Names in a
 * link or on the command line are resolved to IDs by main before the request is sent.
 */
export const DialRequestSchema = z.object({
  /** the number to call; absent with a contact: main picks the contact's first callable number */
  toNumber: z.string().max(100).optional(),
  /** the contact it was started from; main's plan keeps it only while the number is one of theirs */
  contactId: z.string().max(100).optional(),
  templateId: z.string().max(100).optional(),
  /** a link or the command line may say who calls */
  fromNumberId: z.string().max(100).optional(),
  caller: CallerSchema.optional(),
  /** a link's `var.<name>=…`: typed variables, or (with a template) values for rows that have none */
  variables: z.record(z.string().max(200), z.string().max(2000)).optional(),
  source: DialSourceSchema,
});
export type DialRequest = z.infer<typeof DialRequestSchema>;

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

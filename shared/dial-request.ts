import { z } from 'zod';
import { CallerSchema } from './call-intent';

/** Where a call was started outside the Dial form. */
export const DialSourceSchema = z.enum(['contacts', 'tray', 'hotkey', 'palette', 'link', 'cli', 'history']);

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
  /**
   * Where the card opens: the palette (quick: the tray, the shortcuts) or the main window (Contacts,
   * links, the command line). Main sets it for requests it sends.
   */
  surface: z.enum(['window', 'palette']).optional(),
});
export type DialRequest = z.infer<typeof DialRequestSchema>;

import { z } from 'zod';

/** A call placed recently (the tray's and the palette's "recent calls"). */
export const RecentCallSchema = z.object({
  /** the number as it was dialled */
  e164: z.string(),
  contactId: z.string().nullable(),
  /** who it was for at the time (a contact's name) */
  name: z.string().nullable(),
  at: z.string(),
});
export type RecentCall = z.infer<typeof RecentCallSchema>;

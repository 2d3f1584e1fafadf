import { z } from 'zod';
import type { Migration } from '../storage/json-store';
import { RecentCallSchema } from '../../../shared/recent-call';

/**
 * `dialer.json`: calls whose outcome is unknown, by number (the recently-uncertain guard holds
 * across a restart), and each call while its POST is out (so one the app ends under is known at the next start). `recent` is no longer written: the recent calls come from the call history
 * (contacts.db); the field stays so files written before it read as they are.
 */

export const DIALER_VERSION = 2;
export const DialerFileSchema = z.object({
  schemaVersion: z.literal(DIALER_VERSION),
  /** `placing`: written before a call's POST leaves, struck off once Feather answered (uncertain-calls.ts); checked when read back */
  uncertain: z.array(z.object({ e164: z.string(), at: z.string(), requestId: z.string(), placing: z.unknown().optional() })).max(1000),
  recent: z.array(RecentCallSchema).max(50),
});
export type DialerFile = z.infer<typeof DialerFileSchema>;

export const dialerMigrations: Migration[] = [{ to: 2, up: (old) => ({ ...old, recent: [] }) }];
export const emptyDialerFile = (): DialerFile => ({ schemaVersion: DIALER_VERSION, uncertain: [], recent: [] });

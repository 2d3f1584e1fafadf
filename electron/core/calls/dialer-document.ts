import { z } from 'zod';
import type { Migration } from '../storage/json-store';
import { RecentCallSchema, type RecentCall } from '../../../shared/recent-call';

/**
 * `dialer.json`: calls whose outcome is unknown, by number (the recently-uncertain guard holds
 * across a restart), and the last calls placed (the tray's "recent calls").
 */

export const DIALER_VERSION = 2;
export const DialerFileSchema = z.object({
  schemaVersion: z.literal(DIALER_VERSION),
  uncertain: z.array(z.object({ e164: z.string(), at: z.string(), requestId: z.string() })).max(1000),
  recent: z.array(RecentCallSchema).max(50),
});
export type DialerFile = z.infer<typeof DialerFileSchema>;

export const dialerMigrations: Migration[] = [{ to: 2, up: (old) => ({ ...old, recent: [] }) }];
export const emptyDialerFile = (): DialerFile => ({ schemaVersion: DIALER_VERSION, uncertain: [], recent: [] });

/** How many recent calls are kept (the tray shows 10). */
const KEEP = 20;

/** A placed call goes first; an earlier call to the same number leaves the list. */
export function withRecent(list: readonly RecentCall[], call: RecentCall): RecentCall[] {
  return [call, ...list.filter((c) => c.e164 !== call.e164)].slice(0, KEEP);
}

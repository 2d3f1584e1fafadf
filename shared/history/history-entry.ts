import { z } from 'zod';
import { OUTCOMES } from './outcomes';

/**
 * One call attempt in the history, as main keeps it (electron/core/history/). Every attempt is
 * an entry: placed, not placed (with the reason), or with an unknown outcome. A placed call's
 * entry then follows Feather's conversation until it ends.
 */

export { OUTCOMES, OUTCOME_LABELS, FINAL_OUTCOMES, UNDER_WAY_OUTCOMES, type Outcome } from './outcomes';
export const OutcomeSchema = z.enum(OUTCOMES);

export const TimelineItemSchema = z.object({
  at: z.string(),
  /** Feather's session status (`queued`, `ringing`, `active`, `closed`…) or the app's own step (`placed`, `not_placed`…) */
  status: z.string().max(40),
  note: z.string().max(500).nullable(),
});

export const TurnSchema = z.object({
  role: z.string().max(20),
  content: z.string().max(2000),
  at: z.string(),
});

export const CallerRefSchema = z.object({
  kind: z.enum(['agent', 'team']),
  id: z.string().max(100),
  name: z.string().max(200).nullable(),
});

/** A list row: what the history list and its filters need. */
export const HistoryRowSchema = z.object({
  id: z.string(),
  requestId: z.string(),
  at: z.string(),
  profileId: z.string(),
  profileName: z.string(),
  toNumber: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  fromNumberId: z.string(),
  fromNumber: z.string().nullable(),
  caller: CallerRefSchema.nullable(),
  templateName: z.string().nullable(),
  outcome: OutcomeSchema,
  /** Feather's last session status, when it told us one */
  status: z.string().nullable(),
  /** one line for the list: the reason it was not placed, the summary, "waiting for the calling-hours window"… */
  detail: z.string().nullable(),
  sessionId: z.string().nullable(),
  eligibleAt: z.string().nullable(),
  queueExpiresAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** main is still following this call */
  tracking: z.boolean(),
});
export type HistoryRow = z.infer<typeof HistoryRowSchema>;

/** The whole entry: the row, the exact body sent, the timeline, what Feather said at the end. */
export const HistoryEntrySchema = HistoryRowSchema.extend({
  apiVersion: z.string().nullable(),
  templateId: z.string().nullable(),
  /** the exact JSON body sent (variable values left out when the setting says so); never the key */
  body: z.record(z.string(), z.unknown()).nullable(),
  /** variable values were not kept (Settings → History) */
  valuesRedacted: z.boolean(),
  roomName: z.string().nullable(),
  dispatchId: z.string().nullable(),
  agentName: z.string().nullable(),
  reason: z.string().nullable(),
  summary: z.string().nullable(),
  recordingUrl: z.string().nullable(),
  endedAt: z.string().nullable(),
  timeline: z.array(TimelineItemSchema),
  /** the last turns of the conversation, from the messages endpoint */
  transcript: z.array(TurnSchema),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

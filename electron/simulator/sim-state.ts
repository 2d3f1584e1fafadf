import { z } from 'zod';
import type { Reply } from './wire';

/**
 * What the simulator remembers between requests — the calls it was asked to place, the
 * idempotency keys it answered, and where outbound is paused — as zod schemas, because the same
 * shapes are read back from the state file (state-file.ts) and must be checked there.
 * Times are epoch milliseconds; none of this is ever put on the wire as is.
 */

export const CallOutcomeSchema = z.enum(['answered', 'no_answer', 'failed', 'superseded']);
export type CallOutcome = z.infer<typeof CallOutcomeSchema>;

export const ConversationSchema = z.object({
  id: z.string(),
  createdAt: z.number(),
  agentId: z.string(),
  agentName: z.string(),
  revisionId: z.string(),
  revisionName: z.string(),
  teamId: z.string().nullable(),
  fromNumber: z.string(),
  toNumber: z.string(),
  contextVariables: z.record(z.string(), z.unknown()),
  /** placed into 1.90's outbound queue (not dialled at once) */
  queued: z.boolean(),
  /** when a queued call may dial (ms); the moment of the POST for instant calls; moved to the resume when a pause outlasts it */
  eligibleAt: z.number(),
  /** when a queued call expires undialled (ms); null = never */
  queueExpiresAt: z.number().nullable(),
  /** this one call was paused (POST …/queued/{id}/pause) */
  paused: z.boolean(),
  /** the call was placed with `override_pause`: org, agent and team pauses do not hold it */
  overridePause: z.boolean(),
  /** when it left the queue and started to dial; null while it waits (or never dialled) */
  dialledAt: z.number().nullable(),
  /** when it was cancelled in the queue; null = not cancelled */
  cancelledAt: z.number().nullable(),
  /** how the call goes once dialled (chosen by the number, see call-outcomes.ts) */
  outcome: CallOutcomeSchema,
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const PauseScopeSchema = z.enum(['org', 'agent', 'team']);
export type PauseScope = z.infer<typeof PauseScopeSchema>;

/** One pause switch: the org, one agent or one team (1.90's `PauseStateEntry`, in our own terms). */
export const PauseEntrySchema = z.object({
  scope: PauseScopeSchema,
  /** the agent's or team's id; null for the org */
  targetId: z.string().nullable(),
  paused: z.boolean(),
  reason: z.string().nullable(),
  pausedAt: z.number().nullable(),
  pausedBy: z.string().nullable(),
  updatedAt: z.number(),
});
export type PauseEntry = z.infer<typeof PauseEntrySchema>;

export const ReplySchema = z.object({
  status: z.number().int(),
  body: z.unknown(),
  headers: z.record(z.string(), z.string()).optional(),
});

export const IdempotencyEntrySchema = z.object({
  key: z.string(),
  fingerprint: z.string(),
  reply: ReplySchema,
});

export const PersistedStateSchema = z.object({
  schemaVersion: z.literal(1),
  savedAt: z.string(),
  conversations: z.array(ConversationSchema),
  idempotency: z.array(IdempotencyEntrySchema),
  pauses: z.array(PauseEntrySchema),
});
export type PersistedState = z.infer<typeof PersistedStateSchema>;

/** The simulator's live state; `conversations` is the very array the Simulator handle exposes. */
export interface SimState {
  conversations: Conversation[];
  idempotency: Map<string, { fingerprint: string; reply: Reply }>;
  pauses: PauseEntry[];
}

export function snapshotOf(state: SimState, now: number): PersistedState {
  return {
    schemaVersion: 1,
    savedAt: new Date(now).toISOString(),
    conversations: state.conversations,
    idempotency: [...state.idempotency].map(([key, v]) => ({ key, fingerprint: v.fingerprint, reply: v.reply })),
    pauses: state.pauses,
  };
}

/** Puts a loaded snapshot into the live state (keeping the same arrays and map). */
export function restoreInto(state: SimState, saved: PersistedState) {
  state.conversations.splice(0, state.conversations.length, ...saved.conversations);
  state.idempotency.clear();
  for (const e of saved.idempotency) state.idempotency.set(e.key, { fingerprint: e.fingerprint, reply: e.reply });
  state.pauses.splice(0, state.pauses.length, ...saved.pauses);
}

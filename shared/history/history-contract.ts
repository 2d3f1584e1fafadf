import { z } from 'zod';
import { HistoryEntrySchema, HistoryRowSchema, OutcomeSchema } from './history-entry';

/** The History screen's filters; every one optional, all of them combined with AND. */
export const HistoryFilterSchema = z.object({
  /** ISO date-times, inclusive from, exclusive to */
  from: z.string().max(40).nullable().default(null),
  to: z.string().max(40).nullable().default(null),
  outcomes: z.array(OutcomeSchema).max(20).default([]),
  profileId: z.string().max(100).nullable().default(null),
  /** an agent's or a team's id */
  callerId: z.string().max(100).nullable().default(null),
  /** a contact's name or a number (digits match with or without separators) */
  text: z.string().max(200).default(''),
});
export type HistoryFilter = z.infer<typeof HistoryFilterSchema>;
export type HistoryFilterInput = z.input<typeof HistoryFilterSchema>;

/** A conversation Feather started around an attempt whose outcome is unknown. */
export const CandidateSchema = z.object({
  sessionId: z.string(),
  startedAt: z.string(),
  status: z.string(),
  toNumber: z.string().nullable(),
  /** the same number as the attempt, where Feather says (1.90) */
  sameNumber: z.boolean().nullable(),
  summary: z.string().nullable(),
});
export type Candidate = z.infer<typeof CandidateSchema>;

/** 1.90: a call waiting in Feather's outbound queue, with what this app knows about it. */
export const QueuedCallViewSchema = z.object({
  conversationId: z.string(),
  toNumber: z.string().nullable(),
  /** the contact's name where the history knows the call */
  name: z.string().nullable(),
  callerName: z.string().nullable(),
  paused: z.boolean(),
  createdAt: z.string(),
  eligibleAt: z.string().nullable(),
  queueExpiresAt: z.string().nullable(),
  /** the history entry of this call, when this app placed it */
  entryId: z.string().nullable(),
});
export type QueuedCallView = z.infer<typeof QueuedCallViewSchema>;

const id = z.string().min(1).max(100);

export const historyContract = {
  /** newest first; `total` counts every entry the filter matches */
  list: {
    request: z.object({ filter: HistoryFilterSchema, offset: z.number().int().min(0), limit: z.number().int().min(1).max(500) }),
    response: z.object({ rows: z.array(HistoryRowSchema), total: z.number().int(), all: z.number().int() }),
  },
  get: { request: z.object({ id }), response: HistoryEntrySchema },
  /** the filtered list as CSV (the window saves it) */
  exportCsv: {
    request: z.object({ filter: HistoryFilterSchema }),
    response: z.object({ fileName: z.string(), text: z.string(), count: z.number().int() }),
  },
  /** opens a new call card with this entry's values (a new request id; every guard applies): a `dial:request` */
  redial: { request: z.object({ id }), response: z.object({}).strict() },
  /** "outcome unknown": conversations Feather started around the attempt */
  candidates: {
    request: z.object({ id }),
    response: z.object({ candidates: z.array(CandidateSchema), note: z.string().nullable() }),
  },
  /** settles "outcome unknown": this conversation was the call (tracking starts), or no call went out (the guard lifts) */
  settle: {
    request: z.discriminatedUnion('as', [
      z.object({ id, as: z.literal('placed'), sessionId: z.uuid() }),
      z.object({ id, as: z.literal('not_placed') }),
    ]),
    response: HistoryEntrySchema,
  },
  /** 1.90: the organisation's queued calls (this key's view of `GET /v1/voice/outbound/queued`) */
  queue: {
    request: z.object({}).strict(),
    response: z.object({ calls: z.array(QueuedCallViewSchema), unavailable: z.string().nullable() }),
  },
  /** 1.90: cancel, pause or resume one queued call */
  queueAction: {
    request: z.object({ conversationId: z.uuid(), action: z.enum(['cancel', 'pause', 'resume']) }),
    response: z.object({ conversationId: z.string(), action: z.enum(['cancelled', 'paused', 'resumed']), paused: z.boolean() }),
  },
} as const;

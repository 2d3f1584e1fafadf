import { z } from 'zod';

/**
 * Feather's conversation and outbound-queue answers, as far as the history reads them
 * (feather-openapi-digest.md: `SessionResponse`, `SessionDetailResponse`, `ConversationMessagesPoll`,
 * `QueuedCallActionResponse`, `OutboundControlsResponse`). Loose objects: fields we do not read
 * are allowed; the ones we read are checked.
 */

const turn = z.looseObject({
  role: z.string(),
  content: z.string().nullable().optional(),
  created_at: z.string(),
  seq: z.number().int().optional(),
});
export type FeatherTurn = z.infer<typeof turn>;

export const MessagesPollSchema = z.looseObject({
  session_status: z.string(),
  messages: z.array(turn),
  next_seq: z.number().int(),
});
export type MessagesPoll = z.infer<typeof MessagesPollSchema>;

export const SessionSchema = z.looseObject({
  id: z.string(),
  status: z.string(),
  started_at: z.string(),
  ended_at: z.string().nullable().optional(),
  summary: z.string().nullable().optional(),
  summary_preview: z.string().nullable().optional(),
  duration_ms: z.number().nullable().optional(),
  message_count: z.number().int().optional(),
  to_number: z.string().nullable().optional(),
  assigned_agent_id: z.string().nullable().optional(),
});

export const SessionDetailSchema = SessionSchema.extend({
  recording_url: z.string().nullable().optional(),
  recent_turns: z.array(turn).optional(),
});
export type SessionDetail = z.infer<typeof SessionDetailSchema>;

export const QueuedCallFullSchema = z.looseObject({
  conversation_id: z.string(),
  to_number: z.string().nullable().optional(),
  agent_id: z.string().nullable().optional(),
  team_id: z.string().nullable().optional(),
  paused: z.boolean(),
  created_at: z.string(),
  eligible_at: z.string().nullable().optional(),
  queue_expires_at: z.string().nullable().optional(),
});

export const QueuedActionSchema = z.looseObject({
  conversation_id: z.string(),
  action: z.enum(['cancelled', 'paused', 'resumed']),
  paused: z.boolean(),
});

const pauseEntry = z.looseObject({
  scope: z.string(),
  agent_id: z.string().nullable().optional(),
  team_id: z.string().nullable().optional(),
  paused: z.boolean(),
  reason: z.string().nullable().optional(),
});
export const ControlsSchema = z.looseObject({
  org_paused: z.boolean(),
  paused_agents: z.array(pauseEntry).optional().default([]),
  paused_teams: z.array(pauseEntry).optional().default([]),
});
export type Controls = z.infer<typeof ControlsSchema>;

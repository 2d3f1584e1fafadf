import { z } from 'zod';
import { FEATHER_VAR_TYPES } from './feather-var-type';

/**
 * Wire shapes of the Feather API, read tolerantly, in one place. The facts come from the
 * published spec (shared/docs/feather-openapi-digest.md, versions 1.21 and 1.90): the strict
 * per-version schemas live in test/contract; these readers accept both versions and the
 * shapes servers are known to vary in (bare arrays or pages, `{items}` or `{assistants}`,
 * `ErrorResponse` or FastAPI `detail`), and let unknown fields pass.
 */

/** The published spec versions we speak. 1.87 renamed /v1/agents → /v1/assistants. */
export const ApiVersionSchema = z.enum(['1.21', '1.90']);
export type ApiVersion = z.infer<typeof ApiVersionSchema>;

/** The pattern Feather enforces on `to_phone_number`. */
export const E164_PATTERN = /^\+[1-9]\d{6,14}$/;

/** `idempotency_key`'s documented pattern (1.90); a request id (UUID) fits it. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,120}$/;
/** 1.90: `expires_in_seconds` bounds (0 … 30 days). */
export const MAX_QUEUE_EXPIRY_SECONDS = 2_592_000;

export const OutboundRequestSchema = z
  .object({
    from_phone_number_id: z.uuid(),
    to_phone_number: z.string().regex(E164_PATTERN),
    agent_id: z.uuid().nullable().optional(),
    team_id: z.uuid().nullable().optional(),
    context_variables: z.record(z.string(), z.unknown()).optional(),
    /** 1.90; harmless on 1.21, whose schema does not forbid extra fields — but not relied on there */
    idempotency_key: z.string().regex(IDEMPOTENCY_KEY_PATTERN).optional(),
    /** 1.90: dial now instead of waiting in the calling-hours queue */
    instant: z.boolean().optional(),
    /** 1.90: how long a queued call may wait before it expires undialled */
    expires_in_seconds: z.number().int().min(0).max(MAX_QUEUE_EXPIRY_SECONDS).optional(),
  })
  .refine((body) => !(body.agent_id && body.team_id), {
    message: 'agent_id and team_id are exclusive',
    path: ['team_id'],
  });
export type OutboundRequest = z.infer<typeof OutboundRequestSchema>;

/**
 * `OutboundResponse`. 1.21: room and dispatch always set. 1.90: `queued: true` with room and
 * dispatch null while the call waits for the organisation's calling-hours window.
 */
export const OutboundResponseSchema = z.looseObject({
  queued: z.boolean().nullable().optional(),
  room_name: z.string().nullable().optional(),
  dispatch_id: z.string().nullable().optional(),
  agent_name: z.string().nullable().optional(),
  session_id: z.string(),
  agent_revision_id: z.string().nullable().optional(),
  agent_revision_name: z.string().nullable().optional(),
  revision_source: z.string().nullable().optional(),
});
export type OutboundResponse = z.infer<typeof OutboundResponseSchema>;

/** whoami: the quickstart and the reference disagree on names, so accept both. */
export const WhoamiResponseSchema = z
  .looseObject({
    user_id: z.string().optional(),
    role: z.string().optional(),
    organization_id: z.string().optional(),
    organization_name: z.string().optional(),
    org_name: z.string().optional(),
    organization: z.looseObject({ id: z.string().optional(), name: z.string().optional() }).optional(),
    email: z.string().nullable().optional(),
    display_name: z.string().nullable().optional(),
    name: z.string().nullable().optional(),
  })
  .transform((raw) => ({
    userId: raw.user_id ?? null,
    role: raw.role ?? null,
    organizationId: raw.organization_id ?? raw.organization?.id ?? null,
    organizationName: raw.organization_name ?? raw.org_name ?? raw.organization?.name ?? null,
    email: raw.email ?? null,
    displayName: raw.display_name ?? raw.name ?? null,
  }));
export type Whoami = z.infer<typeof WhoamiResponseSchema>;

export const ValidationDetailSchema = z.array(
  z.looseObject({
    loc: z.array(z.union([z.string(), z.number()])).default([]),
    msg: z.string().default('Invalid value'),
    type: z.string().optional(),
  }),
);

/**
 * Error bodies: the spec's `ErrorResponse {error, message}` (1.90 adds `retryable`,
 * `retry_after`), FastAPI's 422 `{detail: [...]}`, and a bare `{detail: "…"}` from gateways.
 */
export const ErrorBodySchema = z.looseObject({
  error: z.string().nullable().optional(),
  message: z.string().nullable().optional(),
  retryable: z.boolean().nullable().optional(),
  retry_after: z.number().nullable().optional(),
  detail: z.unknown().optional(),
});
export interface ErrorBody {
  /** the spec's machine-readable `error` code, when there is one */
  code: string | null;
  /** human text: `message`, or a string `detail` */
  text: string;
  retryable: boolean | null;
  retryAfterSeconds: number | null;
  /** FastAPI 422 items */
  items: Array<{ loc: Array<string | number>; msg: string }>;
}

export function readErrorBody(raw: string): ErrorBody {
  const none: ErrorBody = { code: null, text: '', retryable: null, retryAfterSeconds: null, items: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return none;
  }
  const parsed = ErrorBodySchema.safeParse(json);
  if (!parsed.success) return none;
  const body = parsed.data;
  const items = ValidationDetailSchema.safeParse(body.detail);
  return {
    code: body.error ?? null,
    text: body.message ?? (typeof body.detail === 'string' ? body.detail : ''),
    retryable: body.retryable ?? null,
    retryAfterSeconds: typeof body.retry_after === 'number' && body.retry_after >= 0 ? Math.ceil(body.retry_after) : null,
    items: items.success ? items.data.map((i) => ({ loc: i.loc, msg: i.msg })) : [],
  };
}

/** Phone numbers have no name or label in Feather: people name them locally. */
export const PhoneNumberSchema = z.looseObject({
  id: z.string(),
  phone_e164: z.string(),
  capabilities: z
    .array(z.string())
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  status: z
    .string()
    .nullable()
    .optional()
    .transform((v) => v ?? 'active'),
});
export const AgentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  active_revision_id: z.string().nullable().optional(),
  active_revision_name: z.string().nullable().optional(),
  archived_at: z.string().nullable().optional(),
});
export const TeamSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
});
export const ChannelSchema = z.looseObject({
  id: z.string(),
  channel_type: z.string(),
  agent_id: z.string().nullable().optional(),
  agent_revision_id: z.string().nullable().optional(),
  team_id: z.string().nullable().optional(),
  team_revision_id: z.string().nullable().optional(),
  revision_state: z.string().nullable().optional(),
  pinned_revision_name: z.string().nullable().optional(),
  active_revision_id: z.string().nullable().optional(),
});
export const VariableSchema = z.looseObject({
  name: z.string(),
  source: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  enum_values: z.array(z.string()).nullable().optional(),
  description: z.string().nullable().optional(),
});
/** 1.90 `AssistantContextSchemaResponse`: one revision's variables, by where they come from. */
export const ContextSchemaSchema = z.looseObject({
  system: z
    .array(VariableSchema)
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  workflow_inputs: z
    .array(VariableSchema)
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  workflow_derived: z
    .array(VariableSchema)
    .nullable()
    .optional()
    .transform((v) => v ?? []),
});
/** 1.90 `QueuedCall`, for when a queued call may dial and when it expires. */
export const QueuedCallSchema = z.looseObject({
  conversation_id: z.string(),
  paused: z.boolean().nullable().optional(),
  eligible_at: z.string().nullable().optional(),
  queue_expires_at: z.string().nullable().optional(),
});

/**
 * A list answer in any of the spec's shapes: a bare array (phone numbers, channels), a cursor
 * page `{items, has_more, next_cursor}`, `{assistants, …}` (1.90) or `{variables}`. Items that
 * do not parse are skipped and counted, so one odd entry does not empty a picker.
 */
export function readList<T extends z.ZodType>(
  json: unknown,
  item: T,
): { items: Array<z.output<T>>; skipped: number; nextCursor: string | null } | null {
  let raw: unknown[] | null = null;
  let nextCursor: string | null = null;
  if (Array.isArray(json)) raw = json;
  else if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    const key = ['items', 'assistants', 'variables', 'data', 'results'].find((k) => Array.isArray(o[k]));
    if (key) raw = o[key] as unknown[];
    const more = o.has_more !== false && typeof o.next_cursor === 'string' && o.next_cursor !== '';
    nextCursor = more ? (o.next_cursor as string) : null;
  }
  if (!raw) return null;
  const items: Array<z.output<T>> = [];
  let skipped = 0;
  for (const entry of raw) {
    const parsed = item.safeParse(entry);
    if (parsed.success) items.push(parsed.data);
    else skipped++;
  }
  return { items, skipped, nextCursor };
}

/** `ContextVarSpec.type`, exactly as Feather declares it (the list and its reader are zod-free, for the window). */
export const FeatherVarTypeSchema = z.enum(FEATHER_VAR_TYPES);
export type { FeatherVarType } from './feather-var-type';

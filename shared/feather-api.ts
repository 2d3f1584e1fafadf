import { z } from 'zod';
import { E164_PATTERN } from './phone';

/**
 * Wire shapes of the Feather API (see shared/docs/feather-api.md). Everything marked
 * "assumed" there is parsed tolerantly: unknown fields pass, optional fields may be absent.
 */

export const OutboundRequestSchema = z
  .object({
    from_phone_number_id: z.uuid(),
    to_phone_number: z.string().regex(E164_PATTERN),
    agent_id: z.uuid().nullable().optional(),
    team_id: z.uuid().nullable().optional(),
    context_variables: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((body) => !(body.agent_id && body.team_id), {
    message: 'agent_id and team_id are exclusive',
    path: ['team_id'],
  });
export type OutboundRequest = z.infer<typeof OutboundRequestSchema>;

export const OutboundResponseSchema = z.looseObject({
  room_name: z.string(),
  dispatch_id: z.string(),
  agent_name: z.string(),
  session_id: z.string(),
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
export const ErrorBodySchema = z.looseObject({
  detail: z.union([z.string(), ValidationDetailSchema, z.unknown()]).optional(),
  message: z.string().optional(),
});

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item),
    has_more: z.boolean().optional().default(false),
    next_cursor: z.string().nullable().optional(),
  });
}

export const PhoneNumberSchema = z.looseObject({
  id: z.string(),
  phone_e164: z.string(),
  capabilities: z.array(z.string()).optional().default([]),
  status: z.string().optional().default('active'),
  label: z.string().nullable().optional(),
});
export const AgentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
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
  team_id: z.string().nullable().optional(),
});
export const VariableSchema = z.looseObject({
  name: z.string(),
  source: z.string().nullable().optional(),
  type: z.string().nullable().optional(),
  enum_values: z.array(z.string()).nullable().optional(),
  description: z.string().nullable().optional(),
});

/** Conversation status values (assumed v2 runtime). */
export const TERMINAL_STATUSES = ['closed', 'expired', 'error', 'superseded'] as const;

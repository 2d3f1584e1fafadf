import { z } from 'zod';

/**
 * STRICT wire schemas for Feather's published OpenAPI spec, versions 1.21.0 and 1.90.0, transcribed
 * from /work/shared/docs/feather-openapi-digest.md. They exist to prove that a simulator (or a
 * recorded answer) has EXACTLY the spec's shape, so:
 * - every object is a `z.strictObject` (an invented field is an error);
 * - a field marked **required** in the digest is required; every other field is `.optional()`
 *   (even when the digest shows a default: a server may omit it);
 * - `X | null` is `.nullable()`, so a non-required nullable field is `.nullable().optional()`.
 *
 * Unlike shared/feather-api.ts (tolerant parsing for the app), nothing here is lenient.
 */

export type SpecVersion = '1.21' | '1.90';
export const specVersions: readonly SpecVersion[] = ['1.21', '1.90'];

// ---------------------------------------------------------------------------------------------
// Primitives
// ---------------------------------------------------------------------------------------------

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** `string<uuid>` (z.uuid() rejects some hand-made test UUIDs, so a plain shape check). */
const uuid = z.string().regex(UUID_RE);
/** `string<date-time>` */
const dateTime = z.iso.datetime({ offset: true });
/** `integer` */
const int = z.number().int();
/** `object` */
const obj = z.record(z.string(), z.unknown());

/** OutboundRequest.to_phone_number: spec pattern '^\\+[1-9]\\d{6,14}$' */
export const TO_PHONE_NUMBER_PATTERN = /^\+[1-9]\d{6,14}$/;
/** OutboundRequest.idempotency_key (1.90): spec pattern '^[A-Za-z0-9_\\-]{1,120}$' */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{1,120}$/;
/** OutboundRequest.expires_in_seconds (1.90): minimum=0, maximum=2592000 */
export const EXPIRES_IN_SECONDS_MAX = 2_592_000;

/** `CursorPage_X_`: `{items: X[] required, next_cursor: string|null, has_more: boolean required}` */
function cursorPage<T extends z.ZodType>(item: T) {
  return z.strictObject({
    items: z.array(item),
    next_cursor: z.string().nullable().optional(),
    has_more: z.boolean(),
  });
}

// ---------------------------------------------------------------------------------------------
// Shared by both versions (identical in 1.21 and 1.90)
// ---------------------------------------------------------------------------------------------

export const ValidationError = z.strictObject({
  loc: z.array(z.union([z.string(), int])),
  msg: z.string(),
  type: z.string(),
  input: z.unknown().optional(),
  ctx: obj.optional(),
});

/** `detail` is not marked required in the spec. */
export const HTTPValidationError = z.strictObject({
  detail: z.array(ValidationError).optional(),
});

export const PhoneCapability = z.enum(['sms', 'voice']);
export const PhoneNumberStatus = z.enum(['active', 'paused', 'retired']);
export const PhoneVendor = z.enum(['twilio']);
export const VendorMode = z.enum(['platform', 'byo']);
export const ChannelType = z.enum(['sms', 'inbound_call', 'outbound_call']);

export const AgentVariableResponse = z.strictObject({
  name: z.string(),
  /** plain string in the response schema; values come from ContextVarSpec.type (see contextVarType) */
  type: z.string(),
  /** plain string in the response schema; values come from ContextVarSpec.source (see contextVarSource) */
  source: z.string(),
  description: z.string().nullable().optional(),
  enum_values: z.array(z.string()).nullable().optional(),
});
export const AgentVariablesResponse = z.strictObject({
  variables: z.array(AgentVariableResponse),
});

/** "Where variable types come from": ContextVarSpec.type / .source (same in 1.21 and 1.90). */
export const contextVarType = z.enum(['string', 'int', 'float', 'bool', 'enum']);
export const contextVarSource = z.enum(['system', 'derived']);

export const SessionEvalSummary = z.strictObject({
  total: int.optional(),
  succeeded: int.optional(),
  failed: int.optional(),
  pending: int.optional(),
  critical_total: int.optional(),
  critical_succeeded: int.optional(),
  critical_failed: int.optional(),
  critical_pending: int.optional(),
  eval_status: z.enum(['success', 'partial', 'failure', 'pending', 'none']).optional(), // default='none'
});

const sessionType = z.enum(['live', 'test', 'simulation']);
const sessionPriority = z.enum(['low', 'normal', 'high', 'urgent']);
const turnRole = z.enum(['user', 'assistant', 'system', 'tool', 'system_event']);
const evidenceStatus = z.enum(['complete', 'partial', 'failed', 'not_applicable']);

export const EvidenceSection = z.strictObject({
  path_titles: z.array(z.string()).nullable().optional(),
  path_numbers: z.array(z.string()).nullable().optional(),
  display_label: z.string().nullable().optional(),
  confidence: z.enum(['parsed', 'derived', 'unknown']).optional(), // default='unknown'
});

export const EvidenceDisplay = z.strictObject({
  label: z.string(),
  short_label: z.string().nullable().optional(),
  citation_marker: z.string().nullable().optional(),
});

export const EvidencePosition = z.strictObject({
  type: z.string().optional(), // default='text'
  start_char: int.nullable().optional(),
  end_char: int.nullable().optional(),
});

export const EvidenceScore = z.strictObject({
  retrieval_score_raw: z.number().nullable().optional(),
  retrieval_score_display: z.number().nullable().optional(),
  score_basis: z.enum(['raw_hybrid_dotproduct', 'minmax_normalized', 'reranked_original_score', 'grouped_unranked']),
  band: z.enum(['high', 'medium', 'low', 'unknown']).optional(), // default='unknown'
  calibrated: z.boolean().optional(), // default=False
});

export const EvidenceUsageConstraints = z.strictObject({
  sensitivity: z.enum(['public', 'internal', 'confidential', 'restricted']).nullable().optional(),
  sensitivity_level: int.nullable().optional(),
  visibility_mode: z.enum(['org_wide', 'audience']).nullable().optional(),
  audience_tags: z.array(z.string()).nullable().optional(),
  constraint_source: z.enum(['acl_columns', 'metadata', 'none']).optional(), // default='none'
  raw: obj.nullable().optional(),
});

export const TokenCount = z.strictObject({
  input_tokens: int,
  output_tokens: int,
  total_tokens: int.nullable().optional(),
});

export const ToolCallFunction = z.strictObject({
  name: z.string(),
  arguments: z.string(),
});

export const ToolCall = z.strictObject({
  id: z.string(),
  type: z.string().optional(), // default='function'
  function: ToolCallFunction,
});

export const ToolResult = z.strictObject({
  tool_call_id: z.string(),
  output: z.string(),
  error: z.string().nullable().optional(),
});

const evidenceProvenanceShape = {
  kb_id: uuid,
  kb_name: z.string().nullable().optional(),
  document_id: uuid,
  document_title: z.string(),
  version_id: uuid.nullable().optional(),
  version_number: int.nullable().optional(),
  source_type: z.string(),
  source_provider: z.string().nullable().optional(),
  deep_link: z.string().nullable().optional(),
  filename: z.string().nullable().optional(),
  section: EvidenceSection.nullable().optional(),
  chunk_id: z.string(),
  chunk_index: int.nullable().optional(),
  content_sha256: z.string().nullable().optional(),
  last_processed_at: dateTime.nullable().optional(),
};

function evidenceItem(provenance: z.ZodType) {
  return z.strictObject({
    evidence_id: uuid,
    rag_query_id: uuid.nullable().optional(),
    attribution_level: z.string().optional(), // default='exposed'
    prompt_order: int.nullable().optional(),
    provenance,
    position: EvidencePosition.nullable().optional(),
    score: EvidenceScore.nullable().optional(),
    usage_constraints: EvidenceUsageConstraints.nullable().optional(),
    display: EvidenceDisplay.nullable().optional(),
    source_trust: z.string().nullable().optional(),
    scan_status: z.string().nullable().optional(),
  });
}

function evidencePackageFull(item: z.ZodType) {
  return z.strictObject({
    schema_version: int.optional(), // default=1
    package_id: uuid,
    organization_id: uuid,
    conversation_id: uuid,
    message_id: uuid.nullable().optional(),
    turn_id: uuid,
    agent_id: uuid.nullable().optional(),
    created_at: dateTime,
    evidence_status: evidenceStatus,
    status_reason: z
      .enum([
        'complete',
        'no_kb_used',
        'no_exposed_chunks',
        'answerability_suppressed',
        'partial_missing_source_rows',
        'item_cap_applied',
        'build_failed',
      ])
      .nullable()
      .optional(),
    items: z.array(item),
    view: z.string().optional(), // default='full'
  });
}

const evidenceItemDisplayShape = {
  citation_marker: z.string().nullable().optional(),
  label: z.string().nullable().optional(),
  short_label: z.string().nullable().optional(),
  document_title: z.string().nullable().optional(),
  version_number: int.nullable().optional(),
  section: EvidenceSection.nullable().optional(),
  deep_link: z.string().nullable().optional(),
};

const evidencePackageDisplayShape = {
  view: z.string().optional(), // default='display'
  schema_version: int.optional(), // default=1
  package_id: uuid,
  conversation_id: uuid,
  message_id: uuid.nullable().optional(),
  turn_id: uuid,
  created_at: dateTime,
  evidence_status: evidenceStatus,
};

/** Fields of src__conversation__schemas__TurnResponse common to both versions. */
function turnShape(evidence: z.ZodType) {
  return {
    id: uuid,
    session_id: uuid,
    role: turnRole,
    content: z.string(),
    tool_calls: z.array(ToolCall).nullable().optional(),
    tool_results: ToolResult.nullable().optional(),
    model_used: z.string().nullable().optional(),
    token_count: TokenCount.nullable().optional(),
    latency_ms: int.nullable().optional(),
    is_compacted: z.boolean().optional(), // default=False
    metadata: obj.optional(),
    created_at: dateTime,
    delivery_status: z.string().nullable().optional(),
    authored_by: z.string().nullable().optional(),
    evidence,
  };
}

/** Fields of src__conversation__schemas__SessionResponse common to both versions (status differs). */
const sessionCommonShape = {
  id: uuid,
  organization_id: uuid,
  end_user_id: uuid,
  channel: z.string(),
  external_session_id: z.string().nullable().optional(),
  session_type: sessionType.optional(), // default='live'
  priority: sessionPriority,
  subject: z.string().nullable().optional(),
  assigned_agent_id: uuid.nullable().optional(),
  retention_policy_id: uuid.nullable().optional(),
  summary: z.string().nullable().optional(),
  metadata: obj.optional(),
  context_variables: obj.optional(),
  message_count: int,
  first_message_at: dateTime.nullable().optional(),
  last_message_at: dateTime.nullable().optional(),
  started_at: dateTime,
  ended_at: dateTime.nullable().optional(),
  closed_at: dateTime.nullable().optional(),
  ttl_expires_at: dateTime.nullable().optional(),
  retention_expires_at: dateTime.nullable().optional(),
  archived_at: dateTime.nullable().optional(),
  created_at: dateTime,
  updated_at: dateTime,
  duration_ms: int.nullable().optional(),
  summary_preview: z.string().nullable().optional(),
  has_recording: z.boolean().optional(), // default=False
  eval_summary: SessionEvalSummary.optional(),
};

const phoneNumberShape = {
  id: uuid,
  organization_id: uuid,
  phone_e164: z.string(),
  vendor: PhoneVendor,
  vendor_mode: VendorMode,
  capabilities: z.array(PhoneCapability),
  vendor_metadata: obj,
  status: PhoneNumberStatus,
  created_at: dateTime,
  updated_at: dateTime,
};

const channelShape = {
  id: uuid,
  phone_number_id: uuid,
  channel_type: ChannelType,
  agent_id: uuid.nullable().optional(),
  agent_revision_id: uuid.nullable().optional(),
  team_id: uuid.nullable().optional(),
  team_revision_id: uuid.nullable().optional(),
  created_at: dateTime,
};

const whoAmIShape = {
  user_id: uuid,
  clerk_user_id: z.string(),
  email: z.string().nullable().optional(),
  display_name: z.string().nullable().optional(),
  role: z.string(),
  organization_id: uuid,
  organization_name: z.string(),
  kb_clearance_level: int,
  kb_acl_enabled: z.boolean(),
};

const teamShape = {
  id: uuid,
  organization_id: uuid,
  name: z.string(),
  description: z.string().nullable().optional(),
  active_revision_id: uuid.nullable().optional(),
  created_at: dateTime,
  updated_at: dateTime,
};

const outboundRequestShape = {
  from_phone_number_id: uuid,
  to_phone_number: z.string().regex(TO_PHONE_NUMBER_PATTERN),
  agent_id: uuid.nullable().optional(),
  team_id: uuid.nullable().optional(),
  context_variables: obj.nullable().optional(),
};

// ---------------------------------------------------------------------------------------------
// 1.21.0
// ---------------------------------------------------------------------------------------------

export const v121 = (() => {
  const ErrorResponse = z.strictObject({
    error: z.string(),
    message: z.string(),
  });

  const OutboundRequest = z.strictObject({ ...outboundRequestShape });

  const OutboundResponse = z.strictObject({
    room_name: z.string(),
    dispatch_id: z.string(),
    agent_name: z.string(),
    session_id: uuid,
  });

  const WhoAmIResponse = z.strictObject({ ...whoAmIShape });
  const PhoneNumberResponse = z.strictObject({ ...phoneNumberShape });
  const ChannelResponse = z.strictObject({ ...channelShape });

  const AgentListResponse = z.strictObject({
    id: uuid,
    organization_id: uuid,
    name: z.string(),
    description: z.string().nullable().optional(),
    active_revision_id: uuid.nullable().optional(),
    knowledge_gap_analysis_enabled: z.boolean().optional(), // default=True
    created_at: dateTime,
    updated_at: dateTime,
  });
  const CursorPage_AgentListResponse_ = cursorPage(AgentListResponse);

  const TeamListResponse = z.strictObject({ ...teamShape });
  const CursorPage_TeamListResponse_ = cursorPage(TeamListResponse);

  const SessionResponseShape = {
    ...sessionCommonShape,
    origin: z.enum(['inbound', 'outbound']).nullable().optional(),
    status: z.enum([
      'queued',
      'ringing',
      'active',
      'paused',
      'waiting_for_human',
      'transferred',
      'awaiting_approval',
      'closed',
      'expired',
      'error',
      'superseded',
    ]),
    memory_synced: z.boolean().optional(), // default=False
  };
  const SessionResponse = z.strictObject(SessionResponseShape);
  const CursorPage_SessionResponse_ = cursorPage(SessionResponse);

  const EvidenceItemDisplay = z.strictObject({ ...evidenceItemDisplayShape });
  const EvidencePackageDisplay = z.strictObject({
    ...evidencePackageDisplayShape,
    items: z.array(EvidenceItemDisplay),
  });
  const EvidenceProvenance = z.strictObject({ ...evidenceProvenanceShape });
  const EvidenceItem = evidenceItem(EvidenceProvenance);
  const EvidencePackageFull = evidencePackageFull(EvidenceItem);

  const TurnResponse = z.strictObject({
    ...turnShape(z.union([EvidencePackageDisplay, EvidencePackageFull]).nullable().optional()),
  });

  const SessionDetailResponse = z.strictObject({
    ...SessionResponseShape,
    recent_turns: z.array(TurnResponse).optional(),
    recording_url: z.string().nullable().optional(),
  });

  const ConversationMessagesPoll = z.strictObject({
    session_status: z.string(),
    messages: z.array(TurnResponse),
    next_seq: int,
  });

  return {
    ErrorResponse,
    HTTPValidationError,
    ValidationError,
    OutboundRequest,
    OutboundResponse,
    WhoAmIResponse,
    PhoneNumberResponse,
    ChannelResponse,
    AgentListResponse,
    CursorPage_AgentListResponse_,
    AgentVariablesResponse,
    AgentVariableResponse,
    TeamListResponse,
    CursorPage_TeamListResponse_,
    SessionResponse,
    CursorPage_SessionResponse_,
    SessionDetailResponse,
    TurnResponse,
    EvidencePackageDisplay,
    EvidenceItemDisplay,
    EvidencePackageFull,
    EvidenceItem,
    EvidenceProvenance,
    ConversationMessagesPoll,
  };
})();

// ---------------------------------------------------------------------------------------------
// 1.90.0
// ---------------------------------------------------------------------------------------------

export const v190 = (() => {
  const ErrorResponse = z.strictObject({
    error: z.string(),
    message: z.string(),
    retryable: z.boolean().nullable().optional(),
    retry_after: int.nullable().optional(),
  });

  const OutboundRequest = z.strictObject({
    ...outboundRequestShape,
    agent_revision_id: uuid.nullable().optional(),
    idempotency_key: z.string().regex(IDEMPOTENCY_KEY_PATTERN).nullable().optional(),
    instant: z.boolean().optional(), // default=False
    expires_in_seconds: int.min(0).max(EXPIRES_IN_SECONDS_MAX).nullable().optional(),
    override_pause: z.boolean().optional(), // default=False
  });

  const OutboundResponse = z.strictObject({
    queued: z.boolean().optional(), // default=False
    room_name: z.string().nullable().optional(),
    dispatch_id: z.string().nullable().optional(),
    agent_name: z.string(),
    session_id: uuid,
    agent_revision_id: uuid.nullable().optional(),
    agent_revision_name: z.string().nullable().optional(),
    revision_source: z.enum(['override', 'pin', 'active_fallback']).nullable().optional(),
  });

  const WhoAmIResponse = z.strictObject({
    ...whoAmIShape,
    is_internal: z.boolean().optional(), // default=False
  });

  const PhoneNumberResponse = z.strictObject({
    ...phoneNumberShape,
    retired_at: dateTime.nullable().optional(),
    retired_by: z.string().nullable().optional(),
    restored_at: dateTime.nullable().optional(),
    restored_by: z.string().nullable().optional(),
  });

  const ChannelResponse = z.strictObject({
    ...channelShape,
    revision_state: z.enum(['pinned_current', 'pinned_stale', 'legacy_unpinned']).nullable().optional(),
    pinned_revision_name: z.string().nullable().optional(),
    active_revision_id: uuid.nullable().optional(),
  });

  const AssistantSummary = z.strictObject({
    id: uuid,
    name: z.string(),
    description: z.string().nullable().optional(),
    active_revision_id: uuid.nullable().optional(),
    active_revision_name: z.string().nullable().optional(),
    archived_at: dateTime.nullable().optional(),
    created_at: dateTime,
    updated_at: dateTime,
  });
  /** Not a CursorPage: `assistants` instead of `items`, and `has_more` is not required (default=False). */
  const AssistantListResponse = z.strictObject({
    assistants: z.array(AssistantSummary),
    has_more: z.boolean().optional(),
    next_cursor: z.string().nullable().optional(),
  });

  const ContextSchemaVariable = z.strictObject({
    name: z.string(),
    type: z.string(),
    description: z.string().nullable().optional(),
    enum_values: z.array(z.string()).nullable().optional(),
  });
  const AssistantContextSchemaResponse = z.strictObject({
    system: z.array(ContextSchemaVariable).optional(),
    workflow_inputs: z.array(ContextSchemaVariable).optional(),
    workflow_derived: z.array(ContextSchemaVariable).optional(),
  });

  const TeamListResponse = z.strictObject({
    ...teamShape,
    memory_enabled: z.boolean().optional(), // default=True
  });
  const CursorPage_TeamListResponse_ = cursorPage(TeamListResponse);

  const TestSessionFeatures = z.strictObject({
    version: int.optional(), // default=1
    identity_resolution: z.boolean(),
    memory: z.boolean(),
    summarization: z.boolean(),
    extraction: z.boolean(),
    evaluations: z.boolean(),
    knowledge_gap_analysis: z.boolean(),
  });

  const SessionResponseShape = {
    ...sessionCommonShape,
    surface: z.string(),
    status: z.enum([
      'queued',
      'ringing',
      'active',
      'paused',
      'waiting_for_human',
      'transferred',
      'awaiting_approval',
      'pending_dispatch',
      'closed',
      'expired',
      'error',
      'superseded',
    ]),
    memory_sync_state: z.enum(['pending', 'synced', 'skipped', 'suppressed']).optional(), // default='pending'
    test_features: TestSessionFeatures.nullable().optional(),
    revision_id: uuid.nullable().optional(),
    revision_name: z.string().nullable().optional(),
    revision_version: int.nullable().optional(),
    team_revision_id: uuid.nullable().optional(),
    team_revision_name: z.string().nullable().optional(),
    from_number: z.string().nullable().optional(),
    to_number: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
  };
  const SessionResponse = z.strictObject(SessionResponseShape);
  /** spec name: src__shared__pagination__CursorPage_SessionResponse___1 */
  const CursorPage_SessionResponse_ = cursorPage(SessionResponse);

  const EvidenceItemDisplay = z.strictObject({
    ...evidenceItemDisplayShape,
    kb_id: uuid.nullable().optional(),
    kb_name: z.string().nullable().optional(),
    document_id: uuid.nullable().optional(),
    source_provider: z.string().nullable().optional(),
    external_id: z.string().nullable().optional(),
    external_uri: z.string().nullable().optional(),
  });
  const EvidencePackageDisplay = z.strictObject({
    ...evidencePackageDisplayShape,
    kb_used: z.boolean().optional(), // default=False
    items: z.array(EvidenceItemDisplay),
  });
  /**
   * `InlineSource` is referenced by EvidenceProvenance.inline_sources but NOT defined in the digest,
   * so its fields cannot be checked: any JSON object is accepted here.
   */
  const InlineSource = obj;
  const EvidenceProvenance = z.strictObject({
    ...evidenceProvenanceShape,
    external_id: z.string().nullable().optional(),
    external_uri: z.string().nullable().optional(),
    inline_sources: z.array(InlineSource).optional(),
  });
  const EvidenceItem = evidenceItem(EvidenceProvenance);
  const EvidencePackageFull = evidencePackageFull(EvidenceItem);

  const TurnSource = z.strictObject({
    title: z.string(),
    url: z.string(),
  });

  const TurnResponse = z.strictObject({
    ...turnShape(z.union([EvidencePackageDisplay, EvidencePackageFull]).nullable().optional()),
    seq: int,
    message: z.string().nullable().optional(),
    sources: z.array(TurnSource).nullable().optional(),
  });

  const SessionDetailResponse = z.strictObject({
    ...SessionResponseShape,
    recent_turns: z.array(TurnResponse).optional(),
    recording_url: z.string().nullable().optional(),
  });

  const ConversationMessagesPoll = z.strictObject({
    session_status: z.string(),
    messages: z.array(TurnResponse),
    next_seq: int,
  });

  // --- the outbound queue (1.90 only) ---
  const pauseScope = z.enum(['org', 'agent', 'team']);

  const QueuedCall = z.strictObject({
    conversation_id: uuid,
    to_number: z.string().nullable().optional(),
    agent_id: uuid.nullable().optional(),
    team_id: uuid.nullable().optional(),
    paused: z.boolean(),
    created_at: dateTime,
    eligible_at: dateTime.nullable().optional(),
    queue_expires_at: dateTime.nullable().optional(),
  });
  const CursorPage_QueuedCall_ = cursorPage(QueuedCall);

  const QueuedCallActionResponse = z.strictObject({
    conversation_id: uuid,
    action: z.enum(['cancelled', 'paused', 'resumed']),
    paused: z.boolean(),
  });

  const PauseStateEntry = z.strictObject({
    id: uuid,
    scope: pauseScope,
    agent_id: uuid.nullable().optional(),
    team_id: uuid.nullable().optional(),
    paused: z.boolean(),
    reason: z.string().nullable().optional(),
    paused_at: dateTime.nullable().optional(),
    paused_by: uuid.nullable().optional(),
    updated_at: dateTime,
  });
  const OutboundControlsResponse = z.strictObject({
    org_paused: z.boolean(),
    paused_agents: z.array(PauseStateEntry).optional(),
    paused_teams: z.array(PauseStateEntry).optional(),
  });

  const BulkCancelAccepted = z.strictObject({
    accepted: z.boolean().optional(), // default=True
    scope: pauseScope,
    agent_id: uuid.nullable().optional(),
    team_id: uuid.nullable().optional(),
  });
  const CancelRequest = z.strictObject({
    scope: pauseScope,
    agent_id: uuid.nullable().optional(),
    team_id: uuid.nullable().optional(),
  });

  return {
    ErrorResponse,
    HTTPValidationError,
    ValidationError,
    OutboundRequest,
    OutboundResponse,
    WhoAmIResponse,
    PhoneNumberResponse,
    ChannelResponse,
    AssistantSummary,
    AssistantListResponse,
    AgentVariablesResponse,
    AgentVariableResponse,
    ContextSchemaVariable,
    AssistantContextSchemaResponse,
    TeamListResponse,
    CursorPage_TeamListResponse_,
    TestSessionFeatures,
    SessionResponse,
    CursorPage_SessionResponse_,
    SessionDetailResponse,
    TurnResponse,
    TurnSource,
    EvidencePackageDisplay,
    EvidenceItemDisplay,
    EvidencePackageFull,
    EvidenceItem,
    EvidenceProvenance,
    InlineSource,
    ConversationMessagesPoll,
    QueuedCall,
    CursorPage_QueuedCall_,
    QueuedCallActionResponse,
    PauseStateEntry,
    OutboundControlsResponse,
    BulkCancelAccepted,
    CancelRequest,
  };
})();

// ---------------------------------------------------------------------------------------------
// Endpoint → status → response schema
// ---------------------------------------------------------------------------------------------

type StatusMap = Record<number, z.ZodType>;

const s121 = v121;
const s190 = v190;

export const spec: Record<SpecVersion, Record<string, StatusMap>> = {
  '1.21': {
    'POST /v1/voice/outbound': {
      200: s121.OutboundResponse,
      422: s121.HTTPValidationError,
    },
    'GET /v1/identity/whoami': {
      200: s121.WhoAmIResponse,
      401: s121.ErrorResponse,
      400: s121.ErrorResponse,
    },
    'GET /v1/communication/phone-numbers': {
      200: z.array(s121.PhoneNumberResponse),
      401: s121.ErrorResponse,
      400: s121.ErrorResponse,
      422: s121.HTTPValidationError,
    },
    'GET /v1/communication/phone-numbers/{phone_number_id}/channels': {
      200: z.array(s121.ChannelResponse),
      401: s121.ErrorResponse,
      400: s121.ErrorResponse,
      404: s121.ErrorResponse,
      422: s121.HTTPValidationError,
    },
    'GET /v1/agents': {
      200: s121.CursorPage_AgentListResponse_,
      401: s121.ErrorResponse,
      400: s121.ErrorResponse,
      422: s121.HTTPValidationError,
    },
    'GET /v1/agents/{agent_id}/variables': {
      200: s121.AgentVariablesResponse,
      401: s121.ErrorResponse,
      400: s121.ErrorResponse,
      404: s121.ErrorResponse,
      422: s121.HTTPValidationError,
    },
    'GET /v1/teams': {
      200: s121.CursorPage_TeamListResponse_,
      401: s121.ErrorResponse,
      400: s121.ErrorResponse,
      422: s121.HTTPValidationError,
    },
    'GET /v1/v2/conversations': {
      200: s121.CursorPage_SessionResponse_,
      422: s121.HTTPValidationError,
    },
    'GET /v1/v2/conversations/{conversation_id}': {
      200: s121.SessionDetailResponse,
      422: s121.HTTPValidationError,
    },
    'GET /v1/v2/conversations/{conversation_id}/messages': {
      200: s121.ConversationMessagesPoll,
      401: s121.ErrorResponse,
      400: s121.ErrorResponse,
      404: s121.ErrorResponse,
      422: s121.HTTPValidationError,
    },
  },
  '1.90': {
    'POST /v1/voice/outbound': {
      200: s190.OutboundResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/identity/whoami': {
      200: s190.WhoAmIResponse,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
    },
    'GET /v1/communication/phone-numbers': {
      200: z.array(s190.PhoneNumberResponse),
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/communication/phone-numbers/{phone_number_id}/channels': {
      200: z.array(s190.ChannelResponse),
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      404: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/assistants': {
      200: s190.AssistantListResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/assistants/{agent_id}/variables': {
      200: s190.AgentVariablesResponse,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      404: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/assistants/{agent_id}/revisions/{revision_id}/context-schema': {
      200: s190.AssistantContextSchemaResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/teams': {
      200: s190.CursorPage_TeamListResponse_,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/conversations': {
      200: s190.CursorPage_SessionResponse_,
      422: s190.HTTPValidationError,
    },
    'GET /v1/conversations/{conversation_id}': {
      200: s190.SessionDetailResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/conversations/{conversation_id}/messages': {
      200: s190.ConversationMessagesPoll,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      404: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/voice/outbound/queued': {
      200: s190.CursorPage_QueuedCall_,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'POST /v1/voice/outbound/queued/{conversation_id}/cancel': {
      200: s190.QueuedCallActionResponse,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'POST /v1/voice/outbound/queued/{conversation_id}/pause': {
      200: s190.QueuedCallActionResponse,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'POST /v1/voice/outbound/queued/{conversation_id}/resume': {
      200: s190.QueuedCallActionResponse,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
    'GET /v1/voice/outbound/controls': {
      200: s190.OutboundControlsResponse,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
    },
    'POST /v1/voice/outbound/cancel': {
      202: s190.BulkCancelAccepted,
      401: s190.ErrorResponse,
      400: s190.ErrorResponse,
      422: s190.HTTPValidationError,
    },
  },
};

/** Strict request body schemas of POST /v1/voice/outbound. */
export const outboundRequest: Record<SpecVersion, z.ZodType> = {
  '1.21': v121.OutboundRequest,
  '1.90': v190.OutboundRequest,
};

/** Strict request body of POST /v1/voice/outbound/cancel (1.90 only). */
export const cancelRequest = v190.CancelRequest;

/** The response schema for (version, endpoint key, status); throws if the spec does not list it. */
export function responseSchema(version: SpecVersion, endpoint: string, status: number): z.ZodType {
  const statuses = spec[version][endpoint];
  if (!statuses) throw new Error(`Feather ${version}: no endpoint '${endpoint}' in the spec`);
  const schema = statuses[status];
  if (!schema) throw new Error(`Feather ${version}: '${endpoint}' does not list status ${status}`);
  return schema;
}

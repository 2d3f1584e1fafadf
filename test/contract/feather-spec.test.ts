import { describe, it, expect } from 'vitest';
import type { z } from 'zod';
import {
  spec,
  outboundRequest,
  cancelRequest,
  contextVarType,
  contextVarSource,
  responseSchema,
  v121,
  v190,
  type SpecVersion,
} from './feather-spec';

const ORG = '0b6f5c1e-1111-4222-8333-444455556666';
const USER = '1a2b3c4d-0000-4000-8000-000000000001';
const PHONE = '2a2b3c4d-0000-4000-8000-000000000002';
const CHANNEL = '3a2b3c4d-0000-4000-8000-000000000003';
const AGENT = '4a2b3c4d-0000-4000-8000-000000000004';
const TEAM = '5a2b3c4d-0000-4000-8000-000000000005';
const SESSION = '6a2b3c4d-0000-4000-8000-000000000006';
const END_USER = '7a2b3c4d-0000-4000-8000-000000000007';
const TURN = '8a2b3c4d-0000-4000-8000-000000000008';
const T = '2026-07-01T10:00:00Z';
const T_OFFSET = '2026-07-01T12:00:00.123456+02:00';

function ok(schema: z.ZodType, value: unknown): void {
  const r = schema.safeParse(value);
  if (!r.success) throw new Error(`expected a valid value, got: ${JSON.stringify(r.error.issues, null, 2)}`);
  expect(r.success).toBe(true);
}

function bad(schema: z.ZodType, value: unknown): z.core.$ZodIssue[] {
  const r = schema.safeParse(value);
  expect(r.success).toBe(false);
  return r.success ? [] : r.error.issues;
}

const phoneNumber = {
  id: PHONE,
  organization_id: ORG,
  phone_e164: '+14155550100',
  vendor: 'twilio',
  vendor_mode: 'platform',
  capabilities: ['voice', 'sms'],
  vendor_metadata: { sid: 'PN123' },
  status: 'active',
  created_at: T,
  updated_at: T_OFFSET,
};

const channel = {
  id: CHANNEL,
  phone_number_id: PHONE,
  channel_type: 'outbound_call',
  agent_id: AGENT,
  agent_revision_id: null,
  team_id: null,
  created_at: T,
};

const team = {
  id: TEAM,
  organization_id: ORG,
  name: 'Sales',
  description: null,
  active_revision_id: null,
  created_at: T,
  updated_at: T,
};

const whoami = {
  user_id: USER,
  clerk_user_id: 'user_2abc',
  email: 'a@example.com',
  display_name: null,
  role: 'admin',
  organization_id: ORG,
  organization_name: 'Acme',
  kb_clearance_level: 0,
  kb_acl_enabled: false,
};

const variables = {
  variables: [
    { name: 'first_name', type: 'string', source: 'derived', description: 'Callee first name', enum_values: null },
    { name: 'plan', type: 'enum', source: 'derived', enum_values: ['basic', 'pro'] },
    { name: 'now', type: 'string', source: 'system' },
  ],
};

const validationError = {
  detail: [
    {
      loc: ['body', 'to_phone_number'],
      msg: 'String should match pattern',
      type: 'string_pattern_mismatch',
      input: '123',
      ctx: { pattern: '^\\+[1-9]\\d{6,14}$' },
    },
    { loc: ['query', 'limit', 0], msg: 'bad', type: 'x' },
  ],
};

const goodRequest = {
  from_phone_number_id: PHONE,
  to_phone_number: '+14155550123',
  agent_id: AGENT,
  context_variables: { first_name: 'Ada' },
};

const turn121 = {
  id: TURN,
  session_id: SESSION,
  role: 'assistant',
  content: 'Hello',
  tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } }],
  tool_results: null,
  token_count: { input_tokens: 1, output_tokens: 2, total_tokens: null },
  metadata: {},
  created_at: T,
  evidence: null,
};

const session121 = {
  id: SESSION,
  organization_id: ORG,
  end_user_id: END_USER,
  channel: 'voice',
  origin: 'outbound',
  status: 'active',
  priority: 'normal',
  message_count: 1,
  started_at: T,
  created_at: T,
  updated_at: T,
  eval_summary: { total: 0, eval_status: 'none' },
};

const { origin: _origin, ...session121NoOrigin } = session121;
const session190 = {
  ...session121NoOrigin,
  surface: 'phone',
  status: 'pending_dispatch',
  memory_sync_state: 'pending',
  from_number: '+14155550100',
  to_number: '+14155550123',
};
const turn190 = { ...turn121, seq: 3, sources: [{ title: 'Doc', url: 'https://example.com' }] };

describe('Feather spec schemas: endpoint table', () => {
  const expected: Record<SpecVersion, Record<string, number[]>> = {
    '1.21': {
      'POST /v1/voice/outbound': [200, 422],
      'GET /v1/identity/whoami': [200, 400, 401],
      'GET /v1/communication/phone-numbers': [200, 400, 401, 422],
      'GET /v1/communication/phone-numbers/{phone_number_id}/channels': [200, 400, 401, 404, 422],
      'GET /v1/agents': [200, 400, 401, 422],
      'GET /v1/agents/{agent_id}/variables': [200, 400, 401, 404, 422],
      'GET /v1/teams': [200, 400, 401, 422],
      'GET /v1/v2/conversations': [200, 422],
      'GET /v1/v2/conversations/{conversation_id}': [200, 422],
      'GET /v1/v2/conversations/{conversation_id}/messages': [200, 400, 401, 404, 422],
    },
    '1.90': {
      'POST /v1/voice/outbound': [200, 422],
      'GET /v1/identity/whoami': [200, 400, 401],
      'GET /v1/communication/phone-numbers': [200, 400, 401, 422],
      'GET /v1/communication/phone-numbers/{phone_number_id}/channels': [200, 400, 401, 404, 422],
      'GET /v1/assistants': [200, 422],
      'GET /v1/assistants/{agent_id}/variables': [200, 400, 401, 404, 422],
      'GET /v1/assistants/{agent_id}/revisions/{revision_id}/context-schema': [200, 422],
      'GET /v1/teams': [200, 400, 401, 422],
      'GET /v1/conversations': [200, 422],
      'GET /v1/conversations/{conversation_id}': [200, 422],
      'GET /v1/conversations/{conversation_id}/messages': [200, 400, 401, 404, 422],
      'GET /v1/voice/outbound/queued': [200, 400, 401, 422],
      'POST /v1/voice/outbound/queued/{conversation_id}/cancel': [200, 400, 401, 422],
      'POST /v1/voice/outbound/queued/{conversation_id}/pause': [200, 400, 401, 422],
      'POST /v1/voice/outbound/queued/{conversation_id}/resume': [200, 400, 401, 422],
      'GET /v1/voice/outbound/controls': [200, 400, 401],
      'POST /v1/voice/outbound/cancel': [202, 400, 401, 422],
    },
  };

  for (const version of ['1.21', '1.90'] as const) {
    it(`${version}: lists exactly the digest's endpoints and statuses`, () => {
      const actual = Object.fromEntries(
        Object.entries(spec[version]).map(([key, statuses]) => [
          key,
          Object.keys(statuses)
            .map(Number)
            .sort((a, b) => a - b),
        ]),
      );
      expect(actual).toEqual(expected[version]);
    });
  }

  it('responseSchema throws for an unlisted endpoint or status', () => {
    expect(() => responseSchema('1.21', 'GET /v1/assistants', 200)).toThrow(/no endpoint/);
    expect(() => responseSchema('1.90', 'GET /v1/identity/whoami', 404)).toThrow(/status 404/);
  });
});

describe.each(['1.21', '1.90'] as const)('Feather %s: valid examples parse', (version) => {
  const agentsKey = version === '1.21' ? 'GET /v1/agents' : 'GET /v1/assistants';
  const variablesKey = version === '1.21' ? 'GET /v1/agents/{agent_id}/variables' : 'GET /v1/assistants/{agent_id}/variables';

  it('phone numbers: a bare array', () => {
    const schema = responseSchema(version, 'GET /v1/communication/phone-numbers', 200);
    ok(schema, [phoneNumber]);
    ok(schema, []);
    bad(schema, { items: [phoneNumber], has_more: false });
  });

  it('channels: a bare array', () => {
    ok(responseSchema(version, 'GET /v1/communication/phone-numbers/{phone_number_id}/channels', 200), [
      channel,
      { ...channel, channel_type: 'sms', agent_id: null },
    ]);
  });

  it('agents / assistants page', () => {
    const schema = responseSchema(version, agentsKey, 200);
    if (version === '1.21') {
      ok(schema, {
        items: [
          {
            id: AGENT,
            organization_id: ORG,
            name: 'Booker',
            description: null,
            active_revision_id: null,
            knowledge_gap_analysis_enabled: true,
            created_at: T,
            updated_at: T,
          },
        ],
        next_cursor: null,
        has_more: false,
      });
    } else {
      ok(schema, {
        assistants: [
          {
            id: AGENT,
            name: 'Booker',
            description: null,
            active_revision_id: null,
            active_revision_name: null,
            archived_at: null,
            created_at: T,
            updated_at: T,
          },
        ],
        has_more: true,
        next_cursor: 'abc',
      });
      ok(schema, { assistants: [] });
    }
  });

  it('variables', () => {
    ok(responseSchema(version, variablesKey, 200), variables);
  });

  it('teams page', () => {
    const t = version === '1.90' ? { ...team, memory_enabled: true } : team;
    ok(responseSchema(version, 'GET /v1/teams', 200), { items: [t], next_cursor: null, has_more: false });
  });

  it('whoami', () => {
    ok(responseSchema(version, 'GET /v1/identity/whoami', 200), version === '1.90' ? { ...whoami, is_internal: false } : whoami);
  });

  it('outbound 200', () => {
    const schema = responseSchema(version, 'POST /v1/voice/outbound', 200);
    if (version === '1.21') {
      ok(schema, { room_name: 'room-1', dispatch_id: 'AD_1', agent_name: 'Booker', session_id: SESSION });
    } else {
      ok(schema, {
        queued: true,
        room_name: null,
        dispatch_id: null,
        agent_name: 'Booker',
        session_id: SESSION,
        agent_revision_id: null,
        agent_revision_name: null,
        revision_source: 'active_fallback',
      });
      ok(schema, { queued: false, room_name: 'room-1', dispatch_id: 'AD_1', agent_name: 'Booker', session_id: SESSION });
    }
  });

  it('outbound request', () => {
    ok(outboundRequest[version], goodRequest);
    ok(outboundRequest[version], {
      from_phone_number_id: PHONE,
      to_phone_number: '+14155550123',
      team_id: TEAM,
      agent_id: null,
      context_variables: null,
    });
  });

  it('ErrorResponse', () => {
    const schema = responseSchema(version, 'GET /v1/identity/whoami', 401);
    ok(schema, { error: 'unauthorized', message: 'Invalid API key' });
    if (version === '1.90') ok(schema, { error: 'rate_limited', message: 'Slow down', retryable: true, retry_after: 5 });
  });

  it('HTTPValidationError', () => {
    const schema = responseSchema(version, 'POST /v1/voice/outbound', 422);
    ok(schema, validationError);
    ok(schema, {});
  });

  it('conversations: list, detail, messages poll', () => {
    const base = version === '1.21' ? '/v1/v2/conversations' : '/v1/conversations';
    const session = version === '1.21' ? session121 : session190;
    const t = version === '1.21' ? turn121 : turn190;
    ok(responseSchema(version, `GET ${base}`, 200), { items: [session], next_cursor: null, has_more: false });
    ok(responseSchema(version, `GET ${base}/{conversation_id}`, 200), { ...session, recent_turns: [t], recording_url: null });
    ok(responseSchema(version, `GET ${base}/{conversation_id}/messages`, 200), { session_status: 'active', messages: [t], next_seq: 4 });
  });

  it('a turn with a display or a full evidence package', () => {
    const schema = version === '1.21' ? v121.TurnResponse : v190.TurnResponse;
    const t = version === '1.21' ? turn121 : turn190;
    const display = {
      view: 'display',
      package_id: TURN,
      conversation_id: SESSION,
      turn_id: TURN,
      created_at: T,
      evidence_status: 'complete',
      items: [{ label: 'Policy', section: { path_titles: ['A'], confidence: 'parsed' } }],
    };
    const full = {
      package_id: TURN,
      organization_id: ORG,
      conversation_id: SESSION,
      turn_id: TURN,
      created_at: T,
      evidence_status: 'partial',
      status_reason: 'item_cap_applied',
      view: 'full',
      items: [
        {
          evidence_id: TURN,
          provenance: { kb_id: ORG, document_id: ORG, document_title: 'Policy', source_type: 'upload', chunk_id: 'c1' },
          score: { score_basis: 'minmax_normalized', band: 'high', retrieval_score_raw: 0.7 },
          usage_constraints: { constraint_source: 'none', raw: null },
          display: { label: 'Policy' },
          position: { type: 'text', start_char: 0, end_char: 10 },
        },
      ],
    };
    ok(schema, { ...t, evidence: display });
    ok(schema, { ...t, evidence: full });
    // a display package carrying a field of neither shape fails
    bad(schema, { ...t, evidence: { ...display, invented: 1 } });
  });
});

describe('Feather spec schemas: invalid examples fail', () => {
  it.each(['1.21', '1.90'] as const)('%s: a phone number with an extra `label` field', (version) => {
    const issues = bad(responseSchema(version, 'GET /v1/communication/phone-numbers', 200), [{ ...phoneNumber, label: 'Main line' }]);
    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['label'] })]);
  });

  it.each(['1.21', '1.90'] as const)('%s: variables shaped as a page `{items: [...]}`', (version) => {
    const key = version === '1.21' ? 'GET /v1/agents/{agent_id}/variables' : 'GET /v1/assistants/{agent_id}/variables';
    bad(responseSchema(version, key, 200), { items: variables.variables });
    bad(responseSchema(version, key, 200), { items: variables.variables, has_more: false, next_cursor: null });
  });

  it('1.21: outbound response with room_name null', () => {
    bad(responseSchema('1.21', 'POST /v1/voice/outbound', 200), {
      room_name: null,
      dispatch_id: 'AD_1',
      agent_name: 'Booker',
      session_id: SESSION,
    });
  });

  it('1.21: outbound response with the 1.90 `queued` field', () => {
    bad(responseSchema('1.21', 'POST /v1/voice/outbound', 200), {
      queued: false,
      room_name: 'r',
      dispatch_id: 'AD_1',
      agent_name: 'Booker',
      session_id: SESSION,
    });
  });

  it('1.21: ErrorResponse with `retryable`', () => {
    const issues = bad(responseSchema('1.21', 'GET /v1/identity/whoami', 401), { error: 'unauthorized', message: 'no', retryable: false });
    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['retryable'] })]);
  });

  it.each(['1.21', '1.90'] as const)('%s: outbound request with idempotency_key "has space"', (version) => {
    bad(outboundRequest[version], { ...goodRequest, idempotency_key: 'has space' });
  });

  it('1.90: idempotency_key pattern and expires_in_seconds bounds are enforced (and valid values pass)', () => {
    const r = outboundRequest['1.90'];
    ok(r, {
      ...goodRequest,
      idempotency_key: 'abc_DEF-123',
      instant: true,
      expires_in_seconds: 0,
      override_pause: false,
      agent_revision_id: null,
    });
    ok(r, { ...goodRequest, idempotency_key: 'x'.repeat(120), expires_in_seconds: 2_592_000 });
    const spaceIssues = bad(r, { ...goodRequest, idempotency_key: 'has space' });
    expect(spaceIssues[0]?.path).toEqual(['idempotency_key']);
    bad(r, { ...goodRequest, idempotency_key: 'x'.repeat(121) });
    bad(r, { ...goodRequest, idempotency_key: '' });
    bad(r, { ...goodRequest, expires_in_seconds: -1 });
    bad(r, { ...goodRequest, expires_in_seconds: 2_592_001 });
    bad(r, { ...goodRequest, expires_in_seconds: 1.5 });
  });

  it.each(['1.21', '1.90'] as const)('%s: to_phone_number pattern, uuid and required fields', (version) => {
    const r = outboundRequest[version];
    bad(r, { ...goodRequest, to_phone_number: '4155550123' });
    bad(r, { ...goodRequest, to_phone_number: '+0155550123' });
    bad(r, { ...goodRequest, to_phone_number: '+12345' });
    bad(r, { ...goodRequest, from_phone_number_id: 'not-a-uuid' });
    bad(r, { to_phone_number: '+14155550123' });
  });

  it('sessions: 1.90 requires `surface` and rejects 1.21-only `origin`; 1.21 rejects `pending_dispatch`', () => {
    bad(v190.SessionResponse, { ...session190, origin: 'outbound' });
    const { surface: _surface, ...noSurface } = session190;
    bad(v190.SessionResponse, noSurface);
    bad(v121.SessionResponse, { ...session121, status: 'pending_dispatch' });
    bad(v121.TurnResponse, { ...turn121, seq: 1 });
    bad(v190.TurnResponse, turn121); // seq is required in 1.90
  });

  it('dates must carry a zone; integers must be integers', () => {
    bad(v121.WhoAmIResponse, { ...whoami, kb_clearance_level: 1.5 });
    bad(v121.PhoneNumberResponse, { ...phoneNumber, created_at: '2026-07-01T10:00:00' });
    bad(v121.PhoneNumberResponse, { ...phoneNumber, status: 'inactive' });
  });

  it('1.90 whoami/teams extras are rejected by 1.21', () => {
    bad(v121.WhoAmIResponse, { ...whoami, is_internal: false });
    bad(v121.TeamListResponse, { ...team, memory_enabled: true });
  });
});

describe('Feather 1.90: the outbound queue', () => {
  it('queued calls, actions, controls and bulk cancel parse', () => {
    ok(responseSchema('1.90', 'GET /v1/voice/outbound/queued', 200), {
      items: [
        {
          conversation_id: SESSION,
          to_number: '+14155550123',
          agent_id: AGENT,
          team_id: null,
          paused: false,
          created_at: T,
          eligible_at: T,
          queue_expires_at: null,
        },
      ],
      next_cursor: null,
      has_more: false,
    });
    for (const action of ['cancel', 'pause', 'resume'] as const) {
      ok(responseSchema('1.90', `POST /v1/voice/outbound/queued/{conversation_id}/${action}`, 200), {
        conversation_id: SESSION,
        action: 'paused',
        paused: true,
      });
    }
    ok(responseSchema('1.90', 'GET /v1/voice/outbound/controls', 200), {
      org_paused: false,
      paused_agents: [
        {
          id: USER,
          scope: 'agent',
          agent_id: AGENT,
          team_id: null,
          paused: true,
          reason: null,
          paused_at: T,
          paused_by: USER,
          updated_at: T,
        },
      ],
      paused_teams: [],
    });
    ok(responseSchema('1.90', 'POST /v1/voice/outbound/cancel', 202), { accepted: true, scope: 'org', agent_id: null, team_id: null });
    ok(cancelRequest, { scope: 'agent', agent_id: AGENT });
    bad(cancelRequest, { scope: 'everyone' });
    bad(responseSchema('1.90', 'POST /v1/voice/outbound/queued/{conversation_id}/cancel', 200), {
      conversation_id: SESSION,
      action: 'canceled',
      paused: false,
    });
  });
});

describe('context variable enums', () => {
  it('match the ContextVarSpec section', () => {
    expect(contextVarType.options).toEqual(['string', 'int', 'float', 'bool', 'enum']);
    expect(contextVarSource.options).toEqual(['system', 'derived']);
    for (const v of variables.variables) {
      expect(contextVarType.safeParse(v.type).success).toBe(true);
      expect(contextVarSource.safeParse(v.source).success).toBe(true);
    }
  });
});

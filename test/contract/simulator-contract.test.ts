import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeatherClient } from '../../electron/core/feather/feather-client';
import { fetchDirectory } from '../../electron/core/feather/directory-fetch';
import { nodeHttpTransport } from '../../electron/core/feather/http-transport';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { contextVarSource, contextVarType, outboundRequest, responseSchema, spec, specVersions, type SpecVersion } from './feather-spec';

/**
 * Every simulator endpoint, on both published versions, parsed with the strict schemas written
 * from the spec digest: a field the spec lacks, a missing required field, a wrong enum or a
 * wrong nullability fails here. The client's tolerant readers then read the very same answers.
 */

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

interface Probe {
  endpoint: string;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  key?: string;
  status: number;
}

function probes(version: SpecVersion, sim: Simulator, conversationId: string): Probe[] {
  const agents = version === '1.90' ? '/v1/assistants' : '/v1/agents';
  const conversations = version === '1.90' ? '/v1/conversations' : '/v1/v2/conversations';
  const call = {
    from_phone_number_id: DEMO_IDS.numberSf,
    to_phone_number: '+14155550132',
    agent_id: DEMO_IDS.agentRiley,
    context_variables: { clinic: 'Harbor', reminder_count: 2 },
  };
  const list: Probe[] = [
    { endpoint: 'GET /v1/identity/whoami', method: 'GET', path: '/v1/identity/whoami', status: 200 },
    { endpoint: 'GET /v1/identity/whoami', method: 'GET', path: '/v1/identity/whoami', key: 'fth_live_not_a_key_0000', status: 401 },
    { endpoint: 'GET /v1/communication/phone-numbers', method: 'GET', path: '/v1/communication/phone-numbers', status: 200 },
    {
      endpoint: 'GET /v1/communication/phone-numbers',
      method: 'GET',
      path: '/v1/communication/phone-numbers?capability=voice&status=active',
      status: 200,
    },
    { endpoint: 'GET /v1/communication/phone-numbers', method: 'GET', path: '/v1/communication/phone-numbers', key: 'wrong', status: 401 },
    {
      endpoint: 'GET /v1/communication/phone-numbers/{phone_number_id}/channels',
      method: 'GET',
      path: `/v1/communication/phone-numbers/${DEMO_IDS.numberSf}/channels`,
      status: 200,
    },
    {
      endpoint: 'GET /v1/communication/phone-numbers/{phone_number_id}/channels',
      method: 'GET',
      path: `/v1/communication/phone-numbers/${DEMO_IDS.numberLondon}/channels?channel_type=outbound_call`,
      status: 200,
    },
    {
      endpoint: 'GET /v1/communication/phone-numbers/{phone_number_id}/channels',
      method: 'GET',
      path: `/v1/communication/phone-numbers/${UNKNOWN_UUID}/channels`,
      status: 404,
    },
    {
      endpoint: 'GET /v1/communication/phone-numbers/{phone_number_id}/channels',
      method: 'GET',
      path: '/v1/communication/phone-numbers/not-a-uuid/channels',
      status: 422,
    },
    { endpoint: `GET ${agents}`, method: 'GET', path: agents, status: 200 },
    { endpoint: `GET ${agents}`, method: 'GET', path: `${agents}?limit=1`, status: 200 },
    { endpoint: `GET ${agents}`, method: 'GET', path: `${agents}?limit=0`, status: 422 },
    { endpoint: `GET ${agents}/{agent_id}/variables`, method: 'GET', path: `${agents}/${DEMO_IDS.agentRiley}/variables`, status: 200 },
    { endpoint: `GET ${agents}/{agent_id}/variables`, method: 'GET', path: `${agents}/${DEMO_IDS.agentSam}/variables`, status: 200 },
    { endpoint: `GET ${agents}/{agent_id}/variables`, method: 'GET', path: `${agents}/${UNKNOWN_UUID}/variables`, status: 404 },
    { endpoint: 'GET /v1/teams', method: 'GET', path: '/v1/teams', status: 200 },
    { endpoint: 'GET /v1/teams', method: 'GET', path: '/v1/teams?limit=201', status: 422 },
    { endpoint: 'POST /v1/voice/outbound', method: 'POST', path: '/v1/voice/outbound', body: call, status: 200 },
    {
      endpoint: 'POST /v1/voice/outbound',
      method: 'POST',
      path: '/v1/voice/outbound',
      body: { ...call, agent_id: undefined, team_id: DEMO_IDS.teamFrontDesk },
      status: 200,
    },
    {
      endpoint: 'POST /v1/voice/outbound',
      method: 'POST',
      path: '/v1/voice/outbound',
      body: { ...call, context_variables: { favourite_colour: 'blue' } },
      status: 422,
    },
    {
      endpoint: 'POST /v1/voice/outbound',
      method: 'POST',
      path: '/v1/voice/outbound',
      body: { ...call, context_variables: { reminder_count: 3.5 } },
      status: 422,
    },
    { endpoint: 'POST /v1/voice/outbound', method: 'POST', path: '/v1/voice/outbound', body: { to_phone_number: '555' }, status: 422 },
    { endpoint: `GET ${conversations}`, method: 'GET', path: conversations, status: 200 },
    { endpoint: `GET ${conversations}/{conversation_id}`, method: 'GET', path: `${conversations}/${conversationId}`, status: 200 },
    { endpoint: `GET ${conversations}/{conversation_id}`, method: 'GET', path: `${conversations}/nope`, status: 422 },
    {
      endpoint: `GET ${conversations}/{conversation_id}/messages`,
      method: 'GET',
      path: `${conversations}/${conversationId}/messages`,
      status: 200,
    },
    {
      endpoint: `GET ${conversations}/{conversation_id}/messages`,
      method: 'GET',
      path: `${conversations}/${conversationId}/messages?since_seq=0`,
      status: 200,
    },
    {
      endpoint: `GET ${conversations}/{conversation_id}/messages`,
      method: 'GET',
      path: `${conversations}/${UNKNOWN_UUID}/messages`,
      status: 404,
    },
    {
      endpoint: `GET ${conversations}/{conversation_id}/messages`,
      method: 'GET',
      path: `${conversations}/${conversationId}/messages?since_seq=-2`,
      status: 422,
    },
    {
      endpoint: `GET ${conversations}`,
      method: 'GET',
      path: `${conversations}?status=${version === '1.90' ? 'queued' : 'ringing'}&started_after=2020-01-01T00:00:00Z&limit=5`,
      status: 200,
    },
    { endpoint: `GET ${conversations}`, method: 'GET', path: `${conversations}?started_before=last%20week`, status: 422 },
  ];
  if (version === '1.90') {
    const q = { ...call, idempotency_key: 'contract-test-1', expires_in_seconds: 3600 };
    list.push(
      { endpoint: 'POST /v1/voice/outbound', method: 'POST', path: '/v1/voice/outbound', body: q, status: 200 },
      { endpoint: 'POST /v1/voice/outbound', method: 'POST', path: '/v1/voice/outbound', body: q, status: 200 }, // a replay
      { endpoint: 'POST /v1/voice/outbound', method: 'POST', path: '/v1/voice/outbound', body: { ...call, instant: true }, status: 200 },
      {
        endpoint: 'POST /v1/voice/outbound',
        method: 'POST',
        path: '/v1/voice/outbound',
        body: { ...call, idempotency_key: 'has space' },
        status: 422,
      },
      {
        endpoint: 'POST /v1/voice/outbound',
        method: 'POST',
        path: '/v1/voice/outbound',
        body: { ...call, expires_in_seconds: 2_592_001 },
        status: 422,
      },
      {
        endpoint: 'GET /v1/assistants/{agent_id}/revisions/{revision_id}/context-schema',
        method: 'GET',
        path: `/v1/assistants/${DEMO_IDS.agentSam}/revisions/${DEMO_IDS.revisionSamPinned}/context-schema`,
        status: 200,
      },
      {
        endpoint: 'GET /v1/assistants/{agent_id}/revisions/{revision_id}/context-schema',
        method: 'GET',
        path: `/v1/assistants/${DEMO_IDS.agentRiley}/revisions/${DEMO_IDS.revisionRiley}/context-schema`,
        status: 200,
      },
      {
        endpoint: 'GET /v1/assistants/{agent_id}/revisions/{revision_id}/context-schema',
        method: 'GET',
        path: `/v1/assistants/${DEMO_IDS.agentRiley}/revisions/x/context-schema`,
        status: 422,
      },
      { endpoint: 'GET /v1/voice/outbound/queued', method: 'GET', path: '/v1/voice/outbound/queued', status: 200 },
      {
        endpoint: 'GET /v1/voice/outbound/queued',
        method: 'GET',
        path: `/v1/voice/outbound/queued?agent_id=${DEMO_IDS.agentRiley}&limit=2`,
        status: 200,
      },
      { endpoint: 'GET /v1/voice/outbound/queued', method: 'GET', path: '/v1/voice/outbound/queued', key: 'wrong', status: 401 },
      {
        endpoint: 'POST /v1/voice/outbound/queued/{conversation_id}/pause',
        method: 'POST',
        path: `/v1/voice/outbound/queued/${conversationId}/pause`,
        status: 200,
      },
      {
        endpoint: 'POST /v1/voice/outbound/queued/{conversation_id}/resume',
        method: 'POST',
        path: `/v1/voice/outbound/queued/${conversationId}/resume`,
        status: 200,
      },
      {
        endpoint: 'POST /v1/voice/outbound/queued/{conversation_id}/cancel',
        method: 'POST',
        path: `/v1/voice/outbound/queued/${conversationId}/cancel`,
        status: 200,
      },
      {
        endpoint: 'POST /v1/voice/outbound/queued/{conversation_id}/cancel',
        method: 'POST',
        path: `/v1/voice/outbound/queued/${conversationId}/cancel`,
        status: 400,
      },
      { endpoint: 'GET /v1/voice/outbound/controls', method: 'GET', path: '/v1/voice/outbound/controls', status: 200 },
      {
        endpoint: 'GET /v1/conversations',
        method: 'GET',
        path: `/v1/conversations?to_number=${encodeURIComponent('+14155550199')}&id=${conversationId}`,
        status: 200,
      },
      { endpoint: 'GET /v1/conversations', method: 'GET', path: '/v1/conversations?id=not-a-uuid', status: 422 },
      { endpoint: 'GET /v1/voice/outbound/queued', method: 'GET', path: '/v1/voice/outbound/queued?paused=true', status: 200 },
      { endpoint: 'GET /v1/voice/outbound/queued', method: 'GET', path: '/v1/voice/outbound/queued?paused=maybe', status: 422 },
      {
        endpoint: 'POST /v1/voice/outbound/cancel',
        method: 'POST',
        path: '/v1/voice/outbound/cancel',
        body: { scope: 'agent', agent_id: DEMO_IDS.agentMorgan },
        status: 202,
      },
      {
        endpoint: 'POST /v1/voice/outbound/cancel',
        method: 'POST',
        path: '/v1/voice/outbound/cancel',
        body: { scope: 'everyone' },
        status: 422,
      },
    );
  }
  void sim;
  return list;
}

describe.each(specVersions)('simulator answers exactly as spec %s says', (version) => {
  let sim: Simulator;
  let conversationId: string;
  const answers: Array<{ probe: Probe; status: number; json: unknown }> = [];

  beforeAll(async () => {
    // pauses for an agent and a team the probes do not call with, so controls has entries to check
    sim = await startSimulator({
      apiVersion: version,
      queueDelayMs: 60_000,
      pausedOutbound: [
        { scope: 'agent', agentId: DEMO_IDS.agentSam, reason: 'Survey script under review' },
        { scope: 'team', teamId: DEMO_IDS.teamSales },
      ],
    });
    // A queued (1.90) or dialled (1.21) call to read back, pause, resume and cancel.
    const first = await fetch(`${sim.url}/v1/voice/outbound`, {
      method: 'POST',
      headers: { 'x-api-key': sim.demoKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        from_phone_number_id: DEMO_IDS.numberSf,
        to_phone_number: '+14155550199',
        agent_id: DEMO_IDS.agentMorgan,
        context_variables: { plan: 'pro' },
      }),
    });
    conversationId = ((await first.json()) as { session_id: string }).session_id;
    for (const probe of probes(version, sim, conversationId)) {
      const res = await fetch(sim.url + probe.path, {
        method: probe.method,
        headers: { 'x-api-key': probe.key ?? sim.demoKey, ...(probe.body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: probe.body === undefined ? undefined : JSON.stringify(probe.body),
      });
      answers.push({ probe, status: res.status, json: await res.json() });
    }
  });
  afterAll(() => sim.close());

  it('every answer has the status expected and parses with the strict schema for that status', () => {
    const problems: string[] = [];
    for (const { probe, status, json } of answers) {
      if (status !== probe.status) {
        problems.push(`${probe.method} ${probe.path}: HTTP ${status}, expected ${probe.status} — ${JSON.stringify(json).slice(0, 200)}`);
        continue;
      }
      const schema = status === 401 && !spec[version][probe.endpoint]?.[401] ? null : responseSchema(version, probe.endpoint, status);
      const parsed = schema?.safeParse(json);
      if (parsed && !parsed.success)
        problems.push(
          `${probe.method} ${probe.path} (${status}): ${parsed.error.issues
            .slice(0, 3)
            .map((i) => `${i.path.join('.')}: ${i.message}`)
            .join('; ')}`,
        );
    }
    expect(problems).toEqual([]);
  });

  it('covers every endpoint of the spec version, each with a 200 or 202', () => {
    const covered = new Set(answers.filter((a) => a.status < 300).map((a) => a.probe.endpoint));
    expect(Object.keys(spec[version]).filter((e) => !covered.has(e))).toEqual([]);
  });

  it('declares variable types and sources from the ContextVarSpec enums only', () => {
    const vars = answers
      .filter((a) => a.probe.endpoint.endsWith('/variables') && a.status === 200)
      .flatMap((a) => (a.json as { variables: Array<{ type: string; source: string }> }).variables);
    expect(vars.length).toBeGreaterThan(3);
    for (const v of vars) {
      expect(contextVarType.safeParse(v.type).success, v.type).toBe(true);
      expect(contextVarSource.safeParse(v.source).success, v.source).toBe(true);
    }
  });

  it('the outbound requests the app sends are valid for this version', () => {
    const request = {
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550132',
      agent_id: DEMO_IDS.agentRiley,
      idempotency_key: crypto.randomUUID(),
    };
    // 1.21 has no idempotency_key in its schema, but does not forbid extra fields: the strict schema drops it to compare
    const body = version === '1.21' ? { ...request, idempotency_key: undefined } : { ...request, instant: true, expires_in_seconds: 600 };
    expect(outboundRequest[version].safeParse(JSON.parse(JSON.stringify(body))).success).toBe(true);
  });

  it('1.90 controls list the paused agent and team as PauseStateEntry', () => {
    if (version !== '1.90') return;
    const controls = answers.find((a) => a.probe.endpoint === 'GET /v1/voice/outbound/controls')!.json;
    expect(controls).toMatchObject({
      org_paused: false,
      paused_agents: [{ scope: 'agent', agent_id: DEMO_IDS.agentSam, team_id: null, paused: true, reason: 'Survey script under review' }],
      paused_teams: [{ scope: 'team', agent_id: null, team_id: DEMO_IDS.teamSales, paused: true, reason: null }],
    });
  });

  it('1.90 replays the first answer for a repeated idempotency key', () => {
    if (version !== '1.90') return;
    const replays = answers.filter(
      (a) => (a.probe.body as { idempotency_key?: string } | undefined)?.idempotency_key === 'contract-test-1',
    );
    expect(replays).toHaveLength(2);
    expect(replays[0]!.json).toEqual(replays[1]!.json);
    expect(replays[0]!.json).toMatchObject({ queued: true, room_name: null, dispatch_id: null });
  });

  it("the client's tolerant readers read the same answers: numbers, bindings, agents, teams, variables", async () => {
    const client = createFeatherClient({ baseUrl: sim.url, apiKey: sim.demoKey, transport: nodeHttpTransport, timeoutMs: 3000 });
    const d = await fetchDirectory(client, null);
    expect(d.unavailable).toEqual([]);
    expect(d.apiVersion).toBe(version);
    expect(d.phoneNumbers!.map((n) => n.e164)).toEqual(['+14155550100', '+442079460958']);
    expect(d.bindings![DEMO_IDS.numberSf]).toEqual({
      agentIds: [DEMO_IDS.agentRiley, DEMO_IDS.agentMorgan],
      teamIds: [DEMO_IDS.teamFrontDesk],
      agentRevisions: {},
    });
    expect(d.bindings![DEMO_IDS.numberLondon]).toEqual({
      agentIds: [DEMO_IDS.agentSam],
      teamIds: [DEMO_IDS.teamSales],
      agentRevisions: { [DEMO_IDS.agentSam]: DEMO_IDS.revisionSamPinned },
    });
    expect(d.agents!.map((a) => a.label)).toEqual(['Riley — Appointment reminders', 'Morgan — Renewals', 'Sam — Satisfaction survey']);
    expect(d.teams!.map((t) => t.label)).toEqual(['Front desk', 'Sales']);
    expect(d.variables![DEMO_IDS.agentRiley]!.find((v) => v.name === 'reminder_count')).toMatchObject({ type: 'int', source: 'derived' });
    expect(d.variables![DEMO_IDS.agentRiley]!.find((v) => v.name === 'clinic')).toMatchObject({
      type: 'enum',
      enumValues: ['Downtown', 'Uptown', 'Harbor'],
    });
    if (version === '1.90') {
      // London pins Sam's older revision: its context schema, without survey_id
      expect(d.revisionVariables![DEMO_IDS.revisionSamPinned]!.map((v) => v.name)).toEqual(['first_name', 'visit_rating']);
    } else {
      expect(d.revisionVariables).toBeNull();
    }
  });
});

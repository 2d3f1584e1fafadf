import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_IDS } from '../../electron/simulator/seed';
import {
  DEFAULT_CALL_TIMINGS,
  OUTCOME_BY_LAST_FOUR_DIGITS,
  OUTCOME_NUMBERS,
  outcomeFor,
  startSimulator,
  type CallOutcome,
  type Simulator,
  type SimulatorOptions,
} from '../../electron/simulator/server';
import { responseSchema, specVersions, v121, v190, type SpecVersion } from '../contract/feather-spec';

/**
 * Call history as the app will read it: status progression with outcomes picked by the number,
 * the messages poll, list filters, the 1.90 queue under pauses, faults, and the state file.
 * Time is a fake clock; every answer is parsed with the strict schema of its spec version.
 */

const T0 = Date.parse('2026-11-02T09:00:00.000Z');
const sims: Simulator[] = [];
const tmpDirs: string[] = [];
afterEach(async () => {
  await Promise.all(sims.splice(0).map((s) => s.close()));
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  vi.restoreAllMocks();
});

/** The fields these tests read, of whichever answer (each was already checked against the spec's schema). */
interface Answer {
  [field: string]: unknown;
  status: string;
  summary: string | null;
  duration_ms: number | null;
  ended_at: string | null;
  message_count: number;
  recent_turns: Array<{ role: string }>;
  session_status: string;
  messages: Array<{ role: string; seq?: number }>;
  next_seq: number;
  items: Array<{ id: string; conversation_id: string }>;
  next_cursor: string | null;
  org_paused: boolean;
  paused_agents: unknown[];
  session_id: string;
  error: string;
  detail: Array<Record<string, unknown>>;
}

interface Harness {
  sim: Simulator;
  version: SpecVersion;
  clock: { t: number };
  /** GET/POST, checked against the spec's schema for the endpoint and status */
  call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Answer; headers: Headers }>;
  get(path: string): Promise<Answer>;
  place(body?: Record<string, unknown>): Promise<string>;
  conversations: string;
}

async function harness(version: SpecVersion, options: SimulatorOptions = {}): Promise<Harness> {
  const clock = { t: T0 };
  const sim = await startSimulator({ apiVersion: version, now: () => clock.t, queueDelayMs: 5_000, ...options });
  sims.push(sim);
  const conversations = version === '1.90' ? '/v1/conversations' : '/v1/v2/conversations';
  const endpointOf = (method: string, p: string) => {
    const bare = p.split('?')[0]!;
    const templ = bare
      .replace(/^(\/v1\/(?:v2\/)?conversations)\/[^/]+\/messages$/, '$1/{conversation_id}/messages')
      .replace(/^(\/v1\/(?:v2\/)?conversations)\/[^/]+$/, '$1/{conversation_id}')
      .replace(/^\/v1\/voice\/outbound\/queued\/[^/]+\/(cancel|pause|resume)$/, '/v1/voice/outbound/queued/{conversation_id}/$1');
    return `${method} ${templ}`;
  };
  const h: Harness = {
    sim,
    version,
    clock,
    conversations,
    async call(method, p, body) {
      const res = await fetch(sim.url + p, {
        method,
        headers: { 'x-api-key': sim.demoKey, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Answer;
      const parsed = responseSchema(version, endpointOf(method, p), res.status).safeParse(json);
      if (!parsed.success) throw new Error(`${method} ${p} (${res.status}) is not the spec's shape: ${parsed.error.message}`);
      return { status: res.status, json, headers: res.headers };
    },
    async get(p) {
      const r = await h.call('GET', p);
      expect(r.status, `GET ${p}: ${JSON.stringify(r.json)}`).toBe(200);
      return r.json;
    },
    async place(body = {}) {
      const r = await h.call('POST', '/v1/voice/outbound', {
        from_phone_number_id: DEMO_IDS.numberSf,
        to_phone_number: OUTCOME_NUMBERS.answered,
        agent_id: DEMO_IDS.agentRiley,
        ...body,
      });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      return r.json.session_id;
    },
  };
  return h;
}

/** status of a conversation at clock time `at` */
async function statusAt(h: Harness, id: string, at: number) {
  h.clock.t = at;
  return (await h.get(`${h.conversations}/${id}`)).status as string;
}

const { pendingDispatchMs, ringMs, callMs, noAnswerMs, failMs } = DEFAULT_CALL_TIMINGS;
const QUEUE = 5_000;

describe('outcome by number', () => {
  it('picks the outcome from the last four digits, answered by default', () => {
    expect(outcomeFor('+14155550010')).toBe('no_answer');
    expect(outcomeFor('+442079460019')).toBe('no_answer');
    expect(outcomeFor('+14155550020')).toBe('failed');
    expect(outcomeFor('+14155550029')).toBe('failed');
    expect(outcomeFor('+14155550030')).toBe('superseded');
    expect(outcomeFor('+14155550040')).toBe('answered');
    expect(outcomeFor('+14155550009')).toBe('answered');
    expect(outcomeFor('+14155550123')).toBe('answered');
    for (const [outcome, number] of Object.entries(OUTCOME_NUMBERS) as Array<[CallOutcome, string]>)
      expect(outcomeFor(number)).toBe(outcome);
    for (const { from, to, outcome } of OUTCOME_BY_LAST_FOUR_DIGITS) {
      expect(outcomeFor(`+1415555${from}`)).toBe(outcome);
      expect(outcomeFor(`+1415555${to}`)).toBe(outcome);
    }
  });
});

describe.each(specVersions)('status progression and outcomes (%s)', (version) => {
  /** when the call starts ringing: queued calls on 1.90 wait for the window, then pending_dispatch */
  const ringsAt = version === '1.90' ? T0 + QUEUE + pendingDispatchMs : T0;

  it('answered: (queued → pending_dispatch →) ringing → active → closed, with turns, summary, duration and a recording', async () => {
    const h = await harness(version);
    const id = await h.place();
    if (version === '1.90') {
      expect(await statusAt(h, id, T0)).toBe('queued');
      expect(await statusAt(h, id, T0 + QUEUE - 1)).toBe('queued');
      expect(await statusAt(h, id, T0 + QUEUE)).toBe('pending_dispatch');
    }
    expect(await statusAt(h, id, ringsAt)).toBe('ringing');
    expect(await statusAt(h, id, ringsAt + ringMs - 1)).toBe('ringing');
    const talking = await statusAt(h, id, ringsAt + ringMs);
    expect(talking).toBe('active');
    const during = await h.get(`${h.conversations}/${id}`);
    expect(during).toMatchObject({ summary: null, duration_ms: null, recording_url: null, has_recording: false, ended_at: null });
    expect(during.recent_turns).toHaveLength(1);

    h.clock.t = ringsAt + callMs;
    const done = await h.get(`${h.conversations}/${id}`);
    expect(done).toMatchObject({
      status: 'closed',
      duration_ms: callMs - ringMs,
      has_recording: true,
      recording_url: `https://recordings.feather.example/${id}.mp3`,
      ended_at: new Date(ringsAt + callMs).toISOString(),
      closed_at: new Date(ringsAt + callMs).toISOString(),
    });
    expect(done.summary).toMatch(/reached the person called/);
    expect(done.recent_turns.map((t) => t.role)).toEqual(['assistant', 'user', 'assistant', 'user', 'assistant']);
    expect(done.message_count).toBe(5);
    // it stays closed
    expect(await statusAt(h, id, ringsAt + 3_600_000)).toBe('closed');
  });

  it('1.90 instant calls (and every 1.21 call) ring at once: no pending_dispatch', async () => {
    const h = await harness(version);
    const id = await h.place(version === '1.90' ? { instant: true } : {});
    expect(await statusAt(h, id, T0)).toBe('ringing');
    expect(await statusAt(h, id, T0 + ringMs)).toBe('active');
  });

  it('not answered: closed with no user turn, a short duration, a summary saying nobody answered, no recording', async () => {
    const h = await harness(version);
    const id = await h.place({ to_phone_number: OUTCOME_NUMBERS.no_answer });
    expect(await statusAt(h, id, ringsAt + noAnswerMs - 1)).toBe('ringing');
    h.clock.t = ringsAt + noAnswerMs;
    const done = await h.get(`${h.conversations}/${id}`);
    expect(done).toMatchObject({ status: 'closed', duration_ms: noAnswerMs, has_recording: false, recording_url: null });
    expect(done.summary).toMatch(/Nobody answered/);
    expect(done.recent_turns.map((t) => t.role)).toEqual(['system_event']);
    expect(done.duration_ms).toBeLessThan(callMs - ringMs);
  });

  it('failed: error, ended but not closed, no duration or recording', async () => {
    const h = await harness(version);
    const id = await h.place({ to_phone_number: OUTCOME_NUMBERS.failed });
    expect(await statusAt(h, id, ringsAt)).toBe('ringing');
    h.clock.t = ringsAt + failMs;
    const done = await h.get(`${h.conversations}/${id}`);
    expect(done).toMatchObject({ status: 'error', closed_at: null, duration_ms: null, recording_url: null, has_recording: false });
    expect(done.ended_at).toBe(new Date(ringsAt + failMs).toISOString());
  });

  it('superseded: a terminal status of its own', async () => {
    const h = await harness(version);
    const id = await h.place({ to_phone_number: OUTCOME_NUMBERS.superseded });
    expect(await statusAt(h, id, ringsAt + ringMs)).toBe('superseded');
    const poll = await h.get(`${h.conversations}/${id}/messages`);
    expect(poll.session_status).toBe('superseded');
  });

  it('timings are options', async () => {
    const h = await harness(version, { callTimings: { ringMs: 100, callMs: 1_000 } });
    const id = await h.place(version === '1.90' ? { instant: true } : {});
    expect(await statusAt(h, id, T0 + 100)).toBe('active');
    expect(await statusAt(h, id, T0 + 1_000)).toBe('closed');
    expect((await h.get(`${h.conversations}/${id}`)).duration_ms).toBe(900);
  });
});

describe.each(specVersions)('the messages poll (%s)', (version) => {
  it('since_seq returns the turns after it; next_seq is the seq the next turn gets', async () => {
    const h = await harness(version);
    const id = await h.place(version === '1.90' ? { instant: true } : {});
    const poll = (since?: number) => h.get(`${h.conversations}/${id}/messages${since === undefined ? '' : `?since_seq=${since}`}`);

    expect(await poll()).toEqual({ session_status: 'ringing', messages: [], next_seq: 0 });
    h.clock.t = T0 + ringMs;
    const first = await poll(-1);
    expect(first).toMatchObject({ session_status: 'active', next_seq: 1 });
    expect(first.messages.map((m) => m.role)).toEqual(['assistant']);
    expect(await poll(0)).toMatchObject({ messages: [], next_seq: 1 });

    h.clock.t = T0 + callMs;
    const rest = await poll(first.next_seq - 1);
    expect(rest.session_status).toBe('closed');
    expect(rest.next_seq).toBe(5);
    expect(rest.messages).toHaveLength(4);
    if (version === '1.90') expect(rest.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    else for (const m of rest.messages) expect(m).not.toHaveProperty('seq'); // 1.21's TurnResponse has no seq
    expect(await poll(4)).toMatchObject({ messages: [], next_seq: 5 });
    expect(await poll(99)).toMatchObject({ messages: [], next_seq: 5 });
  });

  it('422 for a bad since_seq or a non-uuid id, 404 for an unknown conversation', async () => {
    const h = await harness(version);
    const id = await h.place();
    for (const q of ['since_seq=-2', 'since_seq=abc', 'evidence_view=short', 'include_evidence=maybe']) {
      const r = await h.call('GET', `${h.conversations}/${id}/messages?${q}`);
      expect(r.status, q).toBe(422);
    }
    expect((await h.call('GET', `${h.conversations}/${id}/messages?since_seq=-2`)).json.detail[0]).toMatchObject({
      loc: ['query', 'since_seq'],
      type: 'greater_than_equal',
    });
    expect((await h.call('GET', `${h.conversations}/nope/messages`)).status).toBe(422);
    const missing = await h.call('GET', `${h.conversations}/00000000-0000-4000-8000-000000000000/messages`);
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('not_found');
  });

  it('a 429 with Retry-After can be injected on the poll', async () => {
    const h = await harness(version);
    const id = await h.place();
    h.sim.injectFault({ method: 'GET', path: /\/messages$/, status: 429, retryAfter: 3 });
    const res = await fetch(`${h.sim.url}${h.conversations}/${id}/messages?since_seq=-1`, { headers: { 'x-api-key': h.sim.demoKey } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    const body = await res.json();
    if (version === '1.90') {
      expect(v190.ErrorResponse.parse(body)).toEqual({
        error: 'too_many_requests',
        message: 'Too Many Requests',
        retryable: true,
        retry_after: 3,
      });
    } else {
      expect(v121.ErrorResponse.parse(body)).toEqual({ error: 'too_many_requests', message: 'Too Many Requests' });
    }
    // the next poll answers normally
    expect((await h.call('GET', `${h.conversations}/${id}/messages`)).status).toBe(200);
    // a Retry-After given as a header alone is carried into 1.90's body too
    h.sim.injectFault({ path: /\/messages$/, status: 429, headers: { 'retry-after': '7' } });
    const again = await fetch(`${h.sim.url}${h.conversations}/${id}/messages`, { headers: { 'x-api-key': h.sim.demoKey } });
    expect(again.headers.get('retry-after')).toBe('7');
    if (version === '1.90') expect(await again.json()).toMatchObject({ retry_after: 7, retryable: true });
  });
});

describe.each(specVersions)('the conversations list (%s)', (version) => {
  async function threeCalls() {
    const h = await harness(version);
    const ids: string[] = [];
    for (const [i, to] of [OUTCOME_NUMBERS.answered, OUTCOME_NUMBERS.no_answer, OUTCOME_NUMBERS.answered].entries()) {
      h.clock.t = T0 + i * 60_000;
      ids.push(await h.place({ to_phone_number: to }));
    }
    h.clock.t = T0 + 3_600_000;
    return { h, ids };
  }
  const list = (h: Harness, q = '') => h.get(`${h.conversations}${q ? `?${q}` : ''}`);
  const idsOf = (page: { items: Array<{ id: string }> }) => page.items.map((i) => i.id);

  it('newest first, with cursor paging', async () => {
    const { h, ids } = await threeCalls();
    expect(idsOf(await list(h))).toEqual([...ids].reverse());
    const one = await list(h, 'limit=1');
    expect(one).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    const two = await list(h, `limit=2&cursor=${one.next_cursor}`);
    expect(idsOf(two)).toEqual([ids[1], ids[0]]);
    expect(two).toMatchObject({ has_more: false, next_cursor: null });
  });

  it('started_after / started_before bound started_at (inclusive); 422 for an unparsable one', async () => {
    const { h, ids } = await threeCalls();
    const at = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect(idsOf(await list(h, `started_after=${at(T0 + 60_000)}`))).toEqual([ids[2], ids[1]]);
    expect(idsOf(await list(h, `started_before=${at(T0 + 60_000)}`))).toEqual([ids[1], ids[0]]);
    expect(idsOf(await list(h, `started_after=${at(T0 + 30_000)}&started_before=${at(T0 + 90_000)}`))).toEqual([ids[1]]);
    // other spellings pydantic accepts: an offset, no offset (UTC), a bare date, unix seconds
    expect(idsOf(await list(h, `started_after=${encodeURIComponent('2026-11-02T10:01:00+01:00')}`))).toEqual([ids[2], ids[1]]);
    expect(idsOf(await list(h, 'started_after=2026-11-02T09:01:00'))).toEqual([ids[2], ids[1]]);
    expect(idsOf(await list(h, 'started_after=2026-11-03'))).toEqual([]);
    expect(idsOf(await list(h, `started_after=${(T0 + 60_000) / 1000}`))).toEqual([ids[2], ids[1]]);
    for (const bad of ['yesterday', '2026-13-01T00:00:00Z', '2026-11-02T09:00:00 01:00']) {
      const r = await h.call('GET', `${h.conversations}?started_after=${encodeURIComponent(bad)}`);
      expect(r.status, bad).toBe(422);
      expect(r.json.detail[0]).toMatchObject({ loc: ['query', 'started_after'], type: 'datetime_from_date_parsing', input: bad });
    }
  });

  it('status filters on the status now', async () => {
    const { h, ids } = await threeCalls();
    expect(idsOf(await list(h, 'status=closed'))).toEqual([...ids].reverse());
    h.clock.t = T0 + 120_000 + 1; // the third call has just begun
    expect(idsOf(await list(h, 'status=closed'))).toEqual([ids[1], ids[0]]);
    expect(idsOf(await list(h, 'status=no_such_status'))).toEqual([]);
  });

  it('to_number and id filter on 1.90; 1.21 has no such parameters and ignores them', async () => {
    const { h, ids } = await threeCalls();
    const byNumber = await list(h, `to_number=${encodeURIComponent(OUTCOME_NUMBERS.no_answer)}`);
    const byId = await list(h, `id=${ids[0]}`);
    if (version === '1.90') {
      expect(idsOf(byNumber)).toEqual([ids[1]]);
      expect(idsOf(byId)).toEqual([ids[0]]);
      expect((await h.call('GET', `${h.conversations}?id=nope`)).status).toBe(422);
    } else {
      expect(idsOf(byNumber)).toEqual([...ids].reverse());
      expect(idsOf(byId)).toEqual([...ids].reverse());
      expect((await h.call('GET', `${h.conversations}?id=nope`)).status).toBe(200);
    }
  });
});

describe('the 1.90 outbound queue under pauses', () => {
  const queued = (h: Harness, q = '') => h.get(`/v1/voice/outbound/queued${q ? `?${q}` : ''}`);
  const controls = (h: Harness) => h.get('/v1/voice/outbound/controls');

  it('a paused call stays queued past its eligible time; resumed, it dials now', async () => {
    const h = await harness('1.90');
    const id = await h.place();
    h.clock.t = T0 + 1_000;
    expect((await h.call('POST', `/v1/voice/outbound/queued/${id}/pause`)).json).toEqual({
      conversation_id: id,
      action: 'paused',
      paused: true,
    });
    expect(await statusAt(h, id, T0 + 60_000)).toBe('queued');
    expect((await queued(h)).items).toEqual([
      expect.objectContaining({ conversation_id: id, paused: true, eligible_at: new Date(T0 + QUEUE).toISOString() }),
    ]);
    expect((await queued(h, 'paused=false')).items).toEqual([]);
    const resumed = await h.call('POST', `/v1/voice/outbound/queued/${id}/resume`);
    expect(resumed.json).toEqual({ conversation_id: id, action: 'resumed', paused: false });
    expect(await statusAt(h, id, T0 + 60_000)).toBe('pending_dispatch');
    expect(await statusAt(h, id, T0 + 60_000 + pendingDispatchMs)).toBe('ringing');
    expect((await queued(h)).items).toEqual([]);
    expect(await statusAt(h, id, T0 + 60_000 + pendingDispatchMs + callMs)).toBe('closed');
  });

  it('resumed before its window opens, a call dials at its own eligible time', async () => {
    const h = await harness('1.90');
    const id = await h.place();
    await h.call('POST', `/v1/voice/outbound/queued/${id}/pause`);
    h.clock.t = T0 + 2_000;
    await h.call('POST', `/v1/voice/outbound/queued/${id}/resume`);
    expect(await statusAt(h, id, T0 + QUEUE - 1)).toBe('queued');
    expect(await statusAt(h, id, T0 + QUEUE)).toBe('pending_dispatch');
  });

  it('expiry applies while paused', async () => {
    const h = await harness('1.90');
    const id = await h.place({ expires_in_seconds: 30 });
    await h.call('POST', `/v1/voice/outbound/queued/${id}/pause`);
    expect(await statusAt(h, id, T0 + 29_999)).toBe('queued');
    expect(await statusAt(h, id, T0 + 30_000)).toBe('expired');
    expect((await queued(h)).items).toEqual([]);
    expect((await h.call('POST', `/v1/voice/outbound/queued/${id}/resume`)).status).toBe(400);
    h.sim.setOutboundPause({ scope: 'org' }, true);
    h.sim.setOutboundPause({ scope: 'org' }, false);
    expect(await statusAt(h, id, T0 + 90_000)).toBe('expired');
    const detail = await h.get(`${h.conversations}/${id}`);
    expect(detail).toMatchObject({ ended_at: new Date(T0 + 30_000).toISOString(), closed_at: null, summary: null });
  });

  it('a call whose queue expires before its window opens expires', async () => {
    const h = await harness('1.90');
    const id = await h.place({ expires_in_seconds: 2 });
    expect(await statusAt(h, id, T0 + 1_999)).toBe('queued');
    expect(await statusAt(h, id, T0 + 2_000)).toBe('expired');
    expect(await statusAt(h, id, T0 + 600_000)).toBe('expired');
  });

  it('org, agent and team pauses hold the calls under them, show in controls, and release on resume', async () => {
    const h = await harness('1.90');
    expect(await controls(h)).toEqual({ org_paused: false, paused_agents: [], paused_teams: [] });
    const riley = await h.place({ agent_id: DEMO_IDS.agentRiley });
    const morgan = await h.place({ agent_id: DEMO_IDS.agentMorgan });
    const team = await h.place({ agent_id: undefined, team_id: DEMO_IDS.teamFrontDesk });

    h.clock.t = T0 + 1_000;
    h.sim.setOutboundPause({ scope: 'agent', agentId: DEMO_IDS.agentRiley }, true, 'Script review');
    h.sim.setOutboundPause({ scope: 'team', teamId: DEMO_IDS.teamFrontDesk }, true);
    const c = await controls(h);
    expect(c.org_paused).toBe(false);
    expect(c.paused_agents).toEqual([
      {
        id: expect.any(String),
        scope: 'agent',
        agent_id: DEMO_IDS.agentRiley,
        team_id: null,
        paused: true,
        reason: 'Script review',
        paused_at: new Date(T0 + 1_000).toISOString(),
        paused_by: expect.any(String),
        updated_at: new Date(T0 + 1_000).toISOString(),
      },
    ]);
    expect(c.paused_teams).toEqual([
      expect.objectContaining({ scope: 'team', team_id: DEMO_IDS.teamFrontDesk, agent_id: null, reason: null }),
    ]);

    h.clock.t = T0 + 60_000;
    expect(await statusAt(h, riley, h.clock.t)).toBe('queued');
    expect(await statusAt(h, team, h.clock.t)).toBe('queued'); // the team's call is Riley's too, but held by the team
    expect(await statusAt(h, morgan, h.clock.t)).not.toBe('queued');
    expect((await queued(h, 'paused=true')).items.map((i) => i.conversation_id)).toEqual([riley, team]);

    h.sim.setOutboundPause({ scope: 'agent', agentId: DEMO_IDS.agentRiley }, false);
    expect(await statusAt(h, riley, h.clock.t)).toBe('pending_dispatch');
    expect(await statusAt(h, team, h.clock.t)).toBe('queued');
    expect((await controls(h)).paused_agents).toEqual([]);

    h.sim.setOutboundPause({ scope: 'org' }, true, 'Holiday');
    expect((await controls(h)).org_paused).toBe(true);
    h.sim.setOutboundPause({ scope: 'team', teamId: DEMO_IDS.teamFrontDesk }, false);
    expect(await statusAt(h, team, T0 + 120_000)).toBe('queued'); // the org still holds it
    h.sim.setOutboundPause({ scope: 'org' }, false);
    expect(await statusAt(h, team, T0 + 120_000)).toBe('pending_dispatch');
  });

  it('under a pause even an instant call waits in the queue, unless it overrides the pause', async () => {
    const h = await harness('1.90', { pausedOutbound: [{ scope: 'org', reason: 'Maintenance' }] });
    expect(await controls(h)).toMatchObject({ org_paused: true });
    const held = await h.call('POST', '/v1/voice/outbound', {
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: OUTCOME_NUMBERS.answered,
      agent_id: DEMO_IDS.agentRiley,
      instant: true,
    });
    expect(held.json).toMatchObject({ queued: true, room_name: null, dispatch_id: null });
    const through = await h.call('POST', '/v1/voice/outbound', {
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: OUTCOME_NUMBERS.answered,
      agent_id: DEMO_IDS.agentRiley,
      instant: true,
      override_pause: true,
    });
    expect(through.json).toMatchObject({ queued: false, room_name: expect.stringMatching(/^outbound-/) });
    expect(await statusAt(h, held.json.session_id, T0 + 60_000)).toBe('queued');
    expect(await statusAt(h, through.json.session_id, T0 + 60_000)).toBe('closed');
    // a queued call that overrides the pause dials at its window
    const queuedOverride = await h.place({ override_pause: true });
    expect(await statusAt(h, queuedOverride, T0 + 60_000 + QUEUE)).toBe('pending_dispatch');
    h.sim.setOutboundPause({ scope: 'org' }, false);
    expect(await statusAt(h, held.json.session_id, T0 + 60_000 + QUEUE)).toBe('pending_dispatch');
  });

  it('a cancelled call is closed with no turns and leaves the queue; a second cancel is refused', async () => {
    const h = await harness('1.90');
    const id = await h.place();
    h.clock.t = T0 + 1_000;
    const r = await h.call('POST', `/v1/voice/outbound/queued/${id}/cancel`);
    expect(r.json).toEqual({ conversation_id: id, action: 'cancelled', paused: false });
    expect((await queued(h)).items).toEqual([]);
    h.clock.t = T0 + 600_000;
    const detail = await h.get(`${h.conversations}/${id}`);
    expect(detail).toMatchObject({ status: 'closed', recent_turns: [], message_count: 0, duration_ms: null, recording_url: null });
    expect(detail.closed_at).toBe(new Date(T0 + 1_000).toISOString());
    expect((await h.call('POST', `/v1/voice/outbound/queued/${id}/cancel`)).status).toBe(400);
  });

  it('a failing cancel can be injected: refused (4xx, nothing done) or after the work (5xx), or as chosen', async () => {
    const h = await harness('1.90');
    const cancel = /^\/v1\/voice\/outbound\/queued\/[^/]+\/cancel$/;
    const a = await h.place();
    const post = () =>
      fetch(`${h.sim.url}/v1/voice/outbound/queued/${a}/cancel`, { method: 'POST', headers: { 'x-api-key': h.sim.demoKey } });
    h.sim.injectFault({ method: 'POST', path: cancel, status: 409 });
    expect((await post()).status).toBe(409);
    expect(await statusAt(h, a, T0)).toBe('queued');

    h.sim.injectFault({ method: 'POST', path: cancel, status: 503, processed: false });
    expect((await post()).status).toBe(503);
    expect(await statusAt(h, a, T0)).toBe('queued');

    h.sim.injectFault({ method: 'POST', path: cancel, status: 502 });
    expect((await post()).status).toBe(502);
    expect(await statusAt(h, a, T0)).toBe('closed'); // it was cancelled: the answer was lost
  });
});

describe('the state file', () => {
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-state-'));
    tmpDirs.push(dir);
    return dir;
  };

  it('keeps conversations, idempotency keys and pauses across a stop and a start', async () => {
    const stateFile = path.join(tmp(), 'nested', 'simulator-state.json');
    const h = await harness('1.90', { stateFile, stateWriteDelayMs: 10 });
    const answered = await h.place({ instant: true });
    const request = {
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: OUTCOME_NUMBERS.no_answer,
      agent_id: DEMO_IDS.agentMorgan,
      idempotency_key: 'persist-1',
    };
    const first = await h.call('POST', '/v1/voice/outbound', request);
    h.sim.setOutboundPause({ scope: 'agent', agentId: DEMO_IDS.agentMorgan }, true, 'Kept');
    await vi.waitFor(() => expect(fs.existsSync(stateFile)).toBe(true));
    await h.sim.close();
    sims.splice(sims.indexOf(h.sim), 1);
    expect(fs.readdirSync(path.dirname(stateFile))).toEqual(['simulator-state.json']); // no temp files left

    const again = await harness('1.90', { stateFile });
    again.clock.t = T0 + 600_000;
    expect(again.sim.conversations.map((c) => c.id)).toEqual([answered, first.json.session_id]);
    expect((await again.get(`${again.conversations}/${answered}`)).status).toBe('closed');
    // Morgan is still paused: the queued call is still waiting
    expect((await again.get(`${again.conversations}/${first.json.session_id}`)).status).toBe('queued');
    expect((await again.get('/v1/voice/outbound/controls')).paused_agents).toEqual([expect.objectContaining({ reason: 'Kept' })]);
    const replay = await again.call('POST', '/v1/voice/outbound', request);
    expect(replay.json).toEqual(first.json);
    expect(again.sim.conversations).toHaveLength(2);
    again.sim.setOutboundPause({ scope: 'agent', agentId: DEMO_IDS.agentMorgan }, false);
    expect((await again.get(`${again.conversations}/${first.json.session_id}`)).status).toBe('pending_dispatch');
  });

  it('a damaged file is moved aside with a warning, and the simulator starts empty', async () => {
    const dir = tmp();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    for (const [name, text] of [
      ['not-json.json', '{"schemaVersion": 1, "conversations": [tru'],
      ['wrong-shape.json', JSON.stringify({ schemaVersion: 1, savedAt: 'x', conversations: [{ id: 1 }], idempotency: [], pauses: [] })],
      ['newer.json', JSON.stringify({ schemaVersion: 2 })],
    ] as const) {
      const stateFile = path.join(dir, name);
      fs.writeFileSync(stateFile, text);
      const h = await harness('1.90', { stateFile, stateWriteDelayMs: 10 });
      expect(h.sim.conversations).toEqual([]);
      expect((await h.get(h.conversations)).items).toEqual([]);
      const aside = fs.readdirSync(dir).filter((f) => f.startsWith(name.replace('.json', '.corrupt-')));
      expect(aside, name).toHaveLength(1);
      expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe(text); // kept as it was
      // and it works: a new call is saved to the file again
      await h.place();
      h.sim.flushState();
      expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).conversations).toHaveLength(1);
    }
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0]![0])).toMatch(/\[simulator\] ignored .*not-json\.json: it is not JSON/);
  });

  it('a missing file is a fresh start, without a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const h = await harness('1.21', { stateFile: path.join(tmp(), 'simulator-state.json') });
    expect(h.sim.conversations).toEqual([]);
    expect(warn).not.toHaveBeenCalled();
  });
});

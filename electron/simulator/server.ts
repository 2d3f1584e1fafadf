// Over 300 lines on purpose: the simulator's router, every endpoint of both published spec versions in one table to check against the digest.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { demoSeed, type SimSeed } from './seed';
import { messagesWire, queuedCallWire, sessionDetailWire, sessionWire, statusOf } from './conversations';
import { placeOutbound, type Conversation, type OutboundState } from './outbound';
import {
  agentWire,
  channelWire,
  checkLimit,
  contextSchemaWire,
  cursorPage,
  errorReply,
  phoneNumberWire,
  teamWire,
  validationReply,
  variableWire,
  whoamiWire,
  type ApiVersion,
  type Reply,
} from './wire';

export type { ApiVersion } from './wire';
export type { Conversation } from './outbound';

/**
 * The built-in Feather simulator: Feather's published API (version 1.21 or 1.90, see
 * shared/docs/feather-openapi-digest.md) over real HTTP on 127.0.0.1, answering in exactly the
 * spec's shapes. It powers demo mode and every test that talks to "Feather". Faults can be
 * injected and everything it received can be read back.
 */

export interface SimKey {
  key: string;
  user: { user_id: string; role: string; email: string; display_name: string };
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  /** parsed JSON when the body was JSON, else the raw text */
  body: unknown;
  at: string;
}

export interface Fault {
  method?: string;
  /** exact path or a pattern; omitted = every request */
  path?: string | RegExp;
  /** wait this long before answering (the request is still processed) */
  delayMs?: number;
  /** answer with this status and body instead of the real one */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** destroy the connection instead of answering (after processing) */
  reset?: boolean;
  /** answer 200 with a body that is not valid JSON */
  malformed?: boolean;
  /** how many requests it applies to; default 1, Infinity for all */
  times?: number;
}

export interface SimulatorOptions {
  port?: number;
  keys?: SimKey[];
  seed?: SimSeed;
  /** which published spec to answer as; default 1.90 (the newest) */
  apiVersion?: ApiVersion;
  /** endpoints that answer 404 as if this Feather did not have them, e.g. '/v1/teams' */
  missingEndpoints?: string[];
  now?: () => number;
  /** 1.90: how long a queued call waits for the calling-hours window (ms); default 5 s */
  queueDelayMs?: number;
  /** 1.90: queue expiry when a call does not set expires_in_seconds (s); default 24 h */
  defaultQueueExpirySeconds?: number;
}

export interface Simulator {
  url: string;
  port: number;
  apiVersion: ApiVersion;
  /** the demo key; accepted like any configured key */
  demoKey: string;
  received: RecordedRequest[];
  conversations: Conversation[];
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** the POST /v1/voice/outbound requests received so far */
  outboundRequests(): RecordedRequest[];
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const seed = options.seed ?? demoSeed();
  const version: ApiVersion = options.apiVersion ?? '1.90';
  const now = options.now ?? Date.now;
  const demoKey = `fth_demo_${randomBytes(12).toString('hex')}`;
  const keys: SimKey[] = [
    { key: demoKey, user: { user_id: 'u-demo', role: 'member', email: 'demo@northwind.example', display_name: 'Demo User' } },
    ...(options.keys ?? []),
  ];
  const received: RecordedRequest[] = [];
  const state: OutboundState = { conversations: [], idempotency: new Map() };
  const outboundOptions = {
    version,
    seed,
    now,
    queueDelayMs: options.queueDelayMs ?? 5_000,
    defaultQueueExpirySeconds: options.defaultQueueExpirySeconds ?? 24 * 3600,
  };
  let faults: Array<Fault & { remaining: number }> = [];
  const org = seed.organization.id;
  const fail = (status: number, error: string, message: string) => errorReply(version, status, error, message);

  function takeFault(method: string, path: string) {
    const fault = faults.find(
      (f) =>
        f.remaining > 0 &&
        (!f.method || f.method === method) &&
        (!f.path || (typeof f.path === 'string' ? f.path === path : f.path.test(path))),
    );
    if (fault) fault.remaining -= 1;
    faults = faults.filter((f) => f.remaining > 0);
    return fault;
  }

  /** the agents list of each version: 1.21 /v1/agents (cursor page), 1.90 /v1/assistants */
  const agentsPath = version === '1.90' ? '/v1/assistants' : '/v1/agents';
  const conversationsPath = version === '1.90' ? '/v1/conversations' : '/v1/v2/conversations';

  function route(method: string, path: string, query: Record<string, string>, body: unknown, key: SimKey): Reply {
    if (options.missingEndpoints?.some((p) => path === p || path.startsWith(p + '/'))) return fail(404, 'not_found', 'Not Found');
    const get = method === 'GET';
    if (get && path === '/v1/identity/whoami') return { status: 200, body: whoamiWire(version, seed, key.user) };
    if (method === 'POST' && path === '/v1/voice/outbound') return placeOutbound(body, state, outboundOptions);

    if (get && path === '/v1/communication/phone-numbers') {
      const numbers = seed.phoneNumbers.filter(
        (n) =>
          (!query.capability || (n.capabilities as string[]).includes(query.capability)) && (!query.status || n.status === query.status),
      );
      return { status: 200, body: numbers.map((n) => phoneNumberWire(version, org, n)) };
    }
    let m = /^\/v1\/communication\/phone-numbers\/([^/]+)\/channels$/.exec(path);
    if (get && m) {
      if (!UUID.test(m[1]!)) return badUuid('phone_number_id', m[1]!);
      const number = seed.phoneNumbers.find((n) => n.id === m![1]);
      if (!number) return fail(404, 'not_found', 'Phone number not found');
      const channels = number.channels.filter((c) => !query.channel_type || c.channel_type === query.channel_type);
      return { status: 200, body: channels.map((c) => channelWire(version, number.id, c, seed.agents)) };
    }
    if (get && path === agentsPath) {
      const bad = checkLimit(query, version === '1.90' ? null : 200);
      if (bad) return validationReply([bad]);
      const agents = seed.agents.filter((a) => !query.search || a.name.toLowerCase().includes(query.search.toLowerCase()));
      return {
        status: 200,
        ...cursorPage(
          agents.map((a) => agentWire(version, org, a)),
          query,
          version === '1.90' ? 'assistants' : 'items',
        ),
      };
    }
    m = new RegExp(`^${agentsPath}/([^/]+)/variables$`).exec(path);
    if (get && m) {
      if (!UUID.test(m[1]!)) return badUuid('agent_id', m[1]!);
      const agent = seed.agents.find((a) => a.id === m![1]);
      if (!agent) return fail(404, 'not_found', 'Agent not found');
      const revisionId = version === '1.90' && query.revision_id ? query.revision_id : agent.active_revision_id;
      const revision = agent.revisions.find((r) => r.id === revisionId);
      if (!revision) return fail(404, 'not_found', 'Revision not found');
      return { status: 200, body: { variables: revision.variables.map(variableWire) } };
    }
    m = /^\/v1\/assistants\/([^/]+)\/revisions\/([^/]+)\/context-schema$/.exec(path);
    if (get && m && version === '1.90') {
      if (!UUID.test(m[1]!)) return badUuid('agent_id', m[1]!);
      if (!UUID.test(m[2]!)) return badUuid('revision_id', m[2]!);
      const revision = seed.agents.find((a) => a.id === m![1])?.revisions.find((r) => r.id === m![2]);
      if (!revision) return fail(404, 'not_found', 'Revision not found');
      return { status: 200, body: contextSchemaWire(revision) };
    }
    if (get && path === '/v1/teams') {
      const bad = checkLimit(query, 200);
      if (bad) return validationReply([bad]);
      return {
        status: 200,
        ...cursorPage(
          seed.teams.map((t) => teamWire(version, org, t)),
          query,
        ),
      };
    }
    if (get && path === conversationsPath) {
      const bad = checkLimit(query, 200);
      if (bad) return validationReply([bad]);
      const list = [...state.conversations]
        .reverse()
        .filter((c) => (!query.to_number || c.toNumber === query.to_number) && (!query.id || c.id === query.id));
      return {
        status: 200,
        ...cursorPage(
          list.map((c) => sessionWire(version, org, c, now())),
          query,
        ),
      };
    }
    m = new RegExp(`^${conversationsPath}/([^/]+)(/messages)?$`).exec(path);
    if (get && m) {
      if (!UUID.test(m[1]!)) return badUuid('conversation_id', m[1]!);
      const conv = state.conversations.find((c) => c.id === m![1]);
      if (!conv) return fail(404, 'not_found', 'Conversation not found');
      if (!m[2]) return { status: 200, body: sessionDetailWire(version, org, conv, now()) };
      const since = query.since_seq === undefined ? -1 : Number(query.since_seq);
      if (!Number.isInteger(since) || since < -1)
        return validationReply([
          {
            loc: ['query', 'since_seq'],
            msg: 'Input should be greater than or equal to -1',
            type: 'greater_than_equal',
            input: query.since_seq,
          },
        ]);
      return { status: 200, body: messagesWire(version, conv, now(), since) };
    }
    if (version === '1.90') {
      const queue = queueRoute(method, path, query, body);
      if (queue) return queue;
    }
    if (['GET', 'POST'].includes(method)) return fail(404, 'not_found', 'Not Found');
    return fail(405, 'method_not_allowed', 'Method Not Allowed');
  }

  const badUuid = (param: string, input: string) =>
    validationReply([
      {
        loc: ['path', param],
        msg: 'Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-]',
        type: 'uuid_parsing',
        input,
      },
    ]);

  /** 1.90's outbound queue: list, cancel/pause/resume one call, org controls, bulk cancel. */
  function queueRoute(method: string, path: string, query: Record<string, string>, body: unknown): Reply | null {
    const waiting = () => state.conversations.filter((c) => c.queued && !c.cancelled && statusOf(c, now()) === 'queued');
    if (method === 'GET' && path === '/v1/voice/outbound/queued') {
      const bad = checkLimit(query, 200);
      if (bad) return validationReply([bad]);
      const list = waiting().filter(
        (c) =>
          (!query.agent_id || (c.agentId === query.agent_id && !c.teamId)) &&
          (!query.team_id || c.teamId === query.team_id) &&
          (query.paused === undefined || String(c.paused) === query.paused),
      );
      return { status: 200, ...cursorPage(list.map(queuedCallWire), query) };
    }
    const m = /^\/v1\/voice\/outbound\/queued\/([^/]+)\/(cancel|pause|resume)$/.exec(path);
    if (method === 'POST' && m) {
      if (!UUID.test(m[1]!)) return badUuid('conversation_id', m[1]!);
      const conv = waiting().find((c) => c.id === m[1]);
      if (!conv) return fail(400, 'not_queued', 'This call is not waiting in the outbound queue');
      const action = m[2] === 'cancel' ? 'cancelled' : m[2] === 'pause' ? 'paused' : 'resumed';
      if (action === 'cancelled') conv.cancelled = true;
      else conv.paused = action === 'paused';
      return { status: 200, body: { conversation_id: conv.id, action, paused: conv.paused } };
    }
    if (method === 'GET' && path === '/v1/voice/outbound/controls')
      return { status: 200, body: { org_paused: false, paused_agents: [], paused_teams: [] } };
    if (method === 'POST' && path === '/v1/voice/outbound/cancel') {
      const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
      if (!['org', 'agent', 'team'].includes(String(b.scope))) {
        return validationReply([{ loc: ['body', 'scope'], msg: "Input should be 'org', 'agent' or 'team'", type: 'enum', input: b.scope }]);
      }
      for (const c of waiting()) {
        if (
          b.scope === 'org' ||
          (b.scope === 'agent' && c.agentId === b.agent_id && !c.teamId) ||
          (b.scope === 'team' && c.teamId === b.team_id)
        )
          c.cancelled = true;
      }
      return {
        status: 202,
        body: {
          accepted: true,
          scope: b.scope,
          agent_id: (b.agent_id as string | undefined) ?? null,
          team_id: (b.team_id as string | undefined) ?? null,
        },
      };
    }
    return null;
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const query = Object.fromEntries(url.searchParams);
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      let badJson = false;
      if (text) {
        try {
          body = JSON.parse(text);
        } catch {
          badJson = true;
        }
      }
      received.push({
        method: req.method ?? 'GET',
        path: url.pathname,
        query,
        headers: req.headers,
        body,
        at: new Date(now()).toISOString(),
      });
      const fault = takeFault(req.method ?? 'GET', url.pathname);

      let reply: Reply;
      const key = keys.find((k) => k.key === req.headers['x-api-key']);
      if (!key) reply = fail(401, 'unauthorized', req.headers['x-api-key'] ? 'Invalid API key' : 'Missing API key');
      else if (badJson) reply = validationReply([{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid', input: {} }]);
      else reply = route(req.method ?? 'GET', url.pathname, query, body, key);

      const answer = () => {
        if (res.destroyed) return;
        if (fault?.reset) {
          req.socket.destroy();
          return;
        }
        if (fault?.malformed) {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"room_name": "outbound-');
          return;
        }
        const status = fault?.status ?? reply.status;
        const payload =
          fault?.status !== undefined
            ? (fault.body ??
              errorReply(
                version,
                status,
                (http.STATUS_CODES[status] ?? 'error').toLowerCase().replace(/\W+/g, '_'),
                http.STATUS_CODES[status] ?? 'Error',
              ).body)
            : reply.body;
        res.writeHead(status, { 'content-type': 'application/json', ...reply.headers, ...fault?.headers });
        res.end(JSON.stringify(payload));
      };
      if (fault?.delayMs) setTimeout(answer, fault.delayMs);
      else answer();
    });
  });
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    demoKey,
    apiVersion: version,
    received,
    conversations: state.conversations,
    injectFault(fault) {
      faults.push({ ...fault, remaining: fault.times ?? 1 });
    },
    clearFaults() {
      faults = [];
    },
    outboundRequests: () => received.filter((r) => r.method === 'POST' && r.path === '/v1/voice/outbound'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

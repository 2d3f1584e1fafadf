// Over 300 lines on purpose: the simulator's options, handle and HTTP loop (faults, recording, the state file) with every endpoint of both published spec versions routed in one table to check against the digest.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';
import { demoSeed, type SimSeed } from './seed';
import { DEFAULT_CALL_TIMINGS, type CallTimings } from './call-outcomes';
import { conversationsRoute } from './conversation-routes';
import { placeOutbound } from './outbound';
import { advance, queueRoute, scopePaused, setOutboundPause, type OutboundPauseTarget, type PausedOutboundSeed } from './queue';
import { restoreInto, snapshotOf, type Conversation, type SimState } from './sim-state';
import { createStateWriter, loadStateFile } from './state-file';
import {
  agentWire,
  channelWire,
  checkLimit,
  contextSchemaWire,
  cursorPage,
  errorReply,
  isUuid,
  phoneNumberWire,
  teamWire,
  uuidItem,
  uuidFor,
  validationReply,
  variableWire,
  whoamiWire,
  type ApiVersion,
  type Reply,
} from './wire';

export type { ApiVersion } from './wire';
export type { Conversation } from './sim-state';
export type { CallOutcome, CallTimings } from './call-outcomes';
export { DEFAULT_CALL_TIMINGS, OUTCOME_BY_LAST_FOUR_DIGITS, OUTCOME_NUMBERS, outcomeFor } from './call-outcomes';
export type { OutboundPauseTarget, PausedOutboundSeed } from './queue';

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
  /** answer with this status and body instead of the real one (default body: the version's ErrorResponse) */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * with `status`: whether the request is carried out before the fault answers. Default: not for a
   * 4xx (Feather refused it: a 429 or 409 changes nothing), yes for anything else (a 5xx after the
   * work was done: the "outcome unknown" case).
   */
  processed?: boolean;
  /** with status 429 (or 503): seconds to wait, sent as `Retry-After` and, on 1.90, as the body's `retry_after` */
  retryAfter?: number;
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
  /** how long calls take to dial, ring, talk and end (call-outcomes.ts); defaults in DEFAULT_CALL_TIMINGS */
  callTimings?: Partial<CallTimings>;
  /** 1.90: where outbound is paused at start (org, agents, teams); a state file's pauses replace these */
  pausedOutbound?: PausedOutboundSeed[];
  /**
   * keep conversations, idempotency keys and pauses in this JSON file: loaded at start (a damaged
   * file is moved aside with a warning), written after changes (debounced, atomic)
   */
  stateFile?: string;
  /** debounce of state file writes (ms); default 100 */
  stateWriteDelayMs?: number;
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
  /**
   * 1.90: pauses or resumes outbound for the org, one agent or one team, as Feather's dashboard
   * would (the API has no endpoint for it). Queued calls under a pause stay queued; on resume
   * they dial (now, if their time has passed). GET /v1/voice/outbound/controls shows it.
   */
  setOutboundPause(target: OutboundPauseTarget, paused: boolean, reason?: string): void;
  /** writes the state file now if a change is waiting to be written (close() does too) */
  flushState(): void;
  /** the POST /v1/voice/outbound requests received so far */
  outboundRequests(): RecordedRequest[];
  close(): Promise<void>;
}

/** Who paused outbound through the handle (`PauseStateEntry.paused_by`): a stand-in admin of the demo org. */
const SIMULATOR_ADMIN = uuidFor('user:simulator-admin');

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
  const state: SimState = { conversations: [], idempotency: new Map(), pauses: [] };
  for (const p of options.pausedOutbound ?? []) setOutboundPause(state, now(), p, true, { reason: p.reason ?? null });
  const saved = options.stateFile ? await loadStateFile(options.stateFile) : null;
  if (saved) restoreInto(state, saved);
  const writer = options.stateFile
    ? createStateWriter(options.stateFile, () => snapshotOf(state, now()), options.stateWriteDelayMs ?? 100)
    : null;
  const timings: CallTimings = { ...DEFAULT_CALL_TIMINGS, ...options.callTimings };
  const outboundOptions = {
    version,
    seed,
    now,
    queueDelayMs: options.queueDelayMs ?? 5_000,
    defaultQueueExpirySeconds: options.defaultQueueExpirySeconds ?? 24 * 3600,
    outboundPaused: (agentId: string | null, teamId: string | null) => scopePaused(state, agentId, teamId),
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
      if (!isUuid(m[1]!)) return badUuid('phone_number_id', m[1]!);
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
      if (!isUuid(m[1]!)) return badUuid('agent_id', m[1]!);
      const agent = seed.agents.find((a) => a.id === m![1]);
      if (!agent) return fail(404, 'not_found', 'Agent not found');
      const revisionId = version === '1.90' && query.revision_id ? query.revision_id : agent.active_revision_id;
      const revision = agent.revisions.find((r) => r.id === revisionId);
      if (!revision) return fail(404, 'not_found', 'Revision not found');
      return { status: 200, body: { variables: revision.variables.map(variableWire) } };
    }
    m = /^\/v1\/assistants\/([^/]+)\/revisions\/([^/]+)\/context-schema$/.exec(path);
    if (get && m && version === '1.90') {
      if (!isUuid(m[1]!)) return badUuid('agent_id', m[1]!);
      if (!isUuid(m[2]!)) return badUuid('revision_id', m[2]!);
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
    const conversations = conversationsRoute(
      { version, orgId: org, conversations: state.conversations, now: now(), timings },
      method,
      path,
      query,
    );
    if (conversations) return conversations;
    const queue = version === '1.90' ? queueRoute(version, state, now(), method, path, query, body) : null;
    if (queue) return queue;
    if (['GET', 'POST'].includes(method)) return fail(404, 'not_found', 'Not Found');
    return fail(405, 'method_not_allowed', 'Method Not Allowed');
  }

  const badUuid = (param: string, input: string) => validationReply([uuidItem(['path', param], input)]);

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
      const method = req.method ?? 'GET';
      const fault = takeFault(method, url.pathname);
      // calls leave the queue as time passes; every answer is given as of now
      const moved = advance(state, now());

      let reply: Reply;
      const key = keys.find((k) => k.key === req.headers['x-api-key']);
      // a 4xx fault is Feather refusing the request (nothing done), by default; anything else answers after the work
      const refused = fault?.status !== undefined && !(fault.processed ?? !(fault.status >= 400 && fault.status < 500));
      if (!key) reply = fail(401, 'unauthorized', req.headers['x-api-key'] ? 'Invalid API key' : 'Missing API key');
      else if (badJson) reply = validationReply([{ loc: ['body', 0], msg: 'JSON decode error', type: 'json_invalid', input: {} }]);
      else if (refused) reply = { status: fault.status!, body: null };
      else reply = route(method, url.pathname, query, body, key);
      if (moved || method !== 'GET') writer?.schedule();

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
        const faulted = fault?.status !== undefined ? faultReply(fault) : null;
        res.writeHead(status, { 'content-type': 'application/json', ...(faulted ?? reply).headers, ...fault?.headers });
        res.end(JSON.stringify((faulted ?? reply).body));
      };
      if (fault?.delayMs) setTimeout(answer, fault.delayMs);
      else answer();
    });
  });
  /** What an injected status answers: its body, or the version's ErrorResponse (retryable, with retry_after, for a 429). */
  function faultReply(fault: Fault): Reply {
    const status = fault.status!;
    const headerWait = Number(fault.headers?.['retry-after'] ?? fault.headers?.['Retry-After']);
    const retryAfter = fault.retryAfter ?? (Number.isInteger(headerWait) ? headerWait : undefined);
    const error = errorReply(
      version,
      status,
      (http.STATUS_CODES[status] ?? 'error').toLowerCase().replace(/\W+/g, '_'),
      http.STATUS_CODES[status] ?? 'Error',
      status === 429 || retryAfter !== undefined ? { retryable: true, retryAfter } : {},
    );
    return { status, body: fault.body ?? error.body, headers: error.headers };
  }

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
    setOutboundPause(target, paused, reason) {
      setOutboundPause(state, now(), target, paused, { reason: reason ?? null, by: SIMULATOR_ADMIN });
      writer?.schedule();
    },
    flushState: () => writer?.flush(),
    outboundRequests: () => received.filter((r) => r.method === 'POST' && r.path === '/v1/voice/outbound'),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
        writer?.flush();
      }),
  };
}

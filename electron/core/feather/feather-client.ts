// Over 300 lines on purpose: every Feather call the app makes and the one outcome table they share (placed / not placed / unknown / offline).
import type { z } from 'zod';
import {
  AgentSchema,
  ChannelSchema,
  ContextSchemaSchema,
  OutboundResponseSchema,
  PhoneNumberSchema,
  QueuedCallSchema,
  TeamSchema,
  VariableSchema,
  WhoamiResponseSchema,
  readErrorBody,
  readList,
  type ApiVersion,
  type OutboundRequest,
  type OutboundResponse,
  type Whoami,
} from '../../../shared/feather-api';
import { AppFailure, type AppError } from '../../../shared/result';
import { redactKeys } from '../connection/key-hint';
import { TransportError, type HttpResponse, type HttpTransport } from './http-transport';
import { secretMatcher, secretRegistry } from '../connection/secret-registry';
import {
  ControlsSchema,
  MessagesPollSchema,
  QueuedActionSchema,
  QueuedCallFullSchema,
  SessionDetailSchema,
  SessionSchema,
} from './conversation-schemas';

export interface FeatherClientOptions {
  baseUrl: string;
  apiKey: string;
  transport: HttpTransport;
  timeoutMs?: number;
}

/** Maps a 422 `loc` (e.g. ["body","context_variables","plan"]) to a field of ours. */
export type FieldMapper = (loc: Array<string | number>) => string | undefined;

/** Takes keys out of server text put into a message: `fth_…` by pattern, and every key the core holds by value. */
export type Scrub = (text: string) => string;
const scrubHeld: Scrub = (text) => secretRegistry.redact(redactKeys(text));

export const DEFAULT_TIMEOUT_MS = 15_000;
const PAGE_LIMIT = 100;

/** What Feather said to a call request it accepted (any 2xx). */
export interface OutboundAccepted {
  httpStatus: number;
  /** null when the 2xx body could not be read: placed, details unknown */
  response: OutboundResponse | null;
}

/** Paths that differ between the published versions (1.87 renamed agents and conversations). */
export const API_PATHS: Record<ApiVersion, { agents: string; conversations: string }> = {
  '1.21': { agents: '/v1/agents', conversations: '/v1/v2/conversations' },
  '1.90': { agents: '/v1/assistants', conversations: '/v1/conversations' },
};

/**
 * The Feather HTTP API, both published versions. Every method resolves with parsed data or
 * throws AppFailure carrying a code the UI can act on. Nothing here retries: placing a call is
 * not idempotent on 1.21, and on 1.90 only the dialer decides when a replay is safe.
 */
export function createFeatherClient(options: FeatherClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // This client's own key too, whether or not it is registered (a key being verified, a test's key).
  const own = secretMatcher([options.apiKey]);
  const scrub: Scrub = (text) => own.redact(scrubHeld(text));

  async function send(method: 'GET' | 'POST', path: string, body?: unknown, timeout = timeoutMs): Promise<HttpResponse> {
    try {
      return await options.transport({
        method,
        url: base + path,
        headers: {
          'x-api-key': options.apiKey,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        timeoutMs: timeout,
      });
    } catch (error) {
      throw new AppFailure(transportFailure(error, method, scrub));
    }
  }

  function json(response: HttpResponse, what: string): unknown {
    try {
      return JSON.parse(response.body);
    } catch {
      throw new AppFailure({ code: 'bad_response', message: `Feather's answer to ${what} was not JSON.`, httpStatus: response.status });
    }
  }

  function parse<T extends z.ZodType>(response: HttpResponse, schema: T, what: string): z.output<T> {
    const parsed = schema.safeParse(json(response, what));
    if (!parsed.success) {
      throw new AppFailure({
        code: 'bad_response',
        message: `Feather's answer to ${what} had an unexpected shape.`,
        httpStatus: response.status,
      });
    }
    return parsed.data;
  }

  async function getOk(path: string): Promise<HttpResponse> {
    const response = await send('GET', path);
    if (response.status < 200 || response.status > 299) throw new AppFailure(httpFailure(response, undefined, scrub));
    return response;
  }

  /** GET a list in any of the spec's shapes, following `next_cursor` up to `maxPages`. */
  async function list<T extends z.ZodType>(
    path: string,
    item: T,
    query: Record<string, string> = {},
    options: { paged?: boolean; maxPages?: number } = {},
  ): Promise<Array<z.output<T>>> {
    const all: Array<z.output<T>> = [];
    let cursor: string | null = null;
    const seen = new Set<string>();
    for (let page = 0; page < (options.maxPages ?? 50); page++) {
      const params = new URLSearchParams(query);
      if (options.paged) params.set('limit', String(PAGE_LIMIT));
      if (cursor) params.set('cursor', cursor);
      const qs = params.toString();
      const response = await getOk(qs ? `${path}?${qs}` : path);
      const data = readList(json(response, path), item);
      if (!data)
        throw new AppFailure({
          code: 'bad_response',
          message: `Feather's answer to ${path} had an unexpected shape.`,
          httpStatus: response.status,
        });
      all.push(...data.items);
      // Cursors are followed wherever a server sends one; a repeated cursor would loop forever, so it stops.
      if (!data.nextCursor || seen.has(data.nextCursor)) break;
      seen.add(data.nextCursor);
      cursor = data.nextCursor;
    }
    return all;
  }

  return {
    baseUrl: base,

    async whoami(): Promise<Whoami> {
      return parse(await getOk('/v1/identity/whoami'), WhoamiResponseSchema, 'whoami');
    },

    /**
     * Places a real phone call, once. Outcomes: any 2xx → accepted (an unreadable body is
     * still accepted, details unknown); 5xx, statuses we do not know, and timeouts or drops
     * after the request was written → outcome_unknown; 3xx/4xx and failures before writing →
     * not placed (AppFailure with its own code).
     */
    async placeOutbound(body: OutboundRequest, fieldOf: FieldMapper): Promise<OutboundAccepted> {
      let response: HttpResponse;
      try {
        response = await send('POST', '/v1/voice/outbound', body);
      } catch (error) {
        // a 2xx status line whose body was cut off, too big or too slow: placed, details unknown
        const status = error instanceof AppFailure ? error.appError.httpStatus : undefined;
        if (status !== undefined && status >= 200 && status <= 299) return { httpStatus: status, response: null };
        throw error;
      }
      const status = response.status;
      if (status >= 200 && status <= 299) {
        let parsed: OutboundResponse | null = null;
        try {
          parsed = parse(response, OutboundResponseSchema, 'the call request');
        } catch {
          parsed = null;
        }
        return { httpStatus: status, response: parsed };
      }
      throw new AppFailure(outboundFailure(response, fieldOf, scrub));
    },

    /** Which published version this server speaks: 1.90 has /v1/assistants, 1.21 /v1/agents. */
    async listAgents(known: ApiVersion | null): Promise<{ version: ApiVersion; agents: Array<z.output<typeof AgentSchema>> }> {
      const order: ApiVersion[] = known === '1.21' ? ['1.21', '1.90'] : ['1.90', '1.21'];
      let lastError: unknown;
      for (const version of order) {
        try {
          const agents = await list(API_PATHS[version].agents, AgentSchema, {}, { paged: true });
          return { version, agents: agents.filter((a) => !a.archived_at) };
        } catch (error) {
          // Only "this server has no such path" moves on to the other version's path.
          if (!(error instanceof AppFailure && error.appError.code === 'not_found')) throw error;
          lastError = error;
        }
      }
      throw lastError;
    },

    /** Voice-capable, active numbers (a bare array in the spec). */
    listPhoneNumbers: () => list('/v1/communication/phone-numbers', PhoneNumberSchema, { capability: 'voice', status: 'active' }),

    /** A number's outbound_call bindings (a bare array in the spec). */
    listOutboundChannels: (numberId: string) =>
      list(`/v1/communication/phone-numbers/${encodeURIComponent(numberId)}/channels`, ChannelSchema, { channel_type: 'outbound_call' }),

    listTeams: () => list('/v1/teams', TeamSchema, {}, { paged: true }),

    /** The agent's declared variables (active revision): `{variables: [...]}`. */
    agentVariables: (version: ApiVersion, agentId: string) =>
      list(`${API_PATHS[version].agents}/${encodeURIComponent(agentId)}/variables`, VariableSchema),

    /** 1.90: one revision's context schema, for a binding that pins that revision. */
    async contextSchema(agentId: string, revisionId: string) {
      const response = await getOk(
        `/v1/assistants/${encodeURIComponent(agentId)}/revisions/${encodeURIComponent(revisionId)}/context-schema`,
      );
      return parse(response, ContextSchemaSchema, 'the context schema');
    },

    /** 1.90: a queued call's window and expiry (narrowed by agent or team, across pages); null when it is no longer waiting. */
    async queuedCall(conversationId: string, filter: { agent_id?: string; team_id?: string } = {}) {
      const queued = await list('/v1/voice/outbound/queued', QueuedCallSchema, filter, { paged: true, maxPages: 20 });
      return queued.find((q) => q.conversation_id === conversationId) ?? null;
    },

    /** A conversation's turns after `sinceSeq` and its status (the history's poll); 404 when Feather does not know it. */
    async messages(version: ApiVersion, conversationId: string, sinceSeq: number) {
      const path = `${API_PATHS[version].conversations}/${encodeURIComponent(conversationId)}/messages?since_seq=${sinceSeq}`;
      return parse(await getOk(path), MessagesPollSchema, 'the conversation poll');
    },

    /** One conversation with its summary, duration and recording link. */
    async conversation(version: ApiVersion, conversationId: string) {
      const path = `${API_PATHS[version].conversations}/${encodeURIComponent(conversationId)}`;
      return parse(await getOk(path), SessionDetailSchema, 'the conversation');
    },

    /** Conversations started in a time range (1.90 narrows by the number called too); the first page. */
    async conversations(version: ApiVersion, range: { startedAfter: string; startedBefore: string; toNumber?: string }) {
      const query: Record<string, string> = { started_after: range.startedAfter, started_before: range.startedBefore, limit: '50' };
      if (version === '1.90' && range.toNumber) query.to_number = range.toNumber;
      return list(API_PATHS[version].conversations, SessionSchema, query, { maxPages: 1 });
    },

    /** 1.90: the calls waiting in the outbound queue. */
    queuedCalls: () => list('/v1/voice/outbound/queued', QueuedCallFullSchema, {}, { paged: true, maxPages: 20 }),

    /** 1.90: cancel, pause or resume one queued call; resolves only when Feather confirms. */
    async queuedAction(conversationId: string, action: 'cancel' | 'pause' | 'resume') {
      const response = await send('POST', `/v1/voice/outbound/queued/${encodeURIComponent(conversationId)}/${action}`);
      if (response.status < 200 || response.status > 299) throw new AppFailure(httpFailure(response, undefined, scrub));
      return parse(response, QueuedActionSchema, `the ${action} request`);
    },

    /** 1.90: whether outbound is paused for the organisation, agents or teams. */
    async controls() {
      return parse(await getOk('/v1/voice/outbound/controls'), ControlsSchema, 'the outbound controls');
    },
  };
}
export type FeatherClient = ReturnType<typeof createFeatherClient>;

function transportFailure(error: unknown, method: string, scrub: Scrub): AppError {
  if (error instanceof TransportError) {
    if (error.kind === 'notSent') {
      return {
        code: 'offline',
        message: `Feather could not be reached (${error.message.replace(/\.$/, '')}). Nothing was sent; check the connection and try again.`,
      };
    }
    const status = error.status !== undefined ? { httpStatus: error.status } : {};
    if (method === 'GET') {
      return {
        code: 'outcome_unknown',
        ...status,
        message: `Feather did not answer in time (${error.message.replace(/\.$/, '')}). Try again.`,
      };
    }
    return {
      code: 'outcome_unknown',
      ...status,
      message:
        error.reason === 'timeout'
          ? `Feather did not answer in time, after the request was sent. The call may or may not have been placed — check History before calling again.`
          : `The connection dropped after the request was sent. The call may or may not have been placed — check History before calling again.`,
    };
  }
  return { code: 'internal', message: scrub(error instanceof Error ? error.message : String(error)) };
}

/** A non-2xx answer to the call request: 5xx and unknown statuses may have placed the call. */
function outboundFailure(response: HttpResponse, fieldOf: FieldMapper, scrub: Scrub): AppError {
  const status = response.status;
  if (status >= 300 && status <= 499) return httpFailure(response, fieldOf, scrub);
  return {
    code: 'outcome_unknown',
    httpStatus: status,
    message: `Feather answered HTTP ${status}${status >= 500 && status <= 599 ? ' (a server error)' : ''} after receiving the call request. The call may or may not have been placed — check before calling again.`,
  };
}

/** Turns a non-2xx answer into an AppError the UI can show next to its cause. */
export function httpFailure(response: HttpResponse, fieldOf?: FieldMapper, scrub: Scrub = scrubHeld): AppError {
  const status = response.status;
  const body = readErrorBody(response.body);
  const text = scrub(body.text).slice(0, 300);
  const said = text ? `: ${text}` : '';
  const base = { httpStatus: status, ...(body.code ? { featherCode: scrub(body.code).slice(0, 100) } : {}) };
  if (status === 401)
    return { ...base, code: 'invalid_key', message: `Feather refused the API key${said || '.'} Check or replace the key in Connection.` };
  if (status === 403) return { ...base, code: 'invalid_key', message: `This API key is not allowed to do that${said || '.'}` };
  if (status === 422) {
    const fields: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const item of body.items) {
      const msg = scrub(item.msg);
      const field = fieldOf?.(item.loc);
      if (field) fields[field] = fields[field] ? `${fields[field]} ${msg}` : msg;
      else unplaced.push(msg);
    }
    const message =
      unplaced.length > 0
        ? `Feather rejected the request: ${unplaced.join('; ')}`
        : text || 'Feather rejected some values; see the marked fields.';
    return { ...base, code: 'validation', message, fields };
  }
  if (status === 400) return { ...base, code: 'bad_request', message: `Feather rejected the request${said || '.'}` };
  if (status === 404) return { ...base, code: 'not_found', message: `Not found${said}. Check the IDs and the base URL.` };
  if (status === 405) return { ...base, code: 'not_found', message: 'This Feather server does not offer that operation.' };
  if (status === 409) return { ...base, code: 'conflict', message: `Feather reported a conflict${said || '.'}` };
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers['retry-after']) ?? body.retryAfterSeconds ?? undefined;
    return {
      ...base,
      code: 'rate_limited',
      message:
        retryAfter !== undefined
          ? `Feather is rate limiting this key. Wait ${retryAfter} s before trying again.`
          : 'Feather is rate limiting this key. Wait a moment before trying again.',
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  if (status >= 300 && status <= 399)
    return {
      ...base,
      code: 'bad_response',
      message: `Feather answered with a redirect (HTTP ${status}), which is not followed. Check the base URL.`,
    };
  if (status >= 500)
    return { ...base, code: 'server_error', message: `Feather had a server error (HTTP ${status})${said}. Try again shortly.` };
  return { ...base, code: 'bad_response', message: `Feather answered with an unexpected HTTP ${status}${said}.` };
}

function parseRetryAfter(value: string | string[] | undefined): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(raw);
  if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - Date.now()) / 1000));
  return undefined;
}

import type { z } from 'zod';
import {
  ErrorBodySchema,
  OutboundResponseSchema,
  ValidationDetailSchema,
  WhoamiResponseSchema,
  pageSchema,
  type OutboundRequest,
  type OutboundResponse,
  type Whoami,
} from '../../shared/feather-api';
import { AppFailure, type AppError } from '../../shared/result';
import { redactKeys } from '../../shared/key-hint';
import { TransportError, type HttpResponse, type HttpTransport } from './http-transport';

export interface FeatherClientOptions {
  baseUrl: string;
  apiKey: string;
  transport: HttpTransport;
  timeoutMs?: number;
}

/** Maps a 422 `loc` (e.g. ["body","context_variables","plan"]) to a field of ours. */
export type FieldMapper = (loc: Array<string | number>) => string | undefined;

export const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The Feather HTTP API. Every method resolves with parsed data or throws AppFailure
 * carrying a code the UI can act on. Nothing here retries: placing a call is not idempotent.
 */
export function createFeatherClient(options: FeatherClientOptions) {
  const base = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send(method: 'GET' | 'POST', path: string, body?: unknown): Promise<HttpResponse> {
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
        timeoutMs,
      });
    } catch (error) {
      throw new AppFailure(transportFailure(error, method));
    }
  }

  function parse<T extends z.ZodType>(response: HttpResponse, schema: T, what: string): z.output<T> {
    let json: unknown;
    try {
      json = JSON.parse(response.body);
    } catch {
      throw new AppFailure({ code: 'bad_response', message: `Feather's answer to ${what} was not JSON.`, httpStatus: response.status });
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new AppFailure({
        code: 'bad_response',
        message: `Feather's answer to ${what} had an unexpected shape.`,
        httpStatus: response.status,
      });
    }
    return parsed.data;
  }

  return {
    baseUrl: base,

    async whoami(): Promise<Whoami> {
      const response = await send('GET', '/v1/identity/whoami');
      if (response.status !== 200) throw new AppFailure(httpFailure(response));
      return parse(response, WhoamiResponseSchema, 'whoami');
    },

    /** Places a real phone call. Never retried; see outcome_unknown. */
    async placeOutbound(body: OutboundRequest, fieldOf: FieldMapper): Promise<OutboundResponse> {
      const response = await send('POST', '/v1/voice/outbound', body);
      if (response.status !== 200 && response.status !== 201) throw new AppFailure(httpFailure(response, fieldOf));
      try {
        return parse(response, OutboundResponseSchema, 'the call request');
      } catch (error) {
        if (error instanceof AppFailure) {
          // 200 means Feather accepted the call; we just cannot read the details.
          throw new AppFailure({
            ...error.appError,
            code: 'outcome_unknown',
            message:
              'Feather accepted the call (HTTP 200) but its answer could not be read, so there is no session id. The call is probably under way — check before calling again.',
          });
        }
        throw error;
      }
    },

    /** GET a cursor-paginated list, following `next_cursor` up to `maxPages`. */
    async list<T extends z.ZodType>(path: string, item: T, maxPages = 20): Promise<Array<z.output<T>>> {
      const all: Array<z.output<T>> = [];
      let cursor: string | null | undefined;
      for (let page = 0; page < maxPages; page++) {
        const query = new URLSearchParams({ limit: '100' });
        if (cursor) query.set('cursor', cursor);
        const response = await send('GET', `${path}?${query}`);
        if (response.status !== 200) throw new AppFailure(httpFailure(response));
        const data = parse(response, pageSchema(item), path);
        all.push(...data.items);
        if (!data.has_more || !data.next_cursor) break;
        cursor = data.next_cursor;
      }
      return all;
    },
  };
}
export type FeatherClient = ReturnType<typeof createFeatherClient>;

function transportFailure(error: unknown, method: string): AppError {
  if (error instanceof TransportError) {
    if (error.kind === 'notSent') {
      return {
        code: 'offline',
        message: `Feather could not be reached (${error.message.replace(/\.$/, '')}). Nothing was sent; check the connection and try again.`,
      };
    }
    if (method === 'GET') {
      return { code: 'outcome_unknown', message: `Feather did not answer in time (${error.message.replace(/\.$/, '')}). Try again.` };
    }
    return {
      code: 'outcome_unknown',
      message:
        error.reason === 'timeout'
          ? `Feather did not answer in time, after the request was sent. The call may or may not have been placed — check the call history before calling again.`
          : `The connection dropped after the request was sent. The call may or may not have been placed — check the call history before calling again.`,
    };
  }
  return { code: 'internal', message: redactKeys(error instanceof Error ? error.message : String(error)) };
}

/** Turns a non-2xx answer into an AppError the UI can show next to its cause. */
export function httpFailure(response: HttpResponse, fieldOf?: FieldMapper): AppError {
  const status = response.status;
  const detail = readDetail(response.body);
  const base = { httpStatus: status };
  if (status === 401) {
    return { ...base, code: 'invalid_key', message: `Feather refused the API key${detail.text ? `: ${detail.text}` : '.'} Check or replace the key in Connection.` };
  }
  if (status === 403) {
    return { ...base, code: 'invalid_key', message: `This API key is not allowed to do that${detail.text ? `: ${detail.text}` : '.'}` };
  }
  if (status === 422) {
    const fields: Record<string, string> = {};
    const unplaced: string[] = [];
    for (const item of detail.items) {
      const field = fieldOf?.(item.loc);
      if (field) fields[field] = fields[field] ? `${fields[field]} ${item.msg}` : item.msg;
      else unplaced.push(item.msg);
    }
    const message =
      unplaced.length > 0
        ? `Feather rejected the request: ${unplaced.join('; ')}`
        : detail.text || 'Feather rejected some values; see the marked fields.';
    return { ...base, code: 'validation', message, fields };
  }
  if (status === 400) return { ...base, code: 'bad_request', message: `Feather rejected the request${detail.text ? `: ${detail.text}` : '.'}` };
  if (status === 404) return { ...base, code: 'not_found', message: `Not found${detail.text ? `: ${detail.text}` : ''}. Check the IDs and the base URL.` };
  if (status === 405) return { ...base, code: 'not_found', message: 'This Feather server does not offer that operation.' };
  if (status === 409) return { ...base, code: 'conflict', message: `Feather reported a conflict${detail.text ? `: ${detail.text}` : '.'}` };
  if (status === 429) {
    const retryAfter = parseRetryAfter(response.headers['retry-after']);
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
  if (status >= 500) {
    return { ...base, code: 'server_error', message: `Feather had a server error (HTTP ${status}). Nothing suggests the call was placed; try again shortly.` };
  }
  return { ...base, code: 'bad_response', message: `Feather answered with an unexpected HTTP ${status}.` };
}

function readDetail(body: string): { text: string; items: Array<{ loc: Array<string | number>; msg: string }> } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { text: '', items: [] };
  }
  const parsed = ErrorBodySchema.safeParse(json);
  if (!parsed.success) return { text: '', items: [] };
  const detail = parsed.data.detail;
  if (typeof detail === 'string') return { text: redactKeys(detail).slice(0, 300), items: [] };
  const items = ValidationDetailSchema.safeParse(detail);
  if (items.success) return { text: '', items: items.data.map((i) => ({ loc: i.loc, msg: redactKeys(i.msg) })) };
  return { text: parsed.data.message ? redactKeys(parsed.data.message).slice(0, 300) : '', items: [] };
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

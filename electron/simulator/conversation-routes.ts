import type { CallTimings } from './call-outcomes';
import { messagesWire, sessionDetailWire, sessionWire } from './conversations';
import type { Conversation } from './sim-state';
import {
  checkLimit,
  cursorPage,
  errorReply,
  isUuid,
  parseBool,
  uuidItem,
  validationReply,
  type ApiVersion,
  type Reply,
  type ValidationItem,
} from './wire';

/**
 * GET {conversations}, {conversations}/{id} and {conversations}/{id}/messages of both versions
 * ({conversations} is /v1/v2/conversations on 1.21, /v1/conversations on 1.90), with the list's
 * filters and the query validation FastAPI would do. Parameters a version does not have (1.21 has
 * no `to_number`, `id`, …) are ignored, as a real server ignores unknown query parameters.
 */

export interface ConversationsContext {
  version: ApiVersion;
  orgId: string;
  conversations: Conversation[];
  now: number;
  timings: CallTimings;
}

const EVAL_FILTERS = ['has_evals', 'no_evals', 'all_passed', 'any_failed'];

export const conversationsPathOf = (version: ApiVersion) => (version === '1.90' ? '/v1/conversations' : '/v1/v2/conversations');

/** Null when `path` is not a conversations path of this version. */
export function conversationsRoute(ctx: ConversationsContext, method: string, path: string, query: Record<string, string>): Reply | null {
  if (method !== 'GET') return null;
  const base = conversationsPathOf(ctx.version);
  if (path === base) return listConversations(ctx, query);
  const m = new RegExp(`^${base}/([^/]+)(/messages)?$`).exec(path);
  if (!m) return null;
  const id = m[1]!;
  if (!isUuid(id)) return validationReply([uuidItem(['path', 'conversation_id'], id)]);
  const conv = ctx.conversations.find((c) => c.id === id);
  if (!m[2]) {
    if (!conv) return errorReply(ctx.version, 404, 'not_found', 'Conversation not found');
    return { status: 200, body: sessionDetailWire(ctx.version, ctx.orgId, conv, ctx.now, ctx.timings) };
  }
  const bad = pollQueryErrors(query);
  if (bad.length) return validationReply(bad);
  if (!conv) return errorReply(ctx.version, 404, 'not_found', 'Conversation not found');
  const since = query.since_seq === undefined ? -1 : Number(query.since_seq);
  return { status: 200, body: messagesWire(ctx.version, conv, ctx.now, since, ctx.timings) };
}

function pollQueryErrors(query: Record<string, string>): ValidationItem[] {
  const bad: ValidationItem[] = [];
  const since = query.since_seq;
  if (since !== undefined) {
    if (!/^\s*[-+]?\d+\s*$/.test(since))
      bad.push({
        loc: ['query', 'since_seq'],
        msg: 'Input should be a valid integer, unable to parse string as an integer',
        type: 'int_parsing',
        input: since,
      });
    else if (Number(since) < -1)
      bad.push({
        loc: ['query', 'since_seq'],
        msg: 'Input should be greater than or equal to -1',
        type: 'greater_than_equal',
        input: since,
        ctx: { ge: -1 },
      });
  }
  if (query.include_evidence !== undefined && parseBool(query.include_evidence) === 'invalid')
    bad.push({
      loc: ['query', 'include_evidence'],
      msg: 'Input should be a valid boolean, unable to interpret input',
      type: 'bool_parsing',
      input: query.include_evidence,
    });
  if (query.evidence_view !== undefined && !['display', 'full'].includes(query.evidence_view))
    bad.push({
      loc: ['query', 'evidence_view'],
      msg: "Input should be 'display' or 'full'",
      type: 'enum',
      input: query.evidence_view,
      ctx: { expected: "'display' or 'full'" },
    });
  return bad;
}

/** Newest first; every filter of the version's spec, each narrowing the list. */
function listConversations(ctx: ConversationsContext, query: Record<string, string>): Reply {
  const { version } = ctx;
  const bad: ValidationItem[] = [];
  const limit = checkLimit(query, 200);
  if (limit) bad.push(limit);
  const uuidParams = ['end_user_id', 'assigned_agent_id', ...(version === '1.90' ? ['id'] : [])];
  for (const p of uuidParams) if (query[p] !== undefined && !isUuid(query[p])) bad.push(uuidItem(['query', p], query[p]));
  const bounds: Record<'started_after' | 'started_before', number | null> = { started_after: null, started_before: null };
  for (const p of ['started_after', 'started_before'] as const) {
    if (query[p] === undefined) continue;
    const parsed = parseDateTime(query[p]);
    if (typeof parsed === 'number') bounds[p] = parsed;
    else
      bad.push({
        loc: ['query', p],
        msg: `Input should be a valid datetime or date, ${parsed.reason}`,
        type: 'datetime_from_date_parsing',
        input: query[p],
      });
  }
  if (query.eval_filter !== undefined && !EVAL_FILTERS.includes(query.eval_filter))
    bad.push({
      loc: ['query', 'eval_filter'],
      msg: "Input should be 'has_evals', 'no_evals', 'all_passed' or 'any_failed'",
      type: 'enum',
      input: query.eval_filter,
      ctx: { expected: "'has_evals', 'no_evals', 'all_passed' or 'any_failed'" },
    });
  if (bad.length) return validationReply(bad);

  const sessions = ctx.conversations
    .map((c, order) => ({ c, order, s: sessionWire(version, ctx.orgId, c, ctx.now, ctx.timings) as Record<string, unknown> }))
    .sort((a, b) => b.c.createdAt - a.c.createdAt || b.order - a.order);
  const is = (param: string, field: string) => (x: { s: Record<string, unknown> }) =>
    query[param] === undefined || x.s[field] === query[param];
  const filters = [
    is('status', 'status'),
    is('channel', 'channel'),
    is('end_user_id', 'end_user_id'),
    is('assigned_agent_id', 'assigned_agent_id'),
    is('priority', 'priority'),
    (x: { c: Conversation }) => bounds.started_after === null || x.c.createdAt >= bounds.started_after,
    (x: { c: Conversation }) => bounds.started_before === null || x.c.createdAt <= bounds.started_before,
    (x: { s: Record<string, unknown> }) =>
      query.q === undefined ||
      String(x.s.summary ?? '')
        .toLowerCase()
        .includes(query.q.toLowerCase()),
    // no simulated call has evaluations
    () => query.eval_filter === undefined || query.eval_filter === 'no_evals',
    ...(version === '1.90'
      ? [
          is('from_number', 'from_number'),
          is('to_number', 'to_number'),
          is('email', 'email'),
          is('id', 'id'),
          is('external_session_id', 'external_session_id'),
        ]
      : []),
  ];
  const list = sessions.filter((x) => filters.every((f) => f(x))).map((x) => x.s);
  return { status: 200, ...cursorPage(list, query) };
}

/**
 * A `string<date-time>` query value as pydantic reads it: RFC 3339 (`T` or space, seconds and
 * fraction optional, no offset = UTC), a bare date (midnight UTC), or unix time in seconds (or ms).
 * Note that an unencoded `+01:00` arrives as ` 01:00` and fails, as it does on the real server.
 */
export function parseDateTime(raw: string): number | { reason: string } {
  if (/^[-+]?\d+(\.\d+)?$/.test(raw)) {
    const n = Number(raw);
    return Math.abs(n) > 2e10 ? n : n * 1000;
  }
  if (raw.length < 10) return { reason: 'input is too short' };
  if (!/^\d{4}/.test(raw)) return { reason: 'invalid character in year' };
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/.exec(raw);
  if (!m) return { reason: 'unexpected extra characters at the end of the input' };
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const offset = /^[Zz]$/.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${frac.slice(0, 4)}${offset}`);
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (
    Number.isNaN(ms) ||
    Number(mo) < 1 ||
    Number(mo) > 12 ||
    day.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  )
    return { reason: 'invalid date or time' };
  return ms;
}

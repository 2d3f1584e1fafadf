import { ownValue } from '../../../shared/identifiers';
import type { Caller, VariableRow } from '../../../shared/call-intent';
import { variableField } from '../../../shared/variable-field';
import type { Directory } from '../../../shared/contract';
import type { FeatherVarType, OutboundRequest } from '../../../shared/feather-api';
import { declaredFor } from '../../../shared/templates/declared-check';
import { normalizeDialInput, parsePhone } from '../../../shared/phone';
import { nonCallableProblem, type NumberKind } from '../../../shared/contacts/non-callable-problem';
import { renderTemplate, type RenderContext, type RenderedTemplate } from '../../../shared/templates/render-template';
import type { Template } from '../../../shared/templates/template';
import type { Confirmation } from '../../../shared/call-preview';
import { buildOutboundRequest, type PlanRow } from './outbound-request';

/**
 * The one place that decides what a call sends, or why it cannot go. Core runs it for the card
 * (`call:preview`, on every change of the draft) and again before sending (`call:place`), with the
 * same inputs assembled by the same function (call-planner.ts), for every entry point.
 */

/** What the directory says, as far as the plan needs it. */
export type PlanDirectory = Pick<
  Directory,
  'apiVersion' | 'phoneNumbers' | 'agents' | 'teams' | 'bindings' | 'variables' | 'revisionVariables' | 'unavailable' | 'fetchedAt'
>;

/** The draft as main resolved it: the country is main's setting, the template is chosen by id. */
export interface PlanIntent {
  toNumber: string;
  defaultCountry: string;
  fromNumberId: string;
  caller: Caller;
  /** typed rows; ignored when a template is chosen */
  contextVariables: VariableRow[];
  templateId?: string;
  /** one-off values for template rows whose placeholders have no value, by variable name (for this number: the planner checks) */
  oneOff?: Record<string, string>;
  instant?: boolean;
  expiresInSeconds?: number;
}

export interface PlanInput {
  intent: PlanIntent;
  directory: PlanDirectory | null;
  /** the template named by `intent.templateId`, if any (null: it no longer exists) */
  template?: Pick<Template, 'name' | 'variables'> | null;
  /** what placeholders read: the contact called, the user, the time */
  context: RenderContext;
  /** why this number must not be called, when it must not (a lookup by E.164) */
  doNotCall?: (e164: string) => string | null;
  /**
   * a fax, pager, telex, TTY or modem line some contact keeps under this number (a lookup by
   * E.164); the lookup answers null when any contact also has it as a voice number: voice wins
   */
  numberKind?: (e164: string) => NumberKind | null;
  /** sent as `idempotency_key` (placing only; the preview does not need it) */
  idempotencyKey?: string;
  /** organisation data older than this is flagged as stale; default 7 days */
  staleAfterMs?: number;
  /** what the call guards decided (calls/guards/): a number type the policy blocks, and what needs "Call anyway" */
  guards?: { blocked: string | null; confirmations: Confirmation[] };
}

/** A template row as this call renders it. */
export type PlanTemplateRow =
  | { variableId: string; key: string; state: 'value'; text: string }
  /** marked "leave out when empty", and it was: not sent */
  | { variableId: string; key: string; state: 'omitted'; text: '' }
  /** its placeholders had no value; the value given on the card for this call is used */
  | { variableId: string; key: string; state: 'oneOff'; text: string; choices: string[] | null }
  /** blocks the call: the problem is on its field; `choices`: an enum row's allowed values */
  | { variableId: string; key: string; state: 'missing'; text: string; canGiveValue: boolean; choices: string[] | null };

export interface CallPlan {
  ok: boolean;
  /** exactly what is sent, when nothing blocks */
  body: OutboundRequest | null;
  /** blocking problems, by field: toNumber, fromNumberId, agentId, teamId, contextVariables.N, template */
  problems: Record<string, string>;
  /** each field of `problems` as the user knows it: "To number", "clinic" */
  fieldNames: Record<string, string>;
  /** things to know that do not block: a team drops variables, stale data, a system variable… */
  notices: string[];
  /** variable → the Feather type it is sent as */
  types: Record<string, FeatherVarType>;
  droppedVariables: number;
  /** the template's rows as rendered for this call (null without a template) */
  templateRows: PlanTemplateRow[] | null;
  /** the variable name of each row, in order (`contextVariables.N` is row N): Feather's 422 lands on its row */
  rowKeys: string[];
  /** why the number must not be called, when the problem that blocks is do-not-call */
  doNotCall: string | null;
  /** the to-number is a fax, pager, telex, TTY or modem line: no agent can talk to it */
  nonCallable: boolean;
  /** what needs "Call anyway" (calling hours, number types): `call:place` must say the user confirmed each */
  confirmations: Confirmation[];
}

const STALE_MS = 7 * 24 * 3600_000;

/**
 * Template rows as the body builder takes them: text, the type to coerce to, left-out rows, and
 * the one-off value given on the card for a row whose placeholders had no value.
 */
function templateRows(template: Pick<Template, 'variables'>, rendered: RenderedTemplate, oneOff: Record<string, string>): PlanRow[] {
  return rendered.rows.map((row, i) => {
    const v = template.variables[i]!;
    if (row.ok && row.omitted) return { key: row.key, value: '', omit: true };
    const given = row.ok ? undefined : oneOffFor(oneOff, row.key, row.error);
    return { key: row.key, value: row.ok ? row.text : (given ?? ''), type: v.type, enumValues: v.enumValues };
  });
}

/** A one-off value applies only where the row lacks a value (not to an unknown placeholder, a typo to fix in the template). */
function oneOffFor(oneOff: Record<string, string>, key: string, error: string): string | undefined {
  if (/^Unknown placeholder/.test(error)) return undefined;
  const value = ownValue(oneOff, key);
  return value !== undefined && value.trim() ? value : undefined;
}

function rowViews(template: Pick<Template, 'variables'>, rendered: RenderedTemplate, oneOff: Record<string, string>): PlanTemplateRow[] {
  return rendered.rows.map((row, i): PlanTemplateRow => {
    const base = { variableId: row.variableId, key: row.key };
    if (row.ok) return row.omitted ? { ...base, state: 'omitted', text: '' } : { ...base, state: 'value', text: row.text };
    const v = template.variables[i];
    const choices = v?.type === 'enum' ? v.enumValues : null;
    const given = oneOffFor(oneOff, row.key, row.error);
    if (given !== undefined) return { ...base, state: 'oneOff', text: given, choices };
    return {
      ...base,
      state: 'missing',
      text: row.text,
      canGiveValue: !/^Unknown placeholder/.test(row.error) && Boolean(row.key),
      choices,
    };
  });
}

export function planCall(input: PlanInput): CallPlan {
  const { intent, directory } = input;
  const problems: Record<string, string> = {};
  const notices: string[] = [];
  const caller = intent.caller;
  const agentId = caller.mode === 'agent' ? caller.agentId.trim() : '';
  const teamId = caller.mode === 'team' ? caller.teamId.trim() : '';
  const from = intent.fromNumberId.trim();
  const oneOff = intent.oneOff ?? {};

  // Variables: a template is rendered here, against the contact; otherwise the rows as typed.
  let shownRows: PlanTemplateRow[] | null = null;
  let rows: PlanRow[] = intent.contextVariables;
  if (intent.templateId) {
    if (!input.template) problems.template = 'This template no longer exists; choose another one or none.';
    else {
      const rendered = renderTemplate(input.template, input.context);
      rows = templateRows(input.template, rendered, oneOff);
      shownRows = rowViews(input.template, rendered, oneOff);
      // Template rows matter only where they are sent: an agent call.
      if (caller.mode === 'agent') {
        rendered.rows.forEach((row, i) => {
          if (!row.ok && shownRows![i]!.state === 'missing') problems[variableField(i)] = row.error;
        });
      }
    }
  }

  const declared = agentId ? declaredFor(directory, from, agentId).declared : null;
  const agentName = directory?.agents.find((a) => a.id === agentId)?.label ?? 'This agent';
  const built = buildOutboundRequest(
    { ...intent, contextVariables: rows },
    { declared, agentName, apiVersion: directory?.apiVersion ?? null, idempotencyKey: input.idempotencyKey },
  );
  if (!built.ok) for (const [field, message] of Object.entries(built.fields)) problems[field] ??= message;

  // Bindings: what Feather would refuse, where we know what is bound.
  if (directory && from) {
    const bound = ownValue(directory.bindings, from);
    const label = directory.phoneNumbers.find((n) => n.id === from)?.label ?? 'this number';
    if (bound && bound.agentIds.length === 0 && bound.teamIds.length === 0) {
      problems.fromNumberId ??= `${label} has no outbound bindings in Feather, so it cannot place calls. Choose another number, or bind an agent or team to it in Feather.`;
    } else if (bound) {
      if (agentId && !bound.agentIds.includes(agentId))
        problems.agentId ??= `This agent is not bound to ${label} for outbound calls; Feather would refuse. Choose one of the agents listed.`;
      if (teamId && !bound.teamIds.includes(teamId))
        problems.teamId ??= `This team is not bound to ${label} for outbound calls; Feather would refuse. Choose one of the teams listed.`;
    } else if (!problems.fromNumberId) {
      notices.push(`Feather did not say what is bound to ${label}: an agent or team that is not bound will be refused.`);
    }
    // The from-number against Feather's own list (voice-capable, active numbers): when main holds that list, a number
    // not in it (paused, SMS-only, another organisation's) and not saved by the user is refused here, before Feather's 422.
    // Only when the list itself is not available (404/405/403, never fetched) does an unknown number pass, with a notice.
    const listed = directory.phoneNumbers.find((n) => n.id === from);
    const listHeld = Boolean(directory.fetchedAt) && !directory.unavailable.some((u) => u.startsWith('phone numbers'));
    if (
      listed &&
      !listed.manual &&
      ((listed.status && listed.status !== 'active') || (listed.capabilities?.length && !listed.capabilities.includes('voice')))
    ) {
      problems.fromNumberId ??= `${listed.label} cannot place calls: Feather lists it as ${[listed.status !== 'active' ? listed.status : null, listed.capabilities?.includes('voice') ? null : `${listed.capabilities!.join(', ')} only`].filter(Boolean).join(', ')}. Choose another number.`;
    } else if (!listed && listHeld) {
      problems.fromNumberId ??=
        'This from-number is not one of your organisation’s voice numbers in Feather (paused, SMS-only, or not yours). Choose one from the list; a number Feather does not list can be added in Connection → Your numbers.';
    } else if (!listed && directory.fetchedAt) {
      notices.push('This from-number is not one of the numbers this connection lists: Feather will refuse the call if it is not yours.');
    }
    const callerId = agentId || teamId;
    const callers = agentId ? directory.agents : directory.teams;
    if (callerId && directory.fetchedAt && callers.length > 0 && !callers.some((c) => c.id === callerId)) {
      notices.push(`This ${agentId ? 'agent' : 'team'} is not one this connection lists: Feather will refuse the call if it is not yours.`);
    }
  }

  const pasted = normalizeDialInput(intent.toNumber);
  const phone = parsePhone(pasted.text, intent.defaultCountry);
  const blocked = phone.ok ? (input.doNotCall?.(phone.e164) ?? null) : null;
  if (blocked) problems.toNumber = `Do-not-call: ${blocked}`;
  const kind = phone.ok ? (input.numberKind?.(phone.e164) ?? null) : null;
  const lineProblem = kind ? nonCallableProblem(kind) : null;
  if (lineProblem) problems.toNumber ??= lineProblem;
  // a number type the organisation's policy blocks: no override
  if (phone.ok && input.guards?.blocked) problems.toNumber ??= input.guards.blocked;

  if (built.ok) notices.push(...built.notices);
  if (directory?.fetchedAt && input.context.now.getTime() - Date.parse(directory.fetchedAt) > (input.staleAfterMs ?? STALE_MS)) {
    notices.push(
      `Organisation data (numbers, bindings, variables) is from ${new Date(directory.fetchedAt).toLocaleDateString()}: refresh to be sure it is current.`,
    );
  }

  const ok = Object.keys(problems).length === 0 && built.ok;
  return {
    ok,
    body: ok && built.ok ? built.body : null,
    problems,
    fieldNames: Object.fromEntries(Object.keys(problems).map((field) => [field, fieldName(field, rows)])),
    notices,
    types: built.ok ? built.types : {},
    droppedVariables: built.ok ? built.droppedVariables : 0,
    templateRows: shownRows,
    rowKeys: rows.map((row) => row.key.trim()),
    doNotCall: blocked,
    nonCallable: Boolean(lineProblem),
    confirmations: input.guards?.confirmations ?? [],
  };
}

/** How many problems, and where, in words: "2 things need attention: To number, clinic." */
export function problemSummary(plan: Pick<CallPlan, 'problems' | 'fieldNames'>): string | null {
  const names = Object.keys(plan.problems).map((field) => plan.fieldNames[field] ?? field);
  if (names.length === 0) return null;
  return `${names.length} ${names.length === 1 ? 'thing needs' : 'things need'} attention: ${names.join(', ')}.`;
}

/** A field key as the user knows it: `contextVariables.2` → the row's variable name ("clinic"). */
export function fieldName(field: string, rows: ReadonlyArray<{ key: string }> = []): string {
  const fixed = FIELD_NAMES[field];
  if (fixed) return fixed;
  if (!field.startsWith('contextVariables.')) return field;
  const index = Number(field.split('.')[1]);
  const key = rows[index]?.key.trim();
  return key || `the variable in row ${index + 1} (no name yet)`;
}
const FIELD_NAMES: Record<string, string> = {
  toNumber: 'To number',
  fromNumberId: 'From number',
  agentId: 'Agent',
  teamId: 'Team',
  template: 'Template',
  contextVariables: 'Variables',
};

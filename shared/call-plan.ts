import { ownValue } from './identifiers';
import { buildOutboundRequest, variableField, type CallIntent, type VariableRow } from './call-intent';
import type { Directory } from './contract';
import type { FeatherVarType, OutboundRequest } from './feather-api';
import { declaredFor } from './templates/declared-check';
import { normalizeDialInput, parsePhone } from './phone';
import { nonCallableProblem, type NumberKind } from './contacts/non-callable-problem';
import { renderTemplate, type RenderContext, type RenderedTemplate } from './templates/render-template';
import type { Template } from './templates/template';

/**
 * The one place that decides what a call sends, or why it cannot go. The renderer shows its
 * result on the call card; main runs it again, with its own copies of everything, for every
 * entry point (window, tray, hotkey, tel: links) and refuses to send on any problem.
 */

/** What the directory says, as far as the plan needs it. */
export type PlanDirectory = Pick<
  Directory,
  'apiVersion' | 'phoneNumbers' | 'agents' | 'teams' | 'bindings' | 'variables' | 'revisionVariables' | 'unavailable' | 'fetchedAt'
>;

export interface PlanInput {
  intent: Omit<CallIntent, 'requestId'>;
  directory: PlanDirectory | null;
  /** the template named by `intent.templateId`, if any (null: it no longer exists) */
  template?: Pick<Template, 'name' | 'variables'> | null;
  /** what placeholders read: the contact called, the user, the time */
  context: RenderContext;
  /** why this number must not be called, when it must not (or a lookup by E.164) */
  doNotCall?: string | null | ((e164: string) => string | null);
  /**
   * a fax, pager, telex, TTY or modem line some contact keeps under this number (or a lookup by
   * E.164); the lookup answers null when any contact also has it as a voice number: voice wins
   */
  numberKind?: NumberKind | null | ((e164: string) => NumberKind | null);
  /** sent as `idempotency_key` (main adds it; the card does not need it) */
  idempotencyKey?: string;
  /** organisation data older than this is flagged as stale; default 7 days */
  staleAfterMs?: number;
}

export interface CallPlan {
  ok: boolean;
  /** exactly what is sent, when nothing blocks */
  body: OutboundRequest | null;
  /** blocking problems, by field: toNumber, fromNumberId, agentId, teamId, contextVariables.N, template */
  problems: Record<string, string>;
  /** things to know that do not block: a team drops variables, stale data, a system variable… */
  notices: string[];
  /** variable → the Feather type it is sent as */
  types: Record<string, FeatherVarType>;
  droppedVariables: number;
  /** the template's rows as rendered for this call (null without a template) */
  rendered: RenderedTemplate | null;
  /** the problem that blocks is do-not-call */
  doNotCall: boolean;
  /** the to-number is a fax, pager, telex, TTY or modem line: no agent can talk to it */
  nonCallable: boolean;
}

const STALE_MS = 7 * 24 * 3600_000;

/** Template rows as the body builder takes them: text, the type to coerce to, and left-out rows. */
export function templateRows(template: Pick<Template, 'variables'>, rendered: RenderedTemplate): VariableRow[] {
  return rendered.rows.map((row, i) => {
    const v = template.variables[i]!;
    if (row.ok && row.omitted) return { key: row.key, value: '', omit: true };
    return { key: row.key, value: row.ok ? row.text : '', type: v.type, enumValues: v.enumValues };
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

  // Variables: a template is rendered here, against the contact; otherwise the rows as typed.
  let rendered: RenderedTemplate | null = null;
  let rows = intent.contextVariables;
  if (intent.templateId) {
    if (!input.template) problems.template = 'This template no longer exists; choose another one or none.';
    else {
      rendered = renderTemplate(input.template, input.context);
      rows = templateRows(input.template, rendered);
      // Template rows matter only where they are sent: an agent call.
      if (caller.mode === 'agent') rendered.rows.forEach((row, i) => !row.ok && (problems[variableField(i)] = row.error));
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
  }

  const pasted = normalizeDialInput(intent.toNumber);
  const phone = parsePhone(pasted.text, intent.defaultCountry);
  const blocked = typeof input.doNotCall === 'function' ? (phone.ok ? input.doNotCall(phone.e164) : null) : input.doNotCall;
  if (blocked) problems.toNumber = `Do-not-call: ${blocked}`;
  const kind = typeof input.numberKind === 'function' ? (phone.ok ? input.numberKind(phone.e164) : null) : input.numberKind;
  const lineProblem = kind ? nonCallableProblem(kind) : null;
  if (lineProblem) problems.toNumber ??= lineProblem;

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
    notices,
    types: built.ok ? built.types : {},
    droppedVariables: built.ok ? built.droppedVariables : 0,
    rendered,
    doNotCall: Boolean(blocked),
    nonCallable: Boolean(lineProblem),
  };
}

/** How many problems, and where, in words: "2 need attention: To number, Variable 3". */
export function problemSummary(problems: Record<string, string>): string | null {
  const names = Object.keys(problems).map(fieldName);
  if (names.length === 0) return null;
  return `${names.length} ${names.length === 1 ? 'thing needs' : 'things need'} attention: ${names.join(', ')}.`;
}
/** A field key as the user knows it: `contextVariables.2` → "Variable 3". */
export function fieldName(field: string): string {
  return FIELD_NAMES[field] ?? (field.startsWith('contextVariables.') ? `Variable ${Number(field.split('.')[1]) + 1}` : field);
}
const FIELD_NAMES: Record<string, string> = {
  toNumber: 'To number',
  fromNumberId: 'From number',
  agentId: 'Agent',
  teamId: 'Team',
  template: 'Template',
  contextVariables: 'Variables',
};

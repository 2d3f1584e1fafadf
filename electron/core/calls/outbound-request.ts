import { normalizeDialInput, parsePhone } from '../../../shared/phone';
import { identifierProblem } from '../../../shared/identifiers';
import type { ApiVersion, FeatherVarType, OutboundRequest } from '../../../shared/feather-api';
import type { Caller } from '../../../shared/call-intent';
import { variableField } from '../../../shared/variable-field';
import type { VariableType } from '../../../shared/templates/template';
import { checkDeclared, declaredType, systemNotice, toFeatherValue, type DeclaredVariable } from '../../../shared/templates/declared-check';
import { coerce, hasPlaceholder } from '../../../shared/templates/render-template';

/** A context-variable row as the body builder takes it: typed on the card, or a template's row as rendered. */
export interface PlanRow {
  key: string;
  value: string;
  /** from a template: the value is coerced to this type before it is sent */
  type?: VariableType;
  enumValues?: string[];
  /** a template row marked "leave out when empty" whose placeholders had no value: not sent */
  omit?: boolean;
}

/** What the body is built from: the draft as main resolved it (country from settings, rows rendered). */
export interface OutboundInput {
  toNumber: string;
  defaultCountry: string;
  fromNumberId: string;
  caller: Caller;
  contextVariables: PlanRow[];
  instant?: boolean;
  expiresInSeconds?: number;
}

/** What main (and the card) know when building the body. */
export interface CallKnowledge {
  /** the variables the chosen agent takes from this number (pinned revision or active), if known */
  declared?: DeclaredVariable[] | null;
  agentName?: string;
  /** the server's API version: 1.90-only fields are sent only there */
  apiVersion?: ApiVersion | null;
  /** sent as `idempotency_key` (the card's request id; a fresh one after a certain "not placed") */
  idempotencyKey?: string;
}

export type BuiltCall =
  | {
      ok: true;
      body: OutboundRequest;
      notices: string[];
      droppedVariables: number;
      /** variable → the Feather type it is sent as, where the agent declares it */
      types: Record<string, FeatherVarType>;
    }
  | { ok: false; fields: Record<string, string> };

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one place that turns a call into the exact POST body, run by the call plan (core) for the
 * card's preview and again before sending: what is shown is what is sent.
 */
export function buildOutboundRequest(intent: OutboundInput, known: CallKnowledge = {}): BuiltCall {
  const fields: Record<string, string> = {};
  const declared = intent.caller.mode === 'agent' ? (known.declared ?? null) : null;
  const types: Record<string, FeatherVarType> = {};
  const variableNotices: string[] = [];
  // Pasted forms (tel: links, typographic dashes, an extension) are made dialable first, with a notice.
  const pasted = normalizeDialInput(intent.toNumber);
  const phone = parsePhone(pasted.text, intent.defaultCountry, { suggestCountry: true });
  if (!phone.ok) fields.toNumber = phone.message;

  const fromId = intent.fromNumberId.trim();
  if (!fromId) fields.fromNumberId = 'Choose the number to call from.';
  else if (!UUID.test(fromId)) fields.fromNumberId = 'A from-number ID is a UUID, like 3f2c1a9e-…-…; copy it from Feather.';

  const caller = intent.caller;
  if (caller.mode === 'agent') {
    if (!caller.agentId.trim()) fields.agentId = 'Choose the agent who calls, or pick Automatic.';
    else if (!UUID.test(caller.agentId.trim())) fields.agentId = 'An agent ID is a UUID; copy it from Feather.';
  }
  if (caller.mode === 'team') {
    if (!caller.teamId.trim()) fields.teamId = 'Choose the team who calls, or pick Automatic.';
    else if (!UUID.test(caller.teamId.trim())) fields.teamId = 'A team ID is a UUID; copy it from Feather.';
  }

  const variables: Record<string, string | number | boolean> = {};
  const seen = new Map<string, number>();
  // Only an agent call sends variables; for a team or Automatic they are counted, not checked.
  const sending = intent.caller.mode === 'agent';
  const dropped = intent.contextVariables.filter((row) => !row.omit && (row.key.trim() || row.value.trim())).length;
  if (sending)
    intent.contextVariables.forEach((row, index) => {
      const key = row.key.trim();
      if (row.omit) return; // a template row left out because its placeholders had no value
      if (!key && !row.value.trim()) return; // an empty row is just an unused line
      if (!key) {
        fields[variableField(index)] = 'Give this value a variable name, or clear the row.';
        return;
      }
      const badName = identifierProblem(key);
      if (badName) {
        fields[variableField(index)] = badName;
        return;
      }
      if (seen.has(key)) {
        fields[variableField(index)] = `"${key}" is already set in row ${(seen.get(key) ?? 0) + 1}.`;
        return;
      }
      if (hasPlaceholder(row.value)) {
        fields[variableField(index)] = 'This value still has a {{placeholder}} in it; it would be sent literally.';
        return;
      }
      seen.set(key, index);
      const undeclared = checkDeclared(key, declared, known.agentName ?? 'This agent');
      if (undeclared) {
        fields[variableField(index)] = undeclared;
        return;
      }
      let value: string | number | boolean = row.value;
      if (row.type && row.type !== 'text') {
        const typed = coerce(row.value, row.type, row.enumValues ?? []);
        if (!typed.ok) {
          fields[variableField(index)] = typed.error;
          return;
        }
        value = typed.value;
      }
      // Then as Feather declares it: the wire type is Feather's (a date template row is a string).
      const featherType = declaredType(key, declared);
      if (featherType) {
        const wire = toFeatherValue(value, featherType, declared!.find((d) => d.name === key)?.enumValues ?? row.enumValues ?? []);
        if (!wire.ok) {
          fields[variableField(index)] = wire.error;
          return;
        }
        value = wire.value;
        types[key] = featherType;
      }
      const flagged = systemNotice(key, declared);
      if (flagged) variableNotices.push(flagged);
      variables[key] = value;
    });

  if (Object.keys(fields).length > 0 || !phone.ok) return { ok: false, fields };

  const body: OutboundRequest = { from_phone_number_id: fromId, to_phone_number: phone.e164 };
  const notices: string[] = [...pasted.notices, ...variableNotices];
  const count = sending ? Object.keys(variables).length : dropped;
  let droppedVariables = 0;
  if (caller.mode === 'agent') {
    body.agent_id = caller.agentId.trim();
    if (count > 0) body.context_variables = variables;
  } else {
    if (caller.mode === 'team') body.team_id = caller.teamId.trim();
    if (count > 0) {
      droppedVariables = count;
      notices.push(
        caller.mode === 'team'
          ? `Feather ignores context variables on team calls, so ${plural(count, 'value')} will not be sent. Choose an agent to send them.`
          : `With Automatic, Feather may pick a team, which ignores context variables, so ${plural(count, 'value')} will not be sent. Choose an agent to send them.`,
      );
    }
  }
  // 1.90 only: queue options. The idempotency key goes wherever the server may be 1.90 (known or not yet
  // detected); a server known to be 1.21 has no such field, and nothing there could count on it.
  if (known.apiVersion === '1.90') {
    if (intent.instant) body.instant = true;
    if (intent.expiresInSeconds !== undefined && !intent.instant) body.expires_in_seconds = intent.expiresInSeconds;
  }
  if (known.idempotencyKey && known.apiVersion !== '1.21') body.idempotency_key = known.idempotencyKey;
  return { ok: true, body, notices, droppedVariables, types };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

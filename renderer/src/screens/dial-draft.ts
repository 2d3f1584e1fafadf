import type { Caller, CallIntent, VariableRow } from '../../../shared/call-intent';
import type { LastCaller } from '../../../shared/contract';
import type { Contact } from '../../../shared/contacts/contact';
import type { TemplateCaller } from '../../../shared/templates/template';

/** What the user is typing on the Dial screen; kept whole through errors and retries. */
export interface DialDraft {
  toNumber: string;
  fromNumberId: string;
  callerMode: Caller['mode'];
  agentId: string;
  teamId: string;
  variables: VariableRow[];
  /** set when the call was started from a contact */
  contactId?: string;
  /** API 1.90: a queued call expires undialled after this long; undefined = the organisation's default */
  expiresInSeconds?: number;
}

/** A call started elsewhere (a contact, later the tray or a tel: link). */
export interface DialRequest {
  toNumber: string;
  contactId?: string;
  contactName?: string;
  label?: string;
  /** the contact itself, for template placeholders and its default caller */
  contact?: Contact;
  nonce: number;
}

/** Applies a default caller to a draft; one without a from-number (a template's may have none) keeps the draft's. */
export function withCaller(draft: DialDraft, caller: LastCaller | TemplateCaller): DialDraft {
  return {
    ...draft,
    fromNumberId: caller.fromNumberId ?? draft.fromNumberId,
    callerMode: caller.caller.mode,
    agentId: caller.caller.mode === 'agent' ? caller.caller.agentId : draft.agentId,
    teamId: caller.caller.mode === 'team' ? caller.caller.teamId : draft.teamId,
  };
}

export function initialDraft(last: LastCaller | null, request?: DialRequest | null): DialDraft {
  return {
    toNumber: request?.toNumber ?? '',
    ...(request?.contactId ? { contactId: request.contactId } : {}),
    fromNumberId: last?.fromNumberId ?? '',
    callerMode: last?.caller.mode ?? 'auto',
    agentId: last?.caller.mode === 'agent' ? last.caller.agentId : '',
    teamId: last?.caller.mode === 'team' ? last.caller.teamId : '',
    variables: [{ key: '', value: '' }],
  };
}

export function draftCaller(draft: DialDraft): Caller {
  if (draft.callerMode === 'agent') return { mode: 'agent', agentId: draft.agentId };
  if (draft.callerMode === 'team') return { mode: 'team', teamId: draft.teamId };
  return { mode: 'auto' };
}

/** With a template, main renders its rows itself (against the contact); the typed rows are not sent. */
export function draftIntent(draft: DialDraft, defaultCountry: string, templateId?: string): Omit<CallIntent, 'requestId'> {
  return {
    toNumber: draft.toNumber,
    defaultCountry,
    fromNumberId: draft.fromNumberId,
    caller: draftCaller(draft),
    contextVariables: templateId ? [] : draft.variables,
    ...(templateId ? { templateId } : {}),
    ...(draft.contactId ? { contactId: draft.contactId } : {}),
    ...(draft.expiresInSeconds !== undefined ? { expiresInSeconds: draft.expiresInSeconds } : {}),
  };
}

import type { Caller, CallIntent, VariableRow } from '../../../shared/call-intent';
import type { LastCaller } from '../../../shared/contract';

/** What the user is typing on the Dial screen; kept whole through errors and retries. */
export interface DialDraft {
  toNumber: string;
  fromNumberId: string;
  callerMode: Caller['mode'];
  agentId: string;
  teamId: string;
  variables: VariableRow[];
}

export function initialDraft(last: LastCaller | null): DialDraft {
  return {
    toNumber: '',
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

export function draftIntent(draft: DialDraft, defaultCountry: string): Omit<CallIntent, 'requestId'> {
  return {
    toNumber: draft.toNumber,
    defaultCountry,
    fromNumberId: draft.fromNumberId,
    caller: draftCaller(draft),
    contextVariables: draft.variables,
  };
}

import { buildOutboundRequest, variableField, type CallIntent } from '../../shared/call-intent';
import type { CallResult } from '../../shared/contract';
import { AppFailure } from '../../shared/result';
import type { FeatherClient, FieldMapper } from './feather-client';

export interface DialerDeps {
  client(): Promise<FeatherClient>;
  now?: () => Date;
  /** why a number must not be called (do-not-call), from every contact that has it */
  blockedReason?(e164: string): string | null;
  /** after Feather accepted a call */
  onPlaced?(intent: CallIntent, result: CallResult): void;
}

/** Outcomes that must never lead to a second POST for the same request id. */
const FINAL = new Set(['outcome_unknown']);
const REMEMBERED = 1000;

/**
 * The only path to POST /v1/voice/outbound. Every entry point (button, Enter, hotkey, tray,
 * tel: link, redial) reaches it with a request id minted once per call card, and one id
 * places at most one call: a second submission joins the first one's outcome.
 */
export function createDialer(deps: DialerDeps) {
  const now = deps.now ?? (() => new Date());
  const attempts = new Map<string, Promise<CallResult>>();

  function remember(id: string, attempt: Promise<CallResult>) {
    attempts.set(id, attempt);
    if (attempts.size > REMEMBERED) attempts.delete(attempts.keys().next().value as string);
  }

  async function dial(intent: CallIntent): Promise<CallResult> {
    const built = buildOutboundRequest(intent);
    if (!built.ok) {
      throw new AppFailure({ code: 'validation', message: 'Some details need fixing before this call can be placed.', fields: built.fields });
    }
    const blocked = deps.blockedReason?.(built.body.to_phone_number);
    if (blocked) {
      throw new AppFailure({ code: 'do_not_call', message: `Not called — do-not-call. ${blocked}`, fields: { toNumber: `Do-not-call: ${blocked}` } });
    }
    const client = await deps.client();
    const response = await client.placeOutbound(built.body, fieldMapper(intent));
    const result: CallResult = {
      requestId: intent.requestId,
      sessionId: response.session_id,
      roomName: response.room_name,
      dispatchId: response.dispatch_id,
      agentName: response.agent_name,
      toNumber: built.body.to_phone_number,
      placedAt: now().toISOString(),
      variablesSent: Object.keys(built.body.context_variables ?? {}).length,
      notices: built.notices,
    };
    deps.onPlaced?.(intent, result);
    return result;
  }

  return {
    place(intent: CallIntent): Promise<CallResult> {
      const existing = attempts.get(intent.requestId);
      if (existing) return existing;
      const attempt = dial(intent);
      remember(intent.requestId, attempt);
      // A call that certainly did not go out may be tried again with the same card;
      // success and "outcome unknown" stay final for this request id.
      attempt.catch((error: unknown) => {
        if (!(error instanceof AppFailure && FINAL.has(error.appError.code))) attempts.delete(intent.requestId);
      });
      return attempt;
    },
    /** for tests and diagnostics */
    isInFlightOrDone: (requestId: string) => attempts.has(requestId),
  };
}
export type Dialer = ReturnType<typeof createDialer>;

/** 422 `loc` → the field the user typed it in. */
export function fieldMapper(intent: CallIntent): FieldMapper {
  return (loc) => {
    const [where, field, name] = loc;
    if (where !== 'body') return undefined;
    switch (field) {
      case 'to_phone_number':
        return 'toNumber';
      case 'from_phone_number_id':
        return 'fromNumberId';
      case 'agent_id':
        return 'agentId';
      case 'team_id':
        return 'teamId';
      case 'context_variables': {
        const index = intent.contextVariables.findIndex((row) => row.key.trim() === name);
        return index >= 0 ? variableField(index) : 'contextVariables';
      }
      default:
        return undefined;
    }
  };
}

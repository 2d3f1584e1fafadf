import type { ResponseOf } from '../../../shared/contract';
import type { CallPlanner } from '../calls/call-planner';
import { findCallTargets, type CallTargetDeps } from '../calls/call-targets';
import type { Dialer } from '../calls/dialer';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';

export interface CallHandlerDeps {
  dialer: Pick<Dialer, 'place' | 'resend'>;
  planner: Pick<CallPlanner, 'preview'>;
  contacts: { query: CallTargetDeps['query']; get(id: string): ReturnType<CallTargetDeps['contact']> | undefined };
}

/**
 * `call:*` — the card's plan for a draft, contacts to call by name, placing a call (at most once
 * per request id, with the same plan) and asking Feather again after "outcome unknown".
 */
export function createCallHandlers({ dialer, planner, contacts }: CallHandlerDeps) {
  function handleCallPreview(draft: ParsedRequestOf<'call', 'preview'>): ResponseOf<'call', 'preview'> {
    return planner.preview(draft);
  }

  function handleCallFindTargets({ query, limit }: ParsedRequestOf<'call', 'findTargets'>): ResponseOf<'call', 'findTargets'> {
    const contact = (id: string) => {
      try {
        return contacts.get(id) ?? null;
      } catch {
        return null;
      }
    };
    return findCallTargets({ query: (q) => contacts.query(q), contact }, query, limit);
  }

  function handleCallPlace(intent: ParsedRequestOf<'call', 'place'>): Promise<ResponseOf<'call', 'place'>> {
    return dialer.place(intent);
  }

  async function handleCallResend({ requestId }: ParsedRequestOf<'call', 'resend'>): Promise<ResponseOf<'call', 'resend'>> {
    return dialer.resend(requestId);
  }

  return {
    preview: handleCallPreview,
    findTargets: handleCallFindTargets,
    place: handleCallPlace,
    resend: handleCallResend,
  } satisfies DomainHandlers<'call'>;
}

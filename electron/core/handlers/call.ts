import type { ResponseOf } from '../../../shared/contract';
import type { Dialer } from '../calls/dialer';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';

export interface CallHandlerDeps {
  dialer: Pick<Dialer, 'place' | 'resend'>;
}

/** `call:*` — placing a call (at most once per request id) and asking Feather again after "outcome unknown". */
export function createCallHandlers({ dialer }: CallHandlerDeps) {
  function handleCallPlace(intent: ParsedRequestOf<'call', 'place'>): Promise<ResponseOf<'call', 'place'>> {
    return dialer.place(intent);
  }

  async function handleCallResend({ requestId }: ParsedRequestOf<'call', 'resend'>): Promise<ResponseOf<'call', 'resend'>> {
    return dialer.resend(requestId);
  }

  return {
    place: handleCallPlace,
    resend: handleCallResend,
  } satisfies DomainHandlers<'call'>;
}

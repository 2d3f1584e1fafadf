import type { ResponseOf } from '../../../shared/contract';
import type { RecentCall } from '../../../shared/recent-call';
import type { DialRequest } from '../../../shared/dial-request';
import type { CallPlanner } from '../calls/call-planner';
import { findCallTargets, type CallTargetDeps } from '../calls/call-targets';
import type { Dialer } from '../calls/dialer';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';

export interface CallHandlerDeps {
  dialer: Pick<Dialer, 'place' | 'resend'>;
  planner: Pick<CallPlanner, 'preview'>;
  /** the last calls placed, newest first */
  recents(): RecentCall[];
  /** opens a call card (the palette's draft, in the main window) */
  requestDial(request: DialRequest): void;
  /** the card asked for a window, taken once */
  takePending(surface: 'window' | 'palette'): DialRequest | null;
  contacts: { query: CallTargetDeps['query']; get(id: string): ReturnType<CallTargetDeps['contact']> | undefined };
}

/**
 * `call:*` — the card's plan for a draft, contacts to call by name, placing a call (at most once
 * per request id, with the same plan) and asking Feather again after "outcome unknown".
 */
export function createCallHandlers({ dialer, planner, contacts, recents, requestDial, takePending }: CallHandlerDeps) {
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

  function handleCallRecents(): ResponseOf<'call', 'recents'> {
    return recents().slice(0, 10);
  }

  function handleCallOpenInWindow(request: ParsedRequestOf<'call', 'openInWindow'>): ResponseOf<'call', 'openInWindow'> {
    requestDial({ ...request, source: 'palette', surface: 'window' });
    return {};
  }

  function handleCallTakePending({ surface }: ParsedRequestOf<'call', 'takePending'>): ResponseOf<'call', 'takePending'> {
    return takePending(surface);
  }

  return {
    preview: handleCallPreview,
    takePending: handleCallTakePending,
    openInWindow: handleCallOpenInWindow,
    recents: handleCallRecents,
    findTargets: handleCallFindTargets,
    place: handleCallPlace,
    resend: handleCallResend,
  } satisfies DomainHandlers<'call'>;
}

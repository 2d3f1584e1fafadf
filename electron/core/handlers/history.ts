import type { ResponseOf } from '../../../shared/contract';
import type { History } from '../history/history-service';
import type { HistoryActions } from '../history/history-actions';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';
import type { DialRequest } from '../../../shared/dial-request';
import type { HistoryEntry } from '../../../shared/history/history-entry';

/** A redial: the same number, contact, from-number, caller and template; the values sent where they were kept. */
export function redialRequest(entry: HistoryEntry): DialRequest {
  const vars = entry.body?.context_variables;
  const variables =
    !entry.valuesRedacted && vars && typeof vars === 'object'
      ? Object.fromEntries(
          Object.entries(vars as Record<string, unknown>)
            .filter(([, v]) => v !== null && v !== undefined)
            .map(([k, v]) => [k.slice(0, 200), (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 2000)]),
        )
      : undefined;
  return {
    source: 'history',
    surface: 'window',
    toNumber: entry.toNumber,
    ...(entry.contactId ? { contactId: entry.contactId } : {}),
    ...(entry.templateId ? { templateId: entry.templateId } : {}),
    fromNumberId: entry.fromNumberId,
    ...(entry.caller
      ? { caller: entry.caller.kind === 'agent' ? { mode: 'agent', agentId: entry.caller.id } : { mode: 'team', teamId: entry.caller.id } }
      : {}),
    ...(variables && Object.keys(variables).length ? { variables } : {}),
  };
}

export interface HistoryHandlerDeps {
  history: Pick<History, 'list' | 'require' | 'exportCsv'>;
  actions: HistoryActions;
  /** opens a call card (main's dial:request) */
  requestDial(request: DialRequest): void;
}

/** `history:*` — the call history: the list and its filters, one entry, CSV, settling an unknown outcome, the 1.90 queue. */
export function createHistoryHandlers({ history, actions, requestDial }: HistoryHandlerDeps) {
  function handleHistoryList({ filter, offset, limit }: ParsedRequestOf<'history', 'list'>): ResponseOf<'history', 'list'> {
    return history.list(filter, offset, limit);
  }

  function handleHistoryGet({ id }: ParsedRequestOf<'history', 'get'>): ResponseOf<'history', 'get'> {
    return history.require(id);
  }

  function handleHistoryExportCsv({ filter }: ParsedRequestOf<'history', 'exportCsv'>): ResponseOf<'history', 'exportCsv'> {
    return history.exportCsv(filter);
  }

  function handleHistoryRedial({ id }: ParsedRequestOf<'history', 'redial'>): ResponseOf<'history', 'redial'> {
    requestDial(redialRequest(history.require(id)));
    return {};
  }

  function handleHistoryCandidates({ id }: ParsedRequestOf<'history', 'candidates'>): Promise<ResponseOf<'history', 'candidates'>> {
    return actions.candidates(id);
  }

  function handleHistorySettle(request: ParsedRequestOf<'history', 'settle'>): Promise<ResponseOf<'history', 'settle'>> {
    return actions.settle(request);
  }

  function handleHistoryQueue(): Promise<ResponseOf<'history', 'queue'>> {
    return actions.queue();
  }

  function handleHistoryQueueAction({
    conversationId,
    action,
  }: ParsedRequestOf<'history', 'queueAction'>): Promise<ResponseOf<'history', 'queueAction'>> {
    return actions.queueAction(conversationId, action);
  }

  return {
    list: handleHistoryList,
    get: handleHistoryGet,
    exportCsv: handleHistoryExportCsv,
    redial: handleHistoryRedial,
    candidates: handleHistoryCandidates,
    settle: handleHistorySettle,
    queue: handleHistoryQueue,
    queueAction: handleHistoryQueueAction,
  } satisfies DomainHandlers<'history'>;
}

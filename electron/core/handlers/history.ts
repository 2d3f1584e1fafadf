import type { ResponseOf } from '../../../shared/contract';
import type { History } from '../history/history-service';
import type { HistoryActions } from '../history/history-actions';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';

export interface HistoryHandlerDeps {
  history: Pick<History, 'list' | 'require' | 'exportCsv'>;
  actions: HistoryActions;
}

/** `history:*` — the call history: the list and its filters, one entry, CSV, settling an unknown outcome, the 1.90 queue. */
export function createHistoryHandlers({ history, actions }: HistoryHandlerDeps) {
  function handleHistoryList({ filter, offset, limit }: ParsedRequestOf<'history', 'list'>): ResponseOf<'history', 'list'> {
    return history.list(filter, offset, limit);
  }

  function handleHistoryGet({ id }: ParsedRequestOf<'history', 'get'>): ResponseOf<'history', 'get'> {
    return history.require(id);
  }

  function handleHistoryExportCsv({ filter }: ParsedRequestOf<'history', 'exportCsv'>): ResponseOf<'history', 'exportCsv'> {
    return history.exportCsv(filter);
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
    candidates: handleHistoryCandidates,
    settle: handleHistorySettle,
    queue: handleHistoryQueue,
    queueAction: handleHistoryQueueAction,
  } satisfies DomainHandlers<'history'>;
}

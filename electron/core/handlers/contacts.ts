import type { ResponseOf } from '../../../shared/contract';
import type { Outcome } from '../../../shared/history/history-entry';
import type { ContactsService } from '../contacts/contacts-service';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';

export interface ContactsHandlerDeps {
  contacts: Pick<
    ContactsService,
    | 'query'
    | 'get'
    | 'create'
    | 'update'
    | 'setFavorite'
    | 'remove'
    | 'undoRemove'
    | 'tags'
    | 'lookupNumber'
    | 'duplicates'
    | 'merge'
    | 'imports'
    | 'exportAll'
  >;
  /** each contact's last call in the history */
  lastCalls?(contactIds: readonly string[]): Map<string, { at: string; outcome: Outcome }>;
}

/** `contacts:*` — the address book: search, edits, undo, duplicates, import and export. */
export function createContactsHandlers({ contacts, lastCalls }: ContactsHandlerDeps) {
  async function handleContactsQuery(query: ParsedRequestOf<'contacts', 'query'>): Promise<ResponseOf<'contacts', 'query'>> {
    const page = contacts.query(query);
    if (!lastCalls || page.rows.length === 0) return page;
    const last = lastCalls(page.rows.map((r) => r.id));
    return { ...page, rows: page.rows.map((r) => ({ ...r, lastCall: last.get(r.id) ?? null })) };
  }

  async function handleContactsGet({ id }: ParsedRequestOf<'contacts', 'get'>): Promise<ResponseOf<'contacts', 'get'>> {
    return contacts.get(id);
  }

  function handleContactsCreate({ draft }: ParsedRequestOf<'contacts', 'create'>): Promise<ResponseOf<'contacts', 'create'>> {
    return contacts.create(draft);
  }

  function handleContactsUpdate({ id, draft }: ParsedRequestOf<'contacts', 'update'>): Promise<ResponseOf<'contacts', 'update'>> {
    return contacts.update(id, draft);
  }

  function handleContactsSetFavorite({
    id,
    favorite,
  }: ParsedRequestOf<'contacts', 'setFavorite'>): Promise<ResponseOf<'contacts', 'setFavorite'>> {
    return contacts.setFavorite(id, favorite);
  }

  async function handleContactsRemove({ ids }: ParsedRequestOf<'contacts', 'remove'>): Promise<ResponseOf<'contacts', 'remove'>> {
    return contacts.remove(ids);
  }

  function handleContactsUndoRemove({
    undoToken,
  }: ParsedRequestOf<'contacts', 'undoRemove'>): Promise<ResponseOf<'contacts', 'undoRemove'>> {
    return contacts.undoRemove(undoToken);
  }

  async function handleContactsTags(): Promise<ResponseOf<'contacts', 'tags'>> {
    return contacts.tags();
  }

  async function handleContactsLookupNumber({
    e164,
  }: ParsedRequestOf<'contacts', 'lookupNumber'>): Promise<ResponseOf<'contacts', 'lookupNumber'>> {
    return contacts.lookupNumber(e164);
  }

  async function handleContactsDuplicates(): Promise<ResponseOf<'contacts', 'duplicates'>> {
    return contacts.duplicates();
  }

  function handleContactsMerge({ keepId, mergeIds }: ParsedRequestOf<'contacts', 'merge'>): Promise<ResponseOf<'contacts', 'merge'>> {
    return contacts.merge(keepId, mergeIds);
  }

  async function handleContactsImportPreview(
    request: ParsedRequestOf<'contacts', 'importPreview'>,
  ): Promise<ResponseOf<'contacts', 'importPreview'>> {
    return contacts.imports.start(request);
  }

  async function handleContactsImportReplan({
    jobId,
    ...changes
  }: ParsedRequestOf<'contacts', 'importReplan'>): Promise<ResponseOf<'contacts', 'importReplan'>> {
    return contacts.imports.replan(jobId, changes);
  }

  async function handleContactsImportCommit({
    jobId,
    duplicates,
  }: ParsedRequestOf<'contacts', 'importCommit'>): Promise<ResponseOf<'contacts', 'importCommit'>> {
    return contacts.imports.commit(jobId, duplicates);
  }

  async function handleContactsImportCancel({
    jobId,
  }: ParsedRequestOf<'contacts', 'importCancel'>): Promise<ResponseOf<'contacts', 'importCancel'>> {
    return contacts.imports.cancel(jobId);
  }

  async function handleContactsExport({ format }: ParsedRequestOf<'contacts', 'export'>): Promise<ResponseOf<'contacts', 'export'>> {
    return contacts.exportAll(format);
  }

  return {
    query: handleContactsQuery,
    get: handleContactsGet,
    create: handleContactsCreate,
    update: handleContactsUpdate,
    setFavorite: handleContactsSetFavorite,
    remove: handleContactsRemove,
    undoRemove: handleContactsUndoRemove,
    tags: handleContactsTags,
    lookupNumber: handleContactsLookupNumber,
    duplicates: handleContactsDuplicates,
    merge: handleContactsMerge,
    importPreview: handleContactsImportPreview,
    importReplan: handleContactsImportReplan,
    importCommit: handleContactsImportCommit,
    importCancel: handleContactsImportCancel,
    export: handleContactsExport,
  } satisfies DomainHandlers<'contacts'>;
}

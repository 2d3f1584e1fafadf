import type { ResponseOf } from '../../../shared/contract';
import type { DomainHandlers, ParsedRequestOf } from '../handler-types';
import type { TemplatesService } from '../templates/templates-service';

export interface TemplatesHandlerDeps {
  templates: Pick<TemplatesService, 'list' | 'save' | 'duplicate' | 'remove' | 'exportFile' | 'importPreview' | 'importFile'>;
}

/** `templates:*` — saved call templates, and sharing them as a JSON file. */
export function createTemplatesHandlers({ templates }: TemplatesHandlerDeps) {
  async function handleTemplatesList(): Promise<ResponseOf<'templates', 'list'>> {
    return templates.list();
  }

  async function handleTemplatesSave({ id, draft }: ParsedRequestOf<'templates', 'save'>): Promise<ResponseOf<'templates', 'save'>> {
    return templates.save(id, draft);
  }

  async function handleTemplatesDuplicate({
    id,
  }: ParsedRequestOf<'templates', 'duplicate'>): Promise<ResponseOf<'templates', 'duplicate'>> {
    return templates.duplicate(id);
  }

  async function handleTemplatesRemove({ id }: ParsedRequestOf<'templates', 'remove'>): Promise<ResponseOf<'templates', 'remove'>> {
    return templates.remove(id);
  }

  async function handleTemplatesExport({ ids }: ParsedRequestOf<'templates', 'export'>): Promise<ResponseOf<'templates', 'export'>> {
    return templates.exportFile(ids);
  }

  async function handleTemplatesImportPreview({
    text,
  }: ParsedRequestOf<'templates', 'importPreview'>): Promise<ResponseOf<'templates', 'importPreview'>> {
    return templates.importPreview(text);
  }

  async function handleTemplatesImport({
    text,
    onConflict,
  }: ParsedRequestOf<'templates', 'import'>): Promise<ResponseOf<'templates', 'import'>> {
    return templates.importFile(text, onConflict);
  }

  return {
    list: handleTemplatesList,
    save: handleTemplatesSave,
    duplicate: handleTemplatesDuplicate,
    remove: handleTemplatesRemove,
    export: handleTemplatesExport,
    importPreview: handleTemplatesImportPreview,
    import: handleTemplatesImport,
  } satisfies DomainHandlers<'templates'>;
}

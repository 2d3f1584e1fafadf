import { z } from 'zod';
import { TemplateDraftSchema, TemplateSchema } from './template';

const id = z.string().min(1).max(100);
export const TemplateImportPlanSchema = z.object({
  templates: z.array(
    z.object({ template: TemplateSchema, conflict: z.enum(['none', 'same-name', 'same-id']), existingName: z.string().nullable() }),
  ),
});

export const templatesContract = {
  list: { request: z.object({}).strict(), response: z.array(TemplateSchema) },
  save: { request: z.object({ id: id.optional(), draft: TemplateDraftSchema }), response: TemplateSchema },
  duplicate: { request: z.object({ id }), response: TemplateSchema },
  remove: { request: z.object({ id }), response: z.object({ removed: z.string() }) },
  export: {
    request: z.object({ ids: z.array(id).max(1000).optional() }),
    response: z.object({ fileName: z.string(), text: z.string(), count: z.number() }),
  },
  importPreview: { request: z.object({ text: z.string().max(5_000_000) }), response: TemplateImportPlanSchema },
  import: {
    request: z.object({ text: z.string().max(5_000_000), onConflict: z.enum(['keep-both', 'replace', 'skip']) }),
    response: z.object({ added: z.number(), replaced: z.number(), skipped: z.number() }),
  },
} as const;

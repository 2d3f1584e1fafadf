import { z } from 'zod';
import { LastCallerSchema } from '../caller';

/**
 * A template's "who calls": Automatic, an agent or a team, and optionally a from-number. Without a
 * number the Dial screen keeps its own (the contact's, the last call's, or the preselected one).
 * A contact's `LastCaller` (number required) is one of these.
 */
export const TemplateCallerSchema = z.object({
  fromNumberId: z.string().max(100).nullable(),
  caller: LastCallerSchema.shape.caller,
});
export type TemplateCaller = z.infer<typeof TemplateCallerSchema>;

export const VariableTypeSchema = z.enum(['text', 'number', 'boolean', 'date', 'enum']);
export type VariableType = z.infer<typeof VariableTypeSchema>;

export const TemplateVariableSchema = z.object({
  id: z.string().min(1).max(100),
  /** the context-variable name sent to Feather */
  key: z.string().max(100),
  /** text with placeholders, e.g. "{{contact.firstName}}" or "Dr {{contact.lastName}}" */
  expression: z.string().max(2000),
  type: VariableTypeSchema,
  required: z.boolean(),
  /** used when the expression renders empty */
  defaultValue: z.string().max(2000),
  /** allowed values for type enum */
  enumValues: z.array(z.string().max(200)).max(100),
  /**
   * When the placeholders have no value and there is no default: leave the variable out of the
   * call. Unmarked rows block the call instead — an empty string is never sent for a placeholder.
   */
  omitWhenEmpty: z.boolean().default(false),
});
export type TemplateVariable = z.infer<typeof TemplateVariableSchema>;

export const TemplateSchema = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(120),
  description: z.string().max(1000),
  /**
   * Who calls when this template is chosen (unless the contact has its own default). Its agent is
   * also the one whose declared variables the editor checks. Replaces `agentId` + the number-only
   * `defaultCaller` of schema 1; `upgradeLegacyTemplate` folds those into this one field.
   */
  defaultCaller: TemplateCallerSchema.nullable(),
  variables: z.array(TemplateVariableSchema).max(100),
  /** one of demo mode's samples: removable in one click */
  sample: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Template = z.infer<typeof TemplateSchema>;

export const TemplateDraftSchema = TemplateSchema.omit({ id: true, createdAt: true, updatedAt: true });
export type TemplateDraft = z.infer<typeof TemplateDraftSchema>;

/** The file format for sharing templates between people. Version 1 files (agentId + defaultCaller) still import. */
export const TEMPLATE_FILE_VERSION = 2;
export const TemplateFileSchema = z.object({
  format: z.literal('feather-launcher-templates'),
  version: z.literal(TEMPLATE_FILE_VERSION),
  exportedAt: z.string(),
  templates: z.array(TemplateSchema).max(1000),
});

import { z } from 'zod';
import { CUSTOM_KEY_MAX, customKeyProblem } from './custom-key';

/**
 * What a CSV column is imported as. The mapping crosses the window boundary (the user edits
 * it in the mapping step), so it is a schema: a custom-field key must be one templates can
 * read (`{{contact.custom.plan}}`) and the contact editor can save.
 */
export const MappingTargetSchema = z.enum([
  'ignore',
  'displayName',
  'firstName',
  'middleName',
  'lastName',
  'company',
  'title',
  'phone',
  'email',
  'tags',
  'notes',
  'custom',
  'favorite',
  'doNotCall',
  'timeZone',
]);
export type MappingTarget = z.infer<typeof MappingTargetSchema>;

export const ColumnRuleSchema = z
  .object({
    target: MappingTargetSchema,
    /** phone label, or custom field key */
    label: z.string().max(CUSTOM_KEY_MAX).optional(),
    /** a column that holds this value's label: Google's "Phone 1 - Label", "Custom Field 1 - Label" */
    labelColumn: z.number().int().min(0).optional(),
  })
  .superRefine((rule, ctx) => {
    if (rule.target !== 'custom') return;
    if (rule.label === undefined && rule.labelColumn !== undefined) return; // the key comes from each row
    const problem = customKeyProblem(rule.label ?? '');
    if (problem) ctx.addIssue({ code: 'custom', path: ['label'], message: problem });
  });
export type ColumnRule = z.infer<typeof ColumnRuleSchema>;
export const ColumnMappingSchema = z.array(ColumnRuleSchema);
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

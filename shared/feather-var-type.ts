/**
 * `ContextVarSpec.type`, exactly as Feather declares it. No zod here: the template editor checks
 * declared types in the window, which takes only types from feather-api.ts.
 */
export const FEATHER_VAR_TYPES = ['string', 'int', 'float', 'bool', 'enum'] as const;
export type FeatherVarType = (typeof FEATHER_VAR_TYPES)[number];

const isFeatherVarType = (t: string): t is FeatherVarType => (FEATHER_VAR_TYPES as readonly string[]).includes(t);

/** A declared type as Feather sends it; older or odd spellings mapped, anything else unknown. */
export function featherVarType(raw: string | null | undefined): FeatherVarType | null {
  const t = (raw ?? '').trim().toLowerCase();
  if (isFeatherVarType(t)) return t;
  if (t === 'integer') return 'int';
  if (t === 'number' || t === 'double' || t === 'decimal') return 'float';
  if (t === 'boolean') return 'bool';
  if (t === 'str' || t === 'text') return 'string';
  return null;
}

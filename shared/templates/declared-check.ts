import { ownValue } from '../identifiers';
import { featherVarType, type FeatherVarType } from '../feather-var-type';

/** A variable the agent declares (GET …/variables, or a pinned revision's context-schema). */
export interface DeclaredVariable {
  name: string;
  source: string | null;
  type: string | null;
  enumValues: string[];
  description: string | null;
}

/** What the directory knows that decides which variables an agent takes. */
export interface DeclaredKnowledge {
  bindings: Record<string, { agentRevisions?: Record<string, string> }>;
  variables: Record<string, DeclaredVariable[]>;
  revisionVariables?: Record<string, DeclaredVariable[]>;
}

/**
 * The variables the agent takes when it calls from this number: where the number's binding
 * pins a revision (1.90), that revision's context schema; otherwise the active revision's.
 * null when Feather did not tell us.
 */
export function declaredFor(
  known: DeclaredKnowledge | null,
  fromNumberId: string,
  agentId: string,
): { declared: DeclaredVariable[] | null; pinnedRevisionId: string | null } {
  if (!known) return { declared: null, pinnedRevisionId: null };
  const pinned = ownValue(ownValue(known.bindings, fromNumberId.trim())?.agentRevisions, agentId.trim()) ?? null;
  const fromPin = pinned ? known.revisionVariables?.[pinned] : undefined;
  return { declared: fromPin ?? ownValue(known.variables, agentId.trim()) ?? null, pinnedRevisionId: fromPin ? pinned : null };
}

/** What Feather would refuse before anything is sent: a variable the agent does not declare (a 422). */
export function checkDeclared(key: string, declared: DeclaredVariable[] | null, agentName: string): string | null {
  if (!declared || !key.trim()) return null;
  const found = declared.find((d) => d.name === key.trim());
  if (!found) return `${agentName} does not declare "${key.trim()}"; Feather would refuse the call (422).`;
  return null;
}

/**
 * `system` variables: the spec marks them (ContextVarSpec.source) but does not say whether a
 * call may set them. Assumed allowed, and flagged: Feather may set its own value.
 */
export function systemNotice(key: string, declared: DeclaredVariable[] | null): string | null {
  const found = declared?.find((d) => d.name === key.trim());
  return found?.source === 'system'
    ? `"${key.trim()}" is a system variable: Feather normally sets it and may replace the value you send.`
    : null;
}

/** The declared Feather type of a variable, when known. */
export function declaredType(key: string, declared: DeclaredVariable[] | null): FeatherVarType | null {
  return featherVarType(declared?.find((d) => d.name === key.trim())?.type);
}

/**
 * A value as Feather's declared type takes it: `int` refuses 3.5, `bool` takes yes/no,
 * `enum` must be one of the values (sent in Feather's spelling), `string` sends text.
 */
export function toFeatherValue(
  value: string | number | boolean,
  type: FeatherVarType,
  enumValues: string[],
): { ok: true; value: string | number | boolean } | { ok: false; error: string } {
  const text = String(value).trim();
  switch (type) {
    case 'int': {
      if (typeof value === 'boolean') return { ok: false, error: `Feather takes a whole number (int) here, not yes/no.` };
      const n = typeof value === 'number' ? value : /^[-+]?\d+(\.0+)?$/.test(text.replace(/,/g, '')) ? Number(text.replace(/,/g, '')) : NaN;
      if (Number.isInteger(n)) return { ok: true, value: n };
      return { ok: false, error: `Feather takes a whole number (int) here; "${text}" is not one.` };
    }
    case 'float': {
      if (typeof value === 'boolean') return { ok: false, error: 'Feather takes a number (float) here, not yes/no.' };
      const n = typeof value === 'number' ? value : text !== '' ? Number(text.replace(/,/g, '')) : NaN;
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, error: `Feather takes a number (float) here; "${text}" is not one.` };
    }
    case 'bool': {
      if (typeof value === 'boolean') return { ok: true, value };
      if (/^(true|yes|y|1|on)$/i.test(text)) return { ok: true, value: true };
      if (/^(false|no|n|0|off)$/i.test(text)) return { ok: true, value: false };
      return { ok: false, error: `Feather takes yes/no (bool) here; "${text}" is neither.` };
    }
    case 'enum': {
      if (enumValues.length === 0) return { ok: true, value: text };
      const match = enumValues.find((v) => v === text) ?? enumValues.find((v) => v.toLowerCase() === text.toLowerCase());
      return match !== undefined ? { ok: true, value: match } : { ok: false, error: `"${text}" is not one of ${enumValues.join(', ')}.` };
    }
    default:
      return { ok: true, value: typeof value === 'string' ? value : text };
  }
}

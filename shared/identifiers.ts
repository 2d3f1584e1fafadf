/**
 * Names that become object keys (context variables, custom contact fields). Feather's
 * ContextVarSpec names follow `[A-Za-z_]\w*`; names JavaScript objects treat specially are
 * refused outright, so a value is never dropped or turned into something else on its way.
 */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'toString',
  'valueOf',
]);

/** Why a name cannot be used as a key, or null when it can. */
export function identifierProblem(name: string, what = 'Variable names'): string | null {
  if (!IDENTIFIER.test(name)) return `${what} use letters, digits and _, and start with a letter or _ (like customer_name).`;
  if (RESERVED.has(name)) return `"${name}" is a reserved name; choose another (like ${name.replace(/_/g, '') || 'value'}_value).`;
  return null;
}

/** An own property of a plain record, never one inherited from Object.prototype. */
export function ownValue<T>(record: Record<string, T> | null | undefined, key: string): T | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}

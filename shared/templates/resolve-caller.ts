import type { LastCaller } from '../caller';

export type CallerSource = 'contact' | 'template' | 'last used' | 'none';

/** Who calls: the contact's default, else the template's, else the last one used. */
export function resolveCaller(options: { contact?: LastCaller | null; template?: LastCaller | null; last?: LastCaller | null }): {
  caller: LastCaller | null;
  source: CallerSource;
} {
  if (options.contact) return { caller: options.contact, source: 'contact' };
  if (options.template) return { caller: options.template, source: 'template' };
  if (options.last) return { caller: options.last, source: 'last used' };
  return { caller: null, source: 'none' };
}

import type { LastCaller } from '../caller';
import type { TemplateCaller } from './template';

export type CallerSource = 'contact' | 'template' | 'last used' | 'none';

/**
 * Who calls: the contact's default, else the template's, else the last one used. A template may
 * name its caller without a from-number; the number then comes from the last call when one is
 * given, and otherwise stays null (the Dial screen keeps the number it has).
 */
export function resolveCaller(options: { contact?: LastCaller | null; template?: TemplateCaller | null; last?: LastCaller | null }): {
  caller: TemplateCaller | null;
  source: CallerSource;
} {
  if (options.contact) return { caller: options.contact, source: 'contact' };
  if (options.template)
    return {
      caller: { ...options.template, fromNumberId: options.template.fromNumberId ?? options.last?.fromNumberId ?? null },
      source: 'template',
    };
  if (options.last) return { caller: options.last, source: 'last used' };
  return { caller: null, source: 'none' };
}

/** The agent whose declared variables a template's rows are checked against: its caller's, when that is an agent. */
export function templateAgentId(caller: TemplateCaller | null | undefined): string | null {
  return caller?.caller.mode === 'agent' && caller.caller.agentId.trim() ? caller.caller.agentId.trim() : null;
}

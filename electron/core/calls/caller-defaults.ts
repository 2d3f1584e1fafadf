import type { Caller, DialDraft, UserChoice } from '../../../shared/call-intent';
import type { CallerSource } from '../../../shared/call-preview';
import type { LastCaller } from '../../../shared/caller';
import { ownValue } from '../../../shared/identifiers';
import { resolveCaller } from '../../../shared/templates/resolve-caller';
import type { TemplateCaller } from '../../../shared/templates/template';
import type { PlanDirectory } from './call-plan';

/**
 * Who calls when the user has not said: the contact's default, else the template's, else the
 * last one used; and a from-number when none is known (the only number, or the first one Feather
 * lists with outbound bindings — never one it says has none). What the user chose stays theirs,
 * until they choose a template that names its own caller (or number) after it.
 */
export function callerDefaults(options: {
  draft: Pick<DialDraft, 'fromNumberId' | 'caller' | 'fromChoice' | 'callerChoice' | 'templateId'>;
  contactCaller: LastCaller | null | undefined;
  templateCaller: TemplateCaller | null | undefined;
  lastCaller: LastCaller | null;
  directory: PlanDirectory | null;
}): { fromNumberId: string | null; caller: Caller | null; source: CallerSource } {
  const { draft, directory, templateCaller } = options;
  const chosenNow = (choice: UserChoice | null | undefined, templateNames: boolean) =>
    Boolean(choice) && (choice!.templateId === (draft.templateId ?? null) || !templateNames);
  const callerHeld = chosenNow(draft.callerChoice, Boolean(templateCaller));
  const fromHeld = chosenNow(draft.fromChoice, Boolean(templateCaller?.fromNumberId));
  const resolved = resolveCaller({ contact: options.contactCaller, template: templateCaller, last: options.lastCaller });
  const caller = callerHeld ? null : (resolved.caller?.caller ?? null);
  let fromNumberId = fromHeld ? null : (resolved.caller?.fromNumberId ?? null);
  let source: CallerSource = callerHeld || fromHeld ? 'you' : resolved.caller ? resolved.source : 'none';
  const suggested = suggestFromNumber(directory);
  if (!fromHeld && !fromNumberId && !draft.fromNumberId.trim()) fromNumberId = suggested;
  if (source === 'none' && suggested && (fromNumberId ?? draft.fromNumberId.trim()) === suggested) source = 'suggested';
  return { fromNumberId, caller, source };
}

/** The only number, or the first one Feather lists with outbound bindings (one it says has none is never suggested). */
export function suggestFromNumber(directory: PlanDirectory | null): string | null {
  if (!directory) return null;
  const numbers = directory.phoneNumbers;
  const bound = (id: string) => {
    const b = ownValue(directory.bindings, id);
    return b ? b.agentIds.length + b.teamIds.length > 0 : null;
  };
  if (numbers.length === 1) return bound(numbers[0]!.id) === false ? null : numbers[0]!.id;
  return (numbers.find((n) => bound(n.id) === true) ?? numbers.find((n) => bound(n.id) === null))?.id ?? null;
}

/** The agents and teams to offer for a from-number, and why others are not offered (null lists: offer all). */
export function offeredCallers(
  directory: PlanDirectory | null,
  fromNumberId: string,
): { agentIds: string[] | null; teamIds: string[] | null; note: string | null } {
  const bound = ownValue(directory?.bindings, fromNumberId.trim());
  if (!directory || !bound) {
    return {
      agentIds: null,
      teamIds: null,
      note:
        directory && fromNumberId.trim()
          ? 'Feather did not tell us what is bound to this number; an agent or team that is not bound will be refused.'
          : null,
    };
  }
  const agentIds = directory.agents.filter((a) => bound.agentIds.includes(a.id)).map((a) => a.id);
  const teamIds = directory.teams.filter((t) => bound.teamIds.includes(t.id)).map((t) => t.id);
  const hidden = directory.agents.length - agentIds.length + (directory.teams.length - teamIds.length);
  return {
    agentIds,
    teamIds,
    note:
      hidden > 0
        ? `${hidden} other agent${hidden === 1 ? '' : 's'} or team${hidden === 1 ? '' : 's'} are not offered: they are not bound to this number for outbound calls.`
        : null,
  };
}

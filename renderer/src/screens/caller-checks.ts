import type { Directory } from '../../../shared/contract';
import { variableField, type VariableRow } from '../../../shared/call-intent';
import { checkDeclared, declaredFor } from '../../../shared/templates/declared-check';
import type { DialDraft } from './dial-draft';

/**
 * What we already know Feather would refuse, checked before sending: an agent or team not
 * bound to the from-number for outbound calls, and context variables the agent does not
 * declare (or may not set). Unknown bindings or declarations: nothing to say.
 */
export function callerChecks(draft: DialDraft, rows: VariableRow[], directory: Directory | null): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!directory) return errors;
  const from = draft.fromNumberId.trim();
  const bound = directory.bindings[from];
  const fromLabel = directory.phoneNumbers.find((n) => n.id === from)?.label ?? 'this number';
  if (bound && draft.callerMode === 'agent' && draft.agentId.trim() && !bound.agentIds.includes(draft.agentId.trim())) {
    errors.agentId = `This agent is not bound to ${fromLabel} for outbound calls; Feather would refuse. Choose one of the agents listed.`;
  }
  if (bound && draft.callerMode === 'team' && draft.teamId.trim() && !bound.teamIds.includes(draft.teamId.trim())) {
    errors.teamId = `This team is not bound to ${fromLabel} for outbound calls; Feather would refuse. Choose one of the teams listed.`;
  }
  if (draft.callerMode === 'agent') {
    const agentId = draft.agentId.trim();
    const name = directory.agents.find((a) => a.id === agentId)?.label ?? 'This agent';
    const { declared } = declaredFor(directory, from, agentId);
    rows.forEach((row, i) => {
      const problem = checkDeclared(row.key, declared, name);
      if (problem) errors[variableField(i)] = problem;
    });
  }
  return errors;
}

/** The agents and teams to offer for a from-number, and why others are not offered. */
export function offeredCallers(directory: Directory | null, fromNumberId: string) {
  const agents = directory?.agents ?? [];
  const teams = directory?.teams ?? [];
  const bound = directory?.bindings[fromNumberId.trim()];
  if (!bound) {
    return { agents, teams, note: directory && fromNumberId.trim() ? 'Feather did not tell us what is bound to this number; an agent or team that is not bound will be refused.' : null };
  }
  const offeredAgents = agents.filter((a) => bound.agentIds.includes(a.id));
  const offeredTeams = teams.filter((t) => bound.teamIds.includes(t.id));
  const hidden = agents.length - offeredAgents.length + (teams.length - offeredTeams.length);
  return {
    agents: offeredAgents,
    teams: offeredTeams,
    note: hidden > 0 ? `${hidden} other agent${hidden === 1 ? '' : 's'} or team${hidden === 1 ? '' : 's'} are not offered: they are not bound to this number for outbound calls.` : null,
  };
}

import { ownValue } from '../../../shared/identifiers';
import type { Directory } from '../../../shared/contract';

/** The agents and teams to offer for a from-number, and why others are not offered. */
export function offeredCallers(directory: Directory | null, fromNumberId: string) {
  const agents = directory?.agents ?? [];
  const teams = directory?.teams ?? [];
  const bound = ownValue(directory?.bindings, fromNumberId.trim());
  if (!bound) {
    return {
      agents,
      teams,
      note:
        directory && fromNumberId.trim()
          ? 'Feather did not tell us what is bound to this number; an agent or team that is not bound will be refused.'
          : null,
    };
  }
  const offeredAgents = agents.filter((a) => bound.agentIds.includes(a.id));
  const offeredTeams = teams.filter((t) => bound.teamIds.includes(t.id));
  const hidden = agents.length - offeredAgents.length + (teams.length - offeredTeams.length);
  return {
    agents: offeredAgents,
    teams: offeredTeams,
    note:
      hidden > 0
        ? `${hidden} other agent${hidden === 1 ? '' : 's'} or team${hidden === 1 ? '' : 's'} are not offered: they are not bound to this number for outbound calls.`
        : null,
  };
}

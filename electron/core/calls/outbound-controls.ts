import type { Controls } from '../feather/conversation-schemas';

/**
 * 1.90's outbound pause state (`GET /v1/voice/outbound/controls`), read for the card before
 * sending: cached briefly per connection, refreshed in the background when a card asks after it
 * went stale; a change re-plans the cards (`onChange`). Not knowing is never a refusal: a call
 * to a paused agent still goes into Feather's queue; the card only says it will wait.
 */
export interface OutboundControlsDeps {
  read(profileId: string): Promise<Controls | null>;
  now(): Date;
  onChange(profileId: string): void;
  /** how long an answer is used; default 30 s */
  freshMs?: number;
}

export interface PauseCaller {
  agentId: string | null;
  teamId: string | null;
  /** the agent's or team's name, as the card shows it */
  name: string | null;
}

export function createOutboundControls(deps: OutboundControlsDeps) {
  const freshMs = deps.freshMs ?? 30_000;
  const cache = new Map<string, { at: number; controls: Controls | null }>();
  const loading = new Set<string>();

  function refresh(profileId: string) {
    if (loading.has(profileId)) return;
    loading.add(profileId);
    deps
      .read(profileId)
      .catch(() => null)
      .then((controls) => {
        const before = JSON.stringify(cache.get(profileId)?.controls ?? null);
        cache.set(profileId, { at: deps.now().getTime(), controls });
        if (JSON.stringify(controls) !== before) deps.onChange(profileId);
      })
      .finally(() => loading.delete(profileId))
      .catch(() => undefined);
  }

  return {
    /** the sentence for the card when outbound is paused for this call's caller (or the whole organisation); null otherwise */
    notice(profileId: string, caller: PauseCaller): string | null {
      const cached = cache.get(profileId);
      if (!cached || deps.now().getTime() - cached.at > freshMs) refresh(profileId);
      const c = cached?.controls;
      if (!c) return null;
      const wait = 'your call will wait in Feather’s queue until outbound resumes.';
      const why = (reason: string | null | undefined) => (reason ? ` (${reason})` : '');
      if (c.org_paused) return `Outbound calls are paused for your whole organisation: ${wait}`;
      const agent = caller.agentId ? c.paused_agents.find((p) => p.paused && p.agent_id === caller.agentId) : undefined;
      if (agent) return `Outbound calls are paused for ${caller.name ?? 'this agent'}${why(agent.reason)}: ${wait}`;
      const team = caller.teamId ? c.paused_teams.find((p) => p.paused && p.team_id === caller.teamId) : undefined;
      if (team) return `Outbound calls are paused for ${caller.name ?? 'this team'}${why(team.reason)}: ${wait}`;
      return null;
    },
    /** forget (a key changed, a connection switched) */
    clear: (profileId: string) => cache.delete(profileId),
  };
}

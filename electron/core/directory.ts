import type { Directory } from '../../shared/contract';
import { AgentSchema, PhoneNumberSchema, TeamSchema } from '../../shared/feather-api';
import { AppFailure } from '../../shared/result';
import type { FeatherClient } from './feather-client';

/**
 * Best-effort lists for the ID fields (from-numbers, agents, teams). Several list endpoints
 * are only assumed to exist: one that is missing or fails is reported, never fatal.
 */
export async function loadDirectory(client: FeatherClient): Promise<Directory> {
  const unavailable: string[] = [];
  const attempt = async <T>(name: string, fn: () => Promise<T[]>): Promise<T[]> => {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof AppFailure && error.appError.code === 'invalid_key') throw error;
      unavailable.push(name);
      return [];
    }
  };
  const [numbers, agents, teams] = await Promise.all([
    attempt('phone numbers', () => client.list('/v1/communication/phone-numbers', PhoneNumberSchema)),
    attempt('agents', () => client.list('/v1/agents', AgentSchema)),
    attempt('teams', () => client.list('/v1/teams', TeamSchema)),
  ]);
  return {
    phoneNumbers: numbers
      .filter((n) => n.status === 'active' && n.capabilities.includes('voice'))
      .map((n) => ({ id: n.id, label: n.label ? `${n.phone_e164} · ${n.label}` : n.phone_e164 })),
    agents: agents.map((a) => ({ id: a.id, label: a.name })),
    teams: teams.map((t) => ({ id: t.id, label: t.name })),
    unavailable,
  };
}

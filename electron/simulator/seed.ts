/**
 * Believable demo data for the built-in simulator, in the shapes of Feather's published
 * spec (shared/docs/feather-openapi-digest.md). IDs are fixed so tests, screenshots and
 * people can refer to them. Fields the spec does not have (team members, which agent of a
 * team answers) are the simulator's own bookkeeping and are never put on the wire.
 */
import { DEMO_IDS } from '../core/demo/demo-ids';

// The demo world's ids are core's (its demo samples call with them); tests and the CLI take them from here too.
export { DEMO_IDS };

/** `ContextVarSpec` (same in 1.21 and 1.90). */
export interface SimVariable {
  name: string;
  type: 'string' | 'int' | 'float' | 'bool' | 'enum';
  source: 'system' | 'derived';
  enum_values?: string[] | null;
  description: string | null;
  /** where the 1.90 context-schema lists it; system variables are always under `system` */
  group?: 'workflow_inputs' | 'workflow_derived';
}
export interface SimRevision {
  id: string;
  name: string;
  variables: SimVariable[];
}
export interface SimAgent {
  id: string;
  name: string;
  description: string | null;
  active_revision_id: string;
  /** every revision, the active one included */
  revisions: SimRevision[];
  created_at: string;
  updated_at: string;
}
export interface SimTeam {
  id: string;
  name: string;
  description: string | null;
  active_revision_id: string | null;
  created_at: string;
  updated_at: string;
  /** bookkeeping: who answers a team call */
  member_agent_ids: string[];
  default_agent_id: string;
}
export interface SimChannel {
  id: string;
  channel_type: 'sms' | 'inbound_call' | 'outbound_call';
  agent_id: string | null;
  /** a pinned revision of the agent; null = the agent's active revision */
  agent_revision_id: string | null;
  team_id: string | null;
  team_revision_id: string | null;
  created_at: string;
}
export interface SimPhoneNumber {
  id: string;
  phone_e164: string;
  capabilities: Array<'voice' | 'sms'>;
  status: 'active' | 'paused' | 'retired';
  created_at: string;
  updated_at: string;
  channels: SimChannel[];
}
export interface SimSeed {
  organization: { id: string; name: string };
  phoneNumbers: SimPhoneNumber[];
  agents: SimAgent[];
  teams: SimTeam[];
}

const CREATED = '2026-03-02T09:15:00Z';
const UPDATED = '2026-10-14T16:40:00Z';

export function demoSeed(): SimSeed {
  const id = DEMO_IDS;
  const riley: SimAgent = {
    id: id.agentRiley,
    name: 'Riley — Appointment reminders',
    description: 'Confirms or reschedules clinic appointments.',
    active_revision_id: id.revisionRiley,
    created_at: CREATED,
    updated_at: UPDATED,
    revisions: [
      {
        id: id.revisionRiley,
        name: 'v7 — reminders with interpreter offer',
        variables: [
          {
            name: 'patient_first_name',
            type: 'string',
            source: 'derived',
            group: 'workflow_inputs',
            description: 'How Riley greets the patient.',
          },
          {
            name: 'appointment_date',
            type: 'string',
            source: 'derived',
            group: 'workflow_inputs',
            description: 'Date of the appointment, YYYY-MM-DD.',
          },
          {
            name: 'clinic',
            type: 'enum',
            source: 'derived',
            group: 'workflow_inputs',
            enum_values: ['Downtown', 'Uptown', 'Harbor'],
            description: 'Which clinic the appointment is at.',
          },
          {
            name: 'reminder_count',
            type: 'int',
            source: 'derived',
            group: 'workflow_inputs',
            description: 'How many reminders were sent before.',
          },
          {
            name: 'needs_interpreter',
            type: 'bool',
            source: 'derived',
            group: 'workflow_derived',
            description: 'Offer an interpreter at the start.',
          },
          { name: 'call_started_at', type: 'string', source: 'system', description: 'Set by Feather when the call starts.' },
        ],
      },
    ],
  };
  const morgan: SimAgent = {
    id: id.agentMorgan,
    name: 'Morgan — Renewals',
    description: 'Calls customers whose plan is up for renewal.',
    active_revision_id: id.revisionMorgan,
    created_at: CREATED,
    updated_at: UPDATED,
    revisions: [
      {
        id: id.revisionMorgan,
        name: 'v3 — renewals',
        variables: [
          { name: 'customer_name', type: 'string', source: 'derived', group: 'workflow_inputs', description: 'Full name of the customer.' },
          {
            name: 'plan',
            type: 'enum',
            source: 'derived',
            group: 'workflow_inputs',
            enum_values: ['basic', 'pro', 'enterprise'],
            description: 'Current plan.',
          },
          {
            name: 'renewal_date',
            type: 'string',
            source: 'derived',
            group: 'workflow_inputs',
            description: 'When the plan renews, YYYY-MM-DD.',
          },
          {
            name: 'discount_percent',
            type: 'float',
            source: 'derived',
            group: 'workflow_inputs',
            description: 'Discount Morgan may offer.',
          },
        ],
      },
    ],
  };
  const sam: SimAgent = {
    id: id.agentSam,
    name: 'Sam — Satisfaction survey',
    description: 'Three-question survey after a visit.',
    active_revision_id: id.revisionSam,
    created_at: CREATED,
    updated_at: UPDATED,
    revisions: [
      {
        id: id.revisionSam,
        name: 'v2 — survey with id',
        variables: [
          {
            name: 'first_name',
            type: 'string',
            source: 'derived',
            group: 'workflow_inputs',
            description: 'First name of the person called.',
          },
          { name: 'survey_id', type: 'string', source: 'derived', group: 'workflow_inputs', description: 'Survey to run.' },
          { name: 'visit_rating', type: 'int', source: 'derived', group: 'workflow_derived', description: 'Rating the person gives, 1–5.' },
        ],
      },
      {
        id: id.revisionSamPinned,
        name: 'v1 — first survey',
        variables: [
          {
            name: 'first_name',
            type: 'string',
            source: 'derived',
            group: 'workflow_inputs',
            description: 'First name of the person called.',
          },
          { name: 'visit_rating', type: 'int', source: 'derived', group: 'workflow_derived', description: 'Rating the person gives, 1–5.' },
        ],
      },
    ],
  };
  const number = (
    numberId: string,
    e164: string,
    capabilities: SimPhoneNumber['capabilities'],
    status: SimPhoneNumber['status'],
    channels: Array<Omit<SimChannel, 'id' | 'created_at'> & { n: number }>,
  ): SimPhoneNumber => ({
    id: numberId,
    phone_e164: e164,
    capabilities,
    status,
    created_at: CREATED,
    updated_at: UPDATED,
    channels: channels.map(({ n, ...c }) => ({ id: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`, created_at: CREATED, ...c })),
  });
  const bind = (
    n: number,
    channel_type: SimChannel['channel_type'],
    agent_id: string | null,
    team_id: string | null,
    agent_revision_id: string | null = null,
  ) => ({
    n,
    channel_type,
    agent_id,
    agent_revision_id,
    team_id,
    team_revision_id: null,
  });
  return {
    organization: { id: id.org, name: 'Northwind Clinics (demo)' },
    agents: [riley, morgan, sam],
    teams: [
      {
        id: id.teamFrontDesk,
        name: 'Front desk',
        description: 'Riley answers first.',
        active_revision_id: id.revisionFrontDesk,
        created_at: CREATED,
        updated_at: UPDATED,
        member_agent_ids: [riley.id, sam.id],
        default_agent_id: riley.id,
      },
      {
        id: id.teamSales,
        name: 'Sales',
        description: 'Morgan answers first.',
        active_revision_id: id.revisionSales,
        created_at: CREATED,
        updated_at: UPDATED,
        member_agent_ids: [morgan.id],
        default_agent_id: morgan.id,
      },
    ],
    phoneNumbers: [
      number(id.numberSf, '+14155550100', ['voice', 'sms'], 'active', [
        bind(1, 'outbound_call', riley.id, null),
        bind(2, 'outbound_call', morgan.id, null),
        bind(3, 'outbound_call', null, id.teamFrontDesk),
        bind(4, 'inbound_call', sam.id, null),
      ]),
      number(id.numberLondon, '+442079460958', ['voice'], 'active', [
        bind(5, 'outbound_call', sam.id, null, id.revisionSamPinned),
        bind(6, 'outbound_call', null, id.teamSales),
      ]),
      number(id.numberPaused, '+12125550199', ['voice'], 'paused', [bind(7, 'outbound_call', riley.id, null)]),
      number(id.numberSmsOnly, '+16465550142', ['sms'], 'active', [bind(8, 'sms', sam.id, null)]),
    ],
  };
}

/** Local names the demo profile starts with, as a user would have typed them (Feather has none). */
export const DEMO_NUMBER_NAMES: Record<string, string> = {
  [DEMO_IDS.numberSf]: 'San Francisco main line',
  [DEMO_IDS.numberLondon]: 'London office',
};

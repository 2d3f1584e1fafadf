/**
 * Believable demo data for the built-in simulator. IDs are fixed so tests, screenshots
 * and people can refer to them.
 */

export interface SimVariable {
  name: string;
  type: 'string' | 'number' | 'boolean' | 'enum' | 'date';
  source: 'derived' | 'system' | 'input';
  enum_values?: string[];
  description: string;
}
export interface SimAgent {
  id: string;
  name: string;
  description: string;
  active_revision_id: string;
  variables: SimVariable[];
}
export interface SimTeam {
  id: string;
  name: string;
  description: string;
  member_agent_ids: string[];
  default_agent_id: string;
}
export interface SimChannel {
  id: string;
  channel_type: 'sms' | 'inbound_call' | 'outbound_call';
  agent_id: string | null;
  team_id: string | null;
}
export interface SimPhoneNumber {
  id: string;
  phone_e164: string;
  label: string;
  capabilities: Array<'voice' | 'sms'>;
  status: 'active' | 'paused' | 'retired';
  channels: SimChannel[];
}
export interface SimSeed {
  organization: { id: string; name: string };
  phoneNumbers: SimPhoneNumber[];
  agents: SimAgent[];
  teams: SimTeam[];
}

export const DEMO_IDS = {
  org: '7d0c5f8e-2a4b-4c61-9f0e-5b1d3a7c9e20',
  numberSf: '0b6f3c1e-8d2a-4f57-b9e4-1a2c3d4e5f60',
  numberLondon: '1c7a4d2f-9e3b-4a68-8c05-2b3d4e5f6a71',
  numberPaused: '2d8b5e3a-0f4c-4b79-9d16-3c4e5f6a7b82',
  numberSmsOnly: '3e9c6f4b-1a5d-4c8a-8e27-4d5f6a7b8c93',
  agentRiley: '4fad7a5c-2b6e-4d9b-9f38-5e6a7b8c9da4',
  agentMorgan: '5abe8b6d-3c7f-4eac-8a49-6f7b8c9daeb5',
  agentSam: '6bcf9c7e-4d8a-4fbd-9b5a-7a8c9daebfc6',
  teamFrontDesk: '7cd0ad8f-5e9b-40ce-8c6b-8b9daebfc0d7',
  teamSales: '8de1be9a-6fac-41df-9d7c-9caebfc0d1e8',
} as const;

export function demoSeed(): SimSeed {
  const id = DEMO_IDS;
  const riley: SimAgent = {
    id: id.agentRiley,
    name: 'Riley — Appointment reminders',
    description: 'Confirms or reschedules clinic appointments.',
    active_revision_id: 'a1b2c3d4-0000-4000-8000-000000000001',
    variables: [
      { name: 'patient_first_name', type: 'string', source: 'derived', description: 'How Riley greets the patient.' },
      { name: 'appointment_date', type: 'date', source: 'derived', description: 'Date of the appointment, YYYY-MM-DD.' },
      { name: 'clinic', type: 'enum', source: 'derived', enum_values: ['Downtown', 'Uptown', 'Harbor'], description: 'Which clinic the appointment is at.' },
      { name: 'reminder_count', type: 'number', source: 'derived', description: 'How many reminders were sent before.' },
      { name: 'needs_interpreter', type: 'boolean', source: 'input', description: 'Offer an interpreter at the start.' },
      { name: 'call_started_at', type: 'string', source: 'system', description: 'Set by Feather when the call starts.' },
    ],
  };
  const morgan: SimAgent = {
    id: id.agentMorgan,
    name: 'Morgan — Renewals',
    description: 'Calls customers whose plan is up for renewal.',
    active_revision_id: 'a1b2c3d4-0000-4000-8000-000000000002',
    variables: [
      { name: 'customer_name', type: 'string', source: 'derived', description: 'Full name of the customer.' },
      { name: 'plan', type: 'enum', source: 'derived', enum_values: ['basic', 'pro', 'enterprise'], description: 'Current plan.' },
      { name: 'renewal_date', type: 'date', source: 'derived', description: 'When the plan renews.' },
      { name: 'discount_percent', type: 'number', source: 'input', description: 'Discount Morgan may offer.' },
    ],
  };
  const sam: SimAgent = {
    id: id.agentSam,
    name: 'Sam — Satisfaction survey',
    description: 'Three-question survey after a visit.',
    active_revision_id: 'a1b2c3d4-0000-4000-8000-000000000003',
    variables: [
      { name: 'first_name', type: 'string', source: 'derived', description: 'First name of the person called.' },
      { name: 'survey_id', type: 'string', source: 'input', description: 'Survey to run.' },
    ],
  };
  const channel = (n: number, type: SimChannel['channel_type'], agent: string | null, team: string | null): SimChannel => ({
    id: `c0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    channel_type: type,
    agent_id: agent,
    team_id: team,
  });
  return {
    organization: { id: id.org, name: 'Northwind Clinics (demo)' },
    agents: [riley, morgan, sam],
    teams: [
      { id: id.teamFrontDesk, name: 'Front desk', description: 'Riley answers first.', member_agent_ids: [riley.id, sam.id], default_agent_id: riley.id },
      { id: id.teamSales, name: 'Sales', description: 'Morgan answers first.', member_agent_ids: [morgan.id], default_agent_id: morgan.id },
    ],
    phoneNumbers: [
      {
        id: id.numberSf,
        phone_e164: '+14155550100',
        label: 'San Francisco main line',
        capabilities: ['voice', 'sms'],
        status: 'active',
        channels: [
          channel(1, 'outbound_call', riley.id, null),
          channel(2, 'outbound_call', morgan.id, null),
          channel(3, 'outbound_call', null, id.teamFrontDesk),
          channel(4, 'inbound_call', sam.id, null),
        ],
      },
      {
        id: id.numberLondon,
        phone_e164: '+442079460958',
        label: 'London office',
        capabilities: ['voice'],
        status: 'active',
        channels: [channel(5, 'outbound_call', sam.id, null), channel(6, 'outbound_call', null, id.teamSales)],
      },
      {
        id: id.numberPaused,
        phone_e164: '+12125550199',
        label: 'New York (paused)',
        capabilities: ['voice'],
        status: 'paused',
        channels: [channel(7, 'outbound_call', riley.id, null)],
      },
      {
        id: id.numberSmsOnly,
        phone_e164: '+16465550142',
        label: 'Texts only',
        capabilities: ['sms'],
        status: 'active',
        channels: [channel(8, 'sms', sam.id, null)],
      },
    ],
  };
}

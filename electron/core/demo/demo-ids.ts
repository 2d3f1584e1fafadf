/**
 * The demo world's fixed ids: the simulator serves an organisation with these numbers, agents and
 * teams, and the demo samples (demo-samples.ts) name them as their callers. They live in core so
 * core never imports the simulator; the simulator takes them from here. Fixed so tests, screenshots
 * and people can refer to them.
 */
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
  revisionRiley: 'a1b2c3d4-0000-4000-8000-000000000001',
  revisionMorgan: 'a1b2c3d4-0000-4000-8000-000000000002',
  revisionSam: 'a1b2c3d4-0000-4000-8000-000000000003',
  /** Sam's older revision, still pinned by the London outbound binding */
  revisionSamPinned: 'a1b2c3d4-0000-4000-8000-000000000013',
  revisionFrontDesk: 'b1b2c3d4-0000-4000-8000-000000000001',
  revisionSales: 'b1b2c3d4-0000-4000-8000-000000000002',
} as const;

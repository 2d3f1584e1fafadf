import { describe, expect, it } from 'vitest';
import { needsDirectory, resolveLaunch, type LaunchKnowledge } from '../../electron/core/launch/resolve-launch';
import { DEMO_IDS as ID } from '../../electron/core/demo/demo-ids';

/** A link's names become the card's IDs, against the connection in use; what cannot be told apart stays as typed. */
const known: LaunchKnowledge = {
  defaultCountry: 'GB',
  directory: {
    phoneNumbers: [
      {
        id: ID.numberSf,
        label: '+14155550100 · San Francisco main line',
        e164: '+14155550100',
        localName: 'San Francisco main line',
        manual: false,
      },
      { id: ID.numberLondon, label: '+442079460958 · London office', e164: '+442079460958', localName: 'London office', manual: false },
      { id: '9f000000-0000-4000-8000-000000000001', label: 'Zürich desk', manual: true },
      { id: '9f000000-0000-4000-8000-000000000002', label: '+16465550142', e164: '+16465550142', localName: null, manual: false },
    ],
    agents: [
      { id: ID.agentRiley, label: 'Riley — Appointment reminders', manual: false },
      { id: ID.agentMorgan, label: 'Morgan — Renewals', manual: false },
      { id: ID.agentSam, label: 'Sam — Satisfaction survey', manual: false },
      { id: '9f000000-0000-4000-8000-00000000000a', label: 'Sam — Second line', manual: false },
    ],
    teams: [
      { id: ID.teamFrontDesk, label: 'Front desk', manual: false },
      { id: ID.teamSales, label: 'Sales', manual: false },
    ],
  },
  templates: [
    { id: 'tpl-1', name: 'Appointment reminder' },
    { id: 'tpl-2', name: 'Rappel de rendez-vous' },
    { id: 'tpl-3', name: 'Renewal' },
    { id: 'tpl-4', name: 'Renewal (short)' },
  ],
};
const resolve = (request: Partial<Parameters<typeof resolveLaunch>[0]>) =>
  resolveLaunch({ source: 'link', to: '+14155550123', ...request }, known);

describe('resolving a link’s names in the connection in use', () => {
  it('a number only: the dial request the card opens with, from a link', () => {
    expect(resolve({})).toEqual({ source: 'link', toNumber: '+14155550123' });
    expect(resolveLaunch({ source: 'cli', to: '020 7946 0958' }, known)).toEqual({ source: 'cli', toNumber: '020 7946 0958' });
  });

  it.each([
    ['London office', ID.numberLondon, 'the name given to it here'],
    ['LONDON OFFICE', ID.numberLondon, 'any case'],
    ['london', ID.numberLondon, 'the first words of a name'],
    ['+44 20 7946 0958', ID.numberLondon, 'its number in any format'],
    ['020 7946 0958', ID.numberLondon, 'as dialled in the default country'],
    ['+1 646 555 0142', '9f000000-0000-4000-8000-000000000002', 'a number with no name'],
    ['zurich desk', '9f000000-0000-4000-8000-000000000001', 'a manual entry, accents folded'],
    [ID.numberSf.toUpperCase(), ID.numberSf, 'an ID, in any case'],
    ['Paris office', 'Paris office', 'unknown: stays as typed for the card to flag'],
    ['+33 1 23 45 67 89', '+33 1 23 45 67 89', 'a number this connection does not have: as typed'],
    [
      'a1b2c3d4-0000-4000-8000-00000000ffff',
      'a1b2c3d4-0000-4000-8000-00000000ffff',
      'an unknown ID (another connection’s): as typed, never a switch',
    ],
  ])('from %s → %s (%s)', (from, id) => {
    expect(resolve({ from }).fromNumberId).toBe(id);
  });

  it.each([
    [{ agent: 'Riley' }, { mode: 'agent', agentId: ID.agentRiley }],
    [{ agent: 'riley appointment-reminders' }, { mode: 'agent', agentId: ID.agentRiley }],
    [{ agent: 'Morgan — Renewals' }, { mode: 'agent', agentId: ID.agentMorgan }],
    [{ agent: 'Sam' }, { mode: 'agent', agentId: 'Sam' }], // two agents start with "Sam": the card asks
    [{ agent: 'Sam — Satisfaction survey' }, { mode: 'agent', agentId: ID.agentSam }],
    [{ agent: 'Rile' }, { mode: 'agent', agentId: 'Rile' }], // the first words, not letters
    [{ agent: ID.agentSam }, { mode: 'agent', agentId: ID.agentSam }],
    [{ team: 'front desk' }, { mode: 'team', teamId: ID.teamFrontDesk }],
    [{ team: 'Support' }, { mode: 'team', teamId: 'Support' }],
  ])('%j → %j', (request, caller) => {
    expect(resolve(request).caller).toEqual(caller);
  });

  it.each([
    ['appointment reminder', 'tpl-1'],
    ['Rappel de rendez-vous', 'tpl-2'],
    ['rappel', 'tpl-2'],
    ['tpl-3', 'tpl-3'],
    ['Renewal', 'tpl-3'], // the whole name wins over another that starts with it
    ['Nothing like it', 'Nothing like it'],
  ])('template %s → %s', (template, id) => {
    expect(resolve({ template }).templateId).toBe(id);
  });

  it('variables pass as they are; no caller or template when the link gives none', () => {
    const dial = resolve({ vars: { clinic: 'Uptown', note: '' } });
    expect(dial).toEqual({ source: 'link', toNumber: '+14155550123', variables: { clinic: 'Uptown', note: '' } });
  });

  it('needs the directory only for names', () => {
    expect(needsDirectory({ source: 'link', to: '1' })).toBe(false);
    expect(needsDirectory({ source: 'link', to: '1', agent: ID.agentRiley, from: ID.numberSf })).toBe(false);
    expect(needsDirectory({ source: 'link', to: '1', agent: 'Riley' })).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Directory, DirectoryEntry } from '../../shared/contract';
import {
  callerBindingOf,
  describeEntry,
  entryName,
  entryView,
  matchesQuery,
  numberBindingOf,
  resolveTyped,
} from '../../renderer/src/components/id-combobox-entries';

const london: DirectoryEntry = {
  id: '1c7a4d2f-9e3b-4a68-8c05-2b3d4e5f6a71',
  label: '+442079460958 · London office',
  manual: false,
  e164: '+442079460958',
  international: '+44 20 7946 0958', // main formats numbers for display
  status: 'paused',
  capabilities: ['voice'],
};
const zoe: DirectoryEntry = { id: '4fad7a5c-2b6e-4d9b-9f38-5e6a7b8c9da4', label: 'Zoë — Überweisungen', manual: false };
const twinA: DirectoryEntry = { id: 'aaaaaaaa-0000-4000-8000-000000000001', label: 'Sales', manual: false };
const twinB: DirectoryEntry = { id: 'bbbbbbbb-0000-4000-8000-000000000002', label: 'Sales', manual: true };
const directory = (bindings: Directory['bindings']): Directory => ({
  apiVersion: null,
  phoneNumbers: [london],
  agents: [zoe],
  teams: [],
  bindings,
  variables: {},
  revisionVariables: {},
  fetchedAt: null,
  unavailable: [],
  refreshError: null,
});

describe('picker entries', () => {
  it('names a number by the name given on this computer, else by its number, formatted', () => {
    expect(entryName(london)).toBe('London office'); // from a label written before localName existed
    expect(entryName({ ...london, label: '+442079460958', localName: null })).toBe('+44 20 7946 0958');
    expect(entryName({ ...london, label: '+442079460958', localName: null, international: undefined })).toBe('+442079460958');
    expect(describeEntry(entryView(london))).toBe('London office · +44 20 7946 0958 · paused');
    expect(describeEntry(entryView(twinB))).toBe('Sales · saved by hand');
  });

  it('matches names without regard to case or accents, numbers by their digits, IDs by their start', () => {
    expect(matchesQuery(zoe, 'uber zoe')).toBe(true); // words in any order
    expect(matchesQuery(zoe, 'ZOË — ÜBER')).toBe(true);
    expect(matchesQuery(zoe, 'zoe riley')).toBe(false);
    expect(matchesQuery(zoe, 'zoe')).toBe(true);
    expect(matchesQuery(london, '020 7946')).toBe(true); // national, trunk 0
    expect(matchesQuery(london, '+44 (20) 7946-0958')).toBe(true);
    expect(matchesQuery(london, '0123 4567')).toBe(false);
    expect(matchesQuery(london, '1c7a4d')).toBe(true);
    expect(matchesQuery(london, '7a4d')).toBe(false); // an ID matches from its start only
  });

  it('resolves exact text to the one entry it names, else keeps it as typed', () => {
    expect(resolveTyped([london, zoe], ` ${zoe.id.toUpperCase()} `)).toBe(zoe.id);
    expect(resolveTyped([london, zoe], 'zoe — uberweisungen')).toBe(zoe.id);
    expect(resolveTyped([london, zoe], '+44 20 7946 0958')).toBe(london.id);
    expect(resolveTyped([twinA, twinB], 'Sales')).toBe('Sales'); // two entries: the user must choose
    expect(resolveTyped([london], '  ')).toBe('');
  });

  it('says which numbers have outbound bindings and which callers are bound to the chosen number', () => {
    const d = directory({ [london.id]: { agentIds: [zoe.id], teamIds: [], agentRevisions: {} } });
    expect(numberBindingOf(d)(london)).toEqual({ bound: true, text: 'bound for outbound' });
    expect(numberBindingOf(directory({ [london.id]: { agentIds: [], teamIds: [], agentRevisions: {} } }))(london)).toEqual({
      bound: false,
      text: 'no outbound bindings',
    });
    expect(numberBindingOf(directory({}))(london)).toBeUndefined(); // Feather did not say
    expect(callerBindingOf(d, london.id, 'agent')(zoe)).toEqual({ bound: true, text: 'bound for outbound' });
    expect(callerBindingOf(d, london.id, 'team')(twinA)).toEqual({ bound: false, text: 'not bound to this number' });
    expect(callerBindingOf(d, 'constructor', 'agent')(zoe)).toBeUndefined(); // typed text is never an object key
  });
});

import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore, type LauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { memorySecrets } from '../support/memory-secrets';

/** Main runs the same plan as the card, through the dispatcher, for any sender: a blocked plan posts nothing. */
const ORIGIN = 'app://feather';
let core: LauncherCore;
let sim: Simulator;
let dispatch: ReturnType<typeof createDispatcher>;
const place = (request: Record<string, unknown>) =>
  dispatch({ url: `${ORIGIN}/index.html`, isMainFrame: true }, 'call:place', {
    requestId: randomUUID(),
    defaultCountry: 'US',
    toNumber: '(415) 555-0132',
    fromNumberId: DEMO_IDS.numberSf,
    contextVariables: [],
    ...request,
  });

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-plan-'));
  let simulator: Promise<Simulator> | undefined;
  core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: memorySecrets(),
    startSimulator: () => (simulator ??= startSimulator()),
  });
  dispatch = createDispatcher(core.handlers, { trustedOrigins: [ORIGIN], validateResponses: true });
  await core.handlers.directory.refresh();
  sim = await simulator!;
});
afterAll(() => core.close());

describe('main enforces the call plan for every entry point', () => {
  it('refuses an agent not bound to the from-number, before anything is sent', async () => {
    const result = await place({ caller: { mode: 'agent', agentId: DEMO_IDS.agentSam } });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'validation', fields: { agentId: expect.stringMatching(/not bound to \+14155550100/) } },
    });
    expect(sim.outboundRequests()).toHaveLength(0);
  });

  it('refuses a value outside the enum and an undeclared variable, on their rows', async () => {
    const result = await place({
      caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
      contextVariables: [
        { key: 'clinic', value: 'Nowhere' },
        { key: 'favourite_colour', value: 'blue' },
      ],
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        fields: {
          'contextVariables.0': expect.stringMatching(/not one of Downtown, Uptown, Harbor/),
          'contextVariables.1': expect.stringMatching(/does not declare/),
        },
      },
    });
    expect(sim.outboundRequests()).toHaveLength(0);
  });

  it('renders a template itself, against main\'s copy of the contact, and never sends "" for a placeholder', async () => {
    const contact = await core.handlers.contacts.create({
      draft: {
        displayName: 'Ana Ruiz',
        firstName: 'Ana',
        lastName: 'Ruiz',
        company: '',
        title: '',
        emails: [],
        tags: [],
        notes: '',
        favorite: false,
        timeZone: null,
        doNotCall: null,
        defaultCaller: null,
        custom: {},
        phones: [{ label: 'work', raw: '415 555 0133', doNotCall: false }],
      } as never,
    });
    const template = await core.handlers.templates.save({
      draft: {
        name: 'Reminder',
        description: '',
        defaultCaller: { fromNumberId: null, caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley } },
        variables: [
          {
            id: 'a',
            key: 'patient_first_name',
            expression: '{{contact.custom.nickname}}',
            type: 'text',
            required: false,
            defaultValue: '',
            enumValues: [],
            omitWhenEmpty: false,
          },
        ],
      },
    });
    const templateId = template.id;
    const blocked = await place({
      toNumber: '415 555 0133',
      contactId: contact.id,
      templateId,
      caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
      contextVariables: [{ key: 'patient_first_name', value: '' }],
    });
    expect(blocked).toMatchObject({
      ok: false,
      error: { fields: { 'contextVariables.0': expect.stringMatching(/has no value for this contact/) } },
    });
    expect(sim.outboundRequests()).toHaveLength(0);
  });

  it('a plan that passes is sent as planned', async () => {
    const result = await place({
      caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
      contextVariables: [{ key: 'clinic', value: 'harbor' }],
    });
    expect(result.ok).toBe(true);
    expect(sim.outboundRequests().at(-1)!.body).toMatchObject({ context_variables: { clinic: 'Harbor' } });
  });
});

describe('demo samples', () => {
  it('the first start adds sample contacts (a favourite, a do-not-call) and a template per demo agent; one call removes them', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-samples-'));
    const first = createLauncherCore({
      stores: confStoreFactory(dir),
      dataDir: dir,
      secrets: memorySecrets(),
      startSimulator: () => startSimulator(),
      demoSamples: true,
    });
    try {
      const status = await first.handlers.app.status();
      expect(status.samples).toEqual({ contacts: 3, templates: 3 });
      const list = first.handlers.contacts.query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 10 });
      const rows = (await list).rows;
      expect(rows.map((r) => [r.name, r.favorite, r.doNotCall])).toEqual([
        ['Dana Scully', false, true],
        ['Kim Lee', false, false],
        ['Zoë Müller', true, false],
      ]);
      expect(first.contacts.blockedReason('+12025550111')).toMatch(/asked not to be called/);
      expect(
        (await first.handlers.templates.list())
          .map((t) => (t.defaultCaller?.caller.mode === 'agent' ? t.defaultCaller.caller.agentId : null))
          .sort(),
      ).toEqual([DEMO_IDS.agentRiley, DEMO_IDS.agentMorgan, DEMO_IDS.agentSam].sort());
      // something the user made stays
      await first.handlers.templates.save({ draft: { name: 'Mine', description: '', defaultCaller: null, variables: [] } });
      const after = await first.handlers.app.removeSamples();
      expect(after.samples).toEqual({ contacts: 0, templates: 0 });
      expect((await first.handlers.templates.list()).map((t) => t.name)).toEqual(['Mine']);
    } finally {
      await first.close();
    }
    // not again on the next start
    const second = createLauncherCore({
      stores: confStoreFactory(dir),
      dataDir: dir,
      secrets: memorySecrets(),
      startSimulator: () => startSimulator(),
      demoSamples: true,
    });
    try {
      expect((await second.handlers.app.status()).samples).toEqual({ contacts: 0, templates: 0 });
    } finally {
      await second.close();
    }
  });
});

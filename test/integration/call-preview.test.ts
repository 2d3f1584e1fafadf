import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DialDraft } from '../../shared/call-intent';
import type { CallPreview, CallTarget } from '../../shared/call-preview';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore, type LauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { memorySecrets } from '../support/memory-secrets';

/**
 * Main plans every card: `call:preview` and `call:place` build the plan with one function, so what
 * the card shows — whose number it is, whose details fill the placeholders, the exact body — is
 * what main sends, whatever the window believed.
 */
const ORIGIN = 'app://feather';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
let core: LauncherCore;
let sim: Simulator;
let dispatch: ReturnType<typeof createDispatcher>;
let siobhan: { id: string };
let templateId: string;

const draft = (patch: Partial<DialDraft> = {}): DialDraft => ({
  toNumber: '',
  fromNumberId: DEMO_IDS.numberSf,
  caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
  contextVariables: [],
  ...patch,
});
async function preview(patch: Partial<DialDraft>): Promise<CallPreview> {
  const r = await dispatch(sender, 'call:preview', draft(patch));
  if (!r.ok) throw new Error(r.error.message);
  return r.value as CallPreview;
}

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-preview-'));
  let simulator: Promise<Simulator> | undefined;
  core = createLauncherCore({
    stores: confStoreFactory(dir),
    dataDir: dir,
    secrets: memorySecrets(),
    startSimulator: () => (simulator ??= startSimulator()),
    localeRegion: 'US',
  });
  dispatch = createDispatcher(core.handlers, { trustedOrigins: [ORIGIN], validateResponses: true });
  await core.handlers.directory.refresh();
  sim = await simulator!;
  siobhan = await core.handlers.contacts.create({
    draft: {
      ...emptyDraft(),
      displayName: 'Siobhán Kelly',
      firstName: 'Siobhán',
      lastName: 'Kelly',
      custom: { clinic: 'Harbor' },
      defaultCaller: { fromNumberId: DEMO_IDS.numberLondon, caller: { mode: 'agent', agentId: DEMO_IDS.agentSam } },
      phones: [
        { label: 'mobile', raw: '+1 415 555 0161', doNotCall: false },
        { label: 'fax', raw: '+1 415 555 0162', doNotCall: false },
      ],
    },
  });
  const template = await core.handlers.templates.save({
    draft: {
      name: 'Reminder',
      description: '',
      defaultCaller: null,
      variables: [
        {
          id: 'a',
          key: 'patient_first_name',
          expression: '{{contact.firstName}}',
          type: 'text',
          required: false,
          defaultValue: '',
          enumValues: [],
          omitWhenEmpty: true,
        },
        {
          id: 'b',
          key: 'clinic',
          expression: '{{contact.custom.clinic}}',
          type: 'enum',
          required: true,
          defaultValue: '',
          enumValues: ['Downtown', 'Uptown', 'Harbor'],
          omitWhenEmpty: false,
        },
      ],
    },
  });
  templateId = template.id;
});
afterAll(() => core.close());

describe('the contact follows the number (main decides whose number a draft is)', () => {
  it('keeps the picked contact while the number is theirs, and fills placeholders from them', async () => {
    const p = await preview({ toNumber: '+1 415 555 0161', contactId: siobhan.id, templateId });
    expect(p.contact).toMatchObject({ id: siobhan.id, name: 'Siobhán Kelly', callName: 'Siobhán', phoneLabel: 'mobile', how: 'picked' });
    expect(p.body?.context_variables).toEqual({ patient_first_name: 'Siobhán', clinic: 'Harbor' });
  });

  it('a number that is not one of theirs unbinds them: none of their details is used, and the preview says so', async () => {
    const p = await preview({
      toNumber: '+1 212 555 0188',
      contactId: siobhan.id,
      templateId,
      oneOff: { forNumber: '+1 212 555 0188', values: { clinic: 'Uptown' } },
    });
    expect(p.contact).toBeNull();
    expect(p.notTheirs).toEqual({ id: siobhan.id, name: 'Siobhán Kelly' });
    expect(p.ok).toBe(true);
    expect(JSON.stringify(p.body)).not.toMatch(/Siobh|Harbor|Kelly/);
    expect(p.body?.context_variables).toEqual({ clinic: 'Uptown' });
  });

  it('typing a number some contact has binds that contact (found by the number)', async () => {
    const p = await preview({ toNumber: '(415) 555-0161', templateId });
    expect(p.contact).toMatchObject({ id: siobhan.id, how: 'matched' });
    expect(p.body?.context_variables).toMatchObject({ patient_first_name: 'Siobhán' });
  });

  it('call:place enforces the same rule: the POST to another number carries nothing of the picked contact', async () => {
    const before = sim.outboundRequests().length;
    const r = await dispatch(sender, 'call:place', {
      ...draft({
        toNumber: '+1 212 555 0188',
        contactId: siobhan.id,
        templateId,
        oneOff: { forNumber: '+1 212 555 0188', values: { clinic: 'Uptown' } },
      }),
      requestId: randomUUID(),
    });
    expect(r.ok).toBe(true);
    const sent = sim.outboundRequests().slice(before);
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.body)).not.toMatch(/Siobh|Harbor/);
    expect(sent[0]!.body).toMatchObject({ to_phone_number: '+12125550188', context_variables: { clinic: 'Uptown' } });
  });
});

describe('what the card needs, decided in main', () => {
  it('a placeholder with no value blocks its row, named by its variable; a one-off value for this call unblocks it', async () => {
    const blocked = await preview({ toNumber: '+1 212 555 0188', templateId });
    expect(blocked.problems['contextVariables.1']).toMatch(/has no value without a contact/);
    expect(blocked.summary).toBe('1 thing needs attention: clinic.');
    expect(blocked.template?.rows[1]).toMatchObject({ key: 'clinic', state: 'missing', canGiveValue: true });
    const given = await preview({
      toNumber: '+1 212 555 0188',
      templateId,
      oneOff: { forNumber: '+1 212 555 0188', values: { clinic: 'harbor' } },
    });
    expect(given.template?.rows[1]).toMatchObject({ key: 'clinic', state: 'oneOff', text: 'harbor' });
    expect(given.body?.context_variables).toEqual({ clinic: 'Harbor' }); // coerced to the enum's spelling
    // a one-off value does not replace a value the contact has
    const theirs = await preview({
      toNumber: '+1 415 555 0161',
      contactId: siobhan.id,
      templateId,
      oneOff: { forNumber: '+1 415 555 0161', values: { clinic: 'Uptown' } },
    });
    expect(theirs.body?.context_variables).toMatchObject({ clinic: 'Harbor' });
  });

  it('who calls by default: the contact’s, else the template’s, else the last used; what the user chose stays theirs', async () => {
    const contactDefault = await preview({ toNumber: '+1 415 555 0161', fromNumberId: '', caller: { mode: 'auto' } });
    expect(contactDefault.defaults).toEqual({
      toNumber: null,
      fromNumberId: DEMO_IDS.numberLondon,
      caller: { mode: 'agent', agentId: DEMO_IDS.agentSam },
    });
    expect(contactDefault.callerSource).toBe('contact');
    const chosen = await preview({ toNumber: '+1 415 555 0161', callerChoice: { templateId: null }, fromChoice: { templateId: null } });
    expect(chosen.defaults).toEqual({ toNumber: null, fromNumberId: null, caller: null });
    expect(chosen.callerSource).toBe('you');
    // nobody's number, no template: the caller of the last call placed (the test above placed one; main saves it
    // right after that card had its answer)
    await vi.waitFor(async () => {
      const fresh = await preview({ toNumber: '+1 212 555 0100', fromNumberId: '', caller: { mode: 'auto' } });
      expect(fresh.defaults).toEqual({
        toNumber: null,
        fromNumberId: DEMO_IDS.numberSf,
        caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
      });
      expect(fresh.callerSource).toBe('last used');
    });
  });

  it('letters in the To field ask for a contact; the number shows as it will be dialled, with its country', async () => {
    expect((await preview({ toNumber: 'Siob' })).problems.toNumber).toBe(
      'Choose a contact from the list under the field, or type a number.',
    );
    expect((await preview({ toNumber: '020 7946 0958' })).toSuggestion).toEqual({
      international: '+44 20 7946 0958',
      countryName: 'United Kingdom',
    });
    expect((await preview({ toNumber: 'tel:+14155550161;ext=12' })).to).toMatchObject({
      e164: '+14155550161',
      international: '+1 415 555 0161',
      countryName: 'United States',
      notices: [expect.stringMatching(/Extension 12 was removed/)],
    });
  });

  it('finds contacts by name for the To field, one entry per number, a fax listed with why it cannot be called', async () => {
    const r = await dispatch(sender, 'call:findTargets', { query: 'siob', limit: 8 });
    const targets = (r as { ok: true; value: CallTarget[] }).value;
    expect(targets).toEqual([
      expect.objectContaining({
        contactId: siobhan.id,
        name: 'Siobhán Kelly',
        phoneLabel: 'mobile',
        toNumber: '+14155550161',
        blocked: null,
      }),
      expect.objectContaining({
        phoneLabel: 'fax',
        display: '+1 415 555 0162',
        blocked: { badge: 'fax — not a voice line', reason: expect.stringMatching(/fax number/) },
      }),
    ]);
  });
});

describe('whose number, for numbers kept in more than one way (review findings)', () => {
  it('a do-not-call number kept without an E.164 (flagged on import) is still refused when typed with its country code', async () => {
    const { jobId } = await core.handlers.contacts.importPreview({
      fileName: 'dnc.csv',
      text: 'First Name,Last Name,Mobile Phone,Do Not Call\r\nRavi,Menon,98765 43219,yes\r\n',
    });
    await core.contacts.imports.settle(jobId);
    await core.handlers.contacts.importCommit({ jobId });
    await core.contacts.imports.settle(jobId);
    const ravi = (await dispatch(sender, 'call:findTargets', { query: 'ravi', limit: 8 })) as { ok: true; value: CallTarget[] };
    const target = ravi.value[0]!;
    expect(target.blocked?.badge).toBe('do not call');
    const fixed = await preview({ toNumber: '+91 98765 43219', contactId: target.contactId });
    expect(fixed).toMatchObject({
      ok: false,
      doNotCall: expect.stringMatching(/^Ravi Menon:/),
      contact: { id: target.contactId, how: 'picked' },
    });
    const before = sim.outboundRequests().length;
    const placed = await dispatch(sender, 'call:place', {
      ...draft({ toNumber: '+91 98765 43219', contactId: target.contactId }),
      requestId: randomUUID(),
    });
    expect(placed).toMatchObject({ ok: false, error: { code: 'do_not_call' } });
    expect(sim.outboundRequests().length).toBe(before);
  });

  it('a number two contacts share binds neither until one is picked; the picked one’s details are used', async () => {
    const shared = { label: 'home', raw: '+1 212 555 0142', doNotCall: false };
    const alice = await core.handlers.contacts.create({ draft: { ...emptyDraft(), firstName: 'Alice', phones: [shared] } });
    await core.handlers.contacts.create({ draft: { ...emptyDraft(), firstName: 'Bob', phones: [shared] } });
    const nobody = await preview({
      toNumber: '(212) 555-0142',
      templateId,
      oneOff: { forNumber: '(212) 555-0142', values: { clinic: 'Uptown' } },
    });
    expect(nobody.contact).toBeNull();
    expect(nobody.sharedBy.sort()).toEqual(['Alice', 'Bob']);
    expect(JSON.stringify(nobody.body)).not.toMatch(/Alice|Bob/);
    const picked = await preview({
      toNumber: '(212) 555-0142',
      contactId: alice.id,
      templateId,
      oneOff: { forNumber: '(212) 555-0142', values: { clinic: 'Uptown' } },
    });
    expect(picked.contact).toMatchObject({ id: alice.id, how: 'picked' });
    expect(picked.body?.context_variables).toMatchObject({ patient_first_name: 'Alice' });
  });

  it('a picked contact’s fax is not their phone when someone else has the number as a mobile', async () => {
    const faxOwner = await core.handlers.contacts.create({
      draft: { ...emptyDraft(), firstName: 'Faye', phones: [{ label: 'fax', raw: '+1 212 555 0143', doNotCall: false }] },
    });
    await core.handlers.contacts.create({
      draft: { ...emptyDraft(), firstName: 'Mo', phones: [{ label: 'mobile', raw: '+1 212 555 0143', doNotCall: false }] },
    });
    const p = await preview({ toNumber: '+1 212 555 0143', contactId: faxOwner.id, templateId });
    expect(p.contact).toMatchObject({ name: 'Mo', how: 'matched' });
    expect(p.notTheirs).toMatchObject({ id: faxOwner.id });
  });

  it('one-off values are for the number they were given for: another number gets none of them', async () => {
    const p = await preview({
      toNumber: '+1 212 555 0199',
      templateId,
      oneOff: { forNumber: '+1 212 555 0100', values: { clinic: 'Uptown' } },
    });
    expect(p.ok).toBe(false);
    expect(p.template?.rows[1]).toMatchObject({ key: 'clinic', state: 'missing' });
  });

  it('call:place refuses, sending nothing, when the plan changed since the card was armed (the number is someone else’s now)', async () => {
    const carol = await core.handlers.contacts.create({
      draft: {
        ...emptyDraft(),
        firstName: 'Carol',
        custom: { clinic: 'Harbor' },
        phones: [{ label: 'mobile', raw: '+1 212 555 0177', doNotCall: false }],
      },
    });
    const armed = await preview({ toNumber: '+1 212 555 0177', templateId });
    expect(armed.body?.context_variables).toMatchObject({ patient_first_name: 'Carol' });
    await core.handlers.contacts.update({ id: carol.id, draft: { ...emptyDraft(), firstName: 'Carol', phones: [] } });
    await core.handlers.contacts.create({
      draft: {
        ...emptyDraft(),
        firstName: 'Dave',
        custom: { clinic: 'Harbor' },
        phones: [{ label: 'mobile', raw: '+1 212 555 0177', doNotCall: false }],
      },
    });
    const before = sim.outboundRequests().length;
    const r = await dispatch(sender, 'call:place', {
      ...draft({ toNumber: '+1 212 555 0177', templateId }),
      requestId: randomUUID(),
      armedWith: armed.digest,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'plan_changed' } });
    expect(sim.outboundRequests().length).toBe(before);
    // reviewed again, the card shows Dave, and that call goes
    const again = await preview({ toNumber: '+1 212 555 0177', templateId });
    expect(again.body?.context_variables).toMatchObject({ patient_first_name: 'Dave' });
    const ok = await dispatch(sender, 'call:place', {
      ...draft({ toNumber: '+1 212 555 0177', templateId }),
      requestId: randomUUID(),
      armedWith: again.digest,
    });
    expect(ok.ok).toBe(true);
  });

  it('a placed call marks the contact whose number it is — not the one the draft named', async () => {
    const named = await core.handlers.contacts.create({
      draft: { ...emptyDraft(), firstName: 'Named', phones: [{ label: 'mobile', raw: '+1 212 555 0155', doNotCall: false }] },
    });
    const owner = await core.handlers.contacts.create({
      draft: { ...emptyDraft(), firstName: 'Owner', phones: [{ label: 'mobile', raw: '+1 212 555 0156', doNotCall: false }] },
    });
    const r = await dispatch(sender, 'call:place', {
      ...draft({ toNumber: '+1 212 555 0156', contactId: named.id }),
      requestId: randomUUID(),
    });
    expect(r.ok).toBe(true);
    await expect.poll(() => core.contacts.get(owner.id)?.callCount).toBe(1);
    expect(core.contacts.get(named.id)?.callCount).toBe(0);
  });

  it('a contact alone (no number chosen): main picks their first callable number for the card', async () => {
    const p = await preview({ toNumber: '', contactId: siobhan.id });
    expect(p.defaults.toNumber).toBe('+14155550161'); // the mobile, not the fax
    expect(p.notTheirs).toBeNull();
  });
});

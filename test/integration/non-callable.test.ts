import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { planCall } from '../../electron/core/calls/call-plan';
import type { ContactDraft } from '../../shared/contacts/contact';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore, type LauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { memorySecrets } from '../support/memory-secrets';

/**
 * Fax, pager, telex, TTY and modem lines are never called, whatever the entry point: main's
 * dialer asks the address book what kind of line a number is before anything is sent.
 */
const ORIGIN = 'app://feather';
let core: LauncherCore;
let sim: Simulator;
let dispatch: ReturnType<typeof createDispatcher>;
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true };
const place = (toNumber: string) =>
  dispatch(sender, 'call:place', {
    requestId: randomUUID(),
    toNumber,
    fromNumberId: DEMO_IDS.numberSf,
    caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
    contextVariables: [],
  });
const posts = () => sim.outboundRequests().length;

async function addContact(firstName: string, lastName: string, phones: ContactDraft['phones']) {
  const created = await dispatch(sender, 'contacts:create', { draft: { ...emptyDraft(), firstName, lastName, phones } });
  if (!created.ok) throw new Error(created.error.message);
  return created.value as { id: string };
}
const phone = (label: string, raw: string) => ({ label, raw, doNotCall: false });

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-non-callable-'));
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
  await addContact('Jane', 'Doe', [
    phone('mobile', '(415) 555-0161'),
    phone('fax', '(415) 555-0190'),
    phone('work fax', '415 555 0192'),
    phone('pager', '415 555 0193'),
  ]);
  await addContact('Priya', 'Shah', [phone('fax', '+44 20 7946 0958')]);
  // one number, two uses: Jane's fax is also Kim's desk phone
  await addContact('Ann', 'Lee', [phone('fax', '415 555 0191')]);
  await addContact('Kim', 'Park', [phone('work', '+1 415 555 0191')]);
});
// numbers are read in main's default country: each test starts in the US
beforeEach(async () => {
  await dispatch(sender, 'app:setDefaultCountry', { country: 'US' });
});
afterAll(() => core.close());

describe('call:place refuses a number kept as a non-callable line, whatever the format it is typed in', () => {
  it.each([
    ['national', '(415) 555-0190', 'US'],
    ['international', '+1 415 555 0190', 'US'],
    ['international, another default country', '+1-415-555-0190', 'GB'],
    ['pasted with a tel: prefix', 'tel:+14155550190', 'US'],
  ])('a fax number typed %s is refused with the reason, on To number, and nothing is posted', async (_how, typed, country) => {
    const before = posts();
    await dispatch(sender, 'app:setDefaultCountry', { country }); // main reads numbers in its own default country
    const result = await place(typed);
    const reason = "This is Jane Doe's fax number: an AI voice agent cannot talk to a fax. Call a voice number instead.";
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_number',
        message: `Not called. ${reason}`,
        fields: { toNumber: reason },
        fieldNames: { toNumber: 'To number' },
      },
    });
    expect(posts()).toBe(before);
  });

  it('a UK fax typed in national format under GB is refused too', async () => {
    const before = posts();
    await dispatch(sender, 'app:setDefaultCountry', { country: 'GB' });
    const result = await place('020 7946 0958');
    await dispatch(sender, 'app:setDefaultCountry', { country: 'US' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        fields: { toNumber: "This is Priya Shah's fax number: an AI voice agent cannot talk to a fax. Call a voice number instead." },
      },
    });
    expect(posts()).toBe(before);
  });

  it('a label typed in the editor ("work fax") and a pager are refused, each named for what it is', async () => {
    expect(await place('415 555 0192')).toMatchObject({
      ok: false,
      error: { fields: { toNumber: expect.stringMatching(/^This is Jane Doe's fax number/) } },
    });
    expect(await place('415 555 0193')).toMatchObject({
      ok: false,
      error: {
        fields: { toNumber: "This is Jane Doe's pager number: an AI voice agent cannot talk to a pager. Call a voice number instead." },
      },
    });
    const jane = core.contacts.query({ query: 'jane', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 5 }).rows[0]!;
    expect(core.contacts.get(jane.id).phones.map((p) => p.label)).toEqual(['mobile', 'fax', 'work fax', 'pager']); // kept as typed, not turned into "other"
  });

  it('the same contact’s voice number is called', async () => {
    const before = posts();
    expect((await place('(415) 555-0161')).ok).toBe(true);
    expect(posts()).toBe(before + 1);
    expect(sim.outboundRequests().at(-1)!.body).toMatchObject({ to_phone_number: '+14155550161' });
  });

  it('a number that is one contact’s fax and another contact’s voice number is callable: voice wins', async () => {
    const before = posts();
    const result = await place('(415) 555-0191');
    expect(result.ok).toBe(true);
    expect(posts()).toBe(before + 1);
    expect(sim.outboundRequests().at(-1)!.body).toMatchObject({ to_phone_number: '+14155550191' });
  });

  it('do-not-call still wins over the kind of line', async () => {
    await addContact('Dee', 'Noone', [{ label: 'fax', raw: '415 555 0194', doNotCall: true }]);
    expect(await place('415 555 0194')).toMatchObject({ ok: false, error: { code: 'do_not_call' } });
  });
});

describe('what the window is told about a number', () => {
  it('contacts:lookupNumber reports a fax with whose it is and why', async () => {
    const result = await dispatch(sender, 'contacts:lookupNumber', { e164: '+14155550190' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        name: 'Jane Doe',
        label: 'fax',
        nonCallable: { label: 'fax', contactName: 'Jane Doe', reason: expect.stringMatching(/cannot talk to a fax/) },
      },
    });
  });

  it('a number that is also a voice number is matched to the voice entry, and is not flagged', async () => {
    const result = await dispatch(sender, 'contacts:lookupNumber', { e164: '+14155550191' });
    expect(result).toMatchObject({ ok: true, value: { name: 'Kim Park', label: 'work', nonCallable: null } });
  });

  it("the list row's number is the first voice number, even when a fax comes first; a fax-only contact shows its fax", async () => {
    await addContact('Omar', 'Faxfirst', [phone('fax', '415 555 0195'), phone('home', '415 555 0196')]);
    const rows = await dispatch(sender, 'contacts:query', {
      query: '',
      sort: 'name',
      favoritesOnly: false,
      tags: [],
      offset: 0,
      limit: 50,
    });
    const { rows: list } = (rows as { ok: true; value: ReturnType<LauncherCore['contacts']['query']> }).value;
    const byName = Object.fromEntries(list.map((r) => [r.name, r.primaryPhone]));
    expect(byName['Omar Faxfirst']).toMatchObject({ label: 'home', e164: '+14155550196' });
    expect(byName['Priya Shah']).toMatchObject({ label: 'fax' });
  });
});

describe('planCall', () => {
  const base = {
    intent: {
      toNumber: '(415) 555-0190',
      defaultCountry: 'US',
      fromNumberId: DEMO_IDS.numberSf,
      caller: { mode: 'auto' as const },
      contextVariables: [],
    },
    directory: null,
    context: { contact: null, user: { name: null }, now: new Date('2026-03-01T10:00:00Z') },
  };

  it.each([
    ['tty', "This is Al Bo's TTY/TDD number: an AI voice agent cannot talk to a text telephone. Call a voice number instead."],
    ['telex', "This is Al Bo's telex number: an AI voice agent cannot talk to a telex line. Call a voice number instead."],
    ['modem', "This is Al Bo's modem line: an AI voice agent cannot talk to a modem. Call a voice number instead."],
  ])('blocks a %s line on To number', (label, message) => {
    const plan = planCall({ ...base, numberKind: () => ({ label, contactName: 'Al Bo' }) });
    expect(plan).toMatchObject({ ok: false, body: null, nonCallable: true, problems: { toNumber: message } });
  });

  it('asks the lookup with the E.164 of what was typed, and a voice answer (null) lets the call through', () => {
    const asked: string[] = [];
    const plan = planCall({ ...base, numberKind: (e164: string) => (asked.push(e164), null) });
    expect(asked).toEqual(['+14155550190']);
    expect(plan).toMatchObject({ ok: true, nonCallable: false });
    expect(plan.body?.to_phone_number).toBe('+14155550190');
  });
});

describe('a fax whose number was flagged on import (its country was unclear) is still not callable', () => {
  it('typed by hand with its country code, the number is recognised as that fax and refused', async () => {
    const csv = 'First Name,Last Name,Business Fax,Mobile Phone\r\nRavi,Menon,98765 43219,(415) 555-0166\r\n';
    const started = await dispatch(sender, 'contacts:importPreview', { fileName: 'outlook.csv', text: csv, country: 'US' });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value as { jobId: string };
    const ready = await core.contacts.imports.settle(jobId);
    expect(ready.phase).toBe('ready');
    await dispatch(sender, 'contacts:importCommit', { jobId });
    expect(await core.contacts.imports.settle(jobId)).toMatchObject({ phase: 'done' });
    const ravi = core.contacts.get(
      core.contacts.query({ query: 'ravi', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 5 }).rows[0]!.id,
    );
    expect(ravi.phones.find((p) => p.label === 'fax')).toMatchObject({ e164: null }); // flagged: not a US number

    const before = posts();
    expect(await place('+91 98765 43219')).toMatchObject({
      ok: false,
      error: { fields: { toNumber: expect.stringMatching(/^This is Ravi Menon's fax number/) } },
    });
    expect(posts()).toBe(before);
    // his mobile, a voice number, is called as usual
    expect((await place('+1 415 555 0166')).ok).toBe(true);
  });
});

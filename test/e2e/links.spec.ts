import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { cliPreflight, launchArgs } from '../../electron/main/links';
import type { TemplateVariable } from '../../shared/templates/template';
import { startApp, type RunningApp } from './harness';
import { fillCall } from './helpers';

/**
 * Links and the command line, end to end: an argv (or a macOS open-url) read by the glue as main
 * reads it (electron/main/links.ts), `core.launch()` as main calls it, the real core resolving names
 * against its directory, the dial:request delivered into the production renderer. Every form opens
 * the card with the right values marked as from outside; nothing is sent until Call is pressed, and
 * then exactly one POST.
 */

/** Tuesday 10 March 2026: 10:00 in San Francisco, 17:00 in London, 18:00 in Berlin — inside the default calling hours */
const DAYTIME = new Date('2026-03-10T17:00:00Z');
const EXE = '/opt/Feather Launcher/feather-launcher';
const card = (page: Page) => page.getByRole('region', { name: 'Call card' });
const outsideNote = (page: Page) =>
  card(page)
    .getByRole('note')
    .filter({ hasText: /^Opened from/ });
const posts = async (app: RunningApp) => (await app.demoSimulator()).outboundRequests();

async function start(): Promise<RunningApp> {
  const app = await startApp({ now: () => DAYTIME });
  // the organisation's numbers, agents and teams are known (cached from any earlier start)
  await expect(app.page.getByText(/Numbers, agents and teams as of/)).toBeVisible();
  return app;
}

/** What main does with an argv (cold start, second instance) or a macOS link: read it, then launch. */
async function arrive(app: RunningApp, ...args: string[]) {
  const request = launchArgs([EXE, ...args]);
  if (!request) throw new Error(`nothing to launch in ${JSON.stringify(args)}`);
  return app.core.launch(request);
}

/** The card is armed; nothing has been sent; Call sends exactly one request. Returns its body. */
async function confirm(app: RunningApp, postsBefore: number): Promise<Record<string, unknown>> {
  const { page } = app;
  await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
  // a card from outside the app starts on Edit: a stray Enter never calls (Call by its button)
  await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
  await page.waitForTimeout(300); // and stays so: nothing goes out by itself
  expect(await posts(app)).toHaveLength(postsBefore);
  await card(page).getByRole('button', { name: 'Call', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
  const sent = await posts(app);
  expect(sent).toHaveLength(postsBefore + 1);
  return sent.at(-1)!.body as Record<string, unknown>;
}

test('tel: links in each form open the card with the number from the link; one POST only after Call', async () => {
  const app = await start();
  try {
    const { page } = app;
    const forms: Array<[link: string, shown: string, sent: string]> = [
      ['tel:+1-415-555-0123', '+14155550123', '+14155550123'],
      ['tel:%2B14155550124', '+14155550124', '+14155550124'],
      ['tel:020 7946 0958;phone-context=+44', '+442079460958', '+442079460958'],
      ['tel:+1-415-555-0125;ext=12', '+14155550125 ext. 12', '+14155550125'],
    ];
    for (const [i, [link, shown, sent]] of forms.entries()) {
      await arrive(app, '--allow-file-access-from-files', link);
      await expect(page.getByLabel('To number')).toHaveValue(shown);
      await expect(page.getByLabel('Number as sent')).toHaveText(sent);
      await expect(outsideNote(page)).toHaveText('Opened from a link: the number came from it. Check them before calling.');
      if (link.endsWith(';ext=12')) await expect(card(page)).toContainText('Extension 12 was removed');
      const body = await confirm(app, i);
      expect(body.to_phone_number).toBe(sent);
      // Automatic from the first bound number: the link chose nothing else
      expect(body).toMatchObject({ from_phone_number_id: DEMO_IDS.numberSf });
      expect(body).not.toHaveProperty('agent_id');
    }
  } finally {
    await app.close();
  }
});

test('callto: links, with and without //, open the card the same way', async () => {
  const app = await start();
  try {
    const { page } = app;
    const forms: Array<[string, string]> = [
      ['callto://+14155550123', '+14155550123'],
      ['callto:+49 30 901820', '+4930901820'],
    ];
    for (const [i, [link, number]] of forms.entries()) {
      await arrive(app, link);
      await expect(page.getByLabel('To number')).toHaveValue(number);
      await expect(outsideNote(page)).toContainText('Opened from a link: the number came from it.');
      expect((await confirm(app, i)).to_phone_number).toBe(number);
    }
  } finally {
    await app.close();
  }
});

test('a feather-launcher:// link with names: from-number, agent and variables resolved, marked, sent as IDs', async () => {
  const app = await start();
  try {
    const { page } = app;
    const dial = await arrive(app, 'feather-launcher://call?to=%2B14155550123&from=london%20OFFICE&agent=sam&var.first_name=Zo%C3%AB');
    expect(dial).toMatchObject({ fromNumberId: DEMO_IDS.numberLondon, caller: { mode: 'agent', agentId: DEMO_IDS.agentSam } });
    await expect(page.getByLabel('To number')).toHaveValue('+14155550123');
    await expect(page.getByRole('combobox', { name: 'From number' })).toHaveValue('London office');
    await expect(page.getByRole('radio', { name: 'Agent' })).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Agent ID' })).toHaveValue('Sam — Satisfaction survey');
    await expect(page.getByLabel('Variable 1 name')).toHaveValue('first_name');
    await expect(page.getByLabel('Variable 1 value')).toHaveValue('Zoë');
    await expect(outsideNote(page)).toHaveText(
      'Opened from a link: the number, the from-number, who calls and variables came from it. Check them before calling.',
    );
    const body = await confirm(app, 0);
    expect(body).toMatchObject({
      from_phone_number_id: DEMO_IDS.numberLondon,
      to_phone_number: '+14155550123',
      agent_id: DEMO_IDS.agentSam,
      context_variables: { first_name: 'Zoë' },
    });
  } finally {
    await app.close();
  }
});

const row = (id: string, key: string, expression: string): TemplateVariable => ({
  id,
  key,
  expression,
  type: 'text',
  required: false,
  defaultValue: '',
  enumValues: [],
  omitWhenEmpty: false,
});

test('a feather-launcher:// link naming a template: the template fills the card, the link’s var. gives a row its value', async () => {
  const app = await start();
  try {
    const { page } = app;
    await app.core.handlers.templates.save({
      draft: {
        name: 'Appointment reminder',
        description: '',
        defaultCaller: { fromNumberId: DEMO_IDS.numberSf, caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley } },
        variables: [row('a', 'patient_first_name', '{{contact.firstName}}'), row('b', 'clinic', 'Uptown')],
      },
    });
    await arrive(app, 'feather-launcher://call?to=+1+415+555+0199&template=appointment+reminder&var.patient_first_name=Ada');
    await expect(page.getByLabel('Template', { exact: true })).toHaveValue(/.+/);
    await expect(page.getByLabel('Template', { exact: true }).locator('option:checked')).toHaveText('Appointment reminder');
    await expect(page.getByLabel('patient_first_name: value for this call')).toHaveValue('Ada');
    await expect(outsideNote(page)).toHaveText(
      'Opened from a link: the number, the template and variables came from it. Check them before calling.',
    );
    const body = await confirm(app, 0);
    expect(body).toMatchObject({
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550199',
      agent_id: DEMO_IDS.agentRiley,
      context_variables: { patient_first_name: 'Ada', clinic: 'Uptown' },
    });
  } finally {
    await app.close();
  }
});

test('the command line: --dial with --from and --team opens the card marked as from the command line; one POST after Call', async () => {
  const app = await start();
  try {
    const { page } = app;
    const argv = ['--dial', '(415) 555-0123', '--from', '+1 415 555 0100', '--team', 'front desk'];
    expect(cliPreflight([EXE, ...argv])).toBeNull(); // the launching process hands it over
    await arrive(app, '--no-sandbox', ...argv);
    await expect(page.getByLabel('To number')).toHaveValue('4155550123');
    await expect(page.getByLabel('Number as sent')).toHaveText('+14155550123');
    await expect(page.getByRole('combobox', { name: 'From number' })).toHaveValue('San Francisco main line');
    await expect(page.getByRole('radio', { name: 'Team' })).toBeChecked();
    await expect(page.getByRole('combobox', { name: 'Team ID' })).toHaveValue('Front desk');
    await expect(outsideNote(page)).toHaveText(
      'Opened from the command line: the number, the from-number and who calls came from it. Check them before calling.',
    );
    const body = await confirm(app, 0);
    expect(body).toMatchObject({
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550123',
      team_id: DEMO_IDS.teamFrontDesk,
    });
  } finally {
    await app.close();
  }
});

test('a hostile link opens nothing: no card, no event, no POST; its reason goes to the log, never its text', async () => {
  const app = await start();
  try {
    const { page } = app;
    const refused: string[] = [];
    const hostile = [
      'tel:%3Cscript%3Ealert(1)%3C/script%3E',
      'tel:javascript:alert(1)',
      'tel:+1415555%000123',
      'tel:+1415555\u202E3210',
      'feather-launcher://call?to=%2B14155550123&var.note=%3Cimg%20src=x%20onerror=alert(1)%3E',
      'feather-launcher://call?to=%2B14155550123&autocall=1',
      `tel:+1${'5'.repeat(2100)}`,
    ];
    for (const link of hostile) {
      const request = launchArgs([EXE, link], (problem) => refused.push(problem));
      if (request) await app.core.launch(request); // as main would: nothing to launch
    }
    // not one of our schemes: an argv entry like any other, not read at all (macOS open-url refuses it: links.test.ts)
    expect(launchArgs([EXE, 'javascript:alert(1)'], (problem) => refused.push(problem))).toBeNull();
    // and one that slips past a careless caller is still refused by core, before any event
    await expect(app.core.launch({ source: 'link', to: '+1415555\u00000123' })).rejects.toThrow(/control characters/);
    expect(refused).toHaveLength(hostile.length);
    expect(refused.join('\n')).not.toMatch(/alert|<|script>|onerror|%00/);
    await page.waitForTimeout(300);
    expect(app.eventLog.filter((e) => e.event === 'dial:request')).toEqual([]);
    await expect(page.getByLabel('To number')).toHaveValue('');
    await expect(outsideNote(page)).toHaveCount(0);
    expect(await posts(app)).toHaveLength(0);

    // harmless but not a number we can call: the card opens and says why, and offers no Call
    await arrive(app, 'tel:12');
    await expect(page.getByLabel('To number')).toHaveValue('12');
    await expect(outsideNote(page)).toBeVisible();
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);
    expect(await posts(app)).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('a link naming another connection’s number and agent does not switch the connection', async () => {
  const app = await start();
  try {
    const { page } = app;
    // another connection exists (adding it switches to it); the Simulator is the one in use again
    await app.core.handlers.connection.addProfile({ name: 'Clinic live', baseUrl: 'https://api.clinic.example' });
    await app.core.handlers.connection.use({ kind: 'simulator' });
    await expect(page.getByRole('button', { name: /Connection: Simulator — no real calls/ })).toBeVisible();
    const before = await app.core.handlers.app.status();
    const bridgeBefore = app.bridgeLog.length;
    const otherNumber = 'c11ac000-0000-4000-8000-000000000001';
    const otherAgent = 'c11ac000-0000-4000-8000-0000000000a1';
    const dial = await arrive(app, `feather-launcher://call?to=%2B14155550123&from=${otherNumber}&agent=${otherAgent}`);
    // kept as given (this connection does not have them); nothing picks or switches a connection
    expect(dial).toMatchObject({ fromNumberId: otherNumber, caller: { mode: 'agent', agentId: otherAgent } });
    await expect(page.getByLabel('To number')).toHaveValue('+14155550123');
    await expect(page.getByRole('button', { name: /Connection: Simulator — no real calls/ })).toBeVisible();
    const after = await app.core.handlers.app.status();
    expect(after.activeProfile.id).toBe(before.activeProfile.id);
    expect(after.profiles.map((p) => p.id)).toEqual(before.profiles.map((p) => p.id));
    const switches = app.bridgeLog.slice(bridgeBefore).filter((c) => /^connection:(use|switchProfile)$/.test(c.channel));
    expect(switches).toEqual([]);
    await page.waitForTimeout(300);
    expect(await posts(app)).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('a link never replaces the user’s card: ready to call, it stays armed and the link waits; “Open it” opens the link’s card', async () => {
  const app = await start();
  try {
    const { page } = app;
    await fillCall(page, { to: '+1 415 555 0132' });
    await page.getByLabel('To number').press('Enter');
    const call = card(page).getByRole('button', { name: 'Call', exact: true });
    await expect(call).toBeFocused();
    await arrive(app, 'tel:+442079460958');
    const waiting = card(page).getByRole('group', { name: 'Call waiting' });
    await expect(waiting).toContainText('Another call is waiting (from a link: +442079460958).');
    await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(page.getByLabel('To number')).toHaveValue('+1 415 555 0132');
    await waiting.getByRole('button', { name: 'Open it' }).click();
    await expect(page.getByLabel('To number')).toHaveValue('+442079460958');
    const body = await confirm(app, 0);
    expect(body.to_phone_number).toBe('+442079460958');
  } finally {
    await app.close();
  }
});

test('a link that arrives before the organisation’s numbers: the card arms once they are in, and after Edit, Enter in To reviews at once', async () => {
  // asked for as the window starts (a link that opened the app): the numbers are still on their way
  const app = await startApp({ now: () => DAYTIME });
  try {
    const { page } = app;
    await arrive(app, 'tel:+14155550133');
    // the From field is the card's first problem meanwhile; main's suggestion lands when the numbers arrive
    await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(card(page).getByRole('heading', { name: 'Call card' })).toBeVisible();

    // a second link: armed; Edit; Enter in To at once reviews again (a picker's list opening in the form
    // once took that Enter: the browser's implicit submit clicked React Aria's hidden Dismiss button)
    await arrive(app, 'tel:+14155550134');
    await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible();
    await expect(card(page).getByRole('button', { name: 'Edit' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.getByLabel('To number').press('Enter');
    await expect(card(page).getByRole('heading', { name: 'Ready to call' })).toBeVisible({ timeout: 2000 });
    expect(await posts(app)).toHaveLength(0);
    await card(page).getByRole('button', { name: 'Call', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect((await posts(app)).map((p) => (p.body as { to_phone_number: string }).to_phone_number)).toEqual(['+14155550134']);
  } finally {
    await app.close();
  }
});

import { expect, test, type Page } from '@playwright/test';
import { startSimulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { formatDate } from '../../shared/templates/render-template';
import { daytimeClock } from '../support/daytime-clock';
import { startApp } from './harness';
import { connectServer, reviewAndCall, startTemplate } from './helpers';

const tab = (page: Page, name: string) => page.getByRole('button', { name, exact: true }).click();

async function createReminderTemplate(page: Page) {
  await tab(page, 'Templates');
  await page.getByRole('button', { name: 'New template' }).click();
  const form = page.getByRole('form', { name: 'New template' });
  await form.getByLabel('Name').fill('Appointment reminder');
  await form.getByRole('radio', { name: 'Agent', exact: true }).check();
  await form.getByRole('combobox', { name: 'Agent', exact: true }).selectOption({ label: 'Riley — Appointment reminders' });
  const add = form.getByRole('button', { name: 'Add variable' });

  await add.click();
  await form.getByLabel('Variable 1 key').fill('patient_first_name');
  await form.getByLabel('Variable 1 value').fill('{{contact.firstName}}');
  await form.getByLabel('Variable 1 key').locator('..').getByLabel('Required').check();

  await add.click();
  await form.getByLabel('Variable 2 key').fill('clinic'); // declared as an enum: type and values are offered
  await expect(form.getByLabel('Variable 2 type')).toHaveValue('enum');
  await expect(form.getByLabel('Variable 2 allowed values')).toHaveValue('Downtown, Uptown, Harbor');
  await expect(form.getByText('Which clinic the appointment is at.')).toBeVisible();
  await form.getByLabel('Variable 2 value').fill('{{contact.custom.clinic}}');
  await form.getByLabel('Variable 2 default').fill('Downtown');

  await add.click();
  await form.getByLabel('Variable 3 key').fill('reminder_count');
  await form.getByLabel('Variable 3 type').selectOption('number');
  await form.getByLabel('Variable 3 value').fill('{{contact.custom.reminders}}');
  await form.getByLabel('Variable 3 default').fill('0');

  await add.click();
  await form.getByLabel('Variable 4 key').fill('appointment_date');
  await form.getByLabel('Variable 4 type').selectOption('date');
  await form.getByLabel('Variable 4 value').fill('{{today}}');

  // A key the agent does not declare is flagged in the editor, before anything is sent
  await add.click();
  await form.getByLabel('Variable 5 key').fill('favourite_colour');
  await expect(form.getByRole('note').filter({ hasText: 'does not declare "favourite_colour"' })).toBeVisible();
  await form.getByRole('button', { name: 'Remove variable 5' }).click();

  await form.getByRole('button', { name: 'Save template' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved “Appointment reminder”.' })).toBeVisible();
}

async function addContact(page: Page) {
  await tab(page, 'Contacts');
  await page.getByRole('button', { name: 'Add contact' }).first().click();
  const form = page.getByRole('form', { name: 'New contact' });
  await form.getByLabel('First name').fill('Zoë');
  await form.getByLabel('Last name').fill('Müller');
  await form.getByLabel('Number 1', { exact: true }).fill('(415) 555-0177');
  await form.getByRole('button', { name: 'Add custom field' }).click();
  await form.getByLabel('Custom field 1 name').fill('clinic');
  await form.getByLabel('Custom field 1 value').fill('harbor');
  await form.getByRole('button', { name: 'Add custom field' }).click();
  await form.getByLabel('Custom field 2 name').fill('reminders');
  await form.getByLabel('Custom field 2 value').fill('2');
  await form.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByRole('region', { name: 'Contact Zoë Müller' })).toBeVisible();
}

test('a template with placeholders and an enum fills the POST from the contact called', async () => {
  const clock = daytimeClock();
  const app = await startApp({ now: clock });
  try {
    const { page } = app;
    await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
    await page.getByRole('radio', { name: 'Agent' }).check();
    await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);
    await createReminderTemplate(page);
    await tab(page, 'Dial');
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Appointment reminder' });
    await addContact(page);
    await page.getByRole('region', { name: 'Contact Zoë Müller' }).getByRole('button', { name: 'Call mobile (415) 555-0177' }).click();

    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    const today = formatDate(clock(), 'YYYY-MM-DD'); // {{today}} is main's today
    await expect(card.getByLabel('Request body')).toContainText('"reminder_count": 2');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const posts = (await app.demoSimulator()).outboundRequests();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550177',
      agent_id: DEMO_IDS.agentRiley,
      context_variables: { patient_first_name: 'Zoë', clinic: 'Harbor', reminder_count: 2, appointment_date: today },
      idempotency_key: expect.any(String),
    });

    // With a team as caller the variables are not sent, and the screen says so first.
    await page.getByRole('button', { name: 'New call' }).click();
    await page.getByLabel('To number').fill('(415) 555-0177');
    await page.getByRole('radio', { name: 'Team' }).check();
    await page.getByLabel('Team ID', { exact: true }).fill(DEMO_IDS.teamFrontDesk);
    await expect(page.getByRole('note').filter({ hasText: 'ignores context variables on team calls' }).first()).toBeVisible();
    await page.getByLabel('To number').press('Enter');
    // Zoë's first call still waits in Feather's queue: the card says so and needs its own button
    const again = page.getByRole('region', { name: 'Call card' });
    await expect(again.getByRole('group', { name: 'Check before calling' })).toContainText('A call to Zoë Müller is queued for');
    await again.getByRole('button', { name: 'Call anyway' }).click();
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect((await app.demoSimulator()).outboundRequests()[1]!.body).toEqual({
      from_phone_number_id: DEMO_IDS.numberSf,
      to_phone_number: '+14155550177',
      team_id: DEMO_IDS.teamFrontDesk,
      idempotency_key: expect.any(String),
    });
  } finally {
    await app.close();
  }
});

test('a required placeholder with no value blocks the call on its row', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const form = await startTemplate(page, 'Needs a contact', null, [['patient_first_name', '{{contact.firstName}}', { required: true }]]);
    await form.getByRole('button', { name: 'Save template' }).click();
    await tab(page, 'Dial');
    await page.getByLabel('To number').fill('(415) 555-0132');
    await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
    await page.getByRole('radio', { name: 'Agent' }).check();
    await page.getByLabel('Agent ID', { exact: true }).fill(DEMO_IDS.agentRiley);
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Needs a contact' });
    await page.getByRole('button', { name: 'Review call' }).click();
    await expect(page.locator('#variable-0-error')).toContainText('{{contact.firstName}} has no value without a contact');
    await expect(page.getByRole('region', { name: 'Call card' }).getByRole('button', { name: 'Call', exact: true })).toHaveCount(0);
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
  }
});

test('with the server stopped, the pickers work from the cache and a call fails fast as offline', async () => {
  const KEY = 'fth_live_offlinecache000000001';
  const server = await startSimulator({
    keys: [{ key: KEY, user: { user_id: 'u', role: 'member', email: 'u@example.com', display_name: 'U' } }],
  });
  const first = await startApp();
  await connectServer(first.page, server.url, KEY);
  // Feather numbers have no names: name one locally, in Connection
  await expect(first.page.getByTestId('api-version')).toHaveText(/Feather API 1\.90/);
  await first.page.getByLabel('Name for +14155550100').fill('San Francisco main line');
  await first.page.getByLabel('Name for +14155550100').press('Enter');
  await expect(first.page.getByRole('button', { name: 'Save name' }).first()).toBeDisabled();
  await tab(first.page, 'Dial');
  await expect(first.page.getByText(/Numbers, agents and teams as of/)).toBeVisible();
  await first.close({ keepData: true });
  await server.close();

  const app = await startApp({ userDataDir: first.userDataDir, keychainService: first.keychainService });
  try {
    const { page } = app;
    await expect(page.getByText(/Showing organisation data from .*could not be reached/)).toBeVisible();
    await page.getByRole('button', { name: "Show your organisation's numbers" }).click();
    await expect(page.getByRole('listbox', { name: "Your organisation's numbers" }).getByRole('option')).toHaveCount(2);
    await page.getByLabel('To number').fill('(415) 555-0132');
    await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
    await page.getByRole('radio', { name: 'Agent' }).check();
    await expect(page.getByLabel('From number', { exact: true })).toHaveValue('San Francisco main line');
    await expect(page.getByText('San Francisco main line · +1 415 555 0100').first()).toBeVisible();
    await page.getByRole('button', { name: 'Show agents you can call as' }).click();
    const bound = page.getByRole('listbox', { name: 'Agents you can call as' }).getByRole('option');
    await expect(bound).toHaveCount(2); // only those bound to this number
    await expect(page.getByText(/2 other agents or teams are not offered/)).toBeVisible();
    await bound.filter({ hasText: 'Riley — Appointment reminders' }).click();
    await expect(page.getByLabel('Agent ID', { exact: true })).toHaveValue('Riley — Appointment reminders');
    await page.getByLabel('To number').press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call card' }).getByRole('alert')).toContainText('Nothing was sent');
  } finally {
    await app.close();
  }
});

test('where Feather does not list numbers (404), a typed ID is saved by hand and offered like a discovered one', async () => {
  const KEY = 'fth_live_manualentries00000001';
  const server = await startSimulator({
    missingEndpoints: ['/v1/communication/phone-numbers'],
    keys: [{ key: KEY, user: { user_id: 'u', role: 'member', email: 'u@example.com', display_name: 'U' } }],
  });
  const app = await startApp();
  try {
    const { page } = app;
    await connectServer(page, server.url, KEY);
    await tab(page, 'Dial');
    await expect(page.getByText('Not listed by this server: phone numbers — enter IDs by hand.')).toBeVisible();
    await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
    await page.getByLabel('Name for this from number').fill('Main line (SF)');
    await page.getByRole('button', { name: 'Save to list' }).click();
    await expect(page.getByText('Main line (SF) · saved by hand')).toBeVisible();
    await expect(page.getByLabel('From number', { exact: true })).toHaveValue('Main line (SF)');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await page.getByRole('button', { name: "Show your organisation's numbers" }).click();
    await expect(page.getByRole('listbox', { name: "Your organisation's numbers" }).getByRole('option')).toHaveText([
      /^Main line \(SF\)saved by hand/,
    ]); // survives a refresh
    await page.getByLabel('To number').fill('(415) 555-0132');
    await page.getByLabel('To number').press('Enter');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect(server.outboundRequests()[0]!.body).toMatchObject({ from_phone_number_id: DEMO_IDS.numberSf });
  } finally {
    await app.close();
    await server.close();
  }
});

test('who calls: the contact’s default wins over the template’s, which wins over the last used; the card says which', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(page.getByText(/Numbers, agents and teams as of/)).toBeVisible();
    await tab(page, 'Templates');
    await page.getByRole('button', { name: 'New template' }).click();
    const t = page.getByRole('form', { name: 'New template' });
    await t.getByLabel('Name').fill('Renewal');
    await t.getByRole('radio', { name: 'Agent', exact: true }).check();
    await t.getByLabel('From number (optional)').selectOption({ label: '+14155550100 · San Francisco main line' });
    await t.getByRole('combobox', { name: 'Agent', exact: true }).selectOption({ label: 'Morgan — Renewals' });
    await t.getByRole('button', { name: 'Save template' }).click();
    await tab(page, 'Dial');
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Renewal' });
    await expect(page.getByLabel('Agent ID', { exact: true })).toHaveValue('Morgan — Renewals');

    await tab(page, 'Contacts');
    for (const [first, withDefault] of [
      ['Plain', false],
      ['Londoner', true],
    ] as const) {
      await page.getByRole('button', { name: 'Add contact' }).first().click();
      const c = page.getByRole('form', { name: 'New contact' });
      await c.getByLabel('First name').fill(first);
      await c.getByLabel('Number 1', { exact: true }).fill(withDefault ? '+44 20 7946 0001' : '(415) 555-0191');
      if (withDefault) {
        await c.getByLabel('Default from number').selectOption({ label: '+442079460958 · London office' });
        await c.getByLabel('Default caller type').selectOption('agent');
        await c.getByLabel('Default agent').selectOption({ label: 'Sam — Satisfaction survey' });
      }
      await c.getByRole('button', { name: 'Save contact' }).click();
      await expect(page.getByRole('region', { name: `Contact ${first}` })).toBeVisible();
    }
    await page
      .getByRole('region', { name: 'Contact Londoner' })
      .getByRole('button', { name: /^Call / })
      .click();
    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card).toContainText("London office · +44 20 7946 0958 (contact's default)"); // the From row names the number as the pickers do;
    await expect(card).toContainText('Agent: Sam — Satisfaction survey');
    await page.keyboard.press('Escape');

    await tab(page, 'Contacts');
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('plain');
    await page
      .getByRole('region', { name: 'Contact Plain' })
      .getByRole('button', { name: /^Call / })
      .click();
    await expect(card).toContainText("San Francisco main line · +1 415 555 0100 (template's default)");
    await expect(card).toContainText('Agent: Morgan — Renewals');
  } finally {
    await app.close();
  }
});

test('a template whose who-calls is an agent (no number) selects that agent when chosen, and the call goes out as that agent', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(page.getByText(/Numbers, agents and teams as of/)).toBeVisible();
    const form = await startTemplate(page, 'Survey follow-up', 'Sam — Satisfaction survey', [
      ['first_name', '{{contact.firstName}}', { defaultValue: 'there' }],
    ]);
    await expect(form.getByLabel('From number (optional)')).toHaveValue(''); // the template names no number
    await expect(form.getByText('First name of the person called.')).toBeVisible(); // Sam's declared variables are the ones offered
    await form.getByRole('button', { name: 'Save template' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved “Survey follow-up”.' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Templates' })).toContainText('1 variable · Sam — Satisfaction survey');

    await tab(page, 'Dial');
    await expect(page.getByRole('radio', { name: 'Automatic' })).toBeChecked();
    await page.getByLabel('To number').fill('+44 20 7946 0001');
    await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberLondon);
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Survey follow-up' });
    await expect(page.getByRole('radio', { name: 'Agent', exact: true })).toBeChecked();
    await expect(page.getByLabel('Agent ID', { exact: true })).toHaveValue('Sam — Satisfaction survey');
    await expect(page.getByLabel('From number', { exact: true })).toHaveValue('London office'); // kept: the template has none

    const sim = await app.demoSimulator();
    expect(sim.outboundRequests()).toHaveLength(0);
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const posts = sim.outboundRequests();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toMatchObject({
      from_phone_number_id: DEMO_IDS.numberLondon,
      to_phone_number: '+442079460001',
      agent_id: DEMO_IDS.agentSam,
      context_variables: { first_name: 'there' },
    });
    expect(posts[0]!.body).not.toHaveProperty('team_id');
  } finally {
    await app.close();
  }
});

import { expect, test, type Page } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import type { TemplateVariable } from '../../shared/templates/template';
import { startApp, type RunningApp } from './harness';
import { useCustomServer } from './helpers';

/**
 * The Dial card a launcher user expects, with main planning every card: the contact follows the
 * number, the To field takes a name, a placeholder with no value can be given one for this call.
 */
const card = (page: Page) => page.getByRole('region', { name: 'Call card' });
const toField = (page: Page) => page.getByRole('combobox', { name: 'To number' });
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
const row = (id: string, key: string, expression: string, more: Partial<TemplateVariable> = {}): TemplateVariable => ({
  id,
  key,
  expression,
  type: 'text',
  required: false,
  defaultValue: '',
  enumValues: [],
  omitWhenEmpty: false,
  ...more,
});

/** Siobhán (with details for placeholders) and a reminder template that reads them; set up through main. */
async function siobhanAndTemplate(app: RunningApp) {
  const siobhan = await app.core.handlers.contacts.create({
    draft: {
      ...emptyDraft(),
      displayName: 'Siobhán Kelly',
      firstName: 'Siobhán',
      lastName: 'Kelly',
      custom: { clinic: 'Harbor' },
      phones: [{ label: 'mobile', raw: '+1 415 555 0161', doNotCall: false }],
    },
  });
  const template = await app.core.handlers.templates.save({
    draft: {
      name: 'Reminder',
      description: '',
      defaultCaller: { fromNumberId: DEMO_IDS.numberSf, caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley } },
      variables: [
        row('a', 'patient_first_name', '{{contact.firstName}}', { omitWhenEmpty: true }),
        row('b', 'clinic', '{{contact.custom.clinic}}', { type: 'enum', enumValues: ['Downtown', 'Uptown', 'Harbor'], required: true }),
      ],
    },
  });
  return { siobhan, template };
}

test('the contact follows the number: Siobhán’s card, Esc, another number — nothing of hers is sent to it', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await siobhanAndTemplate(app);
    // open Siobhán's card from Contacts (Enter on her row)
    await tab(page, 'Contacts').click();
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('Siobhán');
    await page.getByRole('searchbox', { name: 'Search contacts' }).press('Enter');
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await expect(card(page)).toContainText('Siobhán Kelly');
    await page.keyboard.press('Escape');
    await toField(page).fill('+1 212 555 0188');
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Reminder' });
    // the card says whose details fill the placeholders: not hers
    await expect(page.getByText('This number is not one of Siobhán Kelly’s, so their details are not used.')).toBeVisible();
    await expect(page.getByText(/Placeholders read from Siobhán/)).toHaveCount(0);
    // the clinic has no value without her: give it one for this call
    await page.getByLabel('clinic: value for this call').selectOption('Uptown'); // an enum row: its allowed values
    await toField(page).press('Enter');
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await expect(card(page)).not.toContainText('Siobhán');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const sent = (await app.demoSimulator()).outboundRequests();
    expect(sent).toHaveLength(1);
    expect(JSON.stringify(sent[0]!.body)).not.toMatch(/Siobh|Kelly|Harbor/);
    expect(sent[0]!.body).toMatchObject({ to_phone_number: '+12125550188', context_variables: { clinic: 'Uptown' } });
  } finally {
    await app.close();
  }
});

test('the card follows main’s plan on every keystroke: each new number shows as main would send it', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(card(page)).toContainText('Fill in the number and who calls'); // untouched: no "needs attention"
    await toField(page).pressSequentially('415555010');
    const body = card(page).getByLabel('Request body');
    // every keystroke changes the last digit: a new number main plans, and the card shows that one
    for (const digit of '0123456789') {
      await toField(page).press(digit);
      await expect(body).toContainText(`"to_phone_number": "+1415555010${digit}"`);
      await expect(page.getByLabel('Number as sent')).toHaveText(`+1415555010${digit}`);
      await toField(page).press('Backspace');
    }
  } finally {
    await app.close();
  }
});

test('the To field takes a name: letters list contacts under it, arrows and Enter pick one', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await siobhanAndTemplate(app);
    await toField(page).fill('kel');
    const list = page.getByRole('listbox', { name: 'Contacts' });
    await expect(list.getByRole('option', { name: /Siobhán Kelly/ })).toBeVisible();
    await expect(page.getByText('Phone numbers cannot contain letters')).toHaveCount(0);
    await toField(page).press('ArrowDown');
    await toField(page).press('Enter');
    await expect(toField(page)).toHaveValue('+14155550161');
    await expect(toField(page)).toBeFocused();
    await expect(card(page)).toContainText('Siobhán Kelly (mobile) +1 415 555 0161');
    // a name that matches nobody: the field says what to do, on Review
    await toField(page).fill('Nobody Atall');
    await toField(page).press('Enter');
    await expect(page.locator('#toNumber-error')).toHaveText('Choose a contact from the list under the field, or type a number.');
  } finally {
    await app.close();
  }
});

test('a placeholder with no value gets a one-off value on the card, by its variable’s name; the template is unchanged', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const { template } = await siobhanAndTemplate(app);
    await toField(page).fill('+1 212 555 0100');
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Reminder' });
    await toField(page).press('Enter');
    // the problem is named by the variable, never "Variable 2", and focus goes to its value
    await expect(card(page)).toContainText('1 thing needs attention: clinic.');
    await expect(card(page)).not.toContainText('Variable 2');
    const oneOff = page.getByLabel('clinic: value for this call');
    await expect(oneOff).toBeFocused();
    await expect(oneOff.getByRole('option')).toHaveText(['Choose a value for this call…', 'Downtown', 'Uptown', 'Harbor']);
    await oneOff.selectOption('Harbor');
    await expect(card(page).getByLabel('Request body')).toContainText('"clinic": "Harbor"');
    await toField(page).press('Enter');
    await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    const saved = (await app.core.handlers.templates.list()).find((t) => t.id === template.id)!;
    expect(saved.variables[1]!.expression).toBe('{{contact.custom.clinic}}');
  } finally {
    await app.close();
  }
});

test('the card names things as the pickers do, and says "(template’s default)" only while a template is chosen', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await siobhanAndTemplate(app);
    await toField(page).fill('+1 212 555 0100');
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Reminder' });
    await page.getByLabel('clinic: value for this call').selectOption('Uptown'); // an enum row: its allowed values
    await expect(card(page)).toContainText("San Francisco main line · +1 415 555 0100 (template's default)");
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'None — type variables below' });
    await expect(card(page).getByText('(template’s default)')).toHaveCount(0);
    await expect(card(page)).not.toContainText("(template's default)");
  } finally {
    await app.close();
  }
});

test('"Use +44…" fixes the number and keeps focus in the field; the live banner goes with the live connection', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await toField(page).fill('020 7946 0958');
    await toField(page).blur();
    const fix = page.getByRole('button', { name: 'Use +44 20 7946 0958 (United Kingdom)' });
    await fix.click();
    await expect(toField(page)).toHaveValue('+44 20 7946 0958');
    await expect(toField(page)).toBeFocused();

    const live = await app.demoSimulator(); // any server on this computer stands in for a live one
    await useCustomServer(page, live.url);
    await tab(page, 'Dial').click();
    const banner = page.getByRole('alert').filter({ hasText: 'Calls from now on are real' });
    await expect(banner).toBeVisible();
    await tab(page, 'Connection').click();
    await page.getByRole('radio', { name: /Simulator/ }).check();
    await page.getByRole('button', { name: 'Use this connection' }).click();
    await tab(page, 'Dial').click();
    await expect(banner).toHaveCount(0);
  } finally {
    await app.close();
  }
});

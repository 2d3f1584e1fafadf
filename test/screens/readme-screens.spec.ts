import { expect, test, type Page } from '@playwright/test';
import { startSimulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import type { ContactDraft } from '../../shared/contacts/contact';
import type { TemplateVariable } from '../../shared/templates/template';
import { startApp, type RunningApp } from '../e2e/harness';

/**
 * The README's screens (docs/screenshots/), light and dark, into screenshots/readme/: the Dial card ready to
 * call, a queued call, outcome unknown with the safe resend, Connection with the detected version and a named
 * number, Contacts with a selected contact, the import preview with its country summary. Each is taken at a
 * window size that shows the thing without empty space; docs/screenshots/README.md says how they are optimised.
 */
const shot = async (page: Page, name: string, scheme: string, viewport: { width: number; height: number }) => {
  await page.setViewportSize(viewport);
  // from the top of the window, once the layout has settled at the new size
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: `screenshots/readme/${name}-${scheme}.png`, animations: 'disabled', caret: 'hide' });
};
const tab = (page: Page, name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
const card = (page: Page) => page.getByRole('region', { name: 'Call card' });
const KEY = 'fth_live_readmescreens000008cja';

const contact = (patch: Partial<ContactDraft> & Pick<ContactDraft, 'displayName' | 'phones'>): ContactDraft => ({
  ...emptyDraft(),
  ...patch,
});
const phone = (label: string, raw: string) => ({ label, raw, doNotCall: false });
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

/** A small address book and a reminder template, set up through main as a person would have them. */
async function addressBook(app: RunningApp) {
  const people: ContactDraft[] = [
    contact({
      displayName: 'Zoë Müller',
      firstName: 'Zoë',
      lastName: 'Müller',
      company: 'Harbor Dental',
      title: 'Office manager',
      favorite: true,
      tags: ['Patients', 'Harbor'],
      emails: ['zoe.muller@harbor-dental.example'],
      custom: { clinic: 'Harbor', plan: 'pro' },
      phones: [phone('mobile', '+1 415 555 0177'), phone('work', '(415) 555-0123')],
    }),
    contact({
      displayName: 'Aisha Khan',
      firstName: 'Aisha',
      lastName: 'Khan',
      tags: ['Patients'],
      custom: { clinic: 'Downtown' },
      phones: [phone('mobile', '(415) 555-0132')],
    }),
    contact({
      displayName: 'Kim Lee',
      firstName: 'Kim',
      lastName: 'Lee',
      company: 'Lee & Co',
      custom: { plan: 'basic' },
      phones: [phone('work', '+1 415 555 0142')],
    }),
    contact({
      displayName: 'José Álvarez',
      firstName: 'José',
      lastName: 'Álvarez',
      company: 'Clínica Norte',
      phones: [phone('mobile', '+34 612 345 678')],
    }),
    contact({
      displayName: 'Priya Sharma',
      firstName: 'Priya',
      lastName: 'Sharma',
      company: 'Tata Consultancy',
      phones: [phone('work', '+91 22 6778 9999')],
    }),
    contact({
      displayName: 'Søren Kierkegaard',
      firstName: 'Søren',
      lastName: 'Kierkegaard',
      company: 'Nørrebro Apotek',
      phones: [phone('mobile', '+45 32 12 34 56')],
    }),
    contact({
      displayName: 'Dana Scully',
      firstName: 'Dana',
      lastName: 'Scully',
      doNotCall: { reason: 'Asked not to be called.' },
      phones: [phone('home', '+1 202 555 0111')],
    }),
  ];
  for (const draft of people) await app.core.handlers.contacts.create({ draft });
  await app.core.handlers.templates.save({
    draft: {
      name: 'Appointment reminder',
      description: 'Riley reminds a patient of their appointment.',
      defaultCaller: { fromNumberId: DEMO_IDS.numberSf, caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley } },
      variables: [
        row('a', 'patient_first_name', '{{contact.firstName}}', { required: true }),
        row('b', 'clinic', '{{contact.custom.clinic}}', { type: 'enum', enumValues: ['Downtown', 'Uptown', 'Harbor'], required: true }),
        row('c', 'appointment_date', '{{today}}', { type: 'date' }),
      ],
    },
  });
}

for (const scheme of ['light', 'dark'] as const) {
  test(`README screens: Dial card, queued call, outcome unknown, Connection (${scheme})`, async () => {
    test.setTimeout(120_000);
    const server = await startSimulator({
      keys: [{ key: KEY, user: { user_id: 'u', role: 'admin', email: 'ana@northwind.example', display_name: 'Ana Ruiz' } }],
    });
    const app = await startApp({ colorScheme: scheme });
    try {
      const { page } = app;
      await addressBook(app);
      const sim = await app.demoSimulator();
      await page.getByText(/Numbers, agents and teams as of/).waitFor();

      // The To field takes a name; the template fills the agent's variables from Zoë's details.
      const to = page.getByRole('combobox', { name: 'To number' });
      await to.fill('zoë');
      await page
        .getByRole('listbox', { name: 'Contacts' })
        .getByRole('option', { name: /Zoë Müller/ })
        .filter({ hasText: '0177' })
        .click();
      await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Appointment reminder' });
      await expect(page.getByText('Placeholders read from Zoë’s details.')).toBeVisible();
      await to.press('Enter');
      await expect(card(page).getByRole('button', { name: 'Call', exact: true })).toBeFocused();
      await card(page).locator('summary').click();
      await expect(card(page).getByLabel('Request body')).toContainText('"clinic": "Harbor"');
      await shot(page, 'dial-card', scheme, { width: 1100, height: 820 });

      // Call (Enter) queues on API 1.90: placed, queued, with when it may dial and when it expires.
      await card(page).getByRole('button', { name: 'Call', exact: true }).click();
      await page.getByRole('region', { name: 'Call placed' }).getByText('Expires').waitFor();
      await shot(page, 'call-queued', scheme, { width: 1100, height: 460 });

      // The connection drops after the request was written: outcome unknown, and 1.90 can be asked again safely.
      await page.getByRole('button', { name: 'New call' }).click();
      sim.injectFault({ path: '/v1/voice/outbound', reset: true });
      await to.fill('(415) 555-0132');
      await to.press('Enter');
      await card(page).getByRole('button', { name: 'Call', exact: true }).click();
      await page.getByRole('button', { name: 'Ask Feather again (safe)' }).waitFor();
      await shot(page, 'outcome-unknown', scheme, { width: 1100, height: 460 });

      // Connection: a custom server, its key verified and saved, the version detected, a number named.
      await tab(page, 'Connection');
      await page.getByRole('radio', { name: /Custom server/ }).check();
      await page.getByLabel('Base URL').fill(server.url);
      await page.getByLabel('Name (optional)').fill('Northwind production');
      await page.getByRole('button', { name: 'Use this server' }).click();
      await page.getByLabel('API key').fill(KEY);
      await page.getByRole('button', { name: 'Verify and save' }).click();
      await page.getByLabel('Saved key hint').waitFor();
      await page.getByText('Feather API 1.90', { exact: true }).waitFor();
      await page.getByLabel('Name for +442079460958').fill('London office');
      await page.getByLabel('Name for +442079460958').press('Enter');
      await expect(page.getByRole('row', { name: /\+442079460958/ }).getByRole('button', { name: 'Save name' })).toBeDisabled();
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await shot(page, 'connection', scheme, { width: 1100, height: 1050 });
    } finally {
      await app.close();
      await server.close();
    }
  });

  test(`README screens: Contacts with a selected contact (${scheme})`, async () => {
    test.setTimeout(60_000);
    // tall enough for the whole list, so the selected contact is in it
    const app = await startApp({ colorScheme: scheme, viewport: { width: 1100, height: 740 } });
    try {
      const { page } = app;
      await addressBook(app);
      await tab(page, 'Contacts');
      await page.getByText('7 contacts', { exact: true }).waitFor();
      await page
        .getByRole('listbox', { name: 'Contacts' })
        .getByRole('option', { name: /Zoë Müller/ })
        .click();
      await page.getByRole('region', { name: 'Contact Zoë Müller' }).waitFor();
      await shot(page, 'contacts', scheme, { width: 1100, height: 740 });
    } finally {
      await app.close();
    }
  });
}

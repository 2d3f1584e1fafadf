import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';

/** From number, agent and team are comboboxes: names, numbers and bindings, picked by keyboard. */

test('from-number and agent are chosen by name with the keyboard; the call goes out with their IDs', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await expect(page.getByText(/Numbers, agents and teams as of/)).toBeVisible();
    await page.getByLabel('To number').fill('(415) 555-0132');
    const from = page.getByRole('combobox', { name: 'From number' });
    await from.fill('');
    await from.pressSequentially('san fran');
    const numbers = page.getByRole('listbox', { name: "Your organisation's numbers" });
    await expect(numbers.getByRole('option')).toHaveCount(1);
    await expect(numbers.getByRole('option')).toContainText(['+1 415 555 0100']);
    await from.press('ArrowDown');
    await from.press('Enter');
    await expect(numbers).toHaveCount(0);
    await expect(from).toHaveValue('San Francisco main line');
    await expect(from).toHaveAccessibleDescription(
      new RegExp(`^San Francisco main line · \\+1 415 555 0100 · bound for outbound.*${DEMO_IDS.numberSf}`),
    );

    await page.getByRole('radio', { name: 'Agent' }).check();
    const agent = page.getByRole('combobox', { name: 'Agent ID' });
    await agent.focus();
    await agent.press('ArrowDown'); // opens the whole list
    const agents = page.getByRole('listbox', { name: 'Agents you can call as' });
    await expect(agents.getByRole('option')).toHaveCount(2);
    // each offered agent says it is bound to the chosen number
    await expect(agents.getByRole('option').first()).toContainText('bound for outbound');
    await agent.pressSequentially('rile');
    await expect(agents.getByRole('option')).toHaveCount(1);
    await agent.press('Escape'); // closes, keeps the text
    await expect(agents).toHaveCount(0);
    await expect(agent).toHaveValue('rile');
    await agent.press('ArrowDown');
    await agent.press('Enter');
    await expect(agent).toHaveValue('Riley — Appointment reminders');

    await page.getByLabel('Variable 1 name').fill('clinic');
    await page.getByLabel('Variable 1 value').fill('Harbor');
    await page.getByLabel('Variable 1 value').press('Enter');
    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card.getByRole('button', { name: 'Call', exact: true })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const sim = await app.demoSimulator();
    expect(sim.outboundRequests()[0]!.body).toMatchObject({ from_phone_number_id: DEMO_IDS.numberSf, agent_id: DEMO_IDS.agentRiley });
  } finally {
    await app.close();
  }
});

for (const scheme of ['light', 'dark'] as const) {
  test(`axe: an open picker and a chosen entry, ${scheme}`, async () => {
    const app = await startApp({ colorScheme: scheme });
    const found: string[] = [];
    const audit = async (state: string) => {
      const result = await new AxeBuilder({ page: app.page }).analyze();
      for (const v of result.violations) {
        if (v.impact === 'minor' || !v.impact) continue;
        found.push(`${state}: ${v.impact} ${v.id} — ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(' | ')})`);
      }
    };
    try {
      const { page } = app;
      await expect(page.getByText(/Numbers, agents and teams as of/)).toBeVisible();
      await page.getByRole('button', { name: "Show your organisation's numbers" }).click();
      await page.getByRole('listbox', { name: "Your organisation's numbers" }).waitFor();
      await page.getByRole('combobox', { name: 'From number' }).press('ArrowDown'); // a highlighted option too
      await audit('from-number list open');
      await page.getByRole('combobox', { name: 'From number' }).press('Escape');
      await page.getByLabel('From number', { exact: true }).fill(DEMO_IDS.numberSf);
      await page.getByRole('radio', { name: 'Agent' }).check();
      await page.getByRole('button', { name: 'Show agents you can call as' }).click();
      await audit('agent list open');
      await page.getByRole('option', { name: 'Riley — Appointment reminders' }).click();
      await audit('agent chosen');
    } finally {
      await app.close();
    }
    expect(found).toEqual([]);
  });
}

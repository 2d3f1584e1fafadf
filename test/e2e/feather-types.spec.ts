import { expect, test } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { startApp } from './harness';
import { fillCall } from './helpers';

test('an int variable refuses 3.5 before anything is sent, and the card shows the Feather type each value is sent as', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await fillCall(page, {
      agent: DEMO_IDS.agentRiley,
      variables: [
        ['reminder_count', '3.5'],
        ['needs_interpreter', 'yes'],
      ],
    });
    await page.getByLabel('To number').press('Enter');
    await expect(page.locator('#variable-0-error')).toHaveText('Feather takes a whole number (int) here; "3.5" is not one.');
    await expect(page.getByLabel('Variable 1 name')).toBeFocused();
    await page.getByLabel('Variable 1 value').fill('3');
    await page.getByLabel('To number').press('Enter');
    const card = page.getByRole('region', { name: 'Call card' });
    await expect(card.getByRole('listitem').filter({ hasText: 'reminder_count' })).toHaveText('reminder_count = 3 (int)');
    await expect(card.getByRole('listitem').filter({ hasText: 'needs_interpreter' })).toHaveText('needs_interpreter = true (bool)');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const posts = (await app.demoSimulator()).outboundRequests();
    expect(posts).toHaveLength(1);
    expect((posts[0]!.body as { context_variables: unknown }).context_variables).toEqual({ reminder_count: 3, needs_interpreter: true });
  } finally {
    await app.close();
  }
});

test("where the number's binding pins an older revision, that revision's variables are checked, not the active one's", async () => {
  const app = await startApp();
  try {
    const { page } = app;
    // London pins Sam's v1, which has no survey_id (the active v2 has it)
    await fillCall(page, {
      from: DEMO_IDS.numberLondon,
      agent: DEMO_IDS.agentSam,
      variables: [
        ['first_name', 'Ana'],
        ['survey_id', 'S-12'],
      ],
    });
    await page.getByLabel('To number').press('Enter');
    await expect(page.locator('#variable-1-error')).toHaveText(
      'Sam — Satisfaction survey does not declare "survey_id"; Feather would refuse the call (422).',
    );
    expect((await app.demoSimulator()).outboundRequests()).toHaveLength(0);
    // without it the call goes out, and the placed card names the pinned revision that answers
    await page.getByRole('button', { name: 'Remove variable 2' }).click();
    await page.getByLabel('To number').press('Enter');
    await page.keyboard.press('Enter');
    const placed = page.getByRole('region', { name: 'Call placed' });
    await expect(placed).toContainText('v1 — first survey (pinned on this number)');
  } finally {
    await app.close();
  }
});

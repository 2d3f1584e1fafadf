import { expect, test } from '@playwright/test';
import { DEMO_IDS, demoSeed } from '../../electron/simulator/seed';
import { startSimulator } from '../../electron/simulator/server';
import { startApp } from './harness';
import { connectServer, fillCall, reviewAndCall } from './helpers';

const KEY = 'fth_live_callplan000000000000';
const user = { user_id: 'u', role: 'member', email: 'u@example.com', display_name: 'U' };

test('a template row whose placeholder has no value blocks the call, unless marked "leave out when empty" — "" is never sent', async () => {
  // a short window: the template rows are below the fold when Enter is pressed in To number
  const app = await startApp({ viewport: { width: 1000, height: 520 } });
  try {
    const { page } = app;
    await page.evaluate(async (agentId) => {
      const row = {
        id: 'r1',
        key: 'first_name',
        expression: '{{contact.custom.nickname}}',
        type: 'text',
        required: false,
        defaultValue: '',
        enumValues: [],
        omitWhenEmpty: false,
      };
      await window.launcher.templates.save({
        draft: {
          name: 'Survey',
          description: '',
          defaultCaller: { fromNumberId: null, caller: { mode: 'agent', agentId } },
          variables: [row],
        } as never,
      });
    }, DEMO_IDS.agentSam);
    await page.reload();
    await fillCall(page, { from: DEMO_IDS.numberLondon, agent: DEMO_IDS.agentSam });
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Survey' });
    await page.getByLabel('To number').focus();
    await expect(page.locator('[data-field="contextVariables.0"]')).not.toBeInViewport();
    await page.getByLabel('To number').press('Enter');
    await expect(page.locator('#variable-0-error')).toContainText(
      'has no value without a contact. Give the row a default, or mark it “leave out when empty”.',
    );
    // Enter with the only problem below the fold: scrolled to it, and focus is on it
    const row = page.locator('[data-field="contextVariables.0"]');
    await expect(row).toBeFocused();
    await expect(row).toBeInViewport();
    await expect(page.getByRole('region', { name: 'Call card' })).toContainText('1 thing needs attention: first_name.'); // a row is named by its variable
    const sim = await app.demoSimulator();
    expect(sim.outboundRequests()).toHaveLength(0);

    // marked: the variable is left out, and the card says so
    await page.evaluate(async () => {
      const t = (await window.launcher.templates.list({})) as {
        ok: true;
        value: Array<{ id: string; name: string; description: string; defaultCaller: unknown; variables: Array<Record<string, unknown>> }>;
      };
      const survey = t.value.find((x) => x.name === 'Survey')!;
      await window.launcher.templates.save({
        id: survey.id,
        draft: { ...survey, variables: survey.variables.map((v) => ({ ...v, omitWhenEmpty: true })) } as never,
      });
    });
    await page.reload();
    await fillCall(page, { from: DEMO_IDS.numberLondon, agent: DEMO_IDS.agentSam });
    await page.getByLabel('Template', { exact: true }).selectOption({ label: 'Survey' });
    await expect(page.getByRole('table', { name: 'Template variables' })).toContainText('(no value — left out of this call)');
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    expect(sim.outboundRequests()[0]!.body).not.toHaveProperty('context_variables');
  } finally {
    await app.close();
  }
});

test("a 422 on to_phone_number shows Feather's own message once, at To number; the card says which field is marked", async () => {
  const app = await startApp();
  try {
    const { page } = app;
    const sim = await app.demoSimulator();
    sim.injectFault({
      path: '/v1/voice/outbound',
      status: 422,
      body: {
        detail: [{ loc: ['body', 'to_phone_number'], msg: 'This number cannot be called from this organisation', type: 'value_error' }],
      },
    });
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await reviewAndCall(page);
    await expect(page.locator('#toNumber-error')).toHaveText('This number cannot be called from this organisation');
    await expect(page.getByLabel('Number as sent')).toHaveCount(0); // not the green "valid number" line
    await expect(page.getByRole('region', { name: 'Call card' }).getByRole('alert')).toHaveText(
      'Feather refused some values; see the marked field: To number.',
    );
    await expect(page.getByText('This number cannot be called from this organisation')).toHaveCount(1);
  } finally {
    await app.close();
  }
});

test('a from-number whose outbound bindings Feather listed as empty is blocked before sending; an enum value is checked', async () => {
  const seed = demoSeed();
  seed.phoneNumbers[1]!.channels = seed.phoneNumbers[1]!.channels.filter((c) => c.channel_type !== 'outbound_call');
  const server = await startSimulator({ seed, keys: [{ key: KEY, user }] });
  const app = await startApp();
  try {
    const { page } = app;
    await connectServer(page, server.url, KEY);
    await fillCall(page, { from: DEMO_IDS.numberLondon });
    await page.getByLabel('To number').press('Enter');
    await expect(page.locator('#fromNumberId-error')).toContainText(
      '+442079460958 has no outbound bindings in Feather, so it cannot place calls',
    );
    await expect(page.getByLabel('From number', { exact: true })).toBeFocused();
    await fillCall(page, { agent: DEMO_IDS.agentRiley, variables: [['clinic', 'Nowhere']] });
    await page.getByLabel('To number').press('Enter');
    await expect(page.locator('#variable-0-error')).toHaveText('"Nowhere" is not one of Downtown, Uptown, Harbor.');
    expect(server.outboundRequests()).toHaveLength(0);
  } finally {
    await app.close();
    await server.close();
  }
});

test('pasted tel: links, non-breaking hyphens and extensions are accepted with a notice; a UK number under US is suggested', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await fillCall(page, { to: 'tel:+1-415-555-0132;ext=12', agent: DEMO_IDS.agentRiley });
    await expect(page.getByLabel('Number as sent')).toHaveText('+14155550132');
    await expect(page.getByRole('note').filter({ hasText: 'Extension 12 was removed' }).first()).toBeVisible();
    await page.getByLabel('To number').fill('415\u2011555\u20110132');
    await expect(page.getByLabel('Number as sent')).toHaveText('+14155550132');
    await page.getByLabel('To number').fill('020 7946 0958');
    await page.getByLabel('To number').blur();
    await expect(page.locator('#toNumber-error')).toContainText('It looks like a UK number: +44 20 7946 0958');
    await page.getByRole('button', { name: 'Use +44 20 7946 0958 (United Kingdom)' }).click();
    await expect(page.getByLabel('Number as sent')).toHaveText('+442079460958');
  } finally {
    await app.close();
  }
});

test('switching connection clears the last result and the IDs the new server does not have, and says plainly that calls are now real', async () => {
  const seed = demoSeed();
  seed.phoneNumbers = seed.phoneNumbers.filter((n) => n.id !== DEMO_IDS.numberSf);
  seed.agents = seed.agents.filter((a) => a.id !== DEMO_IDS.agentRiley);
  const server = await startSimulator({ seed, keys: [{ key: KEY, user }] });
  const app = await startApp();
  try {
    const { page } = app;
    await fillCall(page, { agent: DEMO_IDS.agentRiley });
    await reviewAndCall(page);
    await expect(page.getByRole('region', { name: 'Call placed' })).toBeVisible();
    const fromBefore = await page.getByLabel('From number', { exact: true }).inputValue();
    await connectServer(page, server.url, KEY);
    await page.getByRole('button', { name: 'Dial', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Calls from now on are real' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Call placed' })).toHaveCount(0);
    // the old number is gone from the new server: cleared, and that server's first bound number suggested
    await expect(page.getByLabel('From number', { exact: true })).not.toHaveValue(fromBefore);
    await expect(page.getByLabel('From number', { exact: true })).not.toHaveValue('');
    await expect(page.getByLabel('Agent ID', { exact: true })).toHaveValue('');
    await expect(page.getByLabel('To number')).toHaveValue('(415) 555-0132'); // what was typed stays
  } finally {
    await app.close();
    await server.close();
  }
});

test('a placeholder typo is refused on save with "did you mean"; clicking a placeholder inserts it', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await page.getByRole('button', { name: 'Templates', exact: true }).click();
    await page.getByRole('button', { name: 'New template' }).click();
    const form = page.getByRole('form', { name: 'New template' });
    await form.getByLabel('Name').fill('Typo');
    await form.getByRole('button', { name: 'Add variable' }).click();
    await form.getByLabel('Variable 1 key').fill('first_name');
    await form.getByLabel('Variable 1 value').fill('Hi {{contact.frstName}}');
    await form.getByRole('button', { name: 'Save template' }).click();
    await expect(form.getByText('Unknown placeholder {{contact.frstName}} — did you mean {{contact.firstName}}?')).toBeVisible();
    await form.getByLabel('Variable 1 value').fill('Hi ');
    await form.getByRole('group', { name: 'Insert a placeholder' }).getByRole('button', { name: '{{contact.firstName}}' }).click();
    await expect(form.getByLabel('Variable 1 value')).toHaveValue('Hi {{contact.firstName}}');
    await form.getByRole('button', { name: 'Save template' }).click();
    await expect(page.getByRole('form', { name: 'New template' })).toHaveCount(0);
  } finally {
    await app.close();
  }
});

import { expect, type Page } from '@playwright/test';
import { DEMO_IDS } from '../../electron/simulator/seed';

/** Fills the Dial form the way a person would, by label. */
export async function fillCall(
  page: Page,
  options: { to?: string; from?: string; agent?: string; team?: string; variables?: Array<[string, string]> } = {},
) {
  await page.getByRole('button', { name: 'Dial', exact: true }).click();
  await page.getByLabel('To number').fill(options.to ?? '(415) 555-0132');
  await page.getByLabel('From number', { exact: true }).fill(options.from ?? DEMO_IDS.numberSf);
  if (options.team) {
    await page.getByRole('radio', { name: 'Team' }).check();
    await page.getByLabel('Team ID', { exact: true }).fill(options.team);
  } else if (options.agent !== undefined) {
    await page.getByRole('radio', { name: 'Agent' }).check();
    await page.getByLabel('Agent ID', { exact: true }).fill(options.agent);
  }
  const variables = options.variables ?? [];
  for (const [index, [key, value]] of variables.entries()) {
    if (index > 0) await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel(`Variable ${index + 1} name`).fill(key);
    await page.getByLabel(`Variable ${index + 1} value`).fill(value);
  }
}

/** Review (Enter in the form), then confirm with Enter on the focused Call button. */
export async function reviewAndCall(page: Page) {
  await page.getByLabel('To number').press('Enter');
  const call = page.getByRole('region', { name: 'Call card' }).getByRole('button', { name: 'Call', exact: true });
  await expect(call).toBeFocused();
  await page.keyboard.press('Enter');
}

/** Connection → Custom server → base URL → Use this server. */
export async function useCustomServer(page: Page, baseUrl: string) {
  await page.getByRole('button', { name: 'Connection', exact: true }).click();
  await page.getByRole('radio', { name: /Custom server/ }).check();
  await page.getByLabel('Base URL').fill(baseUrl);
  await page.getByRole('button', { name: 'Use this server' }).click();
}

/** A custom server with its key, verified and saved, as a person does it in Connection. */
export async function connectServer(page: Page, baseUrl: string, apiKey: string) {
  await useCustomServer(page, baseUrl);
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Verify and save' }).click();
  await expect(page.getByLabel('Saved key hint')).toBeVisible();
}

/**
 * Templates → New template → name, who calls (an agent, or not set) and variables typed in as a person would.
 * Each variable: [key, value, options]; returns the open form for further steps.
 */
export async function startTemplate(
  page: Page,
  name: string,
  agentLabel: string | null,
  variables: Array<[key: string, value: string, options?: { type?: string; defaultValue?: string; required?: boolean }]>,
) {
  await page.getByRole('button', { name: 'Templates', exact: true }).click();
  await page.getByRole('button', { name: 'New template' }).click();
  const form = page.getByRole('form', { name: 'New template' });
  await form.getByLabel('Name').fill(name);
  if (agentLabel) {
    // Who calls: this agent (no from-number); its declared variables are the ones checked.
    await form.getByRole('radiogroup', { name: 'Who calls' }).getByRole('radio', { name: 'Agent', exact: true }).check();
    await form.getByRole('combobox', { name: 'Agent', exact: true }).selectOption({ label: agentLabel });
  }
  for (const [i, [key, value, options = {}]] of variables.entries()) {
    await form.getByRole('button', { name: 'Add variable' }).click();
    await form.getByLabel(`Variable ${i + 1} key`).fill(key);
    if (options.type) await form.getByLabel(`Variable ${i + 1} type`).selectOption(options.type);
    await form.getByLabel(`Variable ${i + 1} value`).fill(value);
    if (options.defaultValue) await form.getByLabel(`Variable ${i + 1} default`).fill(options.defaultValue);
    if (options.required)
      await form
        .getByLabel(`Variable ${i + 1} key`)
        .locator('..')
        .getByLabel('Required')
        .check();
  }
  return form;
}

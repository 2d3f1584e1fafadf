import { expect, test } from '@playwright/test';
import { startApp } from './harness';

test('the window runs under its CSP without a refused style or script; React Aria’s pressables keep their touch-action', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { __violations: string[] }).__violations = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.sourceFile}:${e.lineNumber}`));
    });
    await page.reload();
    // Dial (React Aria's pickers), then Contacts and History
    const from = page.getByRole('combobox', { name: /From number/ });
    await expect(from).toBeVisible();
    for (const tab of ['Contacts', 'History', 'Dial']) await page.getByRole('button', { name: tab, exact: true }).click();
    await expect(from).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    const pressable = page.locator('[data-react-aria-pressable]').first();
    // pan-x pan-y pinch-zoom, as Chromium reads it back
    expect(await pressable.evaluate((el) => getComputedStyle(el).touchAction)).toBe('manipulation');
  } finally {
    await app.close();
  }
});

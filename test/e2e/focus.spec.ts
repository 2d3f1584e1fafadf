import { expect, test, type Page } from '@playwright/test';
import { startApp } from './harness';

/**
 * The focus ring is one style, clearly visible (WCAG 2.2 focus appearance): for each control the
 * keyboard reaches, its computed outline (on the control, or on the label that draws a hidden radio)
 * is solid, at least 2px, and has at least 3:1 contrast with the background behind it, in light and dark.
 */

interface Ring {
  control: string;
  visible: boolean;
  style: string;
  width: number;
  color: string;
  behind: string;
  contrast: number;
}

/** The ring of the focused control, measured in the page (relative luminance as WCAG defines it). */
function measureFocusRing(page: Page): Promise<Ring | null> {
  return page.evaluate(() => {
    const focused = document.activeElement;
    if (!(focused instanceof HTMLElement) || focused === document.body) return null;
    type Rgba = [number, number, number, number];
    const parse = (css: string): Rgba => {
      const parts = (css.match(/rgba?\(([^)]*)\)/)?.[1] ?? '0 0 0 0')
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
    };
    // what is painted behind an element: its own and its ancestors' backgrounds, composited
    const backdrop = (from: Element | null): Rgba => {
      const layers: Rgba[] = [];
      for (let e = from; e; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3] > 0) layers.push(c);
        if (c[3] >= 1) break;
      }
      let out: Rgba = [255, 255, 255, 1];
      for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a), 1];
      return out;
    };
    const luminance = ([r, g, b]: Rgba) => {
      const f = (v: number) => ((v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const hidden = getComputedStyle(focused).opacity === '0';
    const ringOn = hidden ? (focused.closest('label') ?? focused) : focused;
    const style = getComputedStyle(ringOn);
    const offset = parseFloat(style.outlineOffset) || 0;
    // an outline outside the box sits on what is behind the control; one inside, on the control itself
    const behind = backdrop(offset >= 0 ? ringOn.parentElement : ringOn);
    const color = parse(style.outlineColor);
    const [light, dark] = [luminance(color), luminance(behind)].sort((a, b) => b - a) as [number, number];
    return {
      control: `${focused.tagName.toLowerCase()}${focused.id ? `#${focused.id}` : ''} "${(focused.getAttribute('aria-label') ?? ringOn.textContent ?? '').trim().slice(0, 40)}"`,
      visible: focused.matches(':focus-visible'),
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      color: style.outlineColor,
      behind: `rgb(${behind.slice(0, 3).map(Math.round).join(', ')})`,
      contrast: Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100,
    };
  });
}

function expectClearRing(ring: Ring | null, where: string) {
  expect(ring, `${where}: focus fell to <body>`).not.toBeNull();
  const r = ring!;
  const what = `${where}: ${r.control} (${r.color} on ${r.behind})`;
  expect(r.visible, `${what} shows no focus-visible`).toBe(true);
  expect(r.style, what).toBe('solid');
  expect(r.width, what).toBeGreaterThanOrEqual(2);
  expect(r.contrast, what).toBeGreaterThanOrEqual(3);
}

for (const scheme of ['light', 'dark'] as const) {
  test(`focus ring: every control Tab reaches on the Connection screen is ringed at ≥ 3:1, ${scheme}`, async () => {
    const app = await startApp({ colorScheme: scheme });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Connection', exact: true }).click();
      await page.locator('[data-screen="connection"]').getByText('Feather API 1.90').waitFor();
      // two states: the simulator in use (its numbers' names), then the sandbox shown (its key field, "Use this connection")
      for (const [state, arrows] of [
        ['simulator', ['ArrowRight', 'ArrowLeft']],
        ['sandbox shown', ['ArrowRight']],
      ] as const) {
        await page.getByRole('radiogroup', { name: 'Connect to' }).getByRole('radio', { checked: true }).focus();
        for (const arrow of arrows) await page.keyboard.press(arrow);
        const seen: string[] = [];
        for (let i = 0; i < 40; i++) {
          const ring = await measureFocusRing(page);
          expectClearRing(ring, `${scheme}, ${state}`);
          seen.push(ring!.control);
          await page.keyboard.press('Tab');
          const inScreen = await page.evaluate(() => Boolean(document.activeElement?.closest('[data-screen="connection"]')));
          if (!inScreen) break;
        }
        // radios, buttons and text fields were all among them
        expect(seen[0]).toMatch(state === 'simulator' ? /^input "Simulator/ : /^input "Feather Sandbox/);
        expect(seen.some((c) => c.startsWith('button'))).toBe(true);
        if (state === 'simulator') expect(seen.some((c) => c.startsWith('input#number-name'))).toBe(true);
        else expect(seen.some((c) => c.startsWith('input#api-key'))).toBe(true);
      }

      // the top bar: tabs, the connection badge
      await page.getByRole('button', { name: 'Dial', exact: true }).focus();
      expectClearRing(await measureFocusRing(page), `${scheme}, Dial tab`);
      await page.getByRole('button', { name: /^Connection: / }).focus();
      expectClearRing(await measureFocusRing(page), `${scheme}, connection badge`);
    } finally {
      await app.close();
    }
  });

  test(`focus ring: the segmented "Who calls" control shows it on the option, ≥ 3:1, ${scheme}`, async () => {
    const app = await startApp({ colorScheme: scheme });
    try {
      const { page } = app;
      const whoCalls = page.getByRole('radiogroup', { name: 'Who calls' });
      await whoCalls.getByRole('radio', { checked: true }).focus();
      for (const key of ['ArrowRight', 'ArrowRight', 'ArrowLeft']) {
        await page.keyboard.press(key);
        const ring = await measureFocusRing(page);
        expectClearRing(ring, `${scheme}, Who calls after ${key}`);
        // drawn on the option's label, not on the invisible radio
        expect(await whoCalls.getByRole('radio', { checked: true }).evaluate((r) => getComputedStyle(r).outlineStyle)).toBe('none');
        expect(await whoCalls.locator('label:has(input:focus-visible)').evaluate((l) => getComputedStyle(l).outlineStyle)).toBe('solid');
      }
    } finally {
      await app.close();
    }
  });
}

test('"Save name" on the Connection screen keeps focus on that number\'s name (the row is drawn again)', async () => {
  const app = await startApp();
  try {
    const { page } = app;
    await page.getByRole('button', { name: 'Connection', exact: true }).click();
    const name = page.getByRole('textbox', { name: 'Name for +442079460958' });
    await name.fill('London desk');
    await page
      .getByRole('row', { name: /\+442079460958/ })
      .getByRole('button', { name: 'Save name' })
      .click();
    await expect(name).toHaveValue('London desk');
    await expect(name).toBeFocused();
    await name.fill('London desk 2');
    await name.press('Enter');
    await expect(page.getByRole('row', { name: /\+442079460958/ }).getByRole('button', { name: 'Save name' })).toBeDisabled();
    await expect(name).toBeFocused();
  } finally {
    await app.close();
  }
});

import { performance } from 'node:perf_hooks';
import { DEMO_IDS } from '../electron/simulator/seed';
import { startApp } from '../test/e2e/harness';

/**
 * Draft → plan on screen, per keystroke, in the Chromium harness (the production renderer build
 * bridged to the real core): from the keydown in the To field to the card showing main's answer for
 * the new number. Baseline, same run, same bridge: a round trip of `app:status`, which does no work.
 * Also: main's own time to plan one draft (`call:preview` in Node, no bridge).
 * Run: `npm run bench:dial` (builds first; needs the test keyring, like the e2e lane).
 */
const KEYSTROKES = 200;
const pct = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]!;
const round = (n: number) => Math.round(n * 100) / 100;
const summary = (values: number[]) => ({ p50: round(pct(values, 50)), p95: round(pct(values, 95)), max: round(Math.max(...values)) });

const app = await startApp();
try {
  const { page } = app;
  const to = page.getByRole('combobox', { name: 'To number' });
  await to.fill('+1 415 555 0100');
  await page.getByLabel('Number as sent').waitFor();

  // Each keystroke changes the last digit: a new valid number main must plan, that the card then shows.
  const onScreen: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const digit = String((i + 1) % 10);
    await to.press('Backspace');
    const waiting = page.evaluate((expected) => {
      const field = document.querySelector<HTMLInputElement>('[data-field="toNumber"]')!;
      return new Promise<number>((resolve) => {
        let started = 0;
        field.addEventListener('keydown', () => (started = performance.now()), { once: true, capture: true });
        const observer = new MutationObserver(() => {
          if (started && document.querySelector('output[aria-label="Number as sent"]')?.textContent === expected) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    }, `+1415555010${digit}`);
    await page.waitForTimeout(50); // the Backspace has been planned, and the listener is in place before the key
    await to.press(digit);
    onScreen.push(await waiting);
  }

  const bridge = await page.evaluate(async (n) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await window.launcher.app.status({});
      times.push(performance.now() - t);
    }
    return times;
  }, KEYSTROKES);

  const draft = {
    toNumber: '+1 415 555 0101',
    fromNumberId: DEMO_IDS.numberSf,
    caller: { mode: 'agent' as const, agentId: DEMO_IDS.agentRiley },
    contextVariables: [],
  };
  const inMain: number[] = [];
  for (let i = 0; i < KEYSTROKES; i++) {
    const t = performance.now();
    app.core.handlers.call.preview({ ...draft, toNumber: `+1 415 555 01${String(i % 100).padStart(2, '0')}` });
    inMain.push(performance.now() - t);
  }

  const result = {
    keystrokes: KEYSTROKES,
    draftToPlanOnScreenMs: summary(onScreen),
    baselineBridgeRoundTripMs: summary(bridge),
    planInMainMs: summary(inMain),
    ratioP50: round(pct(onScreen, 50) / pct(bridge, 50)),
  };
  console.log('\nDial card: draft → main’s plan on screen, per keystroke (Chromium harness)');
  console.table({
    'keystroke → card shows main’s plan': result.draftToPlanOnScreenMs,
    'baseline: app:status round trip, same bridge': result.baselineBridgeRoundTripMs,
    'main plans one draft (no bridge)': result.planInMainMs,
  });
  console.log(`p50 ratio to the bridge round trip: ${result.ratioP50}×`);
  console.log(JSON.stringify(result));
} finally {
  await app.close();
}

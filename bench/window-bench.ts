// Over 300 lines on purpose: the window's four figures share one Chromium, one app and one clock calibration; each measure is its own function below.
import { subscribe } from 'node:diagnostics_channel';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { nodeHttpTransport } from '../electron/core/feather/http-transport';
import { DEMO_IDS } from '../electron/simulator/seed';
import { pct, round2, type PartResult } from './figures';
import { generateContacts } from './generate-contacts';
import { buildFloorPage } from './window-floor';

/**
 * The window in real Chromium, through the e2e harness (the production renderer build bridged to
 * the real core and the demo simulator), each figure next to a floor measured in the same run. The
 * floor page (bench/window-floor.ts) is served as the app is (the harness's Playwright routes, the
 * harness's bridge in the page) and asks the same main over the same bridge, so what differs is the
 * app's own work:
 *  - first paint of the contact list at 10k contacts (navigation → 60 rows with their names, then the
 *    next frame) vs a bare React page that asks main for the first 60 rows and renders them;
 *  - a keypress in the To field → main's plan for the new number in the card, vs the same keypress in a
 *    bare React input that asks main for the same draft's plan and shows its number (limit 16 ms);
 *  - Enter on an armed card → the simulator sees the POST (limit 16 ms; the bridge's own way from the
 *    page to main, for a request that does no work, is in the details);
 *  - the simulator has answered the POST → the window has call:place's answer, vs a bare POST from
 *    Node with the app's own transport having its answer PLUS the bridge's way back from main to the
 *    page for an answer that took no work, measured after each call of the same run (the harness's
 *    Playwright binding costs ~1–10 ms on a loaded machine where Electron's IPC costs ~0.1 ms: it is
 *    transport, not the app). Goal: at most 2 ms more, p95. The page's clock is set against Node's by
 *    round trips (details: pageClock); main's own share (Feather's answer → call:place's handler has
 *    answered) is in the details.
 * Needs a renderer build: FEATHER_RENDERER_DIST, else dist/renderer, else one is built into a temp folder.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONTACTS = 10_000;
const ROWS = 60;
/** Node's clock, comparable with the page's `performance.timeOrigin + performance.now()` after calibration */
const nowEpoch = () => performance.timeOrigin + performance.now();
const summary = (values: number[]) => ({
  p50: round2(pct(values, 50)),
  p95: round2(pct(values, 95)),
  max: round2(Math.max(...values)),
  n: values.length,
});

async function rendererBuild(): Promise<{ dir: string; temporary: boolean }> {
  const given = process.env.FEATHER_RENDERER_DIST ? path.resolve(process.env.FEATHER_RENDERER_DIST) : path.join(ROOT, 'dist/renderer');
  if (existsSync(path.join(given, 'index.html'))) return { dir: given, temporary: false };
  const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'feather-bench-renderer-')), 'renderer');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'error'],
    {
      cwd: ROOT,
      env: { ...process.env, FEATHER_RENDERER_DIST: dir },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  return { dir, temporary: true };
}

/** What the simulator's HTTP server saw of each POST /v1/voice/outbound, on Node's clock (diagnostics channels: no hook in the simulator). */
function outboundWire() {
  const seen: Array<{ start: number; finish: number | null; to: string | null }> = [];
  const byRequest = new WeakMap<IncomingMessage, (typeof seen)[number]>();
  const onStart = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    if (request.method !== 'POST' || !request.url?.startsWith('/v1/voice/outbound')) return;
    const entry = { start: nowEpoch(), finish: null, to: null };
    seen.push(entry);
    byRequest.set(request, entry);
  };
  const onFinish = (message: unknown) => {
    const entry = byRequest.get((message as { request: IncomingMessage }).request);
    if (entry) entry.finish = nowEpoch();
  };
  subscribe('http.server.request.start', onStart);
  subscribe('http.server.response.finish', onFinish);
  return { seen };
}

/** The page's clock minus Node's, from the round trip with the smallest spread (NTP-style); ± half that round trip. */
async function calibrate(page: Page) {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 30; i++) {
    const t1 = nowEpoch();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t2 = nowEpoch();
    if (t2 - t1 < best.rtt) best = { rtt: t2 - t1, offset: p - (t1 + t2) / 2 };
  }
  return best;
}

/** the request main answers without work: the bridge's own cost, each way */
const NOOP = 'call:takePending';

/**
 * Installed in every page the bench opens (plain JS: a function from this file would carry tsx's
 * helpers into the page): records when 60 named rows of the contact list are in the document and the
 * next frame has run — the app at ?contacts opens Contacts as soon as its tab is there — and when each
 * call:place answer (and each no-op's) reaches the page (the bridge's transport, wrapped).
 */
const PAGE_PROBE = (rows: number) => `
(() => {
  const w = window;
  w.__timed = { 'call:place': [], '${NOOP}': [] };
  const invoke = w.__launcherInvoke;
  if (invoke) {
    w.__launcherInvoke = async (channel, request) => {
      const sent = performance.timeOrigin + performance.now();
      const answer = await invoke(channel, request);
      w.__timed[channel]?.push({ sent, answered: performance.timeOrigin + performance.now() });
      if (channel === 'call:place') w.__placeAnswered?.();
      return answer;
    };
  }
  let clicked = false;
  const observer = new MutationObserver(() => {
    if (!clicked && location.search === '?contacts') {
      const tab = [...document.querySelectorAll('nav[aria-label="Main"] button')].find((b) => b.textContent === 'Contacts');
      if (tab) {
        clicked = true;
        w.__tabAt = performance.now();
        tab.click();
      }
    }
    const named = document.querySelectorAll('[role="listbox"][aria-label="Contacts"] [role="option"]:not([aria-label="Loading"])');
    if (named.length >= ${rows}) {
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => (w.__firstRows = performance.now())));
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
})();
`;

/** navigation → 60 named rows and the frame after: the app and the floor page in turn, `loads` each. */
async function firstPaint(page: Page, appUrl: string, floorUrl: string, loads: number) {
  const app: number[] = [];
  const floor: number[] = [];
  /** the app's part before its Contacts tab is there to open (the window started: status, the Dial screen) */
  const shell: number[] = [];
  const load = async (url: string) => {
    // each load from a blank, settled page: neither side pays for what the other left running
    await page.goto('about:blank');
    await page.waitForTimeout(200);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { __firstRows?: number }).__firstRows !== undefined, null, { timeout: 30_000 });
    return page.evaluate(() => (window as unknown as { __firstRows: number }).__firstRows);
  };
  await load(appUrl); // warm: the first load compiles and caches
  await load(floorUrl);
  for (let i = 0; i < loads; i++) {
    app.push(await load(appUrl));
    shell.push(await page.evaluate(() => (window as unknown as { __tabAt: number }).__tabAt));
    floor.push(await load(floorUrl));
  }
  return { app, floor, shell };
}

/**
 * Opens the app and waits until it has started: every screen on the page (the window puts the ones not
 * on show there once it is idle after start) and a moment more, so keystrokes and calls are timed on a
 * window that is not still starting (the first paint is its own figure).
 */
async function openSettled(page: Page, url: string) {
  await page.goto(url);
  await page
    .waitForFunction(
      () => [...document.querySelectorAll('[data-screen]')].every((s) => s.childElementCount > 0 && !s.querySelector('.loading')),
      null,
      { timeout: 10_000 },
    )
    .catch(() => undefined); // a screen still loading after 10 s: measured as it is
  await page.waitForTimeout(300);
}

/** keydown in a field → `expected` is the text of `output` (the document holds it; the next frame paints it). */
function keyToText(page: Page, field: string, output: string, expected: string) {
  return page.evaluate(
    ([fieldSel, outputSel, text]) => {
      const input = document.querySelector<HTMLInputElement>(fieldSel)!;
      return new Promise<number>((resolve) => {
        let started = 0;
        input.addEventListener('keydown', () => (started = performance.now()), { once: true, capture: true });
        const observer = new MutationObserver(() => {
          if (started && document.querySelector(outputSel)?.textContent === text) {
            observer.disconnect();
            resolve(performance.now() - started);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    },
    [field, output, expected] as const,
  );
}

/**
 * Each keystroke changes the number's last digit: a new number main must plan and the card then shows;
 * then the same keystrokes in the floor page, which asks main for the same draft (the app's last one).
 */
async function keystrokes(page: Page, floorUrl: string, count: number, lastDraft: () => unknown) {
  const to = page.getByRole('combobox', { name: 'To number' });
  await to.fill('+1 415 555 0100');
  await page.getByLabel('Number as sent').waitFor();
  const ours: number[] = [];
  for (let i = 0; i < count; i++) {
    const digit = String((i + 1) % 10);
    await to.press('Backspace');
    const shown = keyToText(page, '[data-field="toNumber"]', 'output[aria-label="Number as sent"]', `+1415555010${digit}`);
    await page.waitForTimeout(40); // the Backspace has been planned and the listener is in place before the key
    await to.press(digit);
    ours.push(await shown);
  }
  const draft = lastDraft();
  await page.goto(`${floorUrl}#plan`);
  await page.evaluate((d) => ((window as unknown as { __floorDraft: unknown }).__floorDraft = d), draft);
  const input = page.getByRole('textbox', { name: 'Number' });
  await input.fill('+1 415 555 0100');
  await page.locator('output[aria-label="Planned"]').filter({ hasText: '+14155550100' }).waitFor();
  const floor: number[] = [];
  for (let i = 0; i < count; i++) {
    const digit = String((i + 1) % 10);
    await input.press('Backspace');
    const shown = keyToText(page, 'input[aria-label="Number"]', 'output[aria-label="Planned"]', `+1415555010${digit}`);
    await page.waitForTimeout(40);
    await input.press(digit);
    floor.push(await shown);
  }
  return { ours, floor };
}

/** When main saw and answered each request, on Node's clock: call:place's handler, the dispatcher's answers (the harness logs each as it leaves). */
interface MainTimes {
  placeArrivals: number[];
  /** call:place's handler has its answer (before the harness's own check of it) */
  placeHandled: number[];
  /** how long each call's history entry took to write: the one write before the answer (README, "never placed twice") */
  safetyWrites: number[];
  placeAnswers: number[];
  noopArrivals: number[];
  noopAnswers: number[];
}

/**
 * Arms a card to a new number each time and presses Enter on its Call button: keydown → POST, and the
 * answer's way back; after each call, one no-op round trip over the bridge (its ways there and back).
 */
async function placeCalls(page: Page, wire: ReturnType<typeof outboundWire>, offset: number, count: number, main: MainTimes) {
  const card = page.getByRole('region', { name: 'Call card' });
  const to = page.getByRole('combobox', { name: 'To number' });
  const enterToPost: number[] = [];
  const windowWait: number[] = [];
  const answerAfterFeather: number[] = [];
  const mainShare: number[] = [];
  const handlerShare: number[] = [];
  /** the call's history entry write (before the answer, for safety), and the way back without it */
  const safetyWrite: number[] = [];
  const answerLessSafety: number[] = [];
  const enterToMain: number[] = [];
  const mainToPost: number[] = [];
  /** call:place's answer, from leaving main to the page having it */
  const placeBack: number[] = [];
  /** page → main and main → page for a request that does no work */
  const noopThere: number[] = [];
  const noopBack: number[] = [];
  for (let i = 0; i < count; i++) {
    const number = `+1 415 555 ${String(2000 + i).padStart(4, '0')}`;
    await to.fill(number);
    await page
      .getByLabel('Number as sent')
      .filter({ hasText: number.replace(/ /g, '') })
      .waitFor();
    await to.press('Enter');
    const call = card.getByRole('button', { name: 'Call', exact: true });
    await page.waitForFunction(() => document.activeElement?.textContent === 'Call');
    const before = wire.seen.length;
    await page.evaluate(() => {
      const w = window as unknown as { __enterAt?: number; __placeAnswer?: Promise<void>; __placeAnswered?: () => void };
      document.addEventListener('keydown', () => (w.__enterAt = performance.timeOrigin + performance.now()), { once: true, capture: true });
      w.__placeAnswer = new Promise<void>((resolve) => (w.__placeAnswered = resolve));
    });
    await call.press('Enter');
    // until the page has the answer, nothing of Playwright's runs in it (a locator's wait polls the page's DOM: harness work on the measured way)
    await page.evaluate(() => (window as unknown as { __placeAnswer: Promise<void> }).__placeAnswer);
    await page.getByRole('region', { name: 'Call placed' }).waitFor();
    const post = wire.seen[before];
    const [enterAt, answer] = await page.evaluate(() => {
      const w = window as unknown as { __enterAt: number; __timed: Record<string, Array<{ sent: number; answered: number }>> };
      return [w.__enterAt, w.__timed['call:place']!.at(-1)!] as const;
    });
    if (!post?.finish) throw new Error('the simulator did not see the POST');
    enterToPost.push(post.start - (enterAt - offset));
    windowWait.push(answer.answered - answer.sent - (post.finish - post.start));
    answerAfterFeather.push(answer.answered - offset - post.finish);
    mainShare.push(main.placeAnswers.at(-1)! - post.finish);
    handlerShare.push(main.placeHandled.at(-1)! - post.finish);
    safetyWrite.push(main.safetyWrites.at(-1) ?? 0);
    answerLessSafety.push(answerAfterFeather.at(-1)! - safetyWrite.at(-1)!);
    enterToMain.push(main.placeArrivals.at(-1)! - (enterAt - offset));
    mainToPost.push(post.start - main.placeArrivals.at(-1)!);
    placeBack.push(answer.answered - offset - main.placeAnswers.at(-1)!);
    // the bridge alone, under the same load, once main's work after this call is done: a request main answers without work
    await page.waitForTimeout(30);
    const noop = await page.evaluate(async (channel) => {
      await window.launcher.call.takePending({ surface: 'window' });
      return (window as unknown as { __timed: Record<string, Array<{ sent: number; answered: number }>> }).__timed[channel]!.at(-1)!;
    }, NOOP);
    noopThere.push(main.noopArrivals.at(-1)! - (noop.sent - offset));
    noopBack.push(noop.answered - offset - main.noopAnswers.at(-1)!);
    await page.getByRole('button', { name: 'New call' }).click();
  }
  return {
    enterToPost,
    windowWait,
    answerAfterFeather,
    mainShare,
    handlerShare,
    safetyWrite,
    answerLessSafety,
    enterToMain,
    mainToPost,
    placeBack,
    noopThere,
    noopBack,
  };
}

/**
 * The floor for the way back: a bare POST from Node with the app's own transport — from the simulator
 * finishing its answer to the answer in hand (`back`), and its whole round trip beyond the simulator's time.
 */
async function barePosts(url: string, apiKey: string, wire: ReturnType<typeof outboundWire>, count: number) {
  const back: number[] = [];
  const beyond: number[] = [];
  for (let i = 0; i < count; i++) {
    const before = wire.seen.length;
    const t0 = performance.now();
    await nodeHttpTransport({
      method: 'POST',
      url: `${url}/v1/voice/outbound`,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({
        to_phone_number: `+1415555${String(4000 + i)}`,
        from_phone_number_id: DEMO_IDS.numberSf,
        agent_id: DEMO_IDS.agentRiley,
        idempotency_key: crypto.randomUUID(),
      }),
      timeoutMs: 10_000,
    });
    const took = performance.now() - t0;
    const post = wire.seen[before]!;
    back.push(nowEpoch() - post.finish!);
    beyond.push(took - (post.finish! - post.start));
    await new Promise((resolve) => setTimeout(resolve, 30)); // as the cards are spaced
  }
  return { back, beyond };
}

export async function benchWindow(opts: { quick: boolean }): Promise<PartResult> {
  const n = opts.quick ? { loads: 2, keys: 20, calls: 10 } : { loads: 7, keys: 150, calls: 40 };
  const renderer = await rendererBuild();
  // the harness reads FEATHER_RENDERER_DIST when it is loaded
  process.env.FEATHER_RENDERER_DIST = renderer.dir;
  const { startApp, TEST_ORIGIN } = await import('../test/e2e/harness');
  const { CSP_HEADER } = await import('../shared/csp');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-bench-window-'));
  await writeFile(
    path.join(dir, 'contacts.json'),
    JSON.stringify({ schemaVersion: 1, generation: 0, contacts: generateContacts(CONTACTS) }),
  );
  const wire = outboundWire();
  const app = await startApp({ userDataDir: dir, viewport: { width: 1100, height: (ROWS + 4) * 60 + 400 } });
  let floorDir = '';
  try {
    const { page, core } = app;
    floorDir = await buildFloorPage();
    // served as the harness serves the app's files: a route per request, the file read from disk, the same headers
    await page.context().route(`${TEST_ORIGIN}/bench-floor/**`, async (route) => {
      const file = path.join(floorDir, path.basename(new URL(route.request().url()).pathname) || 'index.html');
      const type = file.endsWith('.js') ? 'text/javascript' : 'text/html';
      await route.fulfill({
        status: 200,
        body: await readFile(file),
        headers: { 'content-type': type, 'content-security-policy': CSP_HEADER },
      });
    });
    await page.addInitScript({ content: PAGE_PROBE(ROWS) });
    const appUrl = `${TEST_ORIGIN}/index.html`;
    const floorUrl = `${TEST_ORIGIN}/bench-floor/index.html`;

    const paint = await firstPaint(page, `${appUrl}?contacts`, floorUrl, n.loads);

    await page.setViewportSize({ width: 1100, height: 800 });
    await openSettled(page, appUrl);
    const lastDraft = () => app.bridgeLog.findLast((c) => c.channel === 'call:preview')!.request;
    const keys = await keystrokes(page, floorUrl, n.keys, lastDraft);

    await openSettled(page, appUrl);
    const clock = await calibrate(page);
    // when call:place and the no-op reach main and when main's answers are ready, on Node's clock (the dispatcher
    // looks the handler up per request; the harness logs every answer as it leaves)
    const main: MainTimes = { placeArrivals: [], placeHandled: [], safetyWrites: [], placeAnswers: [], noopArrivals: [], noopAnswers: [] };
    // the history entry's write, timed (the dialer calls core.history.record through a closure that looks it up per call)
    const history = core.history;
    const record = history.record;
    history.record = (report) => {
      const started = performance.now();
      try {
        return record(report);
      } finally {
        main.safetyWrites.push(performance.now() - started);
      }
    };
    const handlers = core.handlers.call;
    const { place, takePending } = handlers;
    handlers.place = async (intent) => {
      main.placeArrivals.push(nowEpoch());
      const answer = await place(intent);
      main.placeHandled.push(nowEpoch());
      return answer;
    };
    handlers.takePending = (request) => (main.noopArrivals.push(nowEpoch()), takePending(request));
    const log = app.bridgeLog;
    const push = log.push.bind(log);
    log.push = (...entries) => {
      for (const { channel } of entries) {
        if (channel === 'call:place') main.placeAnswers.push(nowEpoch());
        if (channel === NOOP) main.noopAnswers.push(nowEpoch());
      }
      return push(...entries);
    };
    const calls = await placeCalls(page, wire, clock.offset, n.calls, main);
    const sim = await app.demoSimulator();
    const bare = await barePosts(sim.url, sim.demoKey, wire, n.calls);
    // the floor of the way back, call by call: a bare POST's answer in hand, plus the bridge's way back for an answer that took no work
    const backFloor = bare.back.map((b, i) => b + calls.noopBack[i]!);

    const medianApp = pct(paint.app, 50);
    const medianFloor = pct(paint.floor, 50);
    const backFloorP95 = round2(pct(backFloor, 95));
    return {
      part: 'window',
      on: `${CONTACTS.toLocaleString('en')} contacts, Chromium (${n.loads} loads, ${n.keys} keystrokes, ${n.calls} calls)`,
      figures: [
        {
          what: `first paint of the contact list (${ROWS} rows), median`,
          ours: round2(medianApp),
          unit: 'ms',
          floor: round2(medianFloor),
          floorIs: `a bare React page that asks main for the first ${ROWS} rows over the same bridge and renders them; same Chromium, same file transport`,
          goal: { ratioMax: 1.3, text: '≤ 1.3× the bare page' },
        },
        {
          what: 'keypress in To → main’s plan in the card, p95',
          ours: round2(pct(keys.ours, 95)),
          unit: 'ms',
          floor: round2(pct(keys.floor, 95)),
          floorIs: 'the same keypress in a bare React input that asks main for the same draft’s plan over the same bridge and shows it',
          goal: { limit: 16, text: '≤ 16 ms' },
        },
        {
          what: 'Enter on an armed card → POST at the simulator, p95',
          ours: round2(pct(calls.enterToPost, 95)),
          unit: 'ms',
          floor: null,
          floorIs: '',
          goal: { limit: 16, text: '≤ 16 ms' },
        },
        {
          what: 'Feather’s answer → the window has call:place’s answer, p95',
          ours: round2(pct(calls.answerAfterFeather, 95)),
          unit: 'ms',
          floor: backFloorP95,
          floorIs:
            'Feather’s answer → a bare POST from Node (the app’s transport) has it, plus the bridge’s way back (main → page) for a no-op answer right after each call; pairs summed, then p95',
          goal: { limit: round2(backFloorP95 + 2), text: '≤ the floor + 2 ms' },
        },
      ],
      details: {
        firstPaintMs: { app: summary(paint.app), floor: summary(paint.floor), appShellBeforeContactsTab: summary(paint.shell) },
        keypressMs: { ours: summary(keys.ours), floor: summary(keys.floor) },
        enterToPostMs: summary(calls.enterToPost),
        enterToCallPlaceInMainMs: summary(calls.enterToMain),
        callPlaceInMainToPostMs: summary(calls.mainToPost),
        answerInWindowAfterFeatherMs: summary(calls.answerAfterFeather),
        answerFloorMs: summary(backFloor),
        barePostAnswerAfterFeatherMs: summary(bare.back),
        /** main's own share: Feather's answer → call:place's handler has answered (what the dialer does before answering) */
        handlerAnswersAfterFeatherMs: summary(calls.handlerShare),
        /** within it, the one write safety needs before the answer: the call's history entry (README, "never placed twice") */
        historyEntryWriteMs: summary(calls.safetyWrite),
        /** the figure without that write, call by call (the goal allows it: "keep before it only a write that safety needs") */
        answerInWindowAfterFeatherLessHistoryWriteMs: summary(calls.answerLessSafety),
        /** the same, to the dispatcher's answer leaving (the harness also checks each answer against the contract) */
        mainAnswersAfterFeatherMs: summary(calls.mainShare),
        windowRoundTripBeyondFeatherMs: summary(calls.windowWait),
        barePostRoundTripBeyondFeatherMs: summary(bare.beyond),
        bridgeNoopPageToMainMs: summary(calls.noopThere),
        bridgeNoopMainToPageMs: summary(calls.noopBack),
        /** call:place's answer on the same way back (main's work after the answer runs meanwhile in the harness's process) */
        bridgePlaceMainToPageMs: summary(calls.placeBack),
        pageClock: { offsetMs: round2(clock.offset), uncertaintyMs: round2(clock.rtt / 2) },
        renderer: renderer.temporary ? 'built for this run' : renderer.dir,
      },
    };
  } finally {
    await app.close();
    await rm(dir, { recursive: true, force: true });
    if (floorDir) await rm(floorDir, { recursive: true, force: true });
    if (renderer.temporary) await rm(path.dirname(renderer.dir), { recursive: true, force: true });
  }
}

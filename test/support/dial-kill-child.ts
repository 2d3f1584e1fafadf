/**
 * The process `dial-kill.test.ts` kills: the real core on `argv[2]` (a folder), in demo mode on API
 * `argv[3]`, whose simulator holds every POST /v1/voice/outbound's answer for a minute. It places one
 * call (`argv[4]`: the card's request id; `argv[5]`: the time, ISO) and reports on stdout, synchronously (a pipe write is done
 * when writeSync returns), once the simulator has the held POST — Feather has the call, the app has no answer.
 * `argv[6]`, how the card got there: `held` (its first POST), `refused-then-held` (a 429, then the same card
 * again), `resend-held` (a dropped connection, "outcome unknown", then Ask Feather again; API 1.90):
 *
 *   {"t":"posted"}
 */
import { writeSync } from 'node:fs';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { createLauncherCore } from '../../electron/core/launcher-core';
import { startSimulator, type Simulator } from '../../electron/simulator/server';
import { DEMO_IDS } from '../../electron/simulator/seed';
import { memorySecrets } from './memory-secrets';

const [dir, api, requestId, clock, mode = 'held'] = process.argv.slice(2) as [string, '1.21' | '1.90', string, string, string?];
// the test's clock (inside the calling hours of the number called), for the core and its simulator
const now = () => new Date(clock);
let sim: Simulator | undefined;
const core = createLauncherCore({
  stores: confStoreFactory(dir),
  dataDir: dir,
  secrets: memorySecrets(),
  localeRegion: 'US',
  now,
  startSimulator: async () => {
    sim = await startSimulator({ apiVersion: api, now: () => now().getTime() });
    if (mode === 'refused-then-held') sim.injectFault({ path: '/v1/voice/outbound', status: 429 });
    if (mode === 'resend-held') sim.injectFault({ path: '/v1/voice/outbound', reset: true });
    sim.injectFault({ path: '/v1/voice/outbound', delayMs: 60_000 });
    return sim;
  },
});
const dispatch = createDispatcher(core.handlers, { trustedOrigins: ['app://feather'], validateResponses: false });
const sender = { url: 'app://feather/index.html', isMainFrame: true };
await dispatch(sender, 'directory:refresh', {});
const card = {
  requestId,
  toNumber: '+1 415 555 0142',
  fromNumberId: DEMO_IDS.numberSf,
  caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley },
  contextVariables: [{ key: 'patient_first_name', value: 'Maria' }],
};
const unexpected = (answer: unknown) => writeSync(2, `answered before the kill: ${JSON.stringify(answer)}\n`);
if (mode === 'held') void dispatch(sender, 'call:place', card).then(unexpected);
else {
  const first = await dispatch(sender, 'call:place', card);
  writeSync(2, `first try: ${JSON.stringify(first)}\n`);
  if (mode === 'refused-then-held') void dispatch(sender, 'call:place', card).then(unexpected);
  else void dispatch(sender, 'call:resend', { requestId }).then(unexpected);
}
const posts = mode === 'held' ? 1 : 2;
const waitForPost = setInterval(() => {
  if ((sim?.outboundRequests().length ?? 0) < posts) return;
  clearInterval(waitForPost);
  writeSync(1, `${JSON.stringify({ t: 'posted' })}\n`);
}, 2);
// never left running if the test that started it is gone
setTimeout(() => process.exit(3), 30_000).unref();

import { startSimulator } from './server';
import { DEMO_IDS } from './seed';
import { API_VERSIONS, type ApiVersion } from './wire';

/**
 * `npm run sim [-- --api 1.21|1.90]`: the simulator on its own, for curl or a Custom base URL in the app.
 * Calls to numbers ending 0010–0019 go unanswered, 0020–0029 fail, 0030–0039 are superseded (call-outcomes.ts).
 */
const port = Number(process.env.PORT ?? 8787);
const apiArg = process.argv.indexOf('--api');
const apiVersion = (apiArg >= 0 ? process.argv[apiArg + 1] : process.env.SIM_API_VERSION) ?? '1.90';
if (!API_VERSIONS.includes(apiVersion as ApiVersion)) {
  console.error(`--api must be one of ${API_VERSIONS.join(', ')} (got ${apiVersion}).`);
  process.exit(2);
}
const extraKey = process.env.SIM_API_KEY;
const sim = await startSimulator({
  port,
  apiVersion: apiVersion as ApiVersion,
  // SIM_STATE_FILE=path keeps the calls (and pauses) across restarts
  stateFile: process.env.SIM_STATE_FILE || undefined,
  keys: extraKey
    ? [{ key: extraKey, user: { user_id: 'u-cli', role: 'admin', email: 'you@example.com', display_name: 'Simulator user' } }]
    : [],
});
console.log(`Feather simulator (API ${sim.apiVersion}) on ${sim.url} — no real calls are placed.`);
console.log(`API key: ${extraKey ? '(SIM_API_KEY from the environment)' : sim.demoKey}`);
console.log(`From-number ${DEMO_IDS.numberSf} (+1 415 555 0100), agent ${DEMO_IDS.agentRiley}, team ${DEMO_IDS.teamFrontDesk}`);
const stop = () => {
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

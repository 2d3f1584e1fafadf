import { startSimulator } from './server';
import { DEMO_IDS } from './seed';

/** `npm run sim`: the simulator on its own, for curl or a Custom base URL in the app. */
const port = Number(process.env.PORT ?? 8787);
const extraKey = process.env.SIM_API_KEY;
const sim = await startSimulator({
  port,
  keys: extraKey
    ? [{ key: extraKey, user: { user_id: 'u-cli', role: 'admin', email: 'you@example.com', display_name: 'Simulator user' } }]
    : [],
});
console.log(`Feather simulator on ${sim.url} — no real calls are placed.`);
console.log(`API key: ${extraKey ? '(SIM_API_KEY from the environment)' : sim.demoKey}`);
console.log(`From-number ${DEMO_IDS.numberSf} (+1 415 555 0100), agent ${DEMO_IDS.agentRiley}, team ${DEMO_IDS.teamFrontDesk}`);
const stop = () => void sim.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

import { redactKeys } from './connection/key-hint';
import { secretRegistry } from './connection/secret-registry';

/**
 * Last line of defence for the main process: a promise rejection or exception nobody handled
 * is logged (without keys) and the app keeps running, instead of Node's default of exiting —
 * which for a desktop app means a vanished window and, after a POST, an unknown call outcome.
 */
export function installProcessGuards(log: (message: string) => void = (m) => console.error(m)) {
  const describe = (error: unknown) =>
    secretRegistry.redact(redactKeys(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  process.on('unhandledRejection', (reason) => log(`[main] unhandled rejection: ${describe(reason)}`));
  process.on('uncaughtException', (error) => log(`[main] uncaught exception: ${describe(error)}`));
}

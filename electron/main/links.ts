import path from 'node:path';
import { z } from 'zod';
import { CLI_USAGE, readArgv } from '../core/launch/cli-parser';
import { LINK_SCHEMES, type LaunchRequest } from '../core/launch/launch-request';
import { parseLink } from '../core/launch/link-parser';

/**
 * Electron glue for links and the command line, thin on purpose: the parsers and the resolution are
 * core's (electron/core/launch/). What arrives here — argv, a second instance's argv, macOS open-url —
 * becomes a LaunchRequest for `core.launch()`, which opens the call card; nothing here places a call.
 * A link that is refused opens nothing: its reason goes to `onRefused` (by default the log), never
 * the link's own text.
 *
 * Wiring (electron/main/main.ts), in this order:
 *   const pre = cliPreflight(process.argv);                       // before the single-instance lock
 *   if (pre) { (pre.exit ? process.stderr : process.stdout).write(pre.output); app.exit(pre.exit); }
 *   const links = registerLinkHandlers(app, (r) => void core.launch(r));   // top level, before ready
 *   app.requestSingleInstanceLock(singleInstanceData(process.argv));
 *   app.on('second-instance', (_e, argv, _cwd, data) => { const r = launchFromSecondInstance(argv, data); if (r) links.submit(r); … });
 *   // when the core and the window exist:
 *   const first = launchArgs(process.argv); if (first) links.submit(first); links.ready();
 */
export type { LaunchRequest };

const warnRefused = (problem: string) => console.warn(`[links] not opened: ${problem}`);

/**
 * For the launching process, before the single-instance lock: `--help` → the usage (stdout, exit 0);
 * unusable `--dial` options → what is wrong (stderr, exit 2); otherwise null (start, or hand over to
 * the running instance). A link that cannot be opened is not a command-line error: the app starts.
 */
export function cliPreflight(argv: string[]): { exit: number; output: string } | null {
  const reading = readArgv(argv);
  if (reading.kind === 'help') return { exit: 0, output: CLI_USAGE };
  if (reading.kind === 'error' && reading.from === 'cli') {
    return { exit: 2, output: `feather-launcher: ${reading.problem}\nRun feather-launcher --help to see the options.\n` };
  }
  return null;
}

/** The link or `--dial` call in an argv (a cold start's process.argv, or a second instance's); null when there is none or it is refused. */
export function launchArgs(argv: string[], onRefused: (problem: string) => void = warnRefused): LaunchRequest | null {
  const reading = readArgv(argv);
  if (reading.kind === 'launch') return reading.request;
  if (reading.kind === 'error') onRefused(reading.problem);
  return null;
}

/**
 * Chromium reorders the argv that `second-instance` receives (switches first, values apart from
 * their `--dial`: electron/electron#20322), so the launching process sends its own argv, as it was,
 * with the lock request: `app.requestSingleInstanceLock(singleInstanceData(process.argv))`.
 */
export function singleInstanceData(argv: string[]): { launchArgv: string[] } {
  return { launchArgv: argv.slice(0, 64) };
}
const LockDataSchema = z.object({ launchArgv: z.array(z.string().max(4096)).max(64) });

/** In `second-instance`: the launching process's own argv when it sent it (checked: another process's data), else Chromium's copy. */
export function launchFromSecondInstance(
  argv: string[],
  additionalData: unknown,
  onRefused: (problem: string) => void = warnRefused,
): LaunchRequest | null {
  const sent = LockDataSchema.safeParse(additionalData);
  return launchArgs(sent.success ? sent.data.launchArgv : argv, onRefused);
}

/** The parts of Electron's `app` this file uses (Electron's App satisfies it; tests pass the shared fake). */
export interface LinkApp {
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
  setAsDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  isDefaultProtocolClient(protocol: string, path?: string, args?: string[]): boolean;
  getApplicationNameForProtocol(url: string): string;
}

export interface LinkHandlerOptions {
  onRefused?: (problem: string) => void;
  /** for tests; default: the running process's */
  platform?: NodeJS.Platform;
  argv?: string[];
  /** Electron run from source (`electron dist/electron/main.js`): process.defaultApp */
  defaultApp?: boolean;
  execPath?: string;
}

export interface LinkHandlers {
  /** The app can open cards now: links that came before (macOS open-url, another start, the first argv) are handed over, in order; later ones at once. */
  ready(): void;
  /** A link or `--dial` from argv or another start: handed over now, or at `ready()` while the app is starting. */
  submit(request: LaunchRequest): void;
  /** the schemes registered with the OS at this start, and those left to the app the person chose */
  registered: string[];
  leftAlone: Array<{ scheme: string; handler: string }>;
}

const QUEUE_LIMIT = 10;

/**
 * Registers the app for tel:, callto: and feather-launcher: links — on Windows and macOS at start
 * (on Linux the .desktop file's MimeType does it, see electron-builder.yml) — and listens for macOS's
 * open-url. tel: and callto: are claimed only when no other app handles them (or we already do):
 * a person who chose another phone app keeps it. Call at the top level of main, before `ready`.
 */
export function registerLinkHandlers(
  app: LinkApp,
  onLaunch: (request: LaunchRequest) => void,
  options: LinkHandlerOptions = {},
): LinkHandlers {
  const platform = options.platform ?? process.platform;
  const argv = options.argv ?? process.argv;
  const onRefused = options.onRefused ?? warnRefused;
  const registered: string[] = [];
  const leftAlone: LinkHandlers['leftAlone'] = [];

  if (platform === 'win32' || platform === 'darwin') {
    const fromSource = options.defaultApp ?? Boolean((process as { defaultApp?: boolean }).defaultApp);
    // From source, the OS must start Electron with our app's path, or the link opens Electron's default app.
    const appPath = argv[1];
    const dev =
      fromSource && appPath && !appPath.startsWith('-')
        ? { exec: options.execPath ?? process.execPath, args: [path.resolve(appPath)] }
        : null;
    const isOurs = (scheme: string) =>
      dev ? app.isDefaultProtocolClient(scheme, dev.exec, dev.args) : app.isDefaultProtocolClient(scheme);
    const claim = (scheme: string) =>
      dev ? app.setAsDefaultProtocolClient(scheme, dev.exec, dev.args) : app.setAsDefaultProtocolClient(scheme);
    if (!fromSource || dev) {
      for (const scheme of LINK_SCHEMES) {
        const handler = app.getApplicationNameForProtocol(`${scheme}://`);
        if (scheme !== 'feather-launcher' && handler && !isOurs(scheme)) leftAlone.push({ scheme, handler });
        else if (claim(scheme)) registered.push(scheme);
      }
    }
  }

  let ready = false;
  const queue: LaunchRequest[] = [];
  const submit = (request: LaunchRequest) => {
    if (ready) onLaunch(request);
    else if (queue.length < QUEUE_LIMIT) queue.push(request);
    else onRefused('Too many links arrived while the app was starting; the later ones were not opened.');
  };
  if (platform === 'darwin') {
    app.on('open-url', (event, url) => {
      event.preventDefault(); // ours to handle: Electron would otherwise treat it as unhandled
      const link = parseLink(url);
      if (!link.ok) return onRefused(link.problem);
      submit(link.request);
    });
  }
  return {
    registered,
    leftAlone,
    submit,
    ready() {
      if (ready) return;
      ready = true;
      for (const request of queue.splice(0)) onLaunch(request);
    },
  };
}

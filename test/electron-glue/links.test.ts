import type { App } from 'electron';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  cliPreflight,
  launchArgs,
  launchFromSecondInstance,
  registerLinkHandlers,
  singleInstanceData,
  type LaunchRequest,
  type LinkApp,
} from '../../electron/main/links';
import { app, appEvents } from './fake-electron';

/**
 * The Electron glue for links and the command line (electron/main/links.ts) against the shared fake:
 * what the launching process prints, what argv a cold start or a second instance carries, what is
 * registered with the OS per platform, and macOS open-url at a cold start.
 */

// Electron's own `app` must fit what the glue asks for (a compile-time check: main passes it as is).
const electronAppFits: (a: App) => LinkApp = (a) => a;
void electronAppFits;

const EXE = 'C:\\Program Files\\Feather Launcher\\Feather Launcher.exe';
const HOSTILE = 'tel:%3Cscript%3Ealert(1)%3C/script%3E';

beforeEach(() => {
  appEvents.removeAllListeners('open-url');
  app.protocolClients.length = 0;
  for (const scheme of Object.keys(app.protocolHandlers)) delete app.protocolHandlers[scheme];
});

describe('cliPreflight: the launching process, before the single-instance lock', () => {
  it('--help prints the usage and exits 0', () => {
    const result = cliPreflight([EXE, '--help']);
    expect(result?.exit).toBe(0);
    expect(result?.output).toMatch(/^Usage:\n {2}feather-launcher --dial <number>/);
  });

  it('bad --dial arguments: a clear error naming --help, exit 2', () => {
    expect(cliPreflight([EXE, '--dial', '+14155550123', '--agent', 'Riley', '--team', 'Sales'])).toEqual({
      exit: 2,
      output: 'feather-launcher: Name an agent or a team, not both.\nRun feather-launcher --help to see the options.\n',
    });
    expect(cliPreflight([EXE, '--agent', 'Riley'])?.exit).toBe(2);
    expect(cliPreflight([EXE, '--dial'])?.output).toMatch(/^feather-launcher: --dial needs a value\./);
  });

  it('anything else starts (or reaches the running instance): a good call, a plain start, even a link it will not open', () => {
    expect(cliPreflight([EXE, '--dial', '+14155550123', '--agent', 'Riley'])).toBeNull();
    expect(cliPreflight([EXE])).toBeNull();
    expect(cliPreflight([EXE, '--no-sandbox', 'tel:+14155550123'])).toBeNull();
    expect(cliPreflight([EXE, HOSTILE])).toBeNull();
  });
});

describe('launchArgs: a cold start’s argv', () => {
  it('finds the link the OS appended, or the --dial call', () => {
    expect(launchArgs([EXE, '--allow-file-access-from-files', 'tel:+1-415-555-0123'])).toEqual({ source: 'link', to: '+14155550123' });
    expect(launchArgs(['/usr/bin/electron', 'dist/electron/main.js', '--dial', '+14155550123', '--team', 'Sales'])).toEqual({
      source: 'cli',
      to: '+14155550123',
      team: 'Sales',
    });
    expect(launchArgs([EXE])).toBeNull();
  });

  it('a refused link opens nothing; the reason (never the link) goes to onRefused', () => {
    const refused: string[] = [];
    expect(launchArgs([EXE, HOSTILE], (p) => refused.push(p))).toBeNull();
    expect(refused).toEqual(['This link holds script-like text or control characters, so it was not opened.']);
  });
});

describe('second instance: the running app gets the launching process’s own argv', () => {
  const original = [EXE, '--dial', '+14155550123', '--agent', 'Riley', '--var', 'clinic=Uptown'];
  // what Chromium hands `second-instance`: switches first, their values apart (electron/electron#20322)
  const reordered = [EXE, '--dial', '--agent', '--var', '--allow-file-access-from-files', '+14155550123', 'Riley', 'clinic=Uptown'];

  it('reads the argv sent with the lock request, not Chromium’s reordered copy', () => {
    const data = singleInstanceData(original);
    expect(data).toEqual({ launchArgv: original });
    expect(launchFromSecondInstance(reordered, data)).toEqual({
      source: 'cli',
      to: '+14155550123',
      agent: 'Riley',
      vars: { clinic: 'Uptown' },
    });
  });

  it('falls back to the argv when the data is missing or not ours, and checks what it reads', () => {
    const refused: string[] = [];
    expect(launchFromSecondInstance([EXE, 'tel:+14155550123'], undefined)).toEqual({ source: 'link', to: '+14155550123' });
    expect(launchFromSecondInstance([EXE, 'tel:+14155550123'], { launchArgv: 'tel:+19005550100' })).toEqual({
      source: 'link',
      to: '+14155550123',
    });
    expect(launchFromSecondInstance([EXE], { launchArgv: [EXE, HOSTILE] }, (p) => refused.push(p))).toBeNull();
    expect(launchFromSecondInstance(reordered, null, (p) => refused.push(p))).toBeNull(); // the reordered argv cannot be read safely
    expect(refused).toEqual([expect.stringMatching(/script-like/), '--dial needs a value.']);
  });
});

describe('registerLinkHandlers: registration with the OS', () => {
  const noop = () => undefined;

  it('Windows, installed: tel, callto and feather-launcher, with no arguments', () => {
    const links = registerLinkHandlers(app, noop, { platform: 'win32', defaultApp: false, argv: [EXE] });
    expect(app.protocolClients).toEqual([{ scheme: 'tel' }, { scheme: 'callto' }, { scheme: 'feather-launcher' }]);
    expect(links.registered).toEqual(['tel', 'callto', 'feather-launcher']);
    expect(appEvents.listenerCount('open-url')).toBe(0);
  });

  it('leaves tel: and callto: to the phone app the person chose; feather-launcher: is always ours', () => {
    app.protocolHandlers.tel = 'Microsoft Teams';
    const links = registerLinkHandlers(app, noop, { platform: 'win32', defaultApp: false, argv: [EXE] });
    expect(links.leftAlone).toEqual([{ scheme: 'tel', handler: 'Microsoft Teams' }]);
    expect(links.registered).toEqual(['callto', 'feather-launcher']);
  });

  it('claims again what is already ours (an update moves the executable)', () => {
    app.protocolHandlers.tel = 'Feather Launcher';
    expect(registerLinkHandlers(app, noop, { platform: 'darwin', defaultApp: false, argv: ['/Applications/x'] }).registered).toEqual([
      'tel',
      'callto',
      'feather-launcher',
    ]);
  });

  it('from source: only with Electron’s path and our app’s, so a link does not open Electron’s default app', () => {
    registerLinkHandlers(app, noop, {
      platform: 'win32',
      defaultApp: true,
      execPath: 'C:\\dev\\electron.exe',
      argv: ['C:\\dev\\electron.exe', 'dist/electron/main.js', '--dev'],
    });
    expect(app.protocolClients).toHaveLength(3);
    expect(app.protocolClients[0]).toEqual({ scheme: 'tel', path: 'C:\\dev\\electron.exe', args: [path.resolve('dist/electron/main.js')] });
    app.protocolClients.length = 0;
    registerLinkHandlers(app, noop, { platform: 'win32', defaultApp: true, argv: ['C:\\dev\\electron.exe', '--inspect'] });
    registerLinkHandlers(app, noop, { platform: 'darwin', defaultApp: true, argv: ['/dev/electron'] });
    expect(app.protocolClients).toEqual([]);
  });

  it('Linux: nothing at run time (the .desktop MimeType registers the schemes)', () => {
    const links = registerLinkHandlers(app, noop, { platform: 'linux', defaultApp: false, argv: ['/opt/x'] });
    expect(app.protocolClients).toEqual([]);
    expect(links.registered).toEqual([]);
  });
});

describe('registerLinkHandlers: macOS open-url', () => {
  const openUrl = (url: string) => {
    let prevented = false;
    appEvents.emit('open-url', { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };

  it('a cold start’s links wait until the app can open a card, then arrive in order; later ones at once', () => {
    const launched: LaunchRequest[] = [];
    const links = registerLinkHandlers(app, (r) => launched.push(r), { platform: 'darwin', defaultApp: false, argv: ['/Applications/x'] });
    expect(openUrl('tel:+14155550123')).toBe(true);
    expect(openUrl('feather-launcher://call?to=%2B14155550124&agent=Riley')).toBe(true);
    expect(launched).toEqual([]);
    links.ready();
    expect(launched).toEqual([
      { source: 'link', to: '+14155550123' },
      { source: 'link', to: '+14155550124', agent: 'Riley' },
    ]);
    openUrl('callto:+49 30 901820');
    expect(launched.at(-1)).toEqual({ source: 'link', to: '+4930901820' });
    links.ready(); // twice is harmless
    expect(launched).toHaveLength(3);
  });

  it('a link from another start before the app is ready waits with the others (any OS), then opens once', () => {
    const launched: LaunchRequest[] = [];
    const links = registerLinkHandlers(app, (r) => launched.push(r), { platform: 'linux', defaultApp: false, argv: ['/opt/x'] });
    const second = launchFromSecondInstance(['/opt/x'], singleInstanceData(['/opt/x', 'tel:+14155550123']));
    expect(second).not.toBeNull();
    links.submit(second!);
    expect(launched).toEqual([]);
    links.ready();
    expect(launched).toEqual([{ source: 'link', to: '+14155550123' }]);
    links.submit({ source: 'cli', to: '+14155550124' });
    expect(launched).toHaveLength(2);
  });

  it('a hostile link opens nothing, before or after ready; a flood while starting is capped', () => {
    const launched: LaunchRequest[] = [];
    const refused: string[] = [];
    const links = registerLinkHandlers(app, (r) => launched.push(r), {
      platform: 'darwin',
      defaultApp: false,
      argv: ['/Applications/x'],
      onRefused: (p) => refused.push(p),
    });
    expect(openUrl(HOSTILE)).toBe(true);
    for (let i = 0; i < 15; i++) openUrl(`tel:+1415555010${i % 10}`);
    links.ready();
    openUrl('javascript:alert(1)');
    expect(launched).toHaveLength(10);
    expect(refused).toHaveLength(1 + 5 + 1);
    expect(refused.join('\n')).not.toMatch(/alert|<|%3C/);
  });
});

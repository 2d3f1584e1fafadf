import { describe, expect, it } from 'vitest';
import { CLI_USAGE, readArgv } from '../../electron/core/launch/cli-parser';

/**
 * `feather-launcher --dial <number> [--from …] [--agent …|--team …] [--template …] [--var name=value]…`
 * found among what Electron and Chromium put around it (electron/core/launch/cli-parser.ts).
 */
const PACKAGED = ['/opt/Feather Launcher/feather-launcher'];
const FROM_SOURCE = ['/work/node_modules/electron/dist/electron', 'dist/electron/main.js', '--dev'];
const WINDOWS = ['C:\\Program Files\\Feather Launcher\\Feather Launcher.exe', '--allow-file-access-from-files'];

const launched = (argv: string[]) => {
  const reading = readArgv(argv);
  if (reading.kind !== 'launch') throw new Error(`expected a launch, got ${JSON.stringify(reading)}`);
  return reading.request;
};
const cliProblem = (argv: string[]) => {
  const reading = readArgv(argv);
  if (reading.kind !== 'error' || reading.from !== 'cli') throw new Error(`expected a command-line error, got ${JSON.stringify(reading)}`);
  return reading.problem;
};

describe('valid command lines', () => {
  it('--dial with every option, in any order, around Electron’s own arguments', () => {
    const argv = [
      ...FROM_SOURCE,
      '--template',
      'Appointment reminder',
      '--dial',
      '+1 (415) 555-0123',
      '--no-sandbox',
      '--from=London office',
      '--agent',
      'Riley',
      '--var',
      'clinic=Uptown',
      '--var=note=a=b',
    ];
    expect(launched(argv)).toEqual({
      source: 'cli',
      to: '+14155550123',
      from: 'London office',
      agent: 'Riley',
      template: 'Appointment reminder',
      vars: { clinic: 'Uptown', note: 'a=b' },
    });
  });

  it.each([
    [[...PACKAGED, '--dial', '+14155550123'], { source: 'cli', to: '+14155550123' }],
    [[...PACKAGED, '--dial=020 7946 0958', '--team', 'Sales'], { source: 'cli', to: '02079460958', team: 'Sales' }],
    [[...WINDOWS, '--dial', 'tel:%2B14155550123'], { source: 'cli', to: '+14155550123' }],
    [[...PACKAGED, '--dial', '+1 415 555 0123 ext. 7'], { source: 'cli', to: '+14155550123 ext. 7' }],
    [[...PACKAGED, '--dial', '+14155550123', '--var', 'empty='], { source: 'cli', to: '+14155550123', vars: { empty: '' } }],
  ])('%j', (argv, request) => {
    expect(launched(argv)).toEqual(request);
  });

  it('finds a link the OS put last (Windows, Linux), among Chromium switches', () => {
    expect(launched([...WINDOWS, '--original-process-start-time=1337', 'tel:+1-415-555-0123'])).toEqual({
      source: 'link',
      to: '+14155550123',
    });
    expect(launched([...FROM_SOURCE, 'feather-launcher://call?to=%2B14155550123&agent=Riley'])).toEqual({
      source: 'link',
      to: '+14155550123',
      agent: 'Riley',
    });
  });

  it('a plain start has nothing to read: the executable, the app path and switches are left alone', () => {
    for (const argv of [PACKAGED, FROM_SOURCE, WINDOWS, [...PACKAGED, '--enable-logging', '--lang=de', 'some-file.txt'], []]) {
      expect(readArgv(argv)).toEqual({ kind: 'none' });
    }
  });

  it('--help and -h print the usage, whatever else is there', () => {
    expect(readArgv([...PACKAGED, '--help'])).toEqual({ kind: 'help' });
    expect(readArgv([...PACKAGED, '--dial', '--help'])).toEqual({ kind: 'help' });
    expect(readArgv([...WINDOWS, '-h', 'tel:<script>'])).toEqual({ kind: 'help' });
    expect(CLI_USAGE).toMatch(
      /^Usage:\n {2}feather-launcher --dial <number> \[--from <from-number>\] \[--agent <agent> \| --team <team>\]/,
    );
    for (const option of ['--dial', '--from', '--agent', '--team', '--template', '--var', '--help'])
      expect(CLI_USAGE).toContain(`  ${option}`);
    expect(CLI_USAGE).toContain('Nothing is called until you press Call on the card.');
  });
});

describe('invalid command lines: a clear error (the launching process exits 2)', () => {
  it.each([
    [['--dial'], '--dial needs a value.'],
    [['--dial', '--agent', 'Riley'], '--dial needs a value.'],
    [['--dial', '+14155550123', '--dial', '+14155550124'], '--dial is given twice.'],
    [['--agent', 'Riley'], '--agent goes with --dial <number>: which number should be called?'],
    [['--var', 'clinic=Uptown'], '--var goes with --dial <number>: which number should be called?'],
    [['--dial', '+14155550123', '--agent', 'Riley', '--team', 'Sales'], 'Name an agent or a team, not both.'],
    [['--dial', '+14155550123', '--var', 'clinic'], '--var takes name=value, like --var clinic=Uptown.'],
    [['--dial', '+14155550123', '--var', '=Uptown'], '--var takes name=value, like --var clinic=Uptown.'],
    [['--dial', '+14155550123', '--var'], '--var needs a value, like --var clinic=Uptown.'],
    [['--dial', '+14155550123', '--var', 'my-var=1'], /--var my-var: Variable names use letters, digits and _/],
    [['--dial', '+14155550123', '--var', 'a=1', '--var', 'a=2'], '--var a is given twice.'],
    [['--dial', 'Zoë Müller'], '--dial: Phone numbers cannot contain letters, so this one cannot be called.'],
    [['--dial', '+1 415 555 0123; rm -rf /'], /--dial: /],
    [['--dial', '<script>alert(1)</script>'], /--dial: This link holds script-like text/],
    [['--dial', '+14155550123', '--agent', 'Ri\u0007ley'], 'The agent holds control characters.'],
    [['--dial', '+14155550123', '--template', ''], 'The template is empty: give a name or an ID, or leave it out.'],
    [['--dial', '+14155550123', '--var', `note=${'x'.repeat(2100)}`], 'The arguments are longer than 2 KB.'],
    [['--dial', '+14155550123', 'tel:+14155550124'], 'Give --dial or a link, not both.'],
    [['--agent', 'Riley', 'tel:+14155550124'], /Options such as --agent go with --dial <number>/],
    [['--dial', 'feather-launcher://call?to=%2B14155550123'], /--dial: give a feather-launcher:\/\/ link on its own/],
    [['--dial', 'tel:javascript:alert(1)'], /--dial: This link holds script-like text/],
  ])('%j', (args, problem) => {
    expect(cliProblem([...PACKAGED, ...(args as string[])])).toMatch(problem);
  });

  it('a link that cannot be opened is not a command-line error: the app starts and opens nothing', () => {
    expect(readArgv([...WINDOWS, 'tel:javascript:alert(1)'])).toEqual({
      kind: 'error',
      problem: 'This link holds script-like text or control characters, so it was not opened.',
      from: 'link',
    });
    expect(readArgv([...PACKAGED, 'tel:+14155550123', 'callto:+14155550124'])).toMatchObject({ kind: 'error', from: 'link' });
  });

  it('a link cannot smuggle options in: flags next to a link open nothing', () => {
    // what an argv split from `tel:1" --dial "+19005550100` would look like
    expect(readArgv([...WINDOWS, 'tel:1', '--dial', '+19005550100'])).toMatchObject({ kind: 'error', from: 'cli' });
  });

  it('never throws on odd input', () => {
    for (const argv of [[undefined, null, 42], ['--dial', undefined], ['--var=', '--dial='], ['--dial=%00']] as unknown[][])
      expect(() => readArgv(argv)).not.toThrow();
  });
});

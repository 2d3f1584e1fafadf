import { describe, expect, it } from 'vitest';
import { parseLink } from '../../electron/core/launch/link-parser';
import { normalizeDialInput } from '../../shared/phone';

/**
 * The one parser for tel:, callto: and feather-launcher:// links (electron/core/launch/link-parser.ts).
 * A link either becomes a LaunchRequest (names are resolved later, by main) or one plain sentence —
 * never both, and a refused link's text is never echoed back.
 */
const to = (link: string) => {
  const result = parseLink(link);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(link)} to open, got: ${result.problem}`);
  return result.request.to;
};
/** a test title: long links cut, invisible characters shown as escapes */
const short = (link: string) => JSON.stringify(link.length > 70 ? `${link.slice(0, 60)}… (${link.length} chars)` : link);
const titled = (rows: Array<[string, string | RegExp]>) => rows.map(([link, problem]) => [short(link), link, problem] as const);
const refused = (link: string) => {
  const result = parseLink(link);
  if (result.ok) throw new Error(`expected ${JSON.stringify(link)} to be refused, got ${JSON.stringify(result.request)}`);
  return result.problem;
};

describe('tel: links', () => {
  it.each([
    ['tel:+1-415-555-0123', '+14155550123', 'visual separators (RFC 3966 "-")'],
    ['tel:+1.415.555.0123', '+14155550123', 'dots'],
    ['tel:+1 (415) 555-0123', '+14155550123', 'spaces and parentheses'],
    ['tel:%2B14155550123', '+14155550123', 'a percent-encoded +'],
    ['tel:+1%20415%20555%200123', '+14155550123', 'percent-encoded spaces, as browsers write them'],
    ['TEL:+14155550123', '+14155550123', 'the scheme in capitals'],
    ['  tel:+14155550123 \n', '+14155550123', 'whitespace around the link'],
    ['tel://+14155550123', '+14155550123', 'a tel:// written like a web address'],
    ['tel:+1‐415–555—0123', '+14155550123', 'typographic dashes'],
    ['tel:＋１ ４１５ ５５５ ０１２３', '+14155550123', 'full-width digits'],
    ['tel:020 7946 0958', '02079460958', 'a national number with no context: the plan reads it in the default country'],
    [
      'tel:020 7946 0958;phone-context=+44',
      '+442079460958',
      'RFC 3966: a local number with its context → the full number (trunk 0 dropped)',
    ],
    ['tel:7946-0958;phone-context=+44-20', '+442079460958', 'a context with an area code'],
    ['tel:+14155550123;phone-context=+44', '+14155550123', 'a global number ignores a context'],
    ['tel:+14155550123;isub=1234;postd=pp22', '+14155550123', 'other parameters are ignored, as the RFC says'],
  ])('%s → %s (%s)', (link, expected) => {
    expect(to(link)).toBe(expected);
  });

  it('keeps an extension so the dial normalisation drops it with its notice', () => {
    const number = to('tel:+1-415-555-0123;ext=12');
    expect(number).toBe('+14155550123 ext. 12');
    const dialled = normalizeDialInput(number);
    expect(dialled.text).toBe('+14155550123');
    expect(dialled.extension).toBe('12');
    expect(dialled.notices[0]).toMatch(/Extension 12 was removed/);
  });

  it('opens a link as a LaunchRequest from a link, with the number only', () => {
    expect(parseLink('tel:+14155550123')).toEqual({ ok: true, request: { source: 'link', to: '+14155550123' } });
  });
});

describe('callto: links', () => {
  it.each([
    ['callto://+14155550123', '+14155550123'],
    ['callto:+49 30 901820', '+4930901820'],
    ['callto:+49%2030%20901820', '+4930901820'],
    ['CallTo://+14155550123?call', '+14155550123'],
  ])('%s → %s', (link, expected) => {
    expect(to(link)).toBe(expected);
  });

  it('a Skype name is not a number', () => {
    expect(refused('callto://echo123')).toMatch(/a Skype contact\), not a phone number/);
  });
});

describe('feather-launcher:// links', () => {
  it('carries names or IDs for who calls, the template and variables', () => {
    const result = parseLink(
      'feather-launcher://call?to=+14155550123&from=London%20office&agent=Riley&template=Appointment+reminder&var.clinic=Uptown&var.patient_first_name=Zo%C3%AB',
    );
    expect(result).toEqual({
      ok: true,
      request: {
        source: 'link',
        to: '+14155550123',
        from: 'London office',
        agent: 'Riley',
        template: 'Appointment reminder',
        vars: { clinic: 'Uptown', patient_first_name: 'Zoë' },
      },
    });
  });

  it.each([
    ['feather-launcher://call?to=%2B14155550123', '+14155550123', 'as URLSearchParams writes it'],
    ['feather-launcher://call?to=+1+415+555+0123', '+14155550123', 'a leading + is a plus; later ones are spaces'],
    ['feather-launcher://call/?to=020%207946%200958;phone-context=%2B44', '+442079460958', 'a trailing slash, a context'],
    ['feather-launcher:call?TO=+14155550123&', '+14155550123', 'no //, a key in capitals, a trailing &'],
  ])('%s → %s (%s)', (link, expected) => {
    expect(to(link)).toBe(expected);
  });

  it('takes a team instead of an agent, never both', () => {
    expect(parseLink('feather-launcher://call?to=%2B14155550123&team=Front%20desk')).toMatchObject({
      ok: true,
      request: { team: 'Front desk' },
    });
    expect(refused('feather-launcher://call?to=%2B14155550123&agent=Riley&team=Sales')).toBe('Name an agent or a team, not both.');
  });

  it.each(
    titled([
      ['feather-launcher://call?from=London', 'This link names no number to call (to=…).'],
      ['feather-launcher://call?to=%2B14155550123&to=%2B14155550124', 'This link gives to twice.'],
      ['feather-launcher://call?to=%2B14155550123&agent=', 'The agent is empty: give a name or an ID, or leave it out.'],
      ['feather-launcher://call?to=%2B14155550123&var.1st=x', /var\.1st: Variable names use letters, digits and _/],
      ['feather-launcher://call?to=%2B14155550123&var.__proto__=x', /"__proto__" is a reserved name/],
      ['feather-launcher://call?to=%2B14155550123&var.=x', /needs a variable name/],
      ['feather-launcher://call?to=%2B14155550123&var.a=1&var.a=2', 'This link gives the variable a twice.'],
      ['feather-launcher://call?to=%2B14155550123&autocall=1', /parameter Feather Launcher does not know \(autocall\)/],
      ['feather-launcher://call?to=%2B14155550123&profile=live', /does not know \(profile\)/],
      ['feather-launcher://settings?to=%2B14155550123', /look like feather-launcher:\/\/call\?to=/],
      ['feather-launcher://call?to=%2B14155550123#x', /no #-part/],
      ['feather-launcher://call?to=%2B14155550123&agent=' + 'a'.repeat(101), 'The agent is longer than 100 characters.'],
    ]),
  )('refuses %s', (_title, link, problem) => {
    expect(refused(link)).toMatch(problem);
  });
});

describe('garbage and hostile links: a clear message and nothing else', () => {
  it.each(
    titled([
      ['', /not a link Feather Launcher opens/],
      ['   ', /not a link Feather Launcher opens/],
      ['+14155550123', /not a link Feather Launcher opens/],
      ['tel:', /no number to call/],
      ['tel:;ext=12', /no number to call/],
      ['tel:---', /no number to call/],
      ['tel:1-800-FLOWERS', /cannot contain letters/],
      ['tel:*67#', /only digits/],
      ['tel:+1415+5550123', /only digits/],
      ['tel:+1234567890123456789012', /more than any phone number/],
      ['tel:+1234567890123456', /at most 15 digits \(E\.164\); this one has 16/],
      ['tel:%ZZ14155550123', /broken %-escape/],
      ['tel:+14155550123;ext=12a', /extension holds 1 to 8 digits/],
      ['tel:+14155550123;ext=1;ext=2', /two extensions/],
      ['tel:5550123;phone-context=example.com', /local to a private network/],
      ['tel:5550123;phone-context=+999', /not a country calling code/],
      ['sip:alice@example.com', /not sip: links/],
      ['https://example.com/?tel=+14155550123', /not https: links/],
      ['javascript:alert(1)', /script-like text/],
      ['JaVaScRiPt:alert(document.cookie)', /script-like text/],
      ['tel:<script>alert(1)</script>', /script-like text/],
      ['tel:%3Cscript%3Ealert(1)%3C%2Fscript%3E', /script-like text/],
      ['tel:%253Cscript%253E', /script-like text/],
      ['tel:+14155550123%00', /script-like text or control characters/],
      ['tel:+1415555%0A0123', /control characters/],
      ['tel:+1415555\u00000123', /control characters/],
      ['tel:+1415555\u202E3210', /control characters/],
      ['feather-launcher://call?to=%2B14155550123&var.note=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', /script-like/],
      ['feather-launcher://call?to=%2B14155550123&agent=javascript:alert(1)', /script-like/],
      ['feather-launcher://call?to=%2B14155550123&var.note=line%0D%0Abreak', /control characters/],
      ['tel:+1' + '5'.repeat(2100), /longer than 2 KB/],
      ['feather-launcher://call?to=%2B14155550123&var.note=' + 'é'.repeat(1100), /longer than 2 KB/],
    ]),
  )('refuses %s', (_title, link, problem) => {
    const message = refused(link);
    expect(message).toMatch(problem);
    // the message is ours: it never repeats what the link carried
    expect(message).not.toMatch(/<|>|script>|alert|%00/);
    expect(message).not.toContain('\u0000');
    expect(message.length).toBeLessThan(220);
  });

  it('never throws, whatever it is given', () => {
    const inputs = [null, undefined, 42, {}, '%', 'tel:%', 'tel:%E0%A4%A', 'feather-launcher://call?%=1', 'tel:' + '%'.repeat(3000)];
    for (const input of inputs) expect(() => parseLink(input as string)).not.toThrow();
    for (const input of inputs) expect(parseLink(input as string).ok).toBe(false);
  });
});

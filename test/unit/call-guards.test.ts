import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideGuards, type GuardInput } from '../../electron/core/calls/guards/call-guards';
import { calleeZone, countryZone, localClock } from '../../electron/core/calls/guards/callee-zone';
import { describeCallingHours, insideCallingHours } from '../../electron/core/calls/guards/calling-hours';
import { loadPolicy, policyLocation, type Policy } from '../../electron/core/calls/guards/policy-file';
import { parsePhone } from '../../shared/phone';
import { defaultPreferences, type GuardPreferences } from '../../shared/preferences';

/** Calling hours and number types, decided with a fixed clock (no test here reads the real time). */

const hours = (patch: Partial<GuardPreferences['callingHours']> = {}) => ({ ...defaultPreferences().guards.callingHours, ...patch });
const clockAt = (zone: string, iso: string) => localClock(zone, new Date(iso))!;
const inside = (zone: string, iso: string, window = hours()) => insideCallingHours(clockAt(zone, iso), window);

function input(number: string, patch: Partial<GuardInput> = {}): GuardInput {
  const phone = parsePhone(number, 'US');
  if (!phone.ok) throw new Error(`${number}: ${phone.message}`);
  return {
    phone: { international: phone.international, country: phone.country, type: phone.type },
    contact: null,
    defaultCountry: 'US',
    prefs: defaultPreferences().guards,
    policy: null,
    apiVersion: '1.90',
    now: new Date('2026-03-10T12:00:00Z'),
    ...patch,
  };
}
const kinds = (i: GuardInput) => decideGuards(i).confirmations.map((c) => c.kind);
const policy = (...blocked: Policy['blocked'] extends ReadonlySet<infer T> ? T[] : never): Policy => ({
  path: '/etc/feather/policy.json',
  blocked: new Set(blocked),
  broken: false,
});

describe('the callee’s time zone', () => {
  const at = new Date('2026-03-10T12:00:00Z');
  it('the contact’s own zone wins over the number’s country', () => {
    expect(calleeZone({ contactZone: 'Europe/Madrid', contactName: 'Maria', country: 'GB', at })).toEqual({
      known: true,
      zone: 'Europe/Madrid',
      source: 'contact',
    });
  });
  it('a country with one clock gives its zone, named as people know it', () => {
    expect(countryZone('GB', at)).toMatchObject({ known: true, zone: 'Europe/London' });
    expect(countryZone('FR', at)).toMatchObject({ known: true, zone: 'Europe/Paris' });
    // the tz database links Amsterdam to Brussels; the card names the Dutch one
    expect(countryZone('NL', at)).toMatchObject({ known: true, zone: 'Europe/Amsterdam' });
    // Berlin and Büsingen (Europe/Zurich) keep the same clock all year
    expect(countryZone('DE', at)).toMatchObject({ known: true, zone: 'Europe/Berlin' });
    expect(countryZone('IN', at)).toMatchObject({ known: true, zone: 'Asia/Kolkata' });
  });
  it('a country with several clocks is not guessed', () => {
    expect(countryZone('US', at)).toMatchObject({ known: false, why: 'US numbers can be in several time zones.' });
    expect(countryZone('ES', at)).toMatchObject({ known: false, why: 'Spanish numbers can be in several time zones.' });
    expect(countryZone('AU', at).known).toBe(false);
  });
  it('a contact zone this computer does not know falls back to the country, or says so', () => {
    expect(calleeZone({ contactZone: 'Mars/Olympus', contactName: 'Zed', country: 'GB', at })).toMatchObject({ zone: 'Europe/London' });
    expect(calleeZone({ contactZone: 'Mars/Olympus', contactName: 'Zed', country: 'US', at })).toEqual({
      known: false,
      why: 'Zed’s time zone “Mars/Olympus” is not one this computer knows.',
    });
  });
});

describe('calling hours', () => {
  it('08:00 is inside, 21:00 is outside (the end is not included)', () => {
    expect(inside('Europe/Madrid', '2026-03-10T06:59:00Z')).toBe(false); // 07:59 CET
    expect(inside('Europe/Madrid', '2026-03-10T07:00:00Z')).toBe(true); // 08:00
    expect(inside('Europe/Madrid', '2026-03-10T19:59:00Z')).toBe(true); // 20:59
    expect(inside('Europe/Madrid', '2026-03-10T20:00:00Z')).toBe(false); // 21:00
  });
  it('DST: the same UTC instant is inside after the clocks go forward and outside before (London, 29 March 2026)', () => {
    expect(clockAt('Europe/London', '2026-03-28T07:30:00Z').hhmm).toBe('07:30'); // GMT
    expect(inside('Europe/London', '2026-03-28T07:30:00Z')).toBe(false);
    expect(clockAt('Europe/London', '2026-03-29T07:30:00Z').hhmm).toBe('08:30'); // BST
    expect(inside('Europe/London', '2026-03-29T07:30:00Z')).toBe(true);
    // the hour that does not exist: 00:59 GMT is followed by 02:00 BST
    expect(clockAt('Europe/London', '2026-03-29T00:59:00Z').hhmm).toBe('00:59');
    expect(clockAt('Europe/London', '2026-03-29T01:00:00Z').hhmm).toBe('02:00');
  });
  it('DST: clocks going back (London 25 October, New York 1 November 2026)', () => {
    expect(clockAt('Europe/London', '2026-10-24T20:30:00Z').hhmm).toBe('21:30');
    expect(inside('Europe/London', '2026-10-24T20:30:00Z')).toBe(false);
    expect(clockAt('Europe/London', '2026-10-25T20:30:00Z').hhmm).toBe('20:30'); // GMT again
    expect(inside('Europe/London', '2026-10-25T20:30:00Z')).toBe(true);
    expect(inside('America/New_York', '2026-10-31T12:30:00Z')).toBe(true); // 08:30 EDT
    expect(inside('America/New_York', '2026-11-01T12:30:00Z')).toBe(false); // 07:30 EST
  });
  it('days: only the chosen ones, in the callee’s calendar (Sunday there while Saturday here)', () => {
    const weekdays = hours({ days: [1, 2, 3, 4, 5] });
    expect(inside('Europe/Madrid', '2026-03-13T10:00:00Z', weekdays)).toBe(true); // Friday 11:00
    expect(inside('Europe/Madrid', '2026-03-14T10:00:00Z', weekdays)).toBe(false); // Saturday
    // 23:30 UTC on Sunday is already Monday 08:30 in Sydney
    expect(clockAt('Australia/Sydney', '2026-03-15T21:30:00Z').weekday).toBe(1);
    expect(inside('Australia/Sydney', '2026-03-15T21:30:00Z', weekdays)).toBe(true);
  });
  it('an overnight window belongs to the day it starts; the same start and end is the whole day', () => {
    const nights = hours({ start: '22:00', end: '06:00', days: [5] }); // Friday night
    expect(inside('Europe/London', '2026-03-13T23:00:00Z', nights)).toBe(true); // Fri 23:00
    expect(inside('Europe/London', '2026-03-14T05:00:00Z', nights)).toBe(true); // Sat 05:00, Friday's night
    expect(inside('Europe/London', '2026-03-14T23:00:00Z', nights)).toBe(false); // Sat 23:00
    expect(inside('Europe/London', '2026-03-14T03:00:00Z', hours({ start: '00:00', end: '00:00' }))).toBe(true);
  });
  it('describes the window as the card says it', () => {
    expect(describeCallingHours(hours())).toBe('08:00–21:00, every day');
    expect(describeCallingHours(hours({ days: [5, 1, 2, 3, 4] }))).toBe('08:00–21:00, Mon–Fri');
    expect(describeCallingHours(hours({ days: [0, 6] }))).toBe('08:00–21:00, Sat, Sun');
    expect(describeCallingHours(hours({ days: [] }))).toBe('no days chosen');
  });
});

describe('number types', () => {
  it('premium-rate and shared-cost numbers always need “Call anyway” (+1 900, +44 906, +44 871, +33 810)', () => {
    for (const n of ['+1 900 234 5678', '+44 906 123 4567', '+44 871 234 5678']) expect(kinds(input(n))).toContain('premium_rate');
    expect(kinds(input('+33 8 10 12 34 56'))).toContain('shared_cost');
    expect(decideGuards(input('+1 900 234 5678')).confirmations[0]!.message).toBe(
      '+1 900 234 5678 is a premium-rate number: a call to it can cost far more than an ordinary call.',
    );
  });
  it('an ordinary number needs nothing with the default settings', () => {
    expect(kinds(input('+1 415 555 0132'))).toEqual([]);
    expect(kinds(input('+34 612 345 678'))).toEqual([]); // a Spanish mobile, from the US, Spain's clock unknown
  });
  it('international and mobile only when the preferences flag them', () => {
    const prefs = { ...defaultPreferences().guards, flagInternational: true, flagMobile: true };
    expect(kinds(input('+34 612 345 678', { prefs }))).toEqual(['international', 'mobile']);
    expect(kinds(input('+49 30 1234567', { prefs, now: new Date('2026-03-10T12:00:00Z') }))).toEqual(['international']);
    expect(decideGuards(input('+34 612 345 678', { prefs })).confirmations[0]!.message).toBe(
      '+34 612 34 56 78 is a Spanish number, not a US number: an international call.',
    );
  });
  it('a US number may be a mobile: asked about when mobiles are flagged; a contact’s “mobile” label settles it', () => {
    const prefs = { ...defaultPreferences().guards, flagMobile: true };
    expect(decideGuards(input('+1 415 555 0132', { prefs })).confirmations[0]!.message).toMatch(
      /^\+1 415 555 0132 may be a mobile number \(US numbers do not show whether they are\)/,
    );
    const kim = { callName: 'Kim', timeZone: null, phoneLabel: 'Mobile' };
    expect(decideGuards(input('+1 415 555 0132', { prefs, contact: kim })).confirmations[0]!.message).toBe(
      '+1 415 555 0132 is Kim’s mobile.',
    );
  });
  it('the organisation’s policy blocks a type outright: a problem, no confirmation to override it', () => {
    const decision = decideGuards(input('+1 900 234 5678', { policy: policy('premium-rate') }));
    expect(decision.confirmations).toEqual([]);
    expect(decision.blocked).toBe(
      'Not allowed: +1 900 234 5678 is a premium-rate number, and your organisation’s policy (/etc/feather/policy.json) does not allow calls to premium-rate numbers.',
    );
    expect(decideGuards(input('+44 20 7946 0958', { policy: policy('international') })).blocked).toMatch(/is a UK number, not a US number/);
    // a policy that blocks mobiles asks about a number that may be one
    expect(kinds(input('+1 415 555 0132', { policy: policy('mobile') }))).toEqual(['mobile']);
  });
});

describe('calling hours on the card, per API version', () => {
  const maria = { callName: 'Maria', timeZone: 'Europe/Madrid', phoneLabel: 'mobile' };
  const late = new Date('2026-03-10T21:40:00Z'); // 22:40 in Madrid
  it('1.90: only “Call now” needs confirming; the card says a plain Call waits for the organisation’s hours', () => {
    const d = decideGuards(input('+34 612 345 678', { contact: maria, now: late, apiVersion: '1.90' }));
    expect(d.confirmations).toEqual([
      {
        kind: 'outside_hours',
        callNowOnly: true,
        message:
          'It is 22:40 for Maria (Europe/Madrid), outside your calling hours (08:00–21:00, every day). A plain Call waits in Feather’s queue for your organisation’s calling hours; Call now would ring at once.',
      },
    ]);
    expect(d.calleeTime).toEqual({ text: '22:40 Tue · Europe/Madrid — outside your calling hours', known: true, outsideHours: true });
  });
  it('1.21 and an unknown version: every call outside hours needs “Call anyway”', () => {
    for (const apiVersion of ['1.21', null] as const) {
      const [c] = decideGuards(input('+34 612 345 678', { contact: maria, now: late, apiVersion })).confirmations;
      expect(c).toMatchObject({ kind: 'outside_hours', callNowOnly: false });
      expect(c!.message).toMatch(apiVersion ? /has no calling-hours queue: the call rings at once\.$/ : /may ring at once\.$/);
    }
  });
  it('the day is named when only some days are allowed', () => {
    const prefs = { ...defaultPreferences().guards, callingHours: hours({ days: [1, 2, 3, 4, 5] }) };
    const saturday = new Date('2026-03-14T10:15:00Z'); // 11:15 Sat in Madrid
    expect(decideGuards(input('+34 612 345 678', { contact: maria, now: saturday, prefs })).confirmations[0]!.message).toMatch(
      /^It is Sat 11:15 for Maria \(Europe\/Madrid\), outside your calling hours \(08:00–21:00, Mon–Fri\)\./,
    );
  });
  it('a country with several clocks: inside in all its zones asks nothing, outside in all asks, some of each is said, never blocking', () => {
    const us = (iso: string) => decideGuards(input('+1 415 555 0132', { now: new Date(iso), apiVersion: '1.21' }));
    const afternoon = us('2026-03-10T21:40:00Z'); // 17:40 in New York … 11:40 in Honolulu
    expect(afternoon.confirmations).toEqual([]);
    expect(afternoon.calleeTime).toMatchObject({ known: true, outsideHours: false });
    expect(afternoon.calleeTime!.text).toMatch(
      /^\d\d:\d\d to 17:40 across the country’s time zones — inside your calling hours in all of them$/,
    );
    const night = us('2026-03-10T09:00:00Z'); // 05:00 in New York … 23:00 the day before in Honolulu
    expect(night.confirmations).toEqual([
      expect.objectContaining({
        kind: 'outside_hours',
        callNowOnly: false,
        message: expect.stringMatching(
          /^It is .* to 05:00 at this number \(across the country’s time zones\), outside your calling hours \(08:00–21:00, every day\) in all of them\./,
        ),
      }),
    ]);
    expect(night.calleeTime).toMatchObject({ known: true, outsideHours: true });
    const morning = us('2026-03-10T13:00:00Z'); // 09:00 in New York, 06:00 in Los Angeles
    expect(morning.confirmations).toEqual([]);
    expect(morning.calleeTime).toMatchObject({ known: false, outsideHours: false });
    expect(morning.calleeTime!.text).toMatch(
      /^Not known: .* to 09:00 across the country’s time zones, some outside your calling hours\. Save the number on a contact with a time zone to check them\.$/,
    );
  });
  it('an unknown zone is said, never blocking; hours turned off ask nothing', () => {
    const d = decideGuards(
      input('+1 415 555 0132', { now: late, prefs: { ...defaultPreferences().guards, callingHours: hours({ enabled: false }) } }),
    );
    expect(d.confirmations).toEqual([]);
    expect(d.calleeTime).toEqual({
      text: 'Not known. US numbers can be in several time zones. Save the number on a contact with a time zone to check calling hours.',
      known: false,
      outsideHours: false,
    });
    const off = { ...defaultPreferences().guards, callingHours: hours({ enabled: false }) };
    expect(kinds(input('+34 612 345 678', { contact: maria, now: late, prefs: off }))).toEqual([]);
  });
  it('a number the UK keeps one clock for, with no contact: “at this number”', () => {
    const d = decideGuards(input('+44 20 7946 0958', { now: new Date('2026-07-01T21:10:00Z'), apiVersion: '1.21' }));
    expect(d.confirmations[0]!.message).toMatch(/^It is 22:10 at this number \(Europe\/London\)/);
    expect(d.calleeTime!.text).toBe('22:10 Wed · Europe/London, from the number’s country — outside your calling hours');
  });
});

describe('the policy file', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'feather-policy-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const write = async (name: string, text: string) => {
    const file = path.join(dir, name);
    await writeFile(file, text);
    return { file, named: false };
  };

  it('none in the data folder: no policy, no notice; FEATHER_POLICY_FILE wins', () => {
    expect(loadPolicy(policyLocation(dir, {}))).toEqual({ policy: null, notice: null });
    expect(policyLocation(dir, { FEATHER_POLICY_FILE: '/etc/feather/policy.json' })).toEqual({
      file: '/etc/feather/policy.json',
      named: true,
    });
  });
  it('reads the types it blocks', async () => {
    const loaded = loadPolicy(
      await write(
        'ok.json',
        JSON.stringify({ format: 'feather-launcher-policy', version: 1, blockNumberTypes: ['premium-rate', 'international'] }),
      ),
    );
    expect(loaded.notice).toBeNull();
    expect([...loaded.policy!.blocked]).toEqual(['premium-rate', 'international']);
    expect(loaded.policy!.broken).toBe(false);
  });
  it('a file that cannot be used blocks premium-rate and shared-cost, with a notice saying why', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['bad.json', '{ "format": ', /it is not valid JSON/],
      [
        'typo.json',
        JSON.stringify({ format: 'feather-launcher-policy', version: 1, blockNumberTypes: [], blockedTypes: ['mobile'] }),
        /Unrecognized key/,
      ],
      [
        'type.json',
        JSON.stringify({ format: 'feather-launcher-policy', version: 1, blockNumberTypes: ['premium'] }),
        /blockNumberTypes\.0/,
      ],
      ['newer.json', JSON.stringify({ format: 'feather-launcher-policy', version: 2, blockNumberTypes: [] }), /newer format \(version 2\)/],
    ];
    for (const [name, text, reason] of cases) {
      const loaded = loadPolicy(await write(name, text));
      expect(loaded.policy).toMatchObject({ broken: true, path: path.join(dir, name) });
      expect([...loaded.policy!.blocked]).toEqual(['premium-rate', 'shared-cost']);
      expect(loaded.notice).toMatch(reason);
      expect(loaded.notice).toMatch(/Until it is fixed, premium-rate and shared-cost numbers are blocked/);
    }
    const named = loadPolicy({ file: path.join(dir, 'missing.json'), named: true });
    expect(named.notice).toMatch(/FEATHER_POLICY_FILE names a file that does not exist/);
  });
});

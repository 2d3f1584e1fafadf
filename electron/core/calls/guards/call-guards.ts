import type { NumberType } from 'libphonenumber-js/max';
import type { CalleeTime, Confirmation } from '../../../../shared/call-preview';
import type { ApiVersion } from '../../../../shared/feather-api';
import type { GuardPreferences } from '../../../../shared/preferences';
import { calleeZone, localClock, weekdayName, type LocalClock } from './callee-zone';
import { describeCallingHours, insideCallingHours } from './calling-hours';
import { numberTypeGuards } from './number-types';
import type { Policy } from './policy-file';

/**
 * The guards every entry point shares (the window, tray, palette, links, the CLI): the planner runs
 * them for the card and again before sending, so what the card asks to confirm is what main
 * enforces. Pure: the clock, the preferences and the policy come in.
 */
export interface GuardInput {
  /** the number as it will be dialled; null while the To field does not read as one */
  phone: { international: string; country: string | undefined; type?: NumberType } | null;
  /** whose number it is, when it is a contact's */
  contact: { callName: string; timeZone: string | null; phoneLabel: string | null } | null;
  defaultCountry: string;
  prefs: GuardPreferences;
  policy: Policy | null;
  /** the server's API version (null: not known yet) — 1.90 queues a plain call for calling hours */
  apiVersion: ApiVersion | null;
  now: Date;
}

export interface GuardDecision {
  /** the policy blocks this number outright: the problem on To number (no override) */
  blocked: string | null;
  /** what needs "Call anyway" ("Call now anyway" for `callNowOnly`) */
  confirmations: Confirmation[];
  calleeTime: CalleeTime | null;
}

/** After "outside your calling hours": what a call would do on this server. */
function whatHappens(apiVersion: ApiVersion | null): { text: string; callNowOnly: boolean } {
  if (apiVersion === '1.90')
    return {
      text: 'A plain Call waits in Feather’s queue for your organisation’s calling hours; Call now would ring at once.',
      callNowOnly: true,
    };
  if (apiVersion === '1.21')
    return { text: 'This server (Feather API 1.21) has no calling-hours queue: the call rings at once.', callNowOnly: false };
  return { text: 'This server’s API version is not known yet, so the call may ring at once.', callNowOnly: false };
}

export function decideGuards(input: GuardInput): GuardDecision {
  const { phone, contact, prefs, now } = input;
  if (!phone) return { blocked: null, confirmations: [], calleeTime: null };
  const types = numberTypeGuards(
    {
      international: phone.international,
      country: phone.country,
      type: phone.type,
      label: contact?.phoneLabel ?? null,
      callName: contact?.callName ?? null,
    },
    input.defaultCountry,
    prefs,
    input.policy,
  );

  const zone = calleeZone({
    contactZone: contact?.timeZone ?? null,
    contactName: contact?.callName ?? null,
    country: phone.country,
    at: now,
  });
  const hours = prefs.callingHours;
  const clock = zone.known ? localClock(zone.zone, now) : null;
  if (!zone.known && zone.clocks && hours.enabled) return { ...types, ...acrossZones(input, types, zone.clocks) };
  if (!zone.known || !clock) {
    const why = zone.known ? '' : `${zone.why} `;
    const fix = contact ? `Add a time zone to ${contact.callName} in Contacts` : 'Save the number on a contact with a time zone';
    return {
      ...types,
      calleeTime: { text: `Not known. ${why}${fix} to check calling hours.`, known: false, outsideHours: false },
    };
  }
  const outside = hours.enabled && !insideCallingHours(clock, hours);
  const fromCountry = zone.source === 'country' ? ', from the number’s country' : '';
  const calleeTime: CalleeTime = {
    text: `${clock.hhmm} ${weekdayName(clock.weekday)} · ${zone.zone}${fromCountry}${outside ? ' — outside your calling hours' : ''}`,
    known: true,
    outsideHours: outside,
  };
  const confirmations = [...types.confirmations];
  if (outside && !types.blocked) {
    // the day is named when only some days are allowed ("It is Sat 10:15 …")
    const when = new Set(hours.days).size < 7 ? `${weekdayName(clock.weekday)} ${clock.hhmm}` : clock.hhmm;
    const who = contact ? `for ${contact.callName}` : 'at this number';
    const then = whatHappens(input.apiVersion);
    confirmations.push({
      kind: 'outside_hours',
      message: `It is ${when} ${who} (${zone.zone}), outside your calling hours (${describeCallingHours(hours)}). ${then.text}`,
      callNowOnly: then.callNowOnly,
    });
  }
  return { ...types, confirmations, calleeTime };
}

/**
 * A country with several clocks (the US, Spain, Russia…) and no zone on the contact: outside the
 * calling hours in all of its zones needs "Call anyway" like a known zone; inside in all of them
 * needs nothing; some in, some out is not known (the card says which clocks, and how to be sure).
 */
function acrossZones(input: GuardInput, types: Pick<GuardDecision, 'blocked' | 'confirmations'>, clocks: LocalClock[]) {
  const hours = input.prefs.callingHours;
  const days = new Set(hours.days).size < 7;
  const show = (c: LocalClock) => (days ? `${weekdayName(c.weekday)} ${c.hhmm}` : c.hhmm);
  const range = `${show(clocks[0]!)} to ${show(clocks.at(-1)!)}`;
  const inside = clocks.filter((c) => insideCallingHours(c, hours)).length;
  const where = input.contact ? `for ${input.contact.callName}` : 'at this number';
  if (inside === clocks.length) {
    return {
      confirmations: types.confirmations,
      calleeTime: {
        text: `${range} across the country’s time zones — inside your calling hours in all of them`,
        known: true,
        outsideHours: false,
      },
    };
  }
  if (inside > 0) {
    const fix = input.contact
      ? `Add a time zone to ${input.contact.callName} in Contacts`
      : 'Save the number on a contact with a time zone';
    return {
      confirmations: types.confirmations,
      calleeTime: {
        text: `Not known: ${range} across the country’s time zones, some outside your calling hours. ${fix} to check them.`,
        known: false,
        outsideHours: false,
      },
    };
  }
  const then = whatHappens(input.apiVersion);
  const confirmations = types.blocked
    ? types.confirmations
    : [
        ...types.confirmations,
        {
          kind: 'outside_hours' as const,
          message: `It is ${range} ${where} (across the country’s time zones), outside your calling hours (${describeCallingHours(hours)}) in all of them. ${then.text}`,
          callNowOnly: then.callNowOnly,
        },
      ];
  return {
    confirmations,
    calleeTime: {
      text: `${range} across the country’s time zones — outside your calling hours in all of them`,
      known: true,
      outsideHours: true,
    },
  };
}

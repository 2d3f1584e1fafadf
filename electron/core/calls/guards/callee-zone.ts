import { getCountry, getTimezone } from 'countries-and-timezones';
import { numbersFrom } from '../../../../shared/country-words';

/**
 * The callee's time zone: the contact's own (IANA, as saved on the contact), else the one of the
 * number's country where that country keeps one clock. Country → zones comes from
 * `countries-and-timezones` (the IANA database's zone1970 table, bundled: works offline); the clock
 * itself is the runtime's Intl, so DST follows the tz data of the Node/Electron in use.
 */

export type CalleeZone =
  | { known: true; zone: string; source: 'contact' | 'country' }
  /** why not: the sentence the card shows; a country with several clocks gives them (earliest first) */
  | { known: false; why: string; clocks?: LocalClock[] };

/** A wall clock in one zone at one instant. */
export interface LocalClock {
  /** minutes since local midnight */
  minutes: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** "22:40" */
  hhmm: string;
  /** "2026-03-29 01:59": equal for two zones exactly when they show the same clock */
  key: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
export const weekdayName = (day: number) => WEEKDAYS[day] ?? '?';

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(zone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(zone)) {
    let f: Intl.DateTimeFormat | null = null;
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        weekday: 'short',
      });
    } catch {
      f = null; // not a zone this runtime knows
    }
    if (formatters.size > 500) formatters.clear();
    formatters.set(zone, f);
  }
  return formatters.get(zone) ?? null;
}

export const isKnownZone = (zone: string) => formatter(zone) !== null;

/** The wall clock in `zone` at `at`; null for a zone this runtime does not know. */
export function localClock(zone: string, at: Date): LocalClock | null {
  const f = formatter(zone);
  if (!f) return null;
  const parts: Record<string, string> = {};
  for (const part of f.formatToParts(at)) parts[part.type] = part.value;
  const hour = Number(parts.hour) % 24; // some ICU versions write midnight as 24
  const minute = Number(parts.minute);
  const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return {
    minutes: hour * 60 + minute,
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
    hhmm,
    key: `${parts.year}-${parts.month}-${parts.day} ${hhmm}`,
  };
}

/**
 * The zone to name for a country that keeps one clock: the country's own canonical zone
 * (Europe/London for GB), else its own alias of a shared one (Europe/Amsterdam rather than
 * Europe/Brussels for NL), else the first.
 */
function nameFor(country: string, zones: readonly string[]): string {
  const own = zones.find((z) => getTimezone(z)?.countries[0] === country);
  if (own) return own;
  const alias = getCountry(country, { deprecated: true })?.timezones.find((z) => {
    const tz = getTimezone(z);
    return z.includes('/') && tz?.aliasOf && zones.includes(tz.aliasOf) && tz.countries.length === 1 && isKnownZone(z);
  });
  return alias ?? zones[0]!;
}

/**
 * The zone of a country at `at`, when all of its zones show the same clock then (Germany's
 * Europe/Berlin and Büsingen's Europe/Zurich do; Spain's Madrid and Canary do not).
 */
export function countryZone(country: string, at: Date): CalleeZone {
  const zones = (getCountry(country)?.timezones ?? []).filter(isKnownZone);
  if (zones.length === 0) return { known: false, why: `No time zone is known for ${numbersFrom(country)}.` };
  const byKey = new Map(zones.map((z) => localClock(z, at)!).map((clock) => [clock.key, clock]));
  if (byKey.size > 1) {
    const clocks = [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
    return { known: false, why: `${capitalized(numbersFrom(country))} can be in several time zones.`, clocks };
  }
  return { known: true, zone: nameFor(country, zones), source: 'country' };
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The callee's zone: the contact's, else the number's country's (see above). */
export function calleeZone(input: {
  contactZone: string | null;
  contactName: string | null;
  country: string | undefined;
  at: Date;
}): CalleeZone {
  const { contactZone, contactName, country, at } = input;
  if (contactZone?.trim() && isKnownZone(contactZone.trim())) return { known: true, zone: contactZone.trim(), source: 'contact' };
  const fromCountry: CalleeZone = country ? countryZone(country, at) : { known: false, why: 'The number belongs to no single country.' };
  if (contactZone?.trim() && !fromCountry.known) {
    return { known: false, why: `${contactName ?? 'The contact'}’s time zone “${contactZone.trim()}” is not one this computer knows.` };
  }
  return fromCountry;
}

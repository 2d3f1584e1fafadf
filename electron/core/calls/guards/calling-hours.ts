import type { GuardPreferences } from '../../../../shared/preferences';
import { weekdayName, type LocalClock } from './callee-zone';

type CallingHours = GuardPreferences['callingHours'];

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Whether a local clock is inside the calling-hours window. `days` are the days a window starts
 * on: with an overnight window (22:00–06:00) the hours after midnight belong to the day before.
 * A window whose start equals its end is the whole of each chosen day.
 */
export function insideCallingHours(clock: LocalClock, hours: CallingHours): boolean {
  const days = new Set(hours.days);
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  const t = clock.minutes;
  if (start === end) return days.has(clock.weekday);
  if (start < end) return days.has(clock.weekday) && t >= start && t < end;
  return (t >= start && days.has(clock.weekday)) || (t < end && days.has((clock.weekday + 6) % 7));
}

/** "08:00–21:00, every day", "08:00–21:00, Mon–Fri", "09:00–17:00, Mon, Wed, Fri", "no days chosen". */
export function describeCallingHours(hours: CallingHours): string {
  const days = [...new Set(hours.days)].sort((a, b) => a - b);
  const time = hours.start === hours.end ? 'all day' : `${hours.start}–${hours.end}`;
  if (days.length === 0) return 'no days chosen';
  if (days.length === 7) return `${time}, every day`;
  const weekdays = [1, 2, 3, 4, 5];
  if (days.length === 5 && weekdays.every((d) => days.includes(d))) return `${time}, Mon–Fri`;
  // Monday first, as people read a week
  const ordered = [...days.filter((d) => d !== 0), ...days.filter((d) => d === 0)];
  return `${time}, ${ordered.map(weekdayName).join(', ')}`;
}

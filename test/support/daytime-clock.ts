/**
 * A clock that runs, starting at 2026-03-10 18:00 UTC: 14:00 in New York, 08:00 in Honolulu, 18:00
 * in London — inside the default calling hours for US and UK numbers. Suites about something else
 * (faults, the UI) use it so that what they assert does not depend on the hour CI runs at; the
 * calling-hours suites set their own instants.
 */
const DAYTIME = Date.parse('2026-03-10T18:00:00Z');

export function daytimeClock(): () => Date {
  const started = Date.now();
  return () => new Date(DAYTIME + (Date.now() - started));
}

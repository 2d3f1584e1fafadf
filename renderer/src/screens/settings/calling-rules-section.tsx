import { useState } from 'react';
import type { AppStatus } from '../../../../shared/contract';
import type { GuardPreferences, PreferencesPatch } from '../../../../shared/preferences';
import { FieldError } from '../../components/field-error';

interface Props {
  preferences: AppStatus['preferences'];
  /** a change to the guards; main saves it and applies it to every card from then on */
  onChange(patch: PreferencesPatch): void;
}

type Hours = GuardPreferences['callingHours'];

/** Monday first, as people read a week; values are Date's (0 = Sunday). */
const DAYS: Array<[day: number, short: string, long: string]> = [
  [1, 'Mon', 'Monday'],
  [2, 'Tue', 'Tuesday'],
  [3, 'Wed', 'Wednesday'],
  [4, 'Thu', 'Thursday'],
  [5, 'Fri', 'Friday'],
  [6, 'Sat', 'Saturday'],
  [0, 'Sun', 'Sunday'],
];
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** What is wrong with a start/end pair, by field; none when both can be saved. */
function timeErrors(start: string, end: string): { start?: string; end?: string } {
  const errors: { start?: string; end?: string } = {};
  if (!TIME.test(start)) errors.start = 'Enter a time like 08:00.';
  if (!TIME.test(end)) errors.end = 'Enter a time like 21:00.';
  else if (start === end) errors.end = 'Choose an end different from the start.';
  return errors;
}

/**
 * Settings → Calling rules: the callee's calling hours, which number types need "Call anyway",
 * and the organisation's policy (read-only). Main checks every call against these, whatever
 * opened the card (window, tray, palette, a link, the command line).
 */
export function CallingRulesSection({ preferences, onChange }: Props) {
  const guards = preferences.guards;
  const hours = guards.callingHours;
  // times as typed: saved only once both are valid; main's values replace them when they change
  const saved = `${hours.start}|${hours.end}`;
  const [typed, setTyped] = useState({ start: hours.start, end: hours.end, saved });
  if (typed.saved !== saved) setTyped({ start: hours.start, end: hours.end, saved });
  const { start, end } = typed.saved === saved ? typed : hours;
  const errors = timeErrors(start, end);

  const setHours = (patch: Partial<Hours>) => onChange({ guards: { callingHours: { ...hours, ...patch } } });
  const setTime = (which: 'start' | 'end', value: string) => {
    const next = { start, end, [which]: value };
    setTyped({ ...next, saved });
    const wrong = timeErrors(next.start, next.end);
    if (!wrong.start && !wrong.end && (next.start !== hours.start || next.end !== hours.end)) setHours(next);
  };
  const toggleDay = (day: number, on: boolean) =>
    setHours({ days: on ? [...new Set([...hours.days, day])].sort((a, b) => a - b) : hours.days.filter((d) => d !== day) });
  const off = !hours.enabled;

  return (
    <section className="card settings-section" aria-labelledby="calling-rules-heading">
      <h2 id="calling-rules-heading">Calling rules</h2>
      <p className="hint">
        Checked by the app for every call, wherever it starts (this window, the tray, the palette, a link, the command line). A call that
        breaks a rule needs “Call anyway”, a button of its own — Enter never confirms.
      </p>

      <fieldset>
        <legend>Calling hours (the callee’s local time)</legend>
        <label className="inline">
          <input type="checkbox" checked={hours.enabled} onChange={(e) => setHours({ enabled: e.target.checked })} />
          Ask before calling outside these hours
        </label>
        <div className="grid-2">
          <div className="field">
            <label htmlFor="calling-hours-start">From</label>
            <input
              id="calling-hours-start"
              type="time"
              value={start}
              disabled={off}
              onChange={(e) => setTime('start', e.target.value)}
              aria-invalid={errors.start ? true : undefined}
              aria-describedby={errors.start ? 'calling-hours-start-error' : undefined}
            />
            <FieldError id="calling-hours-start-error" message={errors.start} />
          </div>
          <div className="field">
            <label htmlFor="calling-hours-end">Until</label>
            <input
              id="calling-hours-end"
              type="time"
              value={end}
              disabled={off}
              onChange={(e) => setTime('end', e.target.value)}
              aria-invalid={errors.end ? true : undefined}
              aria-describedby={errors.end ? 'calling-hours-end-error' : undefined}
            />
            <FieldError id="calling-hours-end-error" message={errors.end} />
          </div>
        </div>
        {!errors.start && !errors.end && start > end ? (
          <p className="hint">
            Overnight: from {start} until {end} the next morning.
          </p>
        ) : null}
        <fieldset className="plain" disabled={off}>
          <legend>Days</legend>
          <div className="row">
            {DAYS.map(([day, short, long]) => (
              <label key={day} className="inline">
                <input
                  type="checkbox"
                  aria-label={long}
                  checked={hours.days.includes(day)}
                  onChange={(e) => toggleDay(day, e.target.checked)}
                />
                {short}
              </label>
            ))}
          </div>
        </fieldset>
        {hours.enabled && hours.days.length === 0 ? (
          <p className="hint hint-warning" role="note">
            No days chosen: every call will need “Call anyway”.
          </p>
        ) : null}
        <p className="hint">
          The callee’s time comes from the contact’s time zone, else from the number when its country has one time zone. Where it is not
          known (a US number with no contact time zone), the card says so and does not ask. On Feather API 1.90 a plain Call outside the
          hours waits in Feather’s queue for your organisation’s hours, so only “Call now” asks.
        </p>
      </fieldset>

      <fieldset>
        <legend>Number types</legend>
        <p className="hint">Premium-rate and shared-cost numbers always need “Call anyway”.</p>
        <label className="inline">
          <input
            type="checkbox"
            checked={guards.flagInternational}
            onChange={(e) => onChange({ guards: { flagInternational: e.target.checked } })}
          />
          Ask before calling another country’s number
        </label>
        <label className="inline">
          <input type="checkbox" checked={guards.flagMobile} onChange={(e) => onChange({ guards: { flagMobile: e.target.checked } })} />
          Ask before calling a mobile number
        </label>
        <p className="hint">
          US and Canadian numbers do not show whether they are mobiles: with this on, each of them is asked about as “may be a mobile”.
        </p>
      </fieldset>

      <PolicyView policy={preferences.policy} />
    </section>
  );
}

/** The organisation's policy file: read-only here (an admin manages it). */
function PolicyView({ policy }: { policy: AppStatus['preferences']['policy'] }) {
  return (
    <fieldset>
      <legend>Organisation policy</legend>
      {policy ? (
        <>
          <p>Blocked outright (no “Call anyway”): {policy.blockedTypes.length ? policy.blockedTypes.join(', ') : 'nothing'}.</p>
          <p className="hint">
            From <code>{policy.path}</code>, read at start. Ask whoever manages this computer to change it.
          </p>
        </>
      ) : (
        <p className="hint">
          No policy file. An admin can block number types for everyone with <code>policy.json</code> in the app’s data folder, or a file
          named by <code>FEATHER_POLICY_FILE</code>.
        </p>
      )}
    </fieldset>
  );
}

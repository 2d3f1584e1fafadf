interface Props {
  /** seconds; undefined = the organisation's default */
  value: number | undefined;
  disabled: boolean;
  onChange(value: number | undefined): void;
}

const CHOICES: Array<{ label: string; seconds: number | undefined }> = [
  { label: 'Organisation default', seconds: undefined },
  { label: '15 minutes', seconds: 15 * 60 },
  { label: '1 hour', seconds: 3600 },
  { label: '4 hours', seconds: 4 * 3600 },
  { label: '1 day', seconds: 86400 },
  { label: '3 days', seconds: 3 * 86400 },
  { label: '1 week', seconds: 7 * 86400 },
];

/** Feather API 1.90 queues calls for the organisation's calling hours: how long one may wait. */
export function QueueExpiryField({ value, disabled, onChange }: Props) {
  return (
    <div className="field">
      <label htmlFor="queue-expiry">If queued, give up after</label>
      <select
        id="queue-expiry"
        aria-describedby="queue-expiry-hint"
        disabled={disabled}
        value={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
      >
        {CHOICES.map((c) => (
          <option key={c.label} value={c.seconds === undefined ? '' : String(c.seconds)}>
            {c.label}
          </option>
        ))}
      </select>
      <p id="queue-expiry-hint" className="hint">
        Calls wait for your organisation’s calling-hours window; one not dialled in this time expires.
      </p>
    </div>
  );
}

import { useState } from 'react';
import type { AppStatus } from '../../../../shared/contract';
import type { HistoryPreferences, PreferencesPatch } from '../../../../shared/preferences';
import type { AppError } from '../../../../shared/result';
import { FieldError } from '../../components/field-error';

interface Props {
  preferences: AppStatus['preferences'];
  /** saves a change; main's error (its `fields` say which value it refused, and why), or null */
  onChange(patch: PreferencesPatch): Promise<AppError | null>;
}

type Toggle = 'keepVariableValues' | 'notifyOnEnd';
const TOGGLES: Array<[Toggle, string, string]> = [
  [
    'keepVariableValues',
    'Keep variable values in the history',
    'Off: the body kept with each call lists its variables’ names without their values. Calls already kept stay as they are.',
  ],
  [
    'notifyOnEnd',
    'Notify me when a call ends',
    'A desktop notification (in the browser preview, a message in the window) with how it went.',
  ],
];

/** Main's message for one of the history's values, else the request's message. */
const messageFor = (error: AppError, key: keyof HistoryPreferences) => error.fields?.[`history.${key}`] ?? error.message;

/**
 * Settings → History: how long calls are kept and how many, whether variable values are kept,
 * whether a call's end is announced. Numbers are saved on Enter or when the field is left; main
 * checks them, and its message shows under the field.
 */
export function HistorySection({ preferences, onChange }: Props) {
  const history = preferences.history;
  const [errors, setErrors] = useState<Partial<Record<keyof HistoryPreferences, string>>>({});
  const save = async (key: keyof HistoryPreferences, value: number | boolean) => {
    const error = await onChange({ history: { [key]: value } });
    setErrors((e) => ({ ...e, [key]: error ? messageFor(error, key) : undefined }));
    return error === null;
  };
  return (
    <section className="card settings-section" aria-labelledby="history-settings-heading">
      <h2 id="history-settings-heading">History</h2>
      <p className="hint">Every call you place, refuse or leave with an unknown outcome is kept on this computer, in History.</p>
      <div className="grid-2">
        <NumberField
          id="history-retention"
          label="Keep calls for (days)"
          hint="Older calls are removed."
          value={history.retentionDays}
          error={errors.retentionDays}
          onSave={(n) => save('retentionDays', n)}
          onInvalid={(message) => setErrors((e) => ({ ...e, retentionDays: message }))}
        />
        <NumberField
          id="history-max"
          label="Keep at most (calls)"
          hint="Beyond this, the oldest calls are removed."
          value={history.maxEntries}
          error={errors.maxEntries}
          onSave={(n) => save('maxEntries', n)}
          onInvalid={(message) => setErrors((e) => ({ ...e, maxEntries: message }))}
        />
      </div>
      {TOGGLES.map(([key, label, hint]) => (
        <div className="field check" key={key}>
          <label>
            <input
              type="checkbox"
              checked={history[key]}
              onChange={(e) => void save(key, e.target.checked)}
              aria-describedby={`history-${key}-hint${errors[key] ? ` history-${key}-error` : ''}`}
              aria-invalid={errors[key] ? true : undefined}
            />{' '}
            {label}
          </label>
          <p id={`history-${key}-hint`} className="hint">
            {hint}
          </p>
          <FieldError id={`history-${key}-error`} message={errors[key]} />
        </div>
      ))}
    </section>
  );
}

/** A whole number, saved on Enter or blur; what was typed stays (with main's message) until it is accepted. */
function NumberField(props: {
  id: string;
  label: string;
  hint: string;
  value: number;
  error: string | undefined;
  onSave(value: number): Promise<boolean>;
  /** a value not worth sending (nothing typed), or undefined: back to the saved value, no message */
  onInvalid(message: string | undefined): void;
}) {
  const { id, label, hint, value, error, onSave, onInvalid } = props;
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed ?? String(value);
  const commit = async () => {
    if (typed === null) return;
    if (typed === String(value)) {
      setTyped(null);
      onInvalid(undefined);
      return;
    }
    if (typed.trim() === '') {
      onInvalid('Enter a number.');
      return;
    }
    if (await onSave(Number(typed))) setTyped(null);
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        step={1}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => setTyped(e.target.value)}
        onBlur={() => void commit()}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          void commit();
        }}
      />
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

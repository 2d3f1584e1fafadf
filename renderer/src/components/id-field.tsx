import { useState } from 'react';
import type { Directory } from '../../../shared/contract';
import { FieldError } from './field-error';

interface Props {
  id: string;
  /** the error/focus key, e.g. `agentId` */
  field: string;
  label: string;
  placeholder: string;
  value: string;
  error: string | undefined;
  /** suggestions from discovery, when the server offers them */
  options: Directory['agents'] | undefined;
  onChange(value: string): void;
  /** offered when the typed ID is not in the list: keep it under a name, like a discovered one */
  onSaveManual?(label: string): Promise<string | null>;
  /** names the group of one-click choices, e.g. "Agents bound to this number" */
  suggestionsLabel?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Feather ID (UUID) with suggestions and the matched name under it. */
export function IdField({ id, field, label, placeholder, value, error, options, onChange, onSaveManual, suggestionsLabel }: Props) {
  const [name, setName] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const listId = `${id}-options`;
  const errorId = `${field}-error`;
  const match = options?.find((o) => o.id === value.trim());
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        data-field={field}
        list={listId}
        spellCheck={false}
        autoComplete="off"
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
      />
      <datalist id={listId}>
        {options?.map((o) => (
          <option key={o.id} value={o.id} label={o.label} />
        ))}
      </datalist>
      {match ? (
        <p className="preview muted">
          {match.label}
          {match.manual ? ' (saved by hand)' : ''}
          {match.capabilities?.length ? ` · ${match.capabilities.join(', ')} · ${match.status ?? 'active'}` : ''}
        </p>
      ) : null}
      {options && options.length > 0 && options.length <= 8 ? (
        <div className="chips" role="group" aria-label={suggestionsLabel ?? 'Suggestions'}>
          {options.map((o) => (
            <button key={o.id} type="button" className={`chip${o.id === value.trim() ? ' chosen' : ''}`} aria-pressed={o.id === value.trim()} onClick={() => onChange(o.id)}>
              {o.label}
            </button>
          ))}
        </div>
      ) : null}
      {!match && onSaveManual && UUID.test(value.trim()) ? (
        <div className="save-manual">
          <input aria-label={`Name for this ${label.toLowerCase()}`} placeholder="Name it to keep it in the list" value={name} onChange={(e) => setName(e.target.value)} />
          <button
            type="button"
            className="secondary small"
            onClick={async () => {
              const problem = await onSaveManual(name);
              setSaveError(problem);
              if (!problem) setName('');
            }}
          >
            Save to list
          </button>
          <FieldError id={`${id}-manual-error`} message={saveError ?? undefined} />
        </div>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

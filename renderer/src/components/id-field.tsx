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
}

/** A Feather ID (UUID) with suggestions and the matched name under it. */
export function IdField({ id, field, label, placeholder, value, error, options, onChange }: Props) {
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
      {match ? <p className="preview muted">{match.label}</p> : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

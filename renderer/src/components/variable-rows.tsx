import type { VariableRow } from '../../../shared/call-intent';
import { variableField } from '../../../shared/variable-field';
import { FieldError } from './field-error';

interface Props {
  rows: VariableRow[];
  errors: Record<string, string>;
  disabled: boolean;
  onChange(rows: VariableRow[]): void;
  /** shown instead of the rows' values being sent, e.g. for a team */
  notice?: string;
}

/** Context variables as name/value rows; a 422 on a variable lands on its row. */
export function VariableRows({ rows, errors, disabled, onChange, notice }: Props) {
  const set = (index: number, patch: Partial<VariableRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  return (
    <fieldset className="variables" disabled={disabled}>
      <legend>Context variables</legend>
      {notice ? (
        <p className="hint hint-warning" role="note">
          {notice}
        </p>
      ) : null}
      {rows.map((row, index) => {
        const errorId = `variable-${index}-error`;
        const error = errors[variableField(index)];
        return (
          <div key={index} className={`variable-row${error ? ' has-error' : ''}`}>
            <input
              data-field={variableField(index)}
              aria-label={`Variable ${index + 1} name`}
              placeholder="name"
              value={row.key}
              spellCheck={false}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => set(index, { key: e.target.value })}
            />
            <input
              aria-label={`Variable ${index + 1} value`}
              placeholder="value"
              value={row.value}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? errorId : undefined}
              onChange={(e) => set(index, { value: e.target.value })}
            />
            <button
              type="button"
              className="icon-button"
              aria-label={`Remove variable ${index + 1}`}
              title="Remove"
              onClick={() => onChange(rows.length > 1 ? rows.filter((_, i) => i !== index) : [{ key: '', value: '' }])}
            >
              ×
            </button>
            <FieldError id={errorId} message={error} />
          </div>
        );
      })}
      <FieldError id="variables-error" message={errors.contextVariables} />
      <button type="button" className="secondary small" onClick={() => onChange([...rows, { key: '', value: '' }])}>
        Add variable
      </button>
    </fieldset>
  );
}

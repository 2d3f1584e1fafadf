import type { PreviewRow } from '../../../../shared/call-preview';
import { variableField } from '../../../../shared/variable-field';
import { FieldError } from '../../components/field-error';

interface Props {
  name: string;
  rows: PreviewRow[];
  errors: Record<string, string>;
  /** values given on the card for this call, by variable name */
  oneOff: Record<string, string>;
  disabled: boolean;
  notice?: string;
  onOneOff(key: string, value: string): void;
  onEdit(): void;
}

/**
 * A template's variables as main rendered them for this call: what each row sends, or why it
 * blocks. A row whose placeholders have no value can be given one here, for this call only
 * (the template is not changed).
 */
export function TemplateRows({ name, rows, errors, oneOff, disabled, notice, onOneOff, onEdit }: Props) {
  return (
    <fieldset className="variables">
      <legend>Context variables — template “{name}”</legend>
      {notice ? (
        <p className="hint hint-warning" role="note">
          {notice}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="muted">This template sets no variables.</p> : null}
      <table className="template-rows" aria-label="Template variables">
        <tbody>
          {rows.map((row, i) => {
            const error = errors[variableField(i)];
            const errorId = `variable-${i}-error`;
            const canGive = row.state === 'oneOff' || (row.state === 'missing' && row.canGiveValue);
            return (
              // A row with a problem can take focus: Review moves there when it is the first problem.
              <tr
                key={row.variableId}
                className={error ? 'has-error' : undefined}
                data-field={canGive ? undefined : variableField(i)}
                tabIndex={error && !canGive ? -1 : undefined}
              >
                <th scope="row">
                  <code>{row.key}</code>
                </th>
                <td>
                  <RowValue row={row} />
                  {canGive ? (
                    <OneOffValue
                      row={row}
                      field={variableField(i)}
                      value={oneOff[row.key] ?? ''}
                      disabled={disabled}
                      errorId={error ? errorId : undefined}
                      onChange={(value) => onOneOff(row.key, value)}
                    />
                  ) : null}
                  <FieldError id={errorId} message={error} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="link" onClick={onEdit}>
        Edit template
      </button>
    </fieldset>
  );
}

/** A value for this call only: free text, or one of an enum row's allowed values. */
function OneOffValue(props: {
  row: PreviewRow;
  field: string;
  value: string;
  disabled: boolean;
  errorId: string | undefined;
  onChange(value: string): void;
}) {
  const { row, field, value, disabled, errorId, onChange } = props;
  const choices = row.state === 'missing' || row.state === 'oneOff' ? row.choices : null;
  const common = {
    className: 'one-off',
    'data-field': field,
    'aria-label': `${row.key}: value for this call`,
    disabled,
    'aria-invalid': errorId ? true : undefined,
    'aria-describedby': errorId,
  };
  if (choices?.length) {
    return (
      <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose a value for this call…</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    );
  }
  return <input {...common} placeholder="Value for this call only" value={value} onChange={(e) => onChange(e.target.value)} />;
}

function RowValue({ row }: { row: PreviewRow }) {
  switch (row.state) {
    case 'value':
      return <span>{row.text}</span>;
    case 'omitted':
      return <span className="muted">(no value — left out of this call)</span>;
    case 'oneOff':
      return <span className="muted">(no value from the contact — this call uses the value below)</span>;
    case 'missing':
      return row.text || !row.canGiveValue ? <span className="muted">{row.text || '—'}</span> : null;
  }
}

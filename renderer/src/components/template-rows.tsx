import type { RenderedRow } from '../../../shared/templates/render-template';
import { variableField } from '../../../shared/call-intent';
import { FieldError } from './field-error';

/** A template's rendered variables: what will be sent, or why a row blocks the call. */
export function TemplateRows({
  name,
  rows,
  errors,
  notice,
  onEdit,
}: {
  name: string;
  rows: RenderedRow[];
  errors: Record<string, string>;
  notice?: string;
  onEdit(): void;
}) {
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
            const error = errors[variableField(i)] ?? (row.ok ? undefined : row.error);
            return (
              // A row with a problem can take focus: Review moves there when it is the first problem.
              <tr
                key={row.variableId}
                className={error ? 'has-error' : undefined}
                data-field={variableField(i)}
                tabIndex={error ? -1 : undefined}
                aria-describedby={error ? `variable-${i}-error` : undefined}
              >
                <th scope="row">
                  <code>{row.key}</code>
                </th>
                <td>
                  {row.ok ? (
                    <span>{row.omitted ? <span className="muted">(no value — left out of this call)</span> : String(row.value)}</span>
                  ) : (
                    <span className="muted">{row.text || '—'}</span>
                  )}
                  <FieldError id={`variable-${i}-error`} message={error} />
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

import type { ColumnMapping, ColumnRule, MappingTarget } from '../../../../shared/contacts/import/column-mapping';
import { customKeyFor, customKeyProblem } from '../../../../shared/contacts/import/custom-key';
import { NON_CALLABLE_LABELS, VOICE_LABELS } from '../../../../shared/contacts/phone-kinds';
import { FieldError } from '../../components/field-error';

const TARGETS: Array<[MappingTarget, string]> = [
  ['ignore', 'Ignore'],
  ['displayName', 'Full name'],
  ['firstName', 'First name'],
  ['middleName', 'Middle name'],
  ['lastName', 'Last name'],
  ['company', 'Company'],
  ['title', 'Job title'],
  ['phone', 'Phone number'],
  ['email', 'Email'],
  ['tags', 'Tags'],
  ['notes', 'Notes'],
  ['timeZone', 'Time zone'],
  ['favorite', 'Favourite (yes/no)'],
  ['doNotCall', 'Do not call (yes/no or reason)'],
  ['custom', 'Custom field…'],
];

const PHONE_LABELS: readonly string[] = [...VOICE_LABELS, ...NON_CALLABLE_LABELS];

/** The first problem that keeps this mapping from being used, or null. */
export function mappingProblem(mapping: ColumnMapping, headers: string[]): string | null {
  for (const [i, rule] of mapping.entries()) {
    if (rule.target !== 'custom' || (rule.label === undefined && rule.labelColumn !== undefined)) continue;
    const problem = customKeyProblem(rule.label ?? '');
    if (problem) return `Column ${headers[i] ?? i + 1}: ${problem}`;
  }
  return null;
}

/** What a column becomes when the user picks `target`; a custom field starts with a key made from the header. */
function retarget(rule: ColumnRule, target: MappingTarget, header: string, column: number): ColumnRule {
  if (target === rule.target) return rule;
  if (target === 'phone') return { target, label: rule.target === 'phone' && rule.label ? rule.label : 'other' };
  if (target === 'custom') return { target, label: customKeyFor(header, `field${column + 1}`) };
  return { target };
}

/**
 * The mapping step: what each column is imported as, with an example value. Any column can
 * become a custom field (templates read it as {{contact.custom.key}}); a phone column gets a
 * label, fax and pager included, so such numbers are never offered for calls.
 */
export function ImportMapping(props: {
  headers: string[];
  sample: string[][];
  mapping: ColumnMapping;
  onChange(mapping: ColumnMapping): void;
  onApply(): void;
  canApply: boolean;
}) {
  const { headers, sample, mapping, onChange } = props;
  const problem = mappingProblem(mapping, headers);
  const set = (i: number, rule: ColumnRule) => onChange(mapping.map((m, j) => (j === i ? rule : m)));

  return (
    <fieldset>
      <legend>Columns</legend>
      <table className="mapping">
        <thead>
          <tr>
            <th>Column</th>
            <th>Example</th>
            <th>Import as</th>
            <th>Label or field name</th>
          </tr>
        </thead>
        <tbody>
          {headers.map((h, i) => {
            const rule = mapping[i] ?? { target: 'ignore' as const };
            const keyError = rule.target === 'custom' && rule.label !== undefined ? (customKeyProblem(rule.label) ?? undefined) : undefined;
            const fromColumn = rule.labelColumn !== undefined ? headers[rule.labelColumn] : undefined;
            return (
              <tr key={i}>
                <td>{h}</td>
                <td className="muted">{sample[0]?.[i] ?? ''}</td>
                <td>
                  <select
                    aria-label={`Import column ${h} as`}
                    value={rule.target}
                    onChange={(e) => set(i, retarget(rule, e.target.value as MappingTarget, h, i))}
                  >
                    {TARGETS.map(([value, label]) => (
                      <option key={value} value={value}>
                        {label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  {rule.target === 'phone' && fromColumn !== undefined ? <span className="muted">Label from “{fromColumn}”</span> : null}
                  {rule.target === 'phone' && fromColumn === undefined ? (
                    <select
                      aria-label={`Label for numbers in column ${h}`}
                      value={rule.label ?? 'other'}
                      onChange={(e) => set(i, { target: 'phone', label: e.target.value })}
                    >
                      {[...new Set([...PHONE_LABELS, rule.label ?? 'other'])].map((label) => (
                        <option key={label} value={label}>
                          {label}
                        </option>
                      ))}
                    </select>
                  ) : null}
                  {rule.target === 'custom' && fromColumn !== undefined ? (
                    <span className="muted">Field name from “{fromColumn}”</span>
                  ) : null}
                  {rule.target === 'custom' && fromColumn === undefined ? (
                    <>
                      <input
                        aria-label={`Custom field name for column ${h}`}
                        value={rule.label ?? ''}
                        maxLength={80}
                        spellCheck={false}
                        aria-invalid={keyError ? true : undefined}
                        aria-describedby={keyError ? `mapping-key-${i}-error` : `mapping-key-${i}-hint`}
                        onChange={(e) => set(i, { target: 'custom', label: e.target.value })}
                      />
                      {keyError ? null : (
                        <span id={`mapping-key-${i}-hint`} className="hint">
                          {`{{contact.custom.${rule.label ?? ''}}}`}
                        </span>
                      )}
                      <FieldError id={`mapping-key-${i}-error`} message={keyError} />
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button type="button" className="secondary small" disabled={!props.canApply || problem !== null} onClick={props.onApply}>
        Update preview
      </button>
    </fieldset>
  );
}

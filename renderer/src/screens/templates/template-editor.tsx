import { submitOnEnter } from '../../components/submit-on-enter';
import { useState } from 'react';
import type { Directory } from '../../../../shared/contract';
import { checkDeclared, declaredFor, declaredType, systemNotice } from '../../../../shared/templates/declared-check';
import type { FeatherVarType } from '../../../../shared/feather-var-type';
import { PLACEHOLDERS } from '../../../../shared/templates/render-template';
import type { TemplateDraft, TemplateVariable, VariableType } from '../../../../shared/templates/template';
import type { AppError } from '../../../../shared/result';
import { FieldError, FormError } from '../../components/field-error';
import { TemplateCallerFields } from '../../components/template-caller-fields';
import { templateAgentId } from '../../../../shared/templates/resolve-caller';

interface Props {
  initial: TemplateDraft;
  title: string;
  directory: Directory | null;
  error: AppError | null;
  onSave(draft: TemplateDraft): void;
  onCancel(): void;
}

const TYPES: VariableType[] = ['text', 'number', 'boolean', 'date', 'enum'];
/** The template type that fits a Feather type best (templates stay a superset: date renders to a string). */
const TEMPLATE_TYPE: Record<FeatherVarType, VariableType> = {
  string: 'text',
  int: 'number',
  float: 'number',
  bool: 'boolean',
  enum: 'enum',
};
let counter = 0;
const newVariable = (): TemplateVariable => ({
  id: `new-${Date.now()}-${counter++}`,
  key: '',
  expression: '',
  type: 'text',
  required: false,
  defaultValue: '',
  enumValues: [],
  omitWhenEmpty: false,
});

/**
 * The template editor. When the template's caller is an agent whose declared variables are known
 * (a revision pinned to the template's number, else the active one), it offers them by name (with
 * descriptions and enum values) and marks keys Feather would refuse.
 */
export function TemplateEditor({ initial, title, directory, error, onSave, onCancel }: Props) {
  const [draft, setDraft] = useState<TemplateDraft>(initial);
  /** the value field last edited: where a clicked placeholder goes */
  const [lastValue, setLastValue] = useState(0);
  const fields = error?.fields ?? {};
  const agentId = templateAgentId(draft.defaultCaller) ?? '';
  const declared = agentId ? declaredFor(directory, draft.defaultCaller?.fromNumberId ?? '', agentId).declared : null;
  const agentName = directory?.agents.find((a) => a.id === agentId)?.label ?? 'The agent';
  const setVar = (i: number, patch: Partial<TemplateVariable>) =>
    setDraft((d) => ({ ...d, variables: d.variables.map((v, j) => (j === i ? { ...v, ...patch } : v)) }));
  const invalid = (key: string) => (fields[key] ? { 'aria-invalid': true as const, 'aria-describedby': `${key}-error` } : {});

  return (
    <form
      className="card template-editor"
      aria-label={title}
      onSubmit={(e) => {
        e.preventDefault();
        onSave(draft);
      }}
      onKeyDown={(e) => (e.key === 'Escape' ? onCancel() : submitOnEnter(e))}
    >
      <h2>{title}</h2>
      <FormError error={error} />
      <div className="grid-2">
        <div className="field">
          <label htmlFor="template-name">Name</label>
          <input
            id="template-name"
            autoFocus
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value })}
            {...invalid('name')}
          />
          <FieldError id="name-error" message={fields.name} />
        </div>
        <div className="field">
          <label htmlFor="template-description">Description</label>
          <input
            id="template-description"
            value={draft.description}
            onChange={(e) => setDraft({ ...draft, description: e.target.value })}
          />
        </div>
      </div>
      <TemplateCallerFields
        value={draft.defaultCaller}
        directory={directory}
        onChange={(defaultCaller) => setDraft({ ...draft, defaultCaller })}
        error={fields.defaultCaller}
        agentHint={
          agentId && !declared ? <p className="hint">This agent’s declared variables are not known yet (refresh while online).</p> : null
        }
      />

      <fieldset>
        <legend>Variables</legend>
        <p className="hint" id="placeholder-help">
          Click a placeholder to add it to the value you were editing. A placeholder with no value blocks the call unless the row has a
          default, or is marked “leave out when empty”.
        </p>
        <div className="chips" role="group" aria-label="Insert a placeholder">
          {PLACEHOLDERS.map((p) => (
            <button
              key={p}
              type="button"
              className="chip"
              onClick={() => {
                const text = p.replace('<key>', 'plan');
                if (draft.variables.length === 0) setDraft((d) => ({ ...d, variables: [{ ...newVariable(), expression: text }] }));
                else setVar(lastValue, { expression: `${draft.variables[lastValue]?.expression ?? ''}${text}` });
              }}
            >
              {p}
            </button>
          ))}
        </div>
        <datalist id="declared-variables">
          {declared
            ?.filter((d) => d.source !== 'system')
            .map((d) => (
              <option key={d.name} value={d.name} label={d.description ?? undefined} />
            ))}
        </datalist>
        {draft.variables.length > 0 ? (
          <div className="template-var template-var-head" aria-hidden="true">
            <span>Context variable</span>
            <span>Type</span>
            <span>Value</span>
            <span>Default</span>
            <span />
          </div>
        ) : null}
        {draft.variables.map((v, i) => {
          const warning = checkDeclared(v.key, declared, agentName) ?? systemNotice(v.key, declared);
          const info = declared?.find((d) => d.name === v.key.trim());
          const sentAs = declaredType(v.key, declared);
          return (
            <div key={v.id} className={`template-var${warning ? ' has-warning' : ''}`}>
              <input
                aria-label={`Variable ${i + 1} key`}
                list="declared-variables"
                placeholder="context variable"
                value={v.key}
                onChange={(e) => {
                  const key = e.target.value;
                  const known = declared?.find((d) => d.name === key);
                  const feather = declaredType(key, declared);
                  if (!known || !feather) return setVar(i, { key });
                  // A declared variable brings its type (and enum values) unless the row already has its own.
                  const type = v.type === 'text' || v.type === TEMPLATE_TYPE[feather] ? TEMPLATE_TYPE[feather] : v.type;
                  setVar(i, { key, type, ...(type === 'enum' && !v.enumValues.length ? { enumValues: known.enumValues } : {}) });
                }}
                {...invalid(`variables.${i}.key`)}
              />
              <select
                aria-label={`Variable ${i + 1} type`}
                value={v.type}
                onChange={(e) => setVar(i, { type: e.target.value as VariableType })}
              >
                {TYPES.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
              <input
                aria-label={`Variable ${i + 1} value`}
                placeholder="{{contact.firstName}}"
                value={v.expression}
                onFocus={() => setLastValue(i)}
                onChange={(e) => setVar(i, { expression: e.target.value })}
                {...invalid(`variables.${i}.expression`)}
              />
              <input
                aria-label={`Variable ${i + 1} default`}
                placeholder="default"
                value={v.defaultValue}
                onChange={(e) => setVar(i, { defaultValue: e.target.value })}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove variable ${i + 1}`}
                onClick={() => setDraft({ ...draft, variables: draft.variables.filter((_, j) => j !== i) })}
              >
                ×
              </button>
              <div className="var-flags">
                <label className="inline">
                  <input
                    type="checkbox"
                    checked={v.required}
                    onChange={(e) => setVar(i, { required: e.target.checked, ...(e.target.checked ? { omitWhenEmpty: false } : {}) })}
                  />
                  Required
                </label>
                <label
                  className="inline"
                  title="When its placeholders have no value and there is no default, the variable is not sent; otherwise the call is blocked."
                >
                  <input
                    type="checkbox"
                    aria-label={`Variable ${i + 1}: leave out when empty`}
                    checked={v.omitWhenEmpty}
                    disabled={v.required}
                    onChange={(e) => setVar(i, { omitWhenEmpty: e.target.checked })}
                  />
                  Leave out when empty
                </label>
              </div>
              {v.type === 'enum' ? (
                <input
                  className="enum-values"
                  aria-label={`Variable ${i + 1} allowed values`}
                  placeholder="allowed values, comma-separated"
                  value={v.enumValues.join(', ')}
                  onChange={(e) => setVar(i, { enumValues: e.target.value.split(',').map((x) => x.trimStart()) })}
                  {...invalid(`variables.${i}.enumValues`)}
                />
              ) : null}
              {info ? (
                <p className="hint var-info">
                  {info.description ? `${info.description} ` : ''}
                  {sentAs ? <span className="muted">Sent to Feather as {sentAs}.</span> : null}
                </p>
              ) : null}
              {warning ? (
                <p className="hint hint-warning var-info" role="note">
                  {warning}
                </p>
              ) : null}
              <FieldError id={`variables.${i}.key-error`} message={fields[`variables.${i}.key`]} />
              <FieldError id={`variables.${i}.expression-error`} message={fields[`variables.${i}.expression`]} />
              <FieldError id={`variables.${i}.enumValues-error`} message={fields[`variables.${i}.enumValues`]} />
            </div>
          );
        })}
        <button
          type="button"
          className="secondary small"
          onClick={() => setDraft({ ...draft, variables: [...draft.variables, newVariable()] })}
        >
          Add variable
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="primary">
          Save template
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

import type { CallPreview } from '../../../../shared/call-preview';
import { isLocked, type DialState } from '../../dial/dial-state';
import type { DialStore } from '../../dial/dial-store';
import { VariableRows } from '../../components/variable-rows';
import { useTemplates } from '../../stores/templates-store';
import { TemplateRows } from './template-rows';

interface Props {
  state: DialState;
  store: DialStore;
  onOpenTemplates(): void;
}

/** Whose details fill the placeholders, as main decided it for this number. */
function placeholdersFrom(plan: CallPreview): string {
  const notTheirs = plan.notTheirs ? `This number is not one of ${plan.notTheirs.name}’s, so their details are not used. ` : '';
  if (plan.contact) return `${notTheirs}Placeholders read from ${plan.contact.callName}’s details.`;
  if (plan.sharedBy.length > 0) {
    return `${notTheirs}${plan.sharedBy.join(' and ')} share this number: pick one of them in the To field to use their details.`;
  }
  return `${notTheirs}No contact has this number: placeholders that read a contact’s details have no value.`;
}

/** The template (or typed variables) for this call, with what each row sends as main rendered it. */
export function VariablesSection({ state, store, onOpenTemplates }: Props) {
  const { templates } = useTemplates();
  const { draft, plan } = state;
  const locked = isLocked(state.phase);
  const templateId = draft.templateId ?? '';
  const errors = { ...(plan?.problems ?? {}), ...state.fieldErrors };
  const shownTemplate = plan?.template?.id === templateId ? plan.template : null;

  return (
    <>
      <div className="field">
        <label htmlFor="template">Template</label>
        <select
          id="template"
          data-field="template"
          value={templateId}
          disabled={locked}
          aria-describedby={templateId ? 'placeholders-from' : undefined}
          onChange={(e) => store.dispatch({ type: 'chooseTemplate', templateId: e.target.value })}
        >
          <option value="">None — type variables below</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </select>
        {templateId && plan ? (
          <p id="placeholders-from" className="preview muted">
            {placeholdersFrom(plan)}
          </p>
        ) : null}
      </div>
      {templateId && shownTemplate ? (
        <TemplateRows
          name={shownTemplate.name}
          rows={shownTemplate.rows}
          errors={errors}
          oneOff={draft.oneOff?.values ?? {}}
          disabled={locked}
          notice={plan?.variablesNotice ?? undefined}
          onOneOff={(key, value) => store.dispatch({ type: 'oneOff', key, value })}
          onEdit={onOpenTemplates}
        />
      ) : templateId ? null : (
        <VariableRows
          rows={draft.contextVariables}
          errors={state.fieldErrors}
          disabled={locked}
          notice={plan?.variablesNotice ?? undefined}
          onChange={(contextVariables) => store.dispatch({ type: 'edit', patch: { contextVariables } })}
        />
      )}
    </>
  );
}

import { useRef, useState } from 'react';
import type { Directory } from '../../../../shared/contract';
import type { AppError } from '../../../../shared/result';
import type { Template, TemplateCaller, TemplateDraft } from '../../../../shared/templates/template';
import { emptyTemplateDraft } from '../../../../shared/templates/empty-template';
import { api } from '../../api';
import { focusSoon, rememberFocus, type FocusTarget } from '../../keyboard/focus';
import { useDirectoryState } from '../../stores/directory-store';
import { dropTemplate, upsertTemplate, useTemplates } from '../../stores/templates-store';
import { TemplateEditor } from './template-editor';

type Pane =
  | { kind: 'none' }
  | { kind: 'edit'; template: Template | null }
  | { kind: 'import'; text: string; plan: Array<{ name: string; conflict: string; existingName: string | null }> };

/** Context-variable templates: list, edit, duplicate, delete, share as a JSON file. Works offline. */
export function TemplatesScreen() {
  const { templates } = useTemplates();
  const [pane, setPane] = useState<Pane>({ kind: 'none' });
  const [error, setError] = useState<AppError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const { directory } = useDirectoryState();

  // Focus returns to the button that opened the editor, or moves to the saved or next template.
  const opener = useRef<FocusTarget>(() => null);
  const item = (id: string | undefined) => () =>
    id ? document.querySelector<HTMLElement>(`[data-template-id="${CSS.escape(id)}"]`) : null;
  const newButton = () => document.getElementById('new-template');
  const importInput = () => document.getElementById('import-templates');
  const edit = (template: Template | null, from: HTMLElement) => {
    opener.current = rememberFocus(from);
    setError(null);
    setPane({ kind: 'edit', template });
  };
  const closeEditor = () => {
    setPane({ kind: 'none' });
    focusSoon([opener.current, newButton]);
  };

  async function save(draft: TemplateDraft) {
    const id = pane.kind === 'edit' ? pane.template?.id : undefined;
    const r = await api().templates.save({ ...(id ? { id } : {}), draft });
    if (!r.ok) return setError(r.error);
    setError(null);
    setPane({ kind: 'none' });
    setMessage(`Saved “${r.value.name}”.`);
    upsertTemplate(r.value);
    focusSoon(item(r.value.id), { fallback: opener.current });
  }

  async function remove(t: Template) {
    const at = templates.indexOf(t);
    const next = templates[at + 1] ?? templates[at - 1];
    const r = await api().templates.remove({ id: t.id });
    setConfirmDelete(null);
    if (r.ok) dropTemplate(t.id);
    focusSoon(next ? item(next.id) : newButton);
  }

  async function exportAll() {
    const r = await api().templates.export({});
    if (!r.ok) return;
    const url = URL.createObjectURL(new Blob([r.value.text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  async function chooseImport(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    const text = await file.text();
    const r = await api().templates.importPreview({ text });
    if (!r.ok) return setMessage(r.error.message);
    setPane({
      kind: 'import',
      text,
      plan: r.value.templates.map((t) => ({ name: t.template.name, conflict: t.conflict, existingName: t.existingName })),
    });
  }

  async function runImport(text: string, onConflict: 'keep-both' | 'replace' | 'skip') {
    const r = await api().templates.import({ text, onConflict });
    if (!r.ok) return setMessage(r.error.message);
    setMessage(`Imported: ${r.value.added} added, ${r.value.replaced} replaced, ${r.value.skipped} skipped.`);
    setPane({ kind: 'none' });
    // the list arrives as a templates:changed event
    focusSoon(item(templates[0]?.id), { fallback: importInput });
  }

  return (
    <div className="templates">
      <aside className="contacts-side">
        <h1>Templates</h1>
        {templates.length === 0 ? (
          <p className="muted">No templates yet. A template fills an agent’s context variables from the contact you call.</p>
        ) : null}
        <ul className="template-list" aria-label="Templates">
          {templates.map((t, i) => (
            <li key={t.id}>
              <button
                type="button"
                className="template-item"
                data-template-id={t.id}
                data-autofocus={i === 0 || undefined}
                onClick={(e) => edit(t, e.currentTarget)}
              >
                <strong>{t.name}</strong>
                <span className="muted">
                  {t.variables.length} variable{t.variables.length === 1 ? '' : 's'}
                  {callerSummary(t.defaultCaller, directory)}
                </span>
              </button>
              <div className="actions">
                <button
                  type="button"
                  className="secondary small"
                  aria-label={`Duplicate ${t.name}`}
                  onClick={() =>
                    void api()
                      .templates.duplicate({ id: t.id })
                      .then((r) => r.ok && upsertTemplate(r.value))
                  }
                >
                  Duplicate
                </button>
                {confirmDelete === t.id ? (
                  <>
                    <button type="button" className="danger small" onClick={() => void remove(t)}>
                      Delete “{t.name}”
                    </button>
                    <button
                      type="button"
                      className="secondary small"
                      autoFocus
                      onClick={() => (
                        setConfirmDelete(null),
                        focusSoon(() => document.querySelector<HTMLElement>(`[aria-label="${CSS.escape(`Delete ${t.name}`)}"]`))
                      )}
                    >
                      Keep
                    </button>
                  </>
                ) : (
                  <button type="button" className="secondary small" aria-label={`Delete ${t.name}`} onClick={() => setConfirmDelete(t.id)}>
                    Delete…
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
        <div className="side-actions">
          <button type="button" id="new-template" className="primary small" data-autofocus onClick={(e) => edit(null, e.currentTarget)}>
            New template
          </button>
          <button type="button" className="secondary small" disabled={templates.length === 0} onClick={() => void exportAll()}>
            Export
          </button>
          <label className="secondary small file-button">
            Import…
            <input
              type="file"
              id="import-templates"
              accept=".json,application/json"
              aria-label="Import templates file"
              onChange={(e) => void chooseImport(e.currentTarget)}
            />
          </label>
        </div>
        {message ? (
          <p role="status" className="hint">
            {message}
          </p>
        ) : null}
      </aside>
      <div className="contacts-main">
        {pane.kind === 'edit' ? (
          <TemplateEditor
            key={pane.template?.id ?? 'new'}
            title={pane.template ? `Edit ${pane.template.name}` : 'New template'}
            initial={
              pane.template
                ? {
                    name: pane.template.name,
                    description: pane.template.description,
                    defaultCaller: pane.template.defaultCaller,
                    variables: pane.template.variables,
                  }
                : emptyTemplateDraft()
            }
            directory={directory}
            error={error}
            onSave={(d) => void save(d)}
            onCancel={closeEditor}
          />
        ) : pane.kind === 'import' ? (
          <section className="card" role="dialog" aria-label="Import templates">
            <h2>Import templates</h2>
            <ul>
              {pane.plan.map((p) => (
                <li key={p.name}>
                  {p.name}{' '}
                  {p.conflict === 'none' ? (
                    <span className="muted">— new</span>
                  ) : (
                    <span className="warning-text">— conflicts with “{p.existingName}”</span>
                  )}
                </li>
              ))}
            </ul>
            <div className="form-actions">
              <button type="button" className="primary" autoFocus onClick={() => void runImport(pane.text, 'keep-both')}>
                Import, keeping both on conflict
              </button>
              <button type="button" className="secondary" onClick={() => void runImport(pane.text, 'replace')}>
                Import, replacing
              </button>
              <button type="button" className="secondary" onClick={() => void runImport(pane.text, 'skip')}>
                Import new ones only
              </button>
              <button type="button" className="secondary" onClick={() => (setPane({ kind: 'none' }), focusSoon(importInput))}>
                Cancel
              </button>
            </div>
          </section>
        ) : null}
      </div>
    </div>
  );
}

/** Who calls, in the list: " · Riley — Appointment reminders", " · Team Front desk", " · Automatic", or nothing. */
function callerSummary(value: TemplateCaller | null, directory: Directory | null): string {
  const c = value?.caller;
  if (!c) return '';
  if (c.mode === 'auto') return ' · Automatic';
  const id = c.mode === 'agent' ? c.agentId : c.teamId;
  const label = (c.mode === 'agent' ? directory?.agents : directory?.teams)?.find((e) => e.id === id)?.label;
  return ` · ${label ?? (c.mode === 'agent' ? 'agent' : 'team')}`;
}

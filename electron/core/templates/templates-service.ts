import { z } from 'zod';
import { AppFailure } from '../../../shared/result';
import { identifierProblem } from '../../../shared/identifiers';
import { unknownPlaceholders } from '../../../shared/templates/render-template';
import { upgradeLegacyTemplate, upgradeTemplateFile } from './legacy-template';
import {
  TEMPLATE_FILE_VERSION,
  TemplateFileSchema,
  TemplateSchema,
  type Template,
  type TemplateCaller,
  type TemplateDraft,
} from '../../../shared/templates/template';
import type { Document, Migration } from '../storage/json-store';

/** 2: one `defaultCaller` (who calls, number optional) instead of `agentId` + `defaultCaller`. */
export const TEMPLATES_VERSION = 2;
export const TemplatesFileSchema = z.object({ schemaVersion: z.literal(TEMPLATES_VERSION), templates: z.array(TemplateSchema) });
export type TemplatesFile = z.infer<typeof TemplatesFileSchema>;

export const templatesMigrations: Migration[] = [
  {
    to: 2,
    up: (data) => ({ ...data, templates: Array.isArray(data.templates) ? data.templates.map(upgradeLegacyTemplate) : data.templates }),
  },
];

/** IDs trimmed, an empty from-number is no from-number. */
function tidyCaller(value: TemplateCaller | null): TemplateCaller | null {
  if (!value) return null;
  const fromNumberId = value.fromNumberId?.trim() || null;
  const c = value.caller;
  return {
    fromNumberId,
    caller:
      c.mode === 'agent'
        ? { mode: 'agent', agentId: c.agentId.trim() }
        : c.mode === 'team'
          ? { mode: 'team', teamId: c.teamId.trim() }
          : { mode: 'auto' },
  };
}

/** Per-field checks for a template; messages keyed as the editor shows them. */
export function checkTemplate(draft: TemplateDraft, others: Template[]): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!draft.name.trim()) fields.name = 'Give the template a name.';
  else if (others.some((t) => t.name.trim().toLowerCase() === draft.name.trim().toLowerCase()))
    fields.name = 'Another template has this name.';
  const dc = tidyCaller(draft.defaultCaller);
  if (dc && (dc.caller.mode === 'agent' ? !dc.caller.agentId : dc.caller.mode === 'team' ? !dc.caller.teamId : false)) {
    fields.defaultCaller = `Choose the ${dc.caller.mode} who calls, or set Who calls to Automatic.`;
  }
  const seen = new Map<string, number>();
  draft.variables.forEach((v, i) => {
    const key = v.key.trim();
    if (!key) fields[`variables.${i}.key`] = 'Name the context variable.';
    else if (identifierProblem(key)) fields[`variables.${i}.key`] = identifierProblem(key)!;
    else if (seen.has(key)) fields[`variables.${i}.key`] = `Already set in row ${(seen.get(key) ?? 0) + 1}.`;
    else seen.set(key, i);
    const typos = [...unknownPlaceholders(v.expression), ...unknownPlaceholders(v.defaultValue)];
    if (typos.length) {
      fields[`variables.${i}.expression`] = typos
        .map((t) =>
          t.suggestion ? `Unknown placeholder ${t.placeholder} — did you mean ${t.suggestion}?` : `Unknown placeholder ${t.placeholder}.`,
        )
        .join(' ');
    }
    if (v.type === 'enum' && v.enumValues.filter((e) => e.trim()).length === 0)
      fields[`variables.${i}.enumValues`] = 'List the allowed values, separated by commas.';
    if (!v.expression.trim() && !v.defaultValue.trim() && v.required)
      fields[`variables.${i}.expression`] ??= 'A required variable needs a value or a default.';
  });
  return fields;
}

/** Context-variable templates: small, versioned, in electron-store; export/import as a JSON file. */
export function createTemplates(doc: Document<TemplatesFile>, now: () => Date, newId: () => string) {
  const all = () => doc.value.templates;
  const save = (templates: Template[]) => doc.save({ ...doc.value, templates });
  const find = (id: string) => {
    const t = all().find((x) => x.id === id);
    if (!t) throw new AppFailure({ code: 'not_found', message: 'That template no longer exists.' });
    return t;
  };

  function readFile(text: string) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new AppFailure({
        code: 'validation',
        message: 'This is not a templates file (it is not JSON).',
        fields: { file: 'Choose a file exported from Feather Launcher.' },
      });
    }
    const version = (json as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > TEMPLATE_FILE_VERSION) {
      throw new AppFailure({
        code: 'validation',
        message: `This templates file was written by a newer Feather Launcher (format version ${version}); update the app to import it.`,
        fields: { file: `This version reads format versions 1 to ${TEMPLATE_FILE_VERSION}.` },
      });
    }
    // Version 1 files (agentId + defaultCaller) are upgraded first, as stored templates are.
    const parsed = TemplateFileSchema.safeParse(upgradeTemplateFile(json));
    if (!parsed.success) {
      const where = parsed.error.issues[0];
      throw new AppFailure({
        code: 'validation',
        message: `This templates file cannot be read: ${where?.path.join('.') || 'file'} — ${where?.message ?? 'unexpected content'}.`,
        fields: { file: `Choose a file exported from Feather Launcher (format version 1 to ${TEMPLATE_FILE_VERSION}).` },
      });
    }
    return parsed.data.templates;
  }

  return {
    list: () => [...all()].sort((a, b) => a.name.localeCompare(b.name)),
    get: (id: string) => find(id),

    save(id: string | undefined, draft: TemplateDraft): Template {
      const existing = id ? find(id) : null;
      const fields = checkTemplate(
        draft,
        all().filter((t) => t.id !== id),
      );
      if (Object.keys(fields).length)
        throw new AppFailure({ code: 'validation', message: 'Some fields need fixing before the template can be saved.', fields });
      const stamp = now().toISOString();
      const template: Template = {
        ...draft,
        name: draft.name.trim(),
        defaultCaller: tidyCaller(draft.defaultCaller),
        variables: draft.variables.map((v) => ({ ...v, key: v.key.trim(), enumValues: v.enumValues.map((e) => e.trim()).filter(Boolean) })),
        id: existing?.id ?? newId(),
        createdAt: existing?.createdAt ?? stamp,
        updatedAt: stamp,
      };
      save(existing ? all().map((t) => (t.id === template.id ? template : t)) : [...all(), template]);
      return template;
    },

    duplicate(id: string): Template {
      const source = find(id);
      let name = `${source.name} (copy)`;
      for (let n = 2; all().some((t) => t.name === name); n++) name = `${source.name} (copy ${n})`;
      const stamp = now().toISOString();
      const copy: Template = {
        ...source,
        id: newId(),
        name,
        variables: source.variables.map((v) => ({ ...v, id: newId() })),
        createdAt: stamp,
        updatedAt: stamp,
      };
      save([...all(), copy]);
      return copy;
    },

    remove(id: string) {
      find(id);
      save(all().filter((t) => t.id !== id));
      return { removed: id };
    },

    exportFile(ids?: string[]) {
      const chosen = ids ? all().filter((t) => ids.includes(t.id)) : all();
      const file = {
        format: 'feather-launcher-templates' as const,
        version: TEMPLATE_FILE_VERSION,
        exportedAt: now().toISOString(),
        templates: chosen,
      };
      return {
        fileName: `feather-templates-${file.exportedAt.slice(0, 10)}.json`,
        text: JSON.stringify(file, null, 2),
        count: chosen.length,
      };
    },

    importPreview(text: string) {
      return {
        templates: readFile(text).map((template) => {
          const sameId = all().find((t) => t.id === template.id);
          const sameName = all().find((t) => t.name.toLowerCase() === template.name.toLowerCase());
          const existing = sameId ?? sameName;
          return {
            template,
            conflict: sameId ? ('same-id' as const) : sameName ? ('same-name' as const) : ('none' as const),
            existingName: existing?.name ?? null,
          };
        }),
      };
    },

    importFile(text: string, onConflict: 'keep-both' | 'replace' | 'skip') {
      let templates = [...all()];
      let added = 0;
      let replaced = 0;
      let skipped = 0;
      for (const incoming of readFile(text)) {
        const clash = templates.find((t) => t.id === incoming.id || t.name.toLowerCase() === incoming.name.toLowerCase());
        if (!clash) {
          templates.push(incoming);
          added++;
        } else if (onConflict === 'replace') {
          templates = templates.map((t) => (t === clash ? { ...incoming, id: clash.id } : t));
          replaced++;
        } else if (onConflict === 'keep-both') {
          let name = `${incoming.name} (imported)`;
          for (let n = 2; templates.some((t) => t.name === name); n++) name = `${incoming.name} (imported ${n})`;
          templates.push({ ...incoming, id: newId(), name });
          added++;
        } else skipped++;
      }
      save(templates);
      return { added, replaced, skipped };
    },
  };
}
export type TemplatesService = ReturnType<typeof createTemplates>;

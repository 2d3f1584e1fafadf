import { LastCallerSchema } from '../../../shared/caller';
import { TEMPLATE_FILE_VERSION, type TemplateCaller } from '../../../shared/templates/template';

/**
 * Templates of schema 1 had two "who calls" fields: `agentId` ("For agent", whose declared
 * variables the editor checked) and `defaultCaller` (a from-number plus Automatic/agent/team).
 * They become one `defaultCaller`. Where they disagree the old default caller wins; the agent is
 * kept only when that caller was Automatic or absent (then the template calls as that agent).
 */
export function callerFromLegacy(agentId: unknown, defaultCaller: unknown): TemplateCaller | null {
  const parsed = LastCallerSchema.safeParse(defaultCaller);
  const old = parsed.success ? parsed.data : null;
  const agent = typeof agentId === 'string' && agentId.trim() ? agentId.trim() : null;
  if (old && old.caller.mode !== 'auto') return old;
  if (agent) return { fromNumberId: old?.fromNumberId ?? null, caller: { mode: 'agent', agentId: agent } };
  return old;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One stored or exported template of schema 1 → the current shape (other values pass through for the schema to judge). */
export function upgradeLegacyTemplate(template: unknown): unknown {
  if (!isRecord(template)) return template;
  const { agentId, defaultCaller, ...rest } = template;
  // A default caller that was never valid stays as it is, so the schema refuses it instead of it vanishing.
  const unusable = defaultCaller != null && !LastCallerSchema.safeParse(defaultCaller).success;
  return { ...rest, defaultCaller: unusable ? defaultCaller : callerFromLegacy(agentId, defaultCaller) };
}

/** A templates file (export/import) of version 1 → the current version; any other content passes through. */
export function upgradeTemplateFile(file: unknown): unknown {
  if (!isRecord(file) || file.version !== 1 || !Array.isArray(file.templates)) return file;
  return { ...file, version: TEMPLATE_FILE_VERSION, templates: file.templates.map(upgradeLegacyTemplate) };
}

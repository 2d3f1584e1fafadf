import type { Contact } from '../contacts/contact';
import { ownValue } from '../identifiers';
import type { Template, TemplateVariable, VariableType } from './template';

/** What placeholders can read at dial time. */
export interface RenderContext {
  contact: Pick<Contact, 'firstName' | 'lastName' | 'displayName' | 'company' | 'title' | 'custom'> | null;
  user: { name: string | null };
  now: Date;
}

export type RenderedRow =
  | { variableId: string; key: string; ok: true; value: string | number | boolean; text: string; omitted?: false }
  /** marked "leave out when empty", and it was: not sent */
  | { variableId: string; key: string; ok: true; omitted: true; text: '' }
  | { variableId: string; key: string; ok: false; error: string; text: string };

export interface RenderedTemplate {
  rows: RenderedRow[];
  /** only when every row rendered: exactly what will be sent */
  values: Record<string, string | number | boolean> | null;
}

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;
/** Any placeholder left in a value means it was not rendered: it must never be sent. */
export const hasPlaceholder = (text: string) => /\{\{[^{}]*\}\}/.test(text);

export const PLACEHOLDERS = [
  '{{contact.firstName}}',
  '{{contact.lastName}}',
  '{{contact.displayName}}',
  '{{contact.company}}',
  '{{contact.title}}',
  '{{contact.custom.<key>}}',
  '{{user.name}}',
  '{{today}}',
  '{{today:DD/MM/YYYY}}',
  '{{now:HH:mm}}',
];

const pad = (n: number) => String(n).padStart(2, '0');
/** YYYY MM DD HH mm tokens, in local time. */
export function formatDate(date: Date, format: string): string {
  return format
    .replace(/YYYY/g, String(date.getFullYear()))
    .replace(/MM/g, pad(date.getMonth() + 1))
    .replace(/DD/g, pad(date.getDate()))
    .replace(/HH/g, pad(date.getHours()))
    .replace(/mm/g, pad(date.getMinutes()));
}

/** The value of one placeholder, or undefined when it names nothing (or nothing is there). */
function resolve(path: string, ctx: RenderContext): { value: string | undefined; known: boolean } {
  const [name = '', format] = path.split(/:(.*)/s);
  const key = name.trim();
  if (key === 'today') return { value: formatDate(ctx.now, format?.trim() || 'YYYY-MM-DD'), known: true };
  if (key === 'now') return { value: formatDate(ctx.now, format?.trim() || 'YYYY-MM-DD HH:mm'), known: true };
  if (key === 'user.name') return { value: ctx.user.name ?? undefined, known: true };
  const custom = /^contact\.custom\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(key);
  if (custom) return { value: ownValue(ctx.contact?.custom, custom[1]!), known: true }; // own fields only: never `constructor`'s text
  const field = /^contact\.(firstName|lastName|displayName|company|title)$/.exec(key);
  if (field) return { value: ctx.contact?.[field[1] as 'firstName'] || undefined, known: true };
  return { value: undefined, known: false };
}

/** Turns text into the variable's type, or says why it cannot be. */
export function coerce(
  text: string,
  type: VariableType,
  enumValues: string[],
): { ok: true; value: string | number | boolean } | { ok: false; error: string } {
  const t = text.trim();
  switch (type) {
    case 'number': {
      const n = Number(t.replace(/,/g, ''));
      return t !== '' && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `"${t}" is not a number.` };
    }
    case 'boolean': {
      if (/^(true|yes|y|1|on)$/i.test(t)) return { ok: true, value: true };
      if (/^(false|no|n|0|off)$/i.test(t)) return { ok: true, value: false };
      return { ok: false, error: `"${t}" is not yes/no (true/false).` };
    }
    case 'date': {
      const valid =
        /^\d{4}-\d{2}-\d{2}$/.test(t) &&
        !Number.isNaN(Date.parse(`${t}T00:00:00Z`)) &&
        new Date(`${t}T00:00:00Z`).toISOString().startsWith(t);
      return valid ? { ok: true, value: t } : { ok: false, error: `"${t}" is not a date like 2026-12-03.` };
    }
    case 'enum': {
      const match = enumValues.find((v) => v.toLowerCase() === t.toLowerCase());
      return match
        ? { ok: true, value: match }
        : { ok: false, error: `"${t}" is not one of ${enumValues.join(', ') || '(no values defined)'}.` };
    }
    default:
      return { ok: true, value: text };
  }
}

function renderVariable(v: TemplateVariable, ctx: RenderContext): RenderedRow {
  const base = { variableId: v.id, key: v.key.trim() };
  const unknown: string[] = [];
  const missing: string[] = [];
  let text = v.expression.replace(PLACEHOLDER, (whole, path: string) => {
    const { value, known } = resolve(path, ctx);
    if (!known) unknown.push(whole);
    else if (value === undefined || value === '') missing.push(whole);
    return value ?? '';
  });
  if (unknown.length) return { ...base, ok: false, text, error: `Unknown placeholder ${unknown.join(', ')}.` };
  const omitted = { ...base, ok: true as const, omitted: true as const, text: '' as const };
  if (missing.length) {
    const noValue = `${missing.join(', ')} has no value${ctx.contact ? ' for this contact' : ' without a contact'}`;
    if (v.defaultValue.trim()) text = v.defaultValue;
    else if (v.required) return { ...base, ok: false, text, error: `${noValue}, and there is no default.` };
    else if (v.omitWhenEmpty) return omitted;
    // Never send "" for a placeholder: an unmarked row blocks, and says how to fix it.
    else return { ...base, ok: false, text, error: `${noValue}. Give the row a default, or mark it “leave out when empty”.` };
  }
  if (!text.trim()) {
    if (v.defaultValue.trim()) text = v.defaultValue;
    else if (v.required) return { ...base, ok: false, text, error: 'Required, but empty.' };
    else return omitted; // a row with no text at all has nothing to send
  }
  if (hasPlaceholder(text)) return { ...base, ok: false, text, error: 'A placeholder was left in the value.' };
  const coerced = coerce(text, v.type, v.enumValues);
  return coerced.ok ? { ...base, ok: true, text, value: coerced.value } : { ...base, ok: false, text, error: coerced.error };
}

/**
 * Renders a template for one call. Any row that fails blocks the call (values is null);
 * optional rows that render empty are left out of what is sent.
 */
export function renderTemplate(template: Pick<Template, 'variables'>, ctx: RenderContext): RenderedTemplate {
  const rows = template.variables.map((v) => renderVariable(v, ctx));
  if (rows.some((r) => !r.ok)) return { rows, values: null };
  const values: Record<string, string | number | boolean> = {};
  for (const r of rows) if (r.ok && !r.omitted && r.key) values[r.key] = r.value;
  return { rows, values };
}

const KNOWN_NAMES = [
  'contact.firstName',
  'contact.lastName',
  'contact.displayName',
  'contact.company',
  'contact.title',
  'user.name',
  'today',
  'now',
];

/** Edit distance, small strings only (placeholder names). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/**
 * Placeholders in a value that name nothing we know, each with a "did you mean" where one is
 * close (`{{contact.frstName}}` → `{{contact.firstName}}`). Checked when a template is saved.
 */
export function unknownPlaceholders(expression: string): Array<{ placeholder: string; suggestion: string | null }> {
  const out: Array<{ placeholder: string; suggestion: string | null }> = [];
  for (const match of expression.matchAll(PLACEHOLDER)) {
    const path = match[1]!;
    const [name = ''] = path.split(/:(.*)/s);
    const key = name.trim();
    if (KNOWN_NAMES.includes(key) || /^contact\.custom\.[A-Za-z_][A-Za-z0-9_]*$/.test(key)) continue;
    const candidates = [...KNOWN_NAMES, ...(key.toLowerCase().includes('custom') ? [`contact.custom.${key.split('.').pop() ?? ''}`] : [])];
    const best = candidates.map((c) => ({ c, d: distance(key, c) })).sort((a, b) => a.d - b.d)[0];
    out.push({
      placeholder: match[0],
      suggestion:
        best && best.d <= Math.max(2, Math.floor(key.length / 4))
          ? `{{${best.c}${path.includes(':') ? `:${path.split(/:(.*)/s)[1]}` : ''}}}`
          : null,
    });
  }
  return out;
}

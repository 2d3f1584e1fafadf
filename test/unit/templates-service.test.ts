import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confStoreFactory } from '../../electron/core/conf-stores';
import { openDocument } from '../../electron/core/json-store';
import { createTemplates, TEMPLATES_VERSION, TemplatesFileSchema, type TemplatesFile } from '../../electron/core/templates-service';
import { emptyTemplateDraft, type TemplateDraft } from '../../shared/templates/template';

let n = 0;
async function service() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-tpl-'));
  const doc = openDocument<TemplatesFile>(confStoreFactory(dir), 'templates', { schema: TemplatesFileSchema, version: TEMPLATES_VERSION, migrations: [], create: () => ({ schemaVersion: TEMPLATES_VERSION, templates: [] }), label: 'templates' });
  return createTemplates(doc, () => new Date('2026-11-26T10:00:00Z'), () => `id-${++n}`);
}
const draft = (patch: Partial<TemplateDraft> = {}): TemplateDraft => ({
  ...emptyTemplateDraft(),
  name: 'Reminder',
  variables: [{ id: 'v1', key: 'clinic', expression: '{{contact.custom.clinic}}', type: 'enum', required: true, defaultValue: 'Downtown', enumValues: ['Downtown', 'Harbor'], omitWhenEmpty: false }],
  ...patch,
});

describe('templates', () => {
  it('validates names, keys and enum values per field', async () => {
    const t = await service();
    t.save(undefined, draft());
    expect(() => t.save(undefined, draft({ name: 'reminder' }))).toThrowError(expect.objectContaining({ appError: expect.objectContaining({ fields: { name: 'Another template has this name.' } }) }));
    try {
      t.save(undefined, draft({ name: 'Other', variables: [{ id: 'a', key: '2bad', expression: '', type: 'enum', required: true, defaultValue: '', enumValues: [], omitWhenEmpty: false }] }));
    } catch (error) {
      expect((error as { appError: { fields: Record<string, string> } }).appError.fields).toEqual({
        'variables.0.key': 'Variable names use letters, digits and _, and start with a letter or _ (like customer_name).',
        'variables.0.enumValues': 'List the allowed values, separated by commas.',
        'variables.0.expression': 'A required variable needs a value or a default.',
      });
    }
  });

  it('duplicates with a new name and new ids', async () => {
    const t = await service();
    const a = t.save(undefined, draft());
    const b = t.duplicate(a.id);
    expect(b.name).toBe('Reminder (copy)');
    expect(b.id).not.toBe(a.id);
    expect(t.duplicate(a.id).name).toBe('Reminder (copy 2)');
  });

  it('exports a versioned file and imports it elsewhere, showing conflicts', async () => {
    const source = await service();
    source.save(undefined, draft());
    source.save(undefined, draft({ name: 'Renewal', variables: [] }));
    const file = source.exportFile();
    const target = await service();
    target.save(undefined, draft({ variables: [] })); // same name "Reminder"
    const plan = target.importPreview(file.text);
    expect(plan.templates.map((p) => [p.template.name, p.conflict])).toEqual([
      ['Reminder', 'same-name'],
      ['Renewal', 'none'],
    ]);
    expect(target.importFile(file.text, 'keep-both')).toEqual({ added: 2, replaced: 0, skipped: 0 });
    expect(target.list().map((t) => t.name)).toEqual(['Reminder', 'Reminder (imported)', 'Renewal']);
    expect(target.importFile(file.text, 'skip')).toEqual({ added: 0, replaced: 0, skipped: 2 });
  });

  it('refuses a file that is not a templates file, saying where', async () => {
    const t = await service();
    expect(() => t.importPreview('not json')).toThrowError(/not JSON/);
    expect(() => t.importPreview(JSON.stringify({ format: 'feather-launcher-templates', version: 1, exportedAt: 'x', templates: [{ name: 5 }] }))).toThrowError(/templates\.0/);
  });
});

describe('placeholders checked on save', () => {
  it('refuses a placeholder typo with a "did you mean", and accepts known ones', async () => {
    const t = await service();
    const row = (expression: string) => ({ id: 'a', key: 'first_name', expression, type: 'text' as const, required: false, defaultValue: '', enumValues: [], omitWhenEmpty: false });
    expect(() => t.save(undefined, draft({ name: 'Typo', variables: [row('{{contact.frstName}}')] }))).toThrowError(
      expect.objectContaining({ appError: expect.objectContaining({ fields: { 'variables.0.expression': 'Unknown placeholder {{contact.frstName}} — did you mean {{contact.firstName}}?' } }) }),
    );
    expect(() => t.save(undefined, draft({ name: 'Far off', variables: [row('{{weather}}')] }))).toThrowError(
      expect.objectContaining({ appError: expect.objectContaining({ fields: { 'variables.0.expression': 'Unknown placeholder {{weather}}.' } }) }),
    );
    expect(t.save(undefined, draft({ name: 'Fine', variables: [row('Dr {{contact.lastName}} {{contact.custom.plan}} {{today:DD/MM/YYYY}}')] })).name).toBe('Fine');
  });
});

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { confStoreFactory } from '../../electron/core/storage/conf-stores';
import { openDocument } from '../../electron/core/storage/json-store';
import {
  createTemplates,
  TEMPLATES_VERSION,
  TemplatesFileSchema,
  templatesMigrations,
  type TemplatesFile,
} from '../../electron/core/templates/templates-service';
import type { TemplateDraft } from '../../shared/templates/template';
import { emptyTemplateDraft } from '../../shared/templates/empty-template';

let n = 0;
/** The service over a templates file in a temp folder; `existing` is written there first, as an older app left it. */
async function service(existing?: unknown) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-tpl-'));
  if (existing !== undefined) await writeFile(path.join(dir, 'templates.json'), JSON.stringify(existing));
  const doc = openDocument<TemplatesFile>(confStoreFactory(dir), 'templates', {
    schema: TemplatesFileSchema,
    version: TEMPLATES_VERSION,
    migrations: templatesMigrations,
    create: () => ({ schemaVersion: TEMPLATES_VERSION, templates: [] }),
    label: 'templates',
  });
  return Object.assign(
    createTemplates(
      doc,
      () => new Date('2026-11-26T10:00:00Z'),
      () => `id-${++n}`,
    ),
    { dir, notice: doc.notice },
  );
}
const draft = (patch: Partial<TemplateDraft> = {}): TemplateDraft => ({
  ...emptyTemplateDraft(),
  name: 'Reminder',
  variables: [
    {
      id: 'v1',
      key: 'clinic',
      expression: '{{contact.custom.clinic}}',
      type: 'enum',
      required: true,
      defaultValue: 'Downtown',
      enumValues: ['Downtown', 'Harbor'],
      omitWhenEmpty: false,
    },
  ],
  ...patch,
});

describe('templates', () => {
  it('validates names, keys and enum values per field', async () => {
    const t = await service();
    t.save(undefined, draft());
    expect(() => t.save(undefined, draft({ name: 'reminder' }))).toThrowError(
      expect.objectContaining({ appError: expect.objectContaining({ fields: { name: 'Another template has this name.' } }) }),
    );
    try {
      t.save(
        undefined,
        draft({
          name: 'Other',
          variables: [
            { id: 'a', key: '2bad', expression: '', type: 'enum', required: true, defaultValue: '', enumValues: [], omitWhenEmpty: false },
          ],
        }),
      );
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
    expect(() =>
      t.importPreview(JSON.stringify({ format: 'feather-launcher-templates', version: 1, exportedAt: 'x', templates: [{ name: 5 }] })),
    ).toThrowError(/templates\.0/);
  });
});

describe('placeholders checked on save', () => {
  it('refuses a placeholder typo with a "did you mean", and accepts known ones', async () => {
    const t = await service();
    const row = (expression: string) => ({
      id: 'a',
      key: 'first_name',
      expression,
      type: 'text' as const,
      required: false,
      defaultValue: '',
      enumValues: [],
      omitWhenEmpty: false,
    });
    expect(() => t.save(undefined, draft({ name: 'Typo', variables: [row('{{contact.frstName}}')] }))).toThrowError(
      expect.objectContaining({
        appError: expect.objectContaining({
          fields: { 'variables.0.expression': 'Unknown placeholder {{contact.frstName}} — did you mean {{contact.firstName}}?' },
        }),
      }),
    );
    expect(() => t.save(undefined, draft({ name: 'Far off', variables: [row('{{weather}}')] }))).toThrowError(
      expect.objectContaining({
        appError: expect.objectContaining({ fields: { 'variables.0.expression': 'Unknown placeholder {{weather}}.' } }),
      }),
    );
    expect(
      t.save(undefined, draft({ name: 'Fine', variables: [row('Dr {{contact.lastName}} {{contact.custom.plan}} {{today:DD/MM/YYYY}}')] }))
        .name,
    ).toBe('Fine');
  });
});

const AGENT_A = 'agent-a';
const AGENT_B = 'agent-b';
const SF = 'number-sf';
/** A template as schema 1 stored and exported it: "For agent" and a default caller side by side. */
const legacy = (name: string, agentId: string | null, defaultCaller: unknown) => ({
  id: `old-${name}`,
  name,
  description: '',
  agentId,
  defaultCaller,
  variables: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const LEGACY = [
  legacy('Agent only', AGENT_A, null),
  legacy('Agent and auto caller', AGENT_A, { fromNumberId: SF, caller: { mode: 'auto' } }),
  legacy('Disagreeing', AGENT_A, { fromNumberId: SF, caller: { mode: 'agent', agentId: AGENT_B } }),
  legacy('Team caller', AGENT_A, { fromNumberId: SF, caller: { mode: 'team', teamId: 'team-1' } }),
  legacy('Auto only', null, { fromNumberId: SF, caller: { mode: 'auto' } }),
  legacy('Neither', null, null),
];
const callers = (list: Array<{ name: string; defaultCaller: unknown }>) => Object.fromEntries(list.map((t) => [t.name, t.defaultCaller]));
const MIGRATED = {
  'Agent only': { fromNumberId: null, caller: { mode: 'agent', agentId: AGENT_A } },
  'Agent and auto caller': { fromNumberId: SF, caller: { mode: 'agent', agentId: AGENT_A } },
  Disagreeing: { fromNumberId: SF, caller: { mode: 'agent', agentId: AGENT_B } },
  'Team caller': { fromNumberId: SF, caller: { mode: 'team', teamId: 'team-1' } },
  'Auto only': { fromNumberId: SF, caller: { mode: 'auto' } },
  Neither: null,
};

describe('one "who calls" per template', () => {
  it('a schema-1 templates file is migrated on load: the default caller wins, "For agent" is kept only beside Automatic or nothing', async () => {
    const t = await service({ schemaVersion: 1, templates: LEGACY });
    expect(t.notice).toBeUndefined(); // nothing set aside
    expect(callers(t.list())).toEqual(MIGRATED);
    const onDisk = JSON.parse(await readFile(path.join(t.dir, 'templates.json'), 'utf8')) as {
      schemaVersion: number;
      templates: Array<Record<string, unknown>>;
    };
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.templates.some((x) => 'agentId' in x)).toBe(false);
  });

  it('imports a version 1 export the same way, and exports version 2 that imports again', async () => {
    const t = await service();
    const v1 = JSON.stringify({
      format: 'feather-launcher-templates',
      version: 1,
      exportedAt: '2026-01-01T00:00:00.000Z',
      templates: LEGACY,
    });
    expect(callers(t.importPreview(v1).templates.map((p) => p.template))).toEqual(MIGRATED);
    expect(t.importFile(v1, 'skip')).toEqual({ added: 6, replaced: 0, skipped: 0 });
    const out = t.exportFile();
    expect(JSON.parse(out.text)).toMatchObject({ format: 'feather-launcher-templates', version: 2 });
    const other = await service();
    other.importFile(out.text, 'skip');
    expect(callers(other.list())).toEqual(MIGRATED);
  });

  it('a version 1 file with a broken default caller is refused, not imported without it; a newer version says to update', async () => {
    const t = await service();
    const broken = JSON.stringify({
      format: 'feather-launcher-templates',
      version: 1,
      exportedAt: 'x',
      templates: [legacy('Broken', null, { fromNumberId: SF, caller: { mode: 'robot' } })],
    });
    expect(() => t.importPreview(broken)).toThrowError(/templates\.0\.defaultCaller/);
    const newer = JSON.stringify({ format: 'feather-launcher-templates', version: 3, exportedAt: 'x', templates: [] });
    expect(() => t.importPreview(newer)).toThrowError(/newer Feather Launcher \(format version 3\); update the app/);
  });

  it('saves a caller without a from-number; an agent or team caller needs its ID', async () => {
    const t = await service();
    const saved = t.save(
      undefined,
      draft({ name: 'For A', defaultCaller: { fromNumberId: '  ', caller: { mode: 'agent', agentId: ` ${AGENT_A} ` } } }),
    );
    expect(saved.defaultCaller).toEqual({ fromNumberId: null, caller: { mode: 'agent', agentId: AGENT_A } });
    expect(() =>
      t.save(undefined, draft({ name: 'No agent', defaultCaller: { fromNumberId: null, caller: { mode: 'agent', agentId: '' } } })),
    ).toThrowError(
      expect.objectContaining({
        appError: expect.objectContaining({ fields: { defaultCaller: 'Choose the agent who calls, or set Who calls to Automatic.' } }),
      }),
    );
  });
});

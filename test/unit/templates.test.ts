import { describe, expect, it } from 'vitest';
import { buildOutboundRequest } from '../../electron/core/calls/outbound-request';
import { checkDeclared, declaredFor, systemNotice, type DeclaredVariable } from '../../shared/templates/declared-check';
import { coerce, formatDate, renderTemplate, type RenderContext } from '../../shared/templates/render-template';
import { resolveCaller } from '../../shared/templates/resolve-caller';
import { TemplateFileSchema, TemplateSchema, type TemplateVariable } from '../../shared/templates/template';
import { callerFromLegacy, upgradeLegacyTemplate, upgradeTemplateFile } from '../../electron/core/templates/legacy-template';

const v = (patch: Partial<TemplateVariable>): TemplateVariable => ({
  id: patch.key ?? 'v',
  key: 'k',
  expression: '',
  type: 'text',
  required: false,
  defaultValue: '',
  enumValues: [],
  omitWhenEmpty: false,
  ...patch,
});
const ctx: RenderContext = {
  contact: {
    firstName: 'Zoë',
    lastName: 'Müller',
    displayName: '',
    company: 'Müller & Söhne',
    title: '',
    custom: { plan: 'pro', visits: '3', interpreter: 'yes' },
  },
  user: { name: 'Ana Ruiz' },
  now: new Date(2026, 10, 26, 9, 5),
};

describe('template rendering', () => {
  it('fills contact, custom, user and date placeholders', () => {
    const r = renderTemplate(
      {
        variables: [
          v({ key: 'patient_first_name', expression: '{{contact.firstName}}' }),
          v({ key: 'greeting', expression: 'Hello {{ contact.firstName }} {{contact.lastName}}, this is {{user.name}}' }),
          v({ key: 'plan', expression: '{{contact.custom.plan}}', type: 'enum', enumValues: ['basic', 'pro', 'enterprise'] }),
          v({ key: 'visits', expression: '{{contact.custom.visits}}', type: 'number' }),
          v({ key: 'needs_interpreter', expression: '{{contact.custom.interpreter}}', type: 'boolean' }),
          v({ key: 'appointment_date', expression: '{{today}}', type: 'date' }),
          v({ key: 'stamp', expression: '{{today:DD/MM/YYYY}} {{now:HH:mm}}' }),
        ],
      },
      ctx,
    );
    expect(r.values).toEqual({
      patient_first_name: 'Zoë',
      greeting: 'Hello Zoë Müller, this is Ana Ruiz',
      plan: 'pro',
      visits: 3,
      needs_interpreter: true,
      appointment_date: '2026-11-26',
      stamp: '26/11/2026 09:05',
    });
  });

  it('blocks on an unresolved placeholder in a required row, with the reason on that row', () => {
    const r = renderTemplate(
      {
        variables: [
          v({ key: 'a', expression: '{{contact.firstName}}' }),
          v({ id: 'b', key: 'clinic', expression: '{{contact.custom.clinic}}', required: true }),
        ],
      },
      ctx,
    );
    expect(r.values).toBeNull();
    expect(r.rows[1]).toMatchObject({
      ok: false,
      error: '{{contact.custom.clinic}} has no value for this contact, and there is no default.',
    });
    expect(r.rows[0]).toMatchObject({ ok: true });
  });

  it('uses the default when a placeholder is empty; blocks an unmarked optional row; leaves out a row marked so', () => {
    const r = renderTemplate(
      {
        variables: [
          v({ key: 'clinic', expression: '{{contact.custom.clinic}}', defaultValue: 'Downtown' }),
          v({ id: 'o', key: 'title', expression: '{{contact.title}}' }),
        ],
      },
      ctx,
    );
    expect(r.values).toBeNull(); // never "" for a placeholder: the optional row without a value blocks…
    expect(r.rows[1]).toMatchObject({
      ok: false,
      error: expect.stringMatching(/has no value for this contact\. Give the row a default, or mark it “leave out when empty”/),
    });
    const marked = renderTemplate(
      {
        variables: [
          v({ key: 'clinic', expression: '{{contact.custom.clinic}}', defaultValue: 'Downtown' }),
          v({ id: 'o', key: 'title', expression: '{{contact.title}}', omitWhenEmpty: true }),
        ],
      },
      ctx,
    );
    expect(marked.values).toEqual({ clinic: 'Downtown' }); // …unless marked: then it is left out, not sent as ""
    expect(marked.rows[1]).toMatchObject({ ok: true, omitted: true });
  });

  it('refuses unknown placeholders and never passes a literal {{…}} through', () => {
    const r = renderTemplate({ variables: [v({ key: 'x', expression: '{{contact.shoeSize}}' })] }, ctx);
    expect(r.rows[0]).toMatchObject({ ok: false, error: 'Unknown placeholder {{contact.shoeSize}}.' });
    const sneaky = renderTemplate(
      { variables: [v({ key: 'x', expression: '{{contact.custom.plan}}', defaultValue: '' })] },
      { ...ctx, contact: { ...ctx.contact!, custom: { plan: '{{user.name}}' } } },
    );
    expect(sneaky.rows[0]).toMatchObject({ ok: false, error: 'A placeholder was left in the value.' });
  });

  it('needs a contact for contact placeholders', () => {
    const r = renderTemplate(
      { variables: [v({ key: 'n', expression: '{{contact.firstName}}', required: true })] },
      { ...ctx, contact: null },
    );
    expect(r.rows[0]).toMatchObject({ ok: false, error: expect.stringMatching(/without a contact/) });
  });
});

describe('coercion', () => {
  it('turns text into the declared type or says why not', () => {
    expect(coerce(' 42 ', 'number', [])).toEqual({ ok: true, value: 42 });
    expect(coerce('1,200.5', 'number', [])).toEqual({ ok: true, value: 1200.5 });
    expect(coerce('lots', 'number', [])).toMatchObject({ ok: false });
    expect(coerce('No', 'boolean', [])).toEqual({ ok: true, value: false });
    expect(coerce('maybe', 'boolean', [])).toMatchObject({ ok: false });
    expect(coerce('2026-02-30', 'date', [])).toMatchObject({ ok: false });
    expect(coerce('2026-02-28', 'date', [])).toEqual({ ok: true, value: '2026-02-28' });
    expect(coerce('HARBOR', 'enum', ['Downtown', 'Harbor'])).toEqual({ ok: true, value: 'Harbor' });
    expect(coerce('Mars', 'enum', ['Downtown', 'Harbor'])).toMatchObject({ ok: false, error: '"Mars" is not one of Downtown, Harbor.' });
  });

  it('the POST body carries typed values and refuses leftover placeholders', () => {
    const base = {
      toNumber: '+14155550132',
      defaultCountry: 'US',
      fromNumberId: '0b6f3c1e-8d2a-4f57-b9e4-1a2c3d4e5f60',
      caller: { mode: 'agent' as const, agentId: '4fad7a5c-2b6e-4d9b-9f38-5e6a7b8c9da4' },
    };
    const built = buildOutboundRequest({
      ...base,
      contextVariables: [
        { key: 'reminder_count', value: '2', type: 'number' },
        { key: 'needs_interpreter', value: 'yes', type: 'boolean' },
      ],
    });
    expect(built.ok && built.body.context_variables).toEqual({ reminder_count: 2, needs_interpreter: true });
    const left = buildOutboundRequest({ ...base, contextVariables: [{ key: 'x', value: 'Hi {{contact.firstName}}' }] });
    expect(!left.ok && left.fields['contextVariables.0']).toMatch(/placeholder/);
  });

  it('formats dates with tokens', () => {
    expect(formatDate(new Date(2026, 0, 5, 7, 3), 'DD.MM.YYYY HH:mm')).toBe('05.01.2026 07:03');
  });
});

describe('declared variables', () => {
  const declared: DeclaredVariable[] = [
    { name: 'clinic', source: 'derived', type: 'enum', enumValues: ['Downtown'], description: null },
    { name: 'call_started_at', source: 'system', type: 'string', enumValues: [], description: null },
  ];
  it('refuses keys the agent does not declare; flags (does not refuse) system variables', () => {
    expect(checkDeclared('clinic', declared, 'Riley')).toBeNull();
    expect(checkDeclared('favourite_colour', declared, 'Riley')).toBe(
      'Riley does not declare "favourite_colour"; Feather would refuse the call (422).',
    );
    expect(checkDeclared('call_started_at', declared, 'Riley')).toBeNull();
    expect(systemNotice('call_started_at', declared)).toMatch(/system variable/);
    expect(systemNotice('clinic', declared)).toBeNull();
    expect(checkDeclared('anything', null, 'Riley')).toBeNull(); // unknown declarations: nothing to say
  });

  it("uses a pinned revision's variables where the number's binding pins one", () => {
    const known = {
      bindings: { n1: { agentRevisions: { a1: 'rev-old' } }, n2: { agentRevisions: {} } },
      variables: { a1: declared },
      revisionVariables: { 'rev-old': [declared[0]!] },
    };
    expect(declaredFor(known, 'n1', 'a1')).toEqual({ declared: [declared[0]], pinnedRevisionId: 'rev-old' });
    expect(declaredFor(known, 'n2', 'a1')).toEqual({ declared, pinnedRevisionId: null });
    expect(declaredFor(null, 'n1', 'a1').declared).toBeNull();
  });
});

describe('default caller order', () => {
  const a = { fromNumberId: 'a', caller: { mode: 'auto' as const } };
  const b = { fromNumberId: 'b', caller: { mode: 'auto' as const } };
  const c = { fromNumberId: 'c', caller: { mode: 'auto' as const } };
  it('contact, then template, then last used', () => {
    expect(resolveCaller({ contact: a, template: b, last: c })).toEqual({ caller: a, source: 'contact' });
    expect(resolveCaller({ contact: null, template: b, last: c })).toEqual({ caller: b, source: 'template' });
    expect(resolveCaller({ last: c })).toEqual({ caller: c, source: 'last used' });
    expect(resolveCaller({})).toEqual({ caller: null, source: 'none' });
  });
  it('a template that names its agent without a number: the agent from the template, the number from the last call', () => {
    const agentOnly = { fromNumberId: null, caller: { mode: 'agent' as const, agentId: 'x' } };
    expect(resolveCaller({ contact: null, template: agentOnly, last: c })).toEqual({
      caller: { fromNumberId: 'c', caller: { mode: 'agent', agentId: 'x' } },
      source: 'template',
    });
    expect(resolveCaller({ template: agentOnly })).toEqual({ caller: agentOnly, source: 'template' });
    expect(resolveCaller({ contact: a, template: agentOnly, last: c })).toEqual({ caller: a, source: 'contact' });
  });
});

describe('templates of schema 1: "For agent" and the default caller become one who calls', () => {
  const from = (mode: 'auto' | 'agent' | 'team') => ({
    fromNumberId: 'n',
    caller: mode === 'agent' ? { mode, agentId: 'b' } : mode === 'team' ? { mode, teamId: 't' } : { mode },
  });
  it('the default caller wins; the agent is kept only when the caller was Automatic or absent', () => {
    expect(callerFromLegacy('a', null)).toEqual({ fromNumberId: null, caller: { mode: 'agent', agentId: 'a' } });
    expect(callerFromLegacy('a', from('auto'))).toEqual({ fromNumberId: 'n', caller: { mode: 'agent', agentId: 'a' } });
    expect(callerFromLegacy('a', from('agent'))).toEqual(from('agent'));
    expect(callerFromLegacy('a', from('team'))).toEqual(from('team'));
    expect(callerFromLegacy(null, from('auto'))).toEqual(from('auto'));
    expect(callerFromLegacy(null, null)).toBeNull();
    expect(callerFromLegacy('  ', undefined)).toBeNull();
  });
  it('an upgraded template parses as the current schema and has no agentId left', () => {
    const old = { id: 't', name: 'T', description: '', agentId: 'a', defaultCaller: null, variables: [], createdAt: 'x', updatedAt: 'x' };
    const upgraded = upgradeLegacyTemplate(old) as Record<string, unknown>;
    expect('agentId' in upgraded).toBe(false);
    expect(TemplateSchema.parse(upgraded).defaultCaller).toEqual({ fromNumberId: null, caller: { mode: 'agent', agentId: 'a' } });
    expect(
      TemplateFileSchema.safeParse(
        upgradeTemplateFile({ format: 'feather-launcher-templates', version: 1, exportedAt: 'x', templates: [old] }),
      ).success,
    ).toBe(true);
  });
});

describe('placeholders and names that JavaScript objects treat specially', () => {
  const ctx = (custom: Record<string, string>): RenderContext => ({
    contact: { firstName: 'Ana', lastName: '', displayName: 'Ana', company: '', title: '', custom },
    user: { name: null },
    now: new Date(2026, 10, 26),
  });
  it('resolves own fields only: constructor, __proto__ and toString have no value', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf']) {
      const r = renderTemplate(
        { variables: [v({ key: 'x', expression: `{{contact.custom.${name}}}`, required: true })] },
        ctx({ plan: 'pro' }),
      );
      expect(r.rows[0], name).toMatchObject({ ok: false, error: expect.stringMatching(/has no value/) });
      const optional = renderTemplate(
        { variables: [v({ key: 'x', expression: `{{contact.custom.${name}}}`, omitWhenEmpty: true })] },
        ctx({}),
      );
      expect(optional.values, name).toEqual({});
    }
    expect(renderTemplate({ variables: [v({ key: 'x', expression: '{{contact.custom.plan}}' })] }, ctx({ plan: 'pro' })).values).toEqual({
      x: 'pro',
    });
  });

  it('refuses a variable name that is not a plain identifier on its row, never dropping it', () => {
    const base = {
      toNumber: '+14155550132',
      defaultCountry: 'US',
      fromNumberId: '0b6f3c1e-8d2a-4f57-b9e4-1a2c3d4e5f60',
      caller: { mode: 'agent' as const, agentId: '4fad7a5c-2b6e-4d9b-9f38-5e6a7b8c9da4' },
    };
    const built = buildOutboundRequest({
      ...base,
      contextVariables: [
        { key: '__proto__', value: 'x' },
        { key: 'constructor', value: 'y' },
        { key: 'plan.tier', value: 'z' },
        { key: 'ok_name', value: 'fine' },
      ],
    });
    expect(built.ok).toBe(false);
    expect(!built.ok && Object.keys(built.fields)).toEqual(['contextVariables.0', 'contextVariables.1', 'contextVariables.2']);
    expect(!built.ok && built.fields['contextVariables.0']).toMatch(/reserved name/);
    expect(!built.ok && built.fields['contextVariables.2']).toMatch(/letters, digits and _/);
  });
});

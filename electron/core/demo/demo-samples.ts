import type { ContactDraft } from '../../../shared/contacts/contact';
import type { TemplateDraft, TemplateVariable } from '../../../shared/templates/template';
import { DEMO_IDS } from './demo-ids';
import type { ContactsService } from '../contacts/contacts-service';
import type { TemplatesService } from '../templates/templates-service';

/** The tag sample contacts carry, so they can be found and removed in one click. */
export const SAMPLE_TAG = 'Sample';

const contact = (patch: Partial<ContactDraft> & Pick<ContactDraft, 'displayName' | 'phones'>): ContactDraft => ({
  firstName: '',
  lastName: '',
  company: '',
  title: '',
  emails: [],
  tags: [SAMPLE_TAG],
  notes: 'A sample contact from demo mode. Remove samples on the Dial screen when you no longer need them.',
  favorite: false,
  timeZone: null,
  doNotCall: null,
  defaultCaller: null,
  custom: {},
  ...patch,
});

const row = (id: string, key: string, expression: string, patch: Partial<TemplateVariable> = {}): TemplateVariable => ({
  id,
  key,
  expression,
  type: 'text',
  required: false,
  defaultValue: '',
  enumValues: [],
  omitWhenEmpty: false,
  ...patch,
});

/**
 * Demo mode starts with something to call: three contacts (one favourite, one do-not-call) and a
 * template for each demo agent (who calls: that agent, from a number it is bound to), all marked as
 * samples. Only on the very first start.
 */
export async function seedDemoSamples(contacts: Pick<ContactsService, 'create'>, templates: Pick<TemplatesService, 'save'>) {
  await contacts.create(
    contact({
      displayName: 'Zoë Müller',
      firstName: 'Zoë',
      lastName: 'Müller',
      favorite: true,
      custom: { clinic: 'Harbor', plan: 'pro' },
      phones: [{ label: 'mobile', raw: '+1 415 555 0177', doNotCall: false }],
    }),
  );
  await contacts.create(
    contact({
      displayName: 'Kim Lee',
      firstName: 'Kim',
      lastName: 'Lee',
      company: 'Lee & Co',
      custom: { plan: 'basic' },
      phones: [{ label: 'work', raw: '+1 415 555 0142', doNotCall: false }],
    }),
  );
  await contacts.create(
    contact({
      displayName: 'Dana Scully',
      firstName: 'Dana',
      lastName: 'Scully',
      doNotCall: { reason: 'Sample: asked not to be called.' },
      phones: [{ label: 'home', raw: '+1 202 555 0111', doNotCall: false }],
    }),
  );
  const sample = (draft: Omit<TemplateDraft, 'description'> & { about: string }): TemplateDraft => {
    const { about, ...rest } = draft;
    return { ...rest, description: `Sample — ${about}`, sample: true };
  };
  templates.save(
    undefined,
    sample({
      name: 'Sample: appointment reminder',
      about: 'Riley reminds the contact of an appointment.',
      defaultCaller: { fromNumberId: DEMO_IDS.numberSf, caller: { mode: 'agent', agentId: DEMO_IDS.agentRiley } },
      variables: [
        row('s1', 'patient_first_name', '{{contact.firstName}}', { required: true }),
        row('s2', 'clinic', '{{contact.custom.clinic}}', {
          type: 'enum',
          enumValues: ['Downtown', 'Uptown', 'Harbor'],
          defaultValue: 'Downtown',
        }),
        row('s3', 'appointment_date', '{{today}}', { type: 'date' }),
      ],
    }),
  );
  templates.save(
    undefined,
    sample({
      name: 'Sample: renewal',
      about: 'Morgan calls about a plan renewal.',
      defaultCaller: { fromNumberId: DEMO_IDS.numberSf, caller: { mode: 'agent', agentId: DEMO_IDS.agentMorgan } },
      variables: [
        row('s4', 'customer_name', '{{contact.displayName}}', { required: true }),
        row('s5', 'plan', '{{contact.custom.plan}}', { type: 'enum', enumValues: ['basic', 'pro', 'enterprise'], omitWhenEmpty: true }),
      ],
    }),
  );
  templates.save(
    undefined,
    sample({
      name: 'Sample: satisfaction survey',
      about: 'Sam runs a three-question survey.',
      defaultCaller: { fromNumberId: DEMO_IDS.numberLondon, caller: { mode: 'agent', agentId: DEMO_IDS.agentSam } },
      variables: [row('s6', 'first_name', '{{contact.firstName}}', { omitWhenEmpty: true })],
    }),
  );
}

/**
 * Demo mode's samples as core uses them: added on the very first start (`ready` settles when they
 * are in), counted for the status, removable in one click.
 */
export function demoSampleSet(
  contacts: Pick<ContactsService, 'create' | 'query' | 'remove'>,
  templates: Pick<TemplatesService, 'save' | 'list' | 'remove'>,
  addNow: boolean,
) {
  const ready = addNow
    ? seedDemoSamples(contacts, templates).catch((error: unknown) =>
        console.warn('could not add the demo samples:', error instanceof Error ? error.message : error),
      )
    : Promise.resolve();
  const contactIds = () =>
    contacts.query({ query: '', sort: 'name', favoritesOnly: false, tags: [SAMPLE_TAG], offset: 0, limit: 1000 }).rows.map((r) => r.id);
  return {
    ready,
    contactIds,
    async remove() {
      await ready;
      const ids = contactIds();
      if (ids.length) await contacts.remove(ids);
      for (const t of templates.list().filter((x) => x.sample)) templates.remove(t.id);
    },
  };
}

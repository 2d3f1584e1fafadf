import { describe, expect, it } from 'vitest';
import { fastCheckInStep, readContact, surelyContact } from '../../electron/core/contacts/contact-check';
import { ContactSchema, type Contact } from '../../shared/contacts/contact';
import { legacyContact } from '../support/contacts-fixtures';

/**
 * The start-up load checks each stored contact with a hand-written check and asks zod only about
 * the rest. The check must never let through what zod would refuse (a damaged row loaded blindly)
 * or change (zod drops unknown keys): every document it accepts, zod accepts unchanged.
 */
const phone = (n: number) => ({
  id: `p${n}`,
  label: 'mobile',
  raw: '(415) 555-0132',
  e164: '+14155550132',
  problem: null,
  extension: null,
  doNotCall: false,
});
const full: Contact = {
  ...legacyContact('c1', 'Ana Ruiz'),
  firstName: 'Ana',
  lastName: 'Ruiz',
  company: 'Clínica Norte',
  title: 'Dr',
  phones: [phone(1), { ...phone(2), e164: null, problem: 'no country', extension: '12', doNotCall: true }],
  emails: ['ana@example.com'],
  tags: ['VIP', 'Patients'],
  notes: 'Calls back on Fridays',
  custom: { plan_tier: 'gold' },
  favorite: true,
  doNotCall: { reason: 'Asked not to be called' },
  timeZone: 'Europe/Madrid',
  lastCalledAt: '2026-11-01T10:00:00.000Z',
  callCount: 3,
};

const VALUES: unknown[] = [undefined, null, 0, -1, 1.5, 2 ** 53, true, '', 'x', [], {}, ['x'], { reason: 'r' }, [1]];
const LENGTHS = [0, 1, 7, 8, 24, 40, 41, 60, 61, 100, 101, 200, 201, 500, 501, 2000, 2001, 10_000, 10_001];
const variants = (base: unknown): unknown[] => [
  ...VALUES,
  ...LENGTHS.map((n) => 'é'.repeat(n)),
  ...(Array.isArray(base)
    ? [[...base, ...base], Array.from({ length: 21 }, () => base[0] ?? 'x'), Array.from({ length: 51 }, () => 'x')]
    : []),
];

/** the document with one thing changed, one at a time: each key removed, replaced, and one key more */
function* broken(doc: Record<string, unknown>): Generator<Record<string, unknown>> {
  yield { ...doc, extra: 1 };
  yield { ...doc, ['__proto__']: 1 };
  for (const key of Object.keys(doc)) for (const value of variants(doc[key])) yield { ...doc, [key]: value };
}

function* documents(): Generator<unknown> {
  const doc = JSON.parse(JSON.stringify(full)) as Record<string, unknown>;
  yield doc;
  yield* broken(doc);
  const phones = doc.phones as Array<Record<string, unknown>>;
  for (const p of broken(phones[0]!)) yield { ...doc, phones: [p, phones[1]] };
  for (const custom of [
    { ['k'.repeat(61)]: 'v' },
    { k: 'v'.repeat(2001) },
    { k: 1 },
    JSON.parse('{"__proto__":"x"}') as object,
    { k: null },
  ])
    yield { ...doc, custom };
  for (const doNotCall of [{ reason: 'r'.repeat(501) }, { reason: 'r', also: 1 }, { reason: 1 }, {}]) yield { ...doc, doNotCall };
  yield { ...doc, defaultCaller: { fromNumberId: 'n1', caller: { mode: 'auto' } } };
  yield { ...doc, phones: Array.from({ length: 21 }, (_, i) => phone(i)) };
  yield { ...doc, phones: [{ ...phone(1), id: '' }] };
}

describe('the fast check of a stored contact', () => {
  it('checks the keys the schema has, no more and no fewer', () => {
    expect(fastCheckInStep).toBe(true);
  });

  it('never accepts what zod refuses or would change', () => {
    let accepted = 0;
    let total = 0;
    for (const doc of documents()) {
      total++;
      if (!surelyContact(doc)) continue;
      accepted++;
      const parsed = ContactSchema.safeParse(doc);
      expect(parsed.success, JSON.stringify(doc).slice(0, 300)).toBe(true);
      expect(parsed.data).toStrictEqual(doc);
    }
    expect(total).toBeGreaterThan(800);
    expect(accepted).toBeGreaterThan(20); // it does vouch for many documents, not just refuse them all
  });

  it('vouches for an ordinary stored contact, so zod is not asked at start', () => {
    expect(surelyContact(JSON.parse(JSON.stringify(full)))).toBe(true);
    expect(surelyContact(JSON.parse(JSON.stringify(legacyContact('c2', 'Bob'))))).toBe(true);
  });

  it('reads a row as a contact only when it is one, with this row’s id; zod settles what the check is unsure of', () => {
    const doc = JSON.stringify(full);
    expect(readContact('c1', doc)).toEqual(full);
    expect(readContact('other', doc)).toBeNull();
    expect(readContact('c1', doc.slice(0, -5))).toBeNull();
    expect(readContact('c1', JSON.stringify({ ...full, displayName: 42 }))).toBeNull();
    // a key more: not for the fast check, but zod accepts it and drops the key
    expect(readContact('c1', JSON.stringify({ ...full, extra: 1 }))).toEqual(full);
    const caller = { fromNumberId: 'n1', caller: { mode: 'agent' as const, agentId: 'a1' } };
    expect(readContact('c1', JSON.stringify({ ...full, defaultCaller: caller }))).toEqual({ ...full, defaultCaller: caller });
  });
});

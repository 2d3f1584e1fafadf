import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contacts/contact';
import { mergeContact, sameCalled } from '../../electron/core/contacts/import/import-plan';
import { legacyContact } from '../support/contacts-fixtures';

/** Merging two cards (an import's Merge, the duplicates panel's) never drops a name without a trace. */
const NOW = '2026-11-26T00:00:00.000Z';
const card = (id: string, fields: Partial<Contact>): Contact => ({ ...legacyContact(id), ...fields });
const phone = (e164: string) => ({ id: e164, label: 'home', raw: e164, e164, problem: null, extension: null, doNotCall: false });

describe('same name, for a shared number', () => {
  it('is the same words in any order, case or accent; a card with no name; or a name of 2+ words within the other', () => {
    expect(sameCalled('doe jane', 'doe jane')).toBe(true);
    expect(sameCalled('', 'doe jane')).toBe(true);
    expect(sameCalled('doe jane', 'doe jane work')).toBe(true); // "Jane Doe (work)"
    expect(sameCalled('john smith', 'mary smith')).toBe(false); // a family landline
    expect(sameCalled('smith', 'john smith')).toBe(false); // "Smith" may be the household
    expect(sameCalled('northwind traders', 'alice chen')).toBe(false); // a switchboard
  });
});

describe('mergeContact', () => {
  const john = card('john', { firstName: 'John', lastName: 'Smith', phones: [phone('+16175550130')], notes: 'Gate code 1234.' });

  it('keeps the other card’s name (and company, when it differs) in the notes', () => {
    const mary = card('mary', { firstName: 'Mary', lastName: 'Smith', company: 'Smith Music', phones: [phone('+16175550130')] });
    const merged = mergeContact(john, mary, NOW);
    expect(merged).toMatchObject({ id: 'john', firstName: 'John', lastName: 'Smith', company: 'Smith Music' });
    expect(merged.notes).toBe('Gate code 1234.\nAlso on this card: Mary Smith');
    const northwind = card('nw', { company: 'Northwind Traders', phones: [phone('+13125550100')] });
    const alice = card('alice', { firstName: 'Alice', lastName: 'Chen', company: 'Contoso', phones: [phone('+13125550100')] });
    expect(mergeContact(northwind, alice, NOW).notes).toBe('Also on this card: Alice Chen (Contoso)');
    // merged again (a second import of the same file): not written twice
    expect(mergeContact(merged, mary, NOW).notes).toBe(merged.notes);
  });

  it('adds nothing when the names agree or the target had none (it takes the other’s)', () => {
    const again = card('j2', { displayName: 'Smith, John', phones: [phone('+16175550131')] });
    expect(mergeContact(john, again, NOW).notes).toBe('Gate code 1234.');
    const unnamed = card('u', { phones: [phone('+16175550130')] });
    const named = mergeContact(unnamed, john, NOW);
    expect(named).toMatchObject({ firstName: 'John', lastName: 'Smith', notes: 'Gate code 1234.' });
  });

  it('never makes notes longer than a card holds', () => {
    const full = card('full', { displayName: 'Ann Lee', notes: 'x'.repeat(10_000) });
    expect(mergeContact(full, card('b', { displayName: 'Bo Park' }), NOW).notes).toHaveLength(10_000);
  });
});

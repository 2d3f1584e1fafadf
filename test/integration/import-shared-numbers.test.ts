import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyDraft, nameOf } from '../../shared/contacts/contact-helpers';
import type { ImportStatus } from '../../shared/contacts/contacts-contract';
import { importCore } from '../support/import-core';

/**
 * A number shared by differently named cards (an iPhone export with a family landline on John's
 * and Mary's cards, an office switchboard on the company card and two of its people) is a
 * possible duplicate the user decides on — Merge or Keep both — never an automatic merge that
 * drops a name. The same card exported twice (same number, same name) still merges on its own.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const FILE = 'iphone-shared-numbers.vcf';
const text = readFileSync(new URL(`../fixtures/contacts/${FILE}`, import.meta.url), 'utf8');
type Core = Awaited<ReturnType<typeof importCore>>['core'];

/** What the preview's duplicates list says, row by row, as the window shows it. */
const shown = (status: ImportStatus) =>
  status.possibleDuplicates.map((d) => `Row ${d.row}: ${d.name} — possible duplicate of ${d.duplicateOf.name} (${d.reason})`);

function book(core: Core) {
  const rows = core.contacts.query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 50 }).rows;
  return rows.map((r) => core.contacts.get(r.id));
}

describe('a number shared under different names', () => {
  it('within the file: each shows as a possible duplicate with both names; Merge keeps the other name, Keep both keeps two contacts', async () => {
    const { core } = await importCore('import-shared', cleanups);
    const { jobId } = await core.handlers.contacts.importPreview({ fileName: FILE, text, country: 'US' });
    const preview = await core.contacts.imports.settle(jobId);
    expect(preview.phase).toBe('ready');
    expect(shown(preview)).toEqual([
      'Row 2: Mary Smith — possible duplicate of John Smith (same number)',
      'Row 4: Alice Chen — possible duplicate of Northwind Traders (same number)',
      'Row 5: Bob Okafor — possible duplicate of Northwind Traders (same number)',
    ]);
    // the same card twice (the second "Doe, Jane", with an email) merges as before
    expect(preview.counts).toMatchObject({ new: 6, merge: 1, skip: 0, possibleDuplicates: 3 });
    expect(preview.rows.find((r) => r.row === 7)).toMatchObject({ kind: 'merge', mergeInto: 'Jane Doe' });

    // Merge Mary into John's card; keep the switchboard's people apart (the default)
    core.handlers.contacts.importCommit({ jobId, duplicates: { all: 'keep', rows: [{ row: 2, choice: 'merge' }] } });
    expect(await core.contacts.imports.settle(jobId)).toMatchObject({ phase: 'done', result: { added: 5, merged: 2, skipped: 0 } });

    const contacts = book(core);
    expect(contacts.map(nameOf).sort()).toEqual(['Alice Chen', 'Bob Okafor', 'Jane Doe', 'John Smith', 'Northwind Traders']);
    const john = contacts.find((c) => c.firstName === 'John')!;
    expect(john.phones.map((p) => p.e164)).toEqual(['+16175550130', '+16175550131', '+16175550132']);
    expect(john.notes).toContain('Also on this card: Mary Smith'); // her name is not lost
    expect(john.notes).toContain('Piano lessons on Tuesdays.');
    for (const name of ['Alice', 'Bob']) expect(contacts.find((c) => c.firstName === name)!.phones[0]!.e164).toBe('+13125550100');
    expect(contacts.find((c) => c.company === 'Northwind Traders' && !c.firstName)!.phones.map((p) => p.e164)).toEqual(['+13125550100']);
    const jane = contacts.find((c) => c.firstName === 'Jane')!;
    expect(jane.emails).toEqual(['jane.doe@example.org']);
    expect(jane.notes).toBe(''); // the same name: nothing to keep
  });

  it('against the address book: another name is a possible duplicate (kept apart by default), the same name merges', async () => {
    const { core } = await importCore('import-shared-existing', cleanups);
    const mary = await core.contacts.create({
      ...emptyDraft(),
      firstName: 'Mary',
      lastName: 'Smith',
      phones: [{ label: 'home', raw: '617-555-0130', doNotCall: false }],
    });
    const { jobId } = await core.handlers.contacts.importPreview({ fileName: FILE, text, country: 'US' });
    const preview = await core.contacts.imports.settle(jobId);
    expect(shown(preview)[0]).toBe('Row 1: John Smith — possible duplicate of Mary Smith (same number)');
    expect(preview.possibleDuplicates[0]!.duplicateOf.id).toBe(mary.id);
    expect(preview.rows.find((r) => r.row === 2)).toMatchObject({ kind: 'merge', mergeInto: 'Mary Smith' });

    core.handlers.contacts.importCommit({ jobId }); // Keep both, the default
    await core.contacts.imports.settle(jobId);
    const smiths = book(core).filter((c) => c.lastName === 'Smith');
    expect(smiths.map(nameOf).sort()).toEqual(['John Smith', 'Mary Smith']);
    for (const c of smiths) expect(c.phones.map((p) => p.e164)).toContain('+16175550130');
    expect(smiths.find((c) => c.firstName === 'Mary')!.notes).not.toContain('Also on this card');
  });
});

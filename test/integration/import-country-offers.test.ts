import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportStatus } from '../../shared/contacts/contacts-contract';
import { importCore } from '../support/import-core';

/**
 * The one-click country offers ("Import these as United Kingdom (+44)") on a Google Contacts export
 * imported under the US default, as the import dialog sends it (the file's path): North American
 * numbers that are not valid US numbers (a placeholder, an unassigned toll-free, an exchange that
 * does not exist) are flagged with no offer — never Italy, Mexico or India — while a UK mobile and
 * a London fax are offered as British, the UK's national format being how they are written.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

const FILE = 'google-nanp-uk-under-us.csv';
const path = fileURLToPath(new URL(`../fixtures/contacts/${FILE}`, import.meta.url));
const NOT_US = 'Not a valid United States number. For another country, start with + and its country code.';

/** The preview's notes for the row holding `raw`, as the table shows them. */
const warningsOf = (status: ImportStatus, raw: string) => status.rows.flatMap((r) => r.warnings).filter((w) => w.includes(raw));

describe('country offers on a Google CSV under the US default', () => {
  it('offers the UK for the UK mobile and the London fax, and nothing for North American numbers that are not valid', async () => {
    const { core } = await importCore('import-offers', cleanups);
    const { jobId } = await core.handlers.contacts.importPreview({ fileName: FILE, path, country: 'US' });
    const preview = await core.contacts.imports.settle(jobId);
    expect(preview).toMatchObject({ phase: 'ready', format: 'google', country: 'US' });

    // the summary offers exactly one country: the UK, for its two numbers
    expect(preview.countrySummary.map((g) => [g.country, g.count])).toEqual([['GB', 2]]);
    expect(preview.countrySummary[0]!.message).toBe(
      '2 numbers look like UK numbers (valid as +44, not as United States numbers) — import them as +44?',
    );
    expect(warningsOf(preview, '07911 123456')).toEqual([
      'mobile 07911 123456: Not a valid United States number. It looks like a UK number: +44 7911 123456.',
    ]);
    expect(warningsOf(preview, '020 7946 0958')).toEqual([
      'fax 020 7946 0958: Not a valid United States number. It looks like a UK number: +44 20 7946 0958.',
    ]);
    // North American-style numbers: flagged for the user to fix, no country offered
    for (const raw of ['555-555-1111', '(800) 000-0000', '905-111-1234']) {
      const [warning, ...more] = warningsOf(preview, raw);
      expect(more).toEqual([]);
      expect(warning).toMatch(new RegExp(`: ${NOT_US.replace(/[.()+]/g, '\\$&')}$`));
    }
    expect(JSON.stringify(preview)).not.toMatch(/Italian|Mexican|Indian|\+39|\+52|\+91/);

    // "Import these as United Kingdom (+44)": the two UK numbers are read as British; nothing else moves
    const fixed = await core.handlers.contacts.importReplan({ jobId, reinterpret: ['GB'] });
    const after = await core.contacts.imports.settle(fixed.jobId);
    expect(after.countrySummary[0]).toMatchObject({ country: 'GB', applied: 'as', count: 2 });
    expect(after.countrySummary[0]!.numbers.map((n) => n.e164).sort()).toEqual(['+442079460958', '+447911123456']);
    core.handlers.contacts.importCommit({ jobId: fixed.jobId });
    expect(await core.contacts.imports.settle(fixed.jobId)).toMatchObject({ phase: 'done', result: { added: 6, merged: 0 } });

    const saved = (name: string) => {
      const row = core.contacts.query({ query: name, sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 5 }).rows[0]!;
      return core.contacts.get(row.id).phones.map((p) => [p.raw, p.e164]);
    };
    expect(saved('Harriet Shaw')).toEqual([
      ['+44 7911 123456', '+447911123456'],
      ['+44 20 7946 0958', '+442079460958'],
    ]);
    expect(saved('Sample Customer')).toEqual([['555-555-1111', null]]);
    expect(saved('Bayside')).toEqual([
      ['(800) 000-0000', null],
      ['(415) 555-0132', '+14155550132'],
    ]);
    expect(saved('Liam Tremblay')).toEqual([['905-111-1234', null]]);
    expect(saved('Olivia Parker')).toEqual([
      ['(212) 555-0143', '+12125550143'],
      ['1-212-555-0178', '+12125550178'],
    ]);
  });
});

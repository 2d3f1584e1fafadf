import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from '../../electron/core/contacts/import/csv-import';
import { ImportPlanner, indexExisting } from '../../electron/core/contacts/import/import-plan';
import { emptyRecord, type ImportRecord } from '../../electron/core/contacts/import/import-record';

/**
 * Which country a flagged number is offered as ("It looks like a UK number", "Import these as
 * United Kingdom (+44)"): only one where it is valid and that is plausible for the file — the
 * way it is written, or what the file's other numbers say — and never, for a number written the
 * North American way, a country outside North America. Otherwise none: the row stays flagged.
 */
let n = 0;
const newId = () => `id-${++n}`;
const person = (row: number, name: string, ...numbers: string[]): ImportRecord => ({
  ...emptyRecord(row),
  displayName: name,
  phones: numbers.map((raw) => ({ label: 'mobile', raw })),
});

function plan(records: ImportRecord[], country: string) {
  const planner = new ImportPlanner(records, indexExisting([]), country, newId, '2026-11-26T00:00:00.000Z');
  planner.step(records.length);
  const phones = new Map(planner.rows.flatMap((r) => r.contact.phones.map((p) => [p.raw, p] as const)));
  return {
    summary: planner.countrySummary,
    problem: (raw: string) => phones.get(raw)?.problem,
    e164: (raw: string) => phones.get(raw)?.e164,
  };
}

const NOT_US = 'Not a valid United States number. For another country, start with + and its country code.';

describe('the real Google export (test/fixtures/contacts/google-nanp-uk-under-us.csv) under the US default', () => {
  const parsed = parseCsv(readFileSync(new URL('../fixtures/contacts/google-nanp-uk-under-us.csv', import.meta.url), 'utf8'));
  const { summary, problem } = plan(csvRecords(parsed, parsed.mapping), 'US');

  it('offers the UK, not India, for a UK mobile and a London fax', () => {
    expect(problem('07911 123456')).toBe('Not a valid United States number. It looks like a UK number: +44 7911 123456.');
    expect(problem('020 7946 0958')).toBe('Not a valid United States number. It looks like a UK number: +44 20 7946 0958.');
    expect(summary.map((g) => g.country)).toEqual(['GB']);
  });

  it('offers nothing for North American numbers that are not valid: not Italy, Mexico or India', () => {
    for (const raw of ['555-555-1111', '(800) 000-0000', '905-111-1234']) expect(problem(raw)).toBe(NOT_US);
  });
});

describe('plausible for the file', () => {
  /** A US file with many Indian mobiles: India is what the file points to. */
  const indian = ['98765 43210', '99887 76655', '97654 32109', '+91 80 2917 7486'].map((raw, i) => person(i + 10, `In${i}`, raw));

  it('a number written the North American way is never offered as another region’s, even where the file points there', () => {
    const written = ['555-555-1111', '555.555.1111', '(800) 000-0000', '1-800-000-0000', '1 (905) 111-1234', '905 111 1234'];
    const { problem, summary } = plan([...written.map((raw, i) => person(i + 2, `N${i}`, raw)), ...indian], 'US');
    for (const raw of written) expect(problem(raw)).toBe(NOT_US);
    expect(summary).toEqual([expect.objectContaining({ country: 'IN', count: 3 })]);
  });

  it('a valid US number written the North American way is never held as maybe Indian, however Indian the file looks', () => {
    // +91 212 555 0130 is a valid Indian number too, grouped the same after its first digits
    const { e164, problem, summary } = plan([person(2, 'Ishita', '(212) 555-0130'), ...indian], 'US');
    expect(problem('(212) 555-0130')).toBeNull();
    expect(e164('(212) 555-0130')).toBe('+12125550130');
    expect(summary).toEqual([expect.objectContaining({ country: 'IN', ambiguous: 0 })]);
  });

  it('a UK mobile in an Indian-looking file is still offered as British: written the UK’s way, not India’s', () => {
    const { problem } = plan([person(2, 'Harriet', '07911 123456'), ...indian], 'US');
    expect(problem('07911 123456')).toMatch(/looks like a UK number: \+44 7911 123456\.$/);
  });

  it('…also in a large Indian file, where India is tried first for every number', () => {
    const many = Array.from({ length: 80 }, (_, i) =>
      person(
        i + 100,
        `M${i}`,
        `98${String(765_000 + i * 37)
          .padStart(6, '0')
          .slice(0, 3)} ${String(43_210 + i * 11).slice(-5)}`,
      ),
    );
    const { problem, summary } = plan([...many, person(200, 'Harriet', '07911 123456'), person(201, 'Sample', '555-555-1111')], 'US');
    expect(problem('07911 123456')).toMatch(/looks like a UK number: \+44 7911 123456\.$/);
    expect(problem('555-555-1111')).toBe(NOT_US);
    expect(summary.map((g) => [g.country, g.count])).toEqual([
      ['IN', 80],
      ['GB', 1],
    ]);
  });

  it('digits in one run are offered only where the file’s other numbers point', () => {
    expect(plan([person(2, 'A', '9876543210')], 'US').problem('9876543210')).toBe(NOT_US);
    expect(plan([person(2, 'A', '9876543210'), ...indian], 'US').problem('9876543210')).toMatch(
      /looks like an Indian number: \+91 98765 43210\.$/,
    );
  });

  it('North America stays on offer for North American numbers in another country’s file', () => {
    const { problem } = plan([person(2, 'Sam', '(415) 555-0132'), person(3, 'Pat', '1-905-555-1234')], 'GB');
    expect(problem('(415) 555-0132')).toMatch(/looks like a US number: \+1 415 555 0132\.$/);
    expect(problem('1-905-555-1234')).toMatch(/looks like a Canadian number: \+1 905 555 1234\.$/);
  });
});

import { legacyContact } from '../support/contacts-fixtures';
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../shared/contacts/contact';
import { ImportPlanner, indexExisting, personKey, type PlanOptions } from '../../electron/core/contacts/import/import-plan';
import { emptyRecord, type ImportRecord } from '../../electron/core/contacts/import/import-record';
import { parsePhone } from '../../shared/phone';

let n = 0;
const newId = () => `id-${++n}`;
const person = (row: number, name: string, ...numbers: string[]): ImportRecord => ({
  ...emptyRecord(row),
  displayName: name,
  phones: numbers.map((raw) => ({ label: 'mobile', raw })),
});

function plan(records: ImportRecord[], country: string, options: PlanOptions = {}, existing: Contact[] = []) {
  const planner = new ImportPlanner(records, indexExisting(existing), country, newId, '2026-11-26T00:00:00.000Z', options);
  planner.step(records.length);
  expect(planner.done).toBe(true);
  const phones = new Map(planner.rows.flatMap((r) => r.contact.phones.map((p) => [`${r.row}`, p] as const)));
  return { rows: planner.rows, summary: planner.countrySummary, phone: (row: number) => phones.get(`${row}`)! };
}

describe('a national number is accepted only where libphonenumber (full metadata) says it is valid', () => {
  it('GB: a number without its leading 0 is not a UK number, and never becomes a premium-rate one', () => {
    const { phone } = plan(
      [person(2, 'Ann', '905-555-1234'), person(3, 'Bo', '09055 551234'), person(4, 'Cy', '020 7946 0958'), person(5, 'Di', '7911 123456')],
      'GB',
    );
    expect(phone(2).e164).toBeNull();
    expect(phone(2).problem).toMatch(/United Kingdom numbers written without a country code start with 0/);
    expect(phone(2).problem).toMatch(/looks like a Canadian number: \+1 905 555 1234/);
    expect(phone(3).e164).toBe('+449055551234'); // written with its 0: the premium-rate number it says it is
    expect(phone(4).e164).toBe('+442079460958');
    expect(phone(5)).toMatchObject({ e164: null, problem: expect.stringMatching(/start with 0/) });
  });

  it('everywhere (Dial, the editor, imports) a UK national number needs its 0: 905-555-1234 is not a premium-rate +44 9…', () => {
    expect(parsePhone('905-555-1234', 'GB')).toMatchObject({ ok: false, problem: 'no_national_prefix' });
    expect(parsePhone('905-555-1234', 'GB', { suggestCountry: true })).toMatchObject({ ok: false, suggestion: { country: 'CA' } });
    expect(parsePhone('0905 555 1234', 'GB')).toMatchObject({ ok: true, e164: '+449055551234' });
    expect(parsePhone('905-555-1234', 'GB', { requireNationalPrefix: true })).toMatchObject({ ok: false, problem: 'no_national_prefix' });
    // India writes its trunk 0 optionally, the US its 1: neither is required
    expect(parsePhone('98765 43210', 'IN', { requireNationalPrefix: true })).toMatchObject({ ok: true, e164: '+919876543210' });
    expect(parsePhone('(415) 555-0132', 'US', { requireNationalPrefix: true })).toMatchObject({ ok: true, e164: '+14155550132' });
  });

  it('US: Indian 10-digit mobiles are not US numbers (no area code 987) and say where they look from', () => {
    const { phone, summary } = plan([person(2, 'Ravi', '98765 43210')], 'US');
    expect(phone(2)).toMatchObject({
      e164: null,
      problem: 'Not a valid United States number. It looks like an Indian number: +91 98765 43210.',
    });
    expect(summary).toEqual([
      expect.objectContaining({ country: 'IN', callingCode: '+91', count: 1, invalidHere: 1, ambiguous: 0, applied: 'none' }),
    ]);
    expect(summary[0]!.message).toBe('1 number looks Indian (valid as +91, not as United States numbers) — import it as +91?');
  });

  it('GB: a US number is flagged as looking like a US number', () => {
    const { phone } = plan([person(2, 'Sam', '(415) 555-0132')], 'GB');
    expect(phone(2)).toMatchObject({
      e164: null,
      problem: 'Not a valid United Kingdom number. It looks like a US number: +1 415 555 0132.',
    });
  });

  it('numbers written with + or 00 keep their own country, whatever the import country or fix', () => {
    for (const options of [{}, { reinterpret: ['US', 'IN'] }]) {
      const { phone } = plan(
        [person(2, 'A', '+44 20 7946 0958'), person(3, 'B', '0044 20 7946 0958'), person(4, 'C', '+91 98765 43210')],
        'US',
        options,
      );
      expect(phone(2).e164).toBe('+442079460958');
      expect(phone(3).e164).toBe('+442079460958');
      expect(phone(4)).toMatchObject({ e164: '+919876543210', raw: '+91 98765 43210' });
    }
  });

  it('prefers the country the file itself uses when several would make a number valid', () => {
    // 4155550132 is valid in the US and in Mexico, and written in one run its style says nothing:
    // alone, nothing in the file makes either plausible, so nothing is offered (the row stays flagged)
    const alone = plan([person(2, 'X', '4155550132')], 'GB');
    expect(alone.phone(2).problem).toBe('Not a valid United Kingdom number. For another country, start with + and its country code.');
    expect(alone.summary).toEqual([]);
    const american = plan([person(2, 'X', '4155550132'), person(3, 'U1', '+1 212 555 0100')], 'GB');
    expect(american.phone(2).problem).toMatch(/looks like a US number: \+1 415 555 0132/);
    const mexican = plan([person(2, 'X', '4155550132'), person(3, 'M1', '+52 55 1234 5678'), person(4, 'M2', '+52 33 1234 5678')], 'GB');
    expect(mexican.phone(2).problem).toMatch(/looks like a Mexican number: \+52 415 555 0132/);
  });
});

/** A Google export under the US default, mostly Indian: some numbers valid only in India, some in both, one written the US way. */
const indianFile = () => [
  person(2, 'Asha', '98765 43210'), // not US (no area code 987)
  person(3, 'Bala', '99887 76655'), // not US
  person(4, 'Chitra', '98450 12345'), // US area code 984 too: ambiguous
  person(5, 'Dev', '70123 45678'), // US area code 701 too: ambiguous
  person(6, 'Esha', '(415) 555-0132'), // written the American way: stays American
  person(7, 'Farid', '+44 20 7946 0958'),
  person(8, 'Gita', '97654 32109'), // not US
];

describe('file-level summary and the one-click fix', () => {
  it('counts the Indian-looking numbers, holds back the ambiguous ones, and leaves the rest alone', () => {
    const { phone, summary } = plan(indianFile(), 'US');
    expect(summary).toHaveLength(1);
    expect(summary[0]).toMatchObject({ country: 'IN', count: 5, invalidHere: 3, ambiguous: 2, applied: 'none' });
    expect(summary[0]!.message).toBe(
      '5 numbers look Indian: 3 are valid as +91 and not as United States numbers, 2 are valid as both and cannot be called until you choose — import them as +91?',
    );
    expect(summary[0]!.numbers.map((x) => x.row).sort()).toEqual([2, 3, 4, 5, 8]);
    for (const row of [2, 3, 8])
      expect(phone(row)).toMatchObject({ e164: null, problem: expect.stringMatching(/looks like an Indian number/) });
    expect(phone(4)).toMatchObject({
      e164: null,
      problem: expect.stringMatching(/^Valid both as a US number \(\+1 984 501 2345\) and as an Indian number \(\+91 98450 12345\)/),
    });
    expect(phone(6).e164).toBe('+14155550132');
    expect(phone(7).e164).toBe('+442079460958');
  });

  it('"Import these as India (+91)" re-plans exactly the flagged and ambiguous ones, and lists every one', () => {
    const before = plan(indianFile(), 'US');
    const after = plan(indianFile(), 'US', { reinterpret: ['IN'] });
    const moved = { 2: '+919876543210', 3: '+919988776655', 4: '+919845012345', 5: '+917012345678', 8: '+919765432109' } as Record<
      number,
      string
    >;
    for (const row of [2, 3, 4, 5, 6, 7, 8]) {
      if (moved[row]) expect(after.phone(row)).toMatchObject({ e164: moved[row], problem: null, raw: expect.stringMatching(/^\+91 /) });
      else expect(after.phone(row)).toEqual({ ...before.phone(row), id: after.phone(row).id });
    }
    expect(after.summary[0]).toMatchObject({ country: 'IN', count: 5, applied: 'as' });
    expect(after.summary[0]!.message).toBe('5 numbers are read as Indian numbers (+91), not as United States numbers, as you chose.');
    expect(Object.fromEntries(after.summary[0]!.numbers.map((x) => [x.row, x.e164]))).toEqual(moved);
  });

  it('"keep as United States" settles only the ambiguous ones', () => {
    const { phone, summary } = plan(indianFile(), 'US', { keepHome: ['IN'] });
    expect(phone(4).e164).toBe('+19845012345');
    expect(phone(5).e164).toBe('+17012345678');
    expect(phone(2).e164).toBeNull();
    expect(summary[0]).toMatchObject({ applied: 'home', invalidHere: 3, ambiguous: 2 });
    expect(summary[0]!.message).toMatch(/2 numbers valid as both are kept as United States numbers, as you chose\.$/);
  });

  it('a stray foreign number in a US file is offered, but does not make US numbers ambiguous', () => {
    const us = [
      '(212) 555-0100',
      '(415) 555-0101',
      '984-501-2345',
      '(701) 234-5678',
      '(312) 555-0102',
      '(617) 555-0103',
      '(206) 555-0104',
      '(305) 555-0105',
      '(702) 555-0106',
      '(404) 555-0107',
      '(503) 555-0108',
      '9845012345',
    ];
    const records = [...us.map((raw, i) => person(i + 2, `P${i}`, raw)), person(40, 'Ravi', '98765 43210')];
    const { phone, summary } = plan(records, 'US');
    expect(summary).toEqual([expect.objectContaining({ country: 'IN', count: 1, invalidHere: 1, ambiguous: 0 })]);
    for (let i = 0; i < us.length; i++) expect(phone(i + 2).e164).toMatch(/^\+1/);
  });

  it('numbers read as another country than the app default are kept with their country code, so an edit reads them the same', () => {
    const { phone } = plan([person(2, 'A', '020 7946 0958 ext. 12')], 'GB', { appCountry: 'US' });
    expect(phone(2)).toMatchObject({ e164: '+442079460958', raw: '+44 20 7946 0958 ext. 12', extension: '12' });
    expect(plan([person(2, 'A', '020 7946 0958')], 'GB', { appCountry: 'GB' }).phone(2).raw).toBe('020 7946 0958');
  });
});

describe('possible duplicates', () => {
  const existing: Contact = {
    ...legacyContact('jane'),
    firstName: 'Jane',
    lastName: 'Doe',
    company: 'Acme Ltd',
    phones: [{ id: 'p', label: 'work', raw: '(415) 555-0100', e164: '+14155550100', problem: null, extension: null, doNotCall: false }],
    emails: ['jane@acme.example'],
  };

  it('one name whatever the order, case, accents and commas', () => {
    expect(personKey({ displayName: 'Smith, John', firstName: '', lastName: '', company: '' })).toEqual(
      personKey({ displayName: '', firstName: 'john', lastName: 'SMITH', company: '' }),
    );
    expect(personKey({ displayName: 'Zoë Müller', firstName: '', lastName: '', company: 'Acme' })!.key).toBe('muller zoe|acme');
    expect(personKey({ displayName: '', firstName: '', lastName: '', company: 'Acme' })).toBeNull();
  });

  it('marks rows with the same name + company or email as an existing contact or an earlier row; numbers still merge', () => {
    const rows = [
      { ...person(2, 'Doe, Jane', '(212) 555-0199'), company: 'ACME  ltd' },
      { ...person(3, 'J. Doe'), emails: ['Jane@Acme.example'] },
      { ...person(4, 'Jane Doe', '(212) 555-0198'), company: 'Other Inc' },
      { ...person(5, 'Kim Lee', '(212) 555-0197') },
      { ...person(6, 'lee kim', '(212) 555-0196') },
      { ...person(7, 'Jane Doe (work)', '(415) 555-0100') },
    ];
    const planned = plan(rows, 'US', {}, [existing]).rows;
    const byRow = new Map(planned.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({
      kind: 'new',
      possibleDuplicate: { id: 'jane', name: 'Jane Doe', reason: 'same name and company' },
    });
    expect(byRow.get(3)).toMatchObject({ kind: 'new', possibleDuplicate: { id: 'jane', reason: 'same email' } });
    expect(byRow.get(4)!.possibleDuplicate).toBeUndefined(); // another company: another person
    expect(byRow.get(5)!.possibleDuplicate).toBeUndefined();
    expect(byRow.get(6)).toMatchObject({
      kind: 'new',
      possibleDuplicate: { id: byRow.get(5)!.contact.id, name: 'Kim Lee', reason: 'same name' },
    });
    expect(byRow.get(7)).toMatchObject({ kind: 'merge', mergeInto: { id: 'jane' } });
    expect(byRow.get(7)!.possibleDuplicate).toBeUndefined();
  });
});

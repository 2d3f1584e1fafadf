import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { csvRecords, parseCsv } from '../../electron/core/contacts/import/csv-import';
import { ImportPlanner, indexExisting } from '../../electron/core/contacts/import/import-plan';
import type { ImportRecord } from '../../electron/core/contacts/import/import-record';
import { parseVcards } from '../../electron/core/contacts/import/vcard-import';
import { splitExtension, toPhoneEntry } from '../../electron/core/contacts/phone-entry';
import type { Contact } from '../../shared/contacts/contact';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/contacts/${name}`, import.meta.url), 'utf8');
let n = 0;
const newId = () => `id-${++n}`;
const plan = (records: ImportRecord[], existing: Contact[] = [], country = 'US') => {
  const planner = new ImportPlanner(records, indexExisting(existing), country, newId, '2026-11-26T00:00:00.000Z');
  planner.step(records.length);
  return planner.rows;
};

describe('contact phone numbers', () => {
  it('keeps extensions apart', () => {
    expect(splitExtension('212-555-0100 ext. 42')).toEqual({ number: '212-555-0100', extension: '42' });
    expect(splitExtension('+1 212 555 0100 x7')).toEqual({ number: '+1 212 555 0100', extension: '7' });
    expect(splitExtension('+1 212 555 0100')).toEqual({ number: '+1 212 555 0100', extension: null });
    const entry = toPhoneEntry({ id: 'p', label: 'Work', raw: '212-555-0100 ext. 42' }, 'US');
    expect(entry).toMatchObject({ e164: '+12125550100', extension: '42', label: 'work', problem: null, raw: '212-555-0100 ext. 42' });
  });

  it('flags a national number that is invalid for the default country instead of fixing it', () => {
    const entry = toPhoneEntry({ id: 'p', label: 'home', raw: '020 7946 0958' }, 'US');
    expect(entry.e164).toBeNull();
    expect(entry.problem).toMatch(/United States/);
    expect(toPhoneEntry({ id: 'p', label: 'home', raw: '020 7946 0958' }, 'GB').e164).toBe('+442079460958');
  });

  it('reports spreadsheet damage and does not convert it', () => {
    const entry = toPhoneEntry({ id: 'p', label: 'home', raw: '1.41555E+10' }, 'US');
    expect(entry.e164).toBeNull();
    expect(entry.problem).toMatch(/scientific notation/);
  });
});

describe('Google Contacts CSV', () => {
  const parsed = parseCsv(fixture('google.csv'));
  const records = csvRecords(parsed, parsed.mapping);

  it('is recognised by its headers, BOM and all', () => {
    expect(parsed.format).toBe('google');
    expect(parsed.headers[0]).toBe('First Name');
  });

  it('reads accents, CJK, multi-line notes, labels, several numbers per cell', () => {
    const jose = records.find((r) => r.firstName === 'José')!;
    expect(jose).toMatchObject({
      lastName: 'Álvarez',
      company: 'Clínica Norte',
      title: 'Recepción',
      tags: ['Patients'],
      emails: ['jose@clinicanorte.example'],
    });
    expect(jose.notes).toBe('Prefers mornings.\nSpeaks Spanish.');
    expect(jose.phones).toEqual([
      { label: 'mobile', raw: '+34 612 345 678', doNotCall: false },
      { label: 'work', raw: '0034 91 123 45 67', doNotCall: false },
    ]);
    expect(records.find((r) => r.firstName === '王')).toMatchObject({ lastName: '小明', company: '北京医院' });
    const aisha = records.find((r) => r.firstName === 'Aisha')!;
    expect(aisha.phones.map((p) => p.raw)).toEqual(['(415) 555-0132', '415.555.0199', '1.41555E+10']);
    expect(records.find((r) => r.firstName === 'Zoë')!.favorite).toBe(true);
  });

  it('plans: new, merged duplicates, skipped rows with row numbers and reasons, flagged numbers', () => {
    const rows = plan(records);
    const byRow = new Map(rows.map((r) => [r.row, r]));
    expect(byRow.get(2)).toMatchObject({ kind: 'new', name: 'José Álvarez' });
    expect(byRow.get(2)!.contact.phones.map((p) => p.e164)).toEqual(['+34612345678', '+34911234567']); // 00 keeps its country
    expect(byRow.get(5)!.kind).toBe('new');
    expect(byRow.get(5)!.warnings.join()).toMatch(/1\.41555E\+10: .*scientific notation/);
    expect(byRow.get(6)!.contact.phones[0]).toMatchObject({ e164: '+12125550100', extension: '42' });
    expect(byRow.get(7)).toMatchObject({ kind: 'skip', reason: 'No name and no phone number.' });
    // Ana shares (415) 555-0132 with Aisha from row 5 under another name: a possible duplicate, never merged on its own
    expect(byRow.get(8)).toMatchObject({ kind: 'new', possibleDuplicate: { name: 'Aisha Khan', reason: 'same number' } });
    expect(byRow.get(9)!.warnings.join()).toMatch(/Too short/);
  });

  it('merges into an existing contact that has the same number', () => {
    const existing = plan(records.filter((r) => r.firstName === 'Tom')).map((r) => r.contact);
    const rows = plan(records, existing);
    expect(rows.find((r) => r.row === 6)).toMatchObject({ kind: 'merge', mergeInto: { id: existing[0]!.id } });
  });
});

describe('Outlook CSV', () => {
  const parsed = parseCsv(fixture('outlook.csv'));
  const records = csvRecords(parsed, parsed.mapping);

  it('is recognised with ; separators and quoted quotes', () => {
    expect(parsed.format).toBe('outlook');
    expect(parsed.delimiter).toBe(';');
    expect(records.find((r) => r.firstName === 'Ingrid')!.notes).toBe('Allergic to "penicillin"; call after 5pm');
  });

  it('labels Outlook phone columns and reads Categories as tags', () => {
    const soren = records.find((r) => r.firstName === 'Søren')!;
    expect(soren).toMatchObject({ company: 'Nørrebro Apotek', title: 'Farmaceut', tags: ['Suppliers'] });
    expect(soren.phones).toEqual([
      { label: 'work', raw: '+45 32 12 34 56', doNotCall: false },
      { label: 'mobile', raw: '+45 20 12 34 56', doNotCall: false },
    ]);
  });

  it('national numbers follow the default country; other countries are flagged, not moved', () => {
    const rows = plan(records, [], 'GB');
    const priya = rows.find((r) => r.name === 'Priya Patel')!;
    expect(priya.contact.phones.map((p) => p.e164)).toEqual(['+442079460958', '+447911123456']);
    const charles = rows.find((r) => r.name === 'Charles de Gaulle')!;
    expect(charles.contact.phones[0]!.e164).toBeNull(); // a French national number while the default is GB
    expect(charles.warnings[0]).toMatch(/United Kingdom/);
    expect(rows.find((r) => r.name === 'Ingrid Bergman')!.kind).toBe('new'); // a name and an email is enough
  });
});

describe('vCard (iPhone export, 3.0 and 4.0)', () => {
  const { records, errors } = parseVcards(fixture('iphone.vcf'));

  it('reads several cards, folded lines and escaped characters', () => {
    expect(errors).toEqual([]);
    expect(records).toHaveLength(4);
    const emilie = records[0]!;
    expect(emilie).toMatchObject({
      displayName: '',
      firstName: 'Émilie',
      lastName: 'Dubois',
      company: 'Cabinet Dubois',
      title: 'Kinésithérapeute',
      tags: ['Patients', 'VIP'],
    });
    expect(emilie.notes).toBe('Rendez-vous le mardi, pas le lundi; merci.\nDeuxième ligne.');
    expect(records[1]!.notes).toBe(
      'This note is long enough that the iPhone folds it across several lines when it exports the card, as RFC 2426 allows.',
    );
    expect(records[1]!.displayName).toBe('田中 由紀');
  });

  it('takes labels from item groups (X-ABLabel) and TEL types', () => {
    expect(records[0]!.phones).toEqual([
      { label: 'mobile', raw: '+33 6 12 34 56 78', doNotCall: false },
      { label: 'cabinet', raw: '+33 1 44 55 66 77', doNotCall: false },
      { label: 'home', raw: '00 33 4 91 00 00 00', doNotCall: false },
    ]);
  });

  it('reads tel: URIs with extensions (vCard 4.0)', () => {
    expect(records[2]!.phones).toEqual([
      { label: 'work', raw: '+1-212-555-0100 ext 7', doNotCall: false },
      { label: 'mobile', raw: '+1-415-555-0142', doNotCall: false },
    ]);
    const rows = plan(records);
    expect(rows[2]!.contact.phones[0]).toMatchObject({ e164: '+12125550100', extension: '7' });
    expect(rows[0]!.contact.phones[2]!.e164).toBe('+33491000000');
    expect(rows[3]).toMatchObject({ kind: 'skip', row: 4 });
  });
});

describe('any other CSV', () => {
  it('guesses a mapping the user can check', () => {
    const parsed = parseCsv(fixture('generic.csv'));
    expect(parsed.format).toBe('generic');
    expect(parsed.mapping.map((m) => m.target)).toEqual(['ignore', 'phone', 'phone', 'email', 'ignore']);
    const mapping = parsed.mapping.map((m, i) =>
      i === 0 ? { target: 'displayName' as const } : i === 4 ? { target: 'tags' as const } : m,
    );
    const [dana] = csvRecords(parsed, mapping);
    expect(dana).toMatchObject({ displayName: 'Dana Scully', tags: ['Gold'], emails: ['dana@fbi.example'] });
    expect(dana!.phones.map((p) => p.label)).toEqual(['mobile', 'work']);
  });
});

import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContactsService } from '../../electron/core/contacts/contacts-service';
import type { ContactDraft } from '../../shared/contacts/contact';
import { emptyDraft, nameOf } from '../../shared/contacts/contact-helpers';
import { ImportPreviewRequestSchema, type ImportPreviewRequest } from '../../shared/contacts/import/import-contract';
import { AppFailure } from '../../shared/result';
import { savedFile } from '../support/import-files';

/**
 * The import as the dialog drives it, through the real service and its job runner
 * (createImportJobs) over a real database: a file read by main from its path, encoding detected or chosen, country
 * fixes re-planned, possible duplicates decided at commit.
 */
const open = async (country = 'US') =>
  createContactsService({
    dir: await mkdtemp(path.join(os.tmpdir(), 'feather-import-')),
    defaultCountry: () => country,
    now: () => new Date('2026-11-26T10:00:00Z'),
  });
type Service = Awaited<ReturnType<typeof open>>;
const GOOGLE_HEADER = 'First Name,Last Name,Organization Name,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value';
const everyone = (svc: Service) =>
  svc.query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 500 }).rows.map((r) => svc.get(r.id));

async function preview(svc: Service, request: ImportPreviewRequest) {
  const { jobId } = svc.imports.start(request);
  return svc.imports.settle(jobId);
}

describe('import pipeline: encodings', () => {
  it('reads a Windows-1252 CSV as Windows-1252 (detected) and imports the names right', async () => {
    const svc = await open();
    const csv = `${GOOGLE_HEADER}\r\nSøren,Müller,Café Zürich,Work,soren@example.com,Mobile,+49 30 1234567\r\nJosé,Núñez,Clínica Norte,,,Work,+34 612 345 678\r\nFrançoise,Léger,,,,Home,(415) 555-0132\r\n`;
    const bytes = Buffer.from(csv, 'latin1'); // these letters have the same bytes in Windows-1252
    expect(bytes.includes(0xf8)).toBe(true); // ø as one byte: not UTF-8
    const status = await preview(svc, { fileName: 'export.csv', path: savedFile(bytes) });
    expect(status).toMatchObject({ phase: 'ready', format: 'google', encoding: { id: 'windows-1252', detected: true, bom: false } });
    expect(status.encoding!.label).toMatch(/^Windows-1252/);
    expect(status.encoding!.choices.map((c) => c.id)).toContain('utf-8');
    expect(status.rows.map((r) => r.name).sort()).toEqual(['Françoise Léger', 'José Núñez', 'Søren Müller']);

    // Read as UTF-8 instead (the user's choice): the names break and the dialog says so
    const { jobId } = svc.imports.replan(status.jobId, { encoding: 'utf-8' });
    const utf8 = await svc.imports.settle(jobId);
    expect(utf8.encoding).toMatchObject({ id: 'utf-8', detected: false, detectedId: 'windows-1252' });
    expect(utf8.encoding!.warning).toMatch(/could not be read as UTF-8/);
    expect(utf8.rows.some((r) => r.name.includes('\ufffd'))).toBe(true);

    // …and back to Windows-1252, committed
    const back = await svc.imports.settle(svc.imports.replan(jobId, { encoding: 'windows-1252' }).jobId);
    svc.imports.commit(back.jobId);
    expect(await svc.imports.settle(back.jobId)).toMatchObject({ phase: 'done', result: { added: 3, merged: 0, skipped: 0 } });
    expect(everyone(svc).map((c) => `${nameOf(c)} / ${c.company}`)).toEqual([
      'Françoise Léger / ',
      'José Núñez / Clínica Norte',
      'Søren Müller / Café Zürich',
    ]);
  });

  it('reads a UTF-16 LE vCard with a byte order mark', async () => {
    const svc = await open();
    const vcf =
      'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ωmega\r\nN:Ωmega;Zoë;;;\r\nTEL;TYPE=CELL:+44 7911 123456\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Łukasz Nowak\r\nTEL;TYPE=WORK:+48 22 123 45 67\r\nEND:VCARD\r\n';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(vcf, 'utf16le')]);
    const status = await preview(svc, { fileName: 'contacts.vcf', path: savedFile(bytes, 'contacts.vcf') });
    expect(status).toMatchObject({ phase: 'ready', format: 'vcard', total: 2, encoding: { id: 'utf-16le', bom: true, detected: true } });
    expect(status.rows.map((r) => [r.name, r.numbers])).toEqual([
      ['Zoë Ωmega', ['+447911123456']],
      ['Łukasz Nowak', ['+48221234567']],
    ]);
  });

  it('says so when a file decodes to nothing, and keeps the encoding choice open', async () => {
    const svc = await open();
    const empty = await preview(svc, { fileName: 'empty.csv', path: savedFile('') });
    expect(empty).toMatchObject({
      phase: 'failed',
      error: expect.stringMatching(/^This file is empty \(0 bytes\)\. Choose another file\.$/),
    });
    const blank = await preview(svc, { fileName: 'blank.csv', path: savedFile('\r\n  \r\n\t') });
    expect(blank.phase).toBe('failed');
    expect(blank.error).toMatch(/no text in it.*Choose another file, or another encoding\./);
    expect(blank.encoding).toMatchObject({ id: 'utf-8' });
  });

  it('reads a file only from an absolute path to a regular file; anything else is refused at the request, before a job opens', async () => {
    const svc = await open();
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'x.csv', path: 'x.csv' }).success).toBe(false); // relative
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'x.csv', path: '/tmp/x\0.csv' }).success).toBe(false);
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'x.csv', path: 'C:\\Users\\ada\\x.csv' }).success).toBe(true);
    const refusal = (request: ImportPreviewRequest) => {
      try {
        svc.imports.start(request);
      } catch (error) {
        return error instanceof AppFailure ? error.appError.message : error;
      }
      return null;
    };
    const folder = path.dirname(savedFile('x'));
    expect(refusal({ fileName: 'x.csv', path: folder })).toBe('This is not a file this app can read. Choose a CSV or vCard file.');
    expect(refusal({ fileName: 'x.csv', path: path.join(folder, 'gone.csv') })).toBe('The file is no longer there. Choose it again.');
    expect(refusal({ fileName: 'x.csv', path: '/dev/null' })).toBe('This is not a file this app can read. Choose a CSV or vCard file.');
  });
});

describe('import pipeline: the file', () => {
  it('is read once: deleted after it was chosen, it is still planned again (another country) and imported', async () => {
    const svc = await open();
    const file = savedFile(`${GOOGLE_HEADER}\nAsha,Rao,,,,Mobile,98765 43210\nTom,Baker,,,,Mobile,020 7946 0958\n`);
    const us = await preview(svc, { fileName: 'people.csv', path: file, country: 'US' });
    expect(us).toMatchObject({ phase: 'ready', counts: { warnings: 2 } });
    rmSync(file);
    const gb = await svc.imports.settle(svc.imports.replan(us.jobId, { country: 'GB' }).jobId);
    expect(gb).toMatchObject({ phase: 'ready', country: 'GB', total: 2 });
    expect(gb.rows.find((r) => r.name === 'Tom Baker')?.numbers).toEqual(['+442079460958']);
    svc.imports.commit(gb.jobId);
    expect(await svc.imports.settle(gb.jobId)).toMatchObject({ phase: 'done', result: { added: 2 } });
  });

  it('a file that is gone before it is read is refused at the request', async () => {
    const svc = await open();
    const file = savedFile('First Name\nAda\n');
    rmSync(file);
    expect(() => svc.imports.start({ fileName: 'people.csv', path: file })).toThrow('The file is no longer there. Choose it again.');
  });
});

describe('import pipeline: country', () => {
  const indian = `${GOOGLE_HEADER}\nAsha,Rao,,,,Mobile,98765 43210\nBala,Iyer,,,,Mobile,99887 76655\nChitra,Nair,,,,Mobile,98450 12345\nEsha,Shah,,,,Work,(415) 555-0132\n`;

  it('reads numbers in the import’s own country, not the app’s, and fixes the Indian ones in one re-plan', async () => {
    const svc = await open('GB');
    const us = await preview(svc, { fileName: 'google.csv', text: indian, country: 'US' });
    expect(us.country).toBe('US');
    expect(us.countrySummary).toEqual([
      expect.objectContaining({ country: 'IN', count: 3, invalidHere: 2, ambiguous: 1, applied: 'none' }),
    ]);
    expect(us.counts.warnings).toBe(3);

    const fixed = await svc.imports.settle(svc.imports.replan(us.jobId, { reinterpret: ['IN'] }).jobId);
    expect(fixed).toMatchObject({ country: 'US', reinterpret: ['IN'], counts: { warnings: 0 } });
    expect(fixed.countrySummary[0]).toMatchObject({ applied: 'as', count: 3 });
    svc.imports.commit(fixed.jobId);
    await svc.imports.settle(fixed.jobId);
    const numbers = Object.fromEntries(everyone(svc).map((c) => [nameOf(c), c.phones.map((p) => [p.e164, p.raw])]));
    expect(numbers).toEqual({
      'Asha Rao': [['+919876543210', '+91 98765 43210']],
      'Bala Iyer': [['+919988776655', '+91 99887 76655']],
      'Chitra Nair': [['+919845012345', '+91 98450 12345']],
      // read as a US number while the app's country is GB: kept with its country code
      'Esha Shah': [['+14155550132', '+1 415 555 0132']],
    });
  });

  it('refuses a country that has no numbering plan, and a replan of a committed import', async () => {
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'a.csv', text: indian, country: 'XX' }).success).toBe(false);
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'a.csv', text: indian, country: 'in' }).success).toBe(false);
    // one way to name the file, never two; and never its bytes in the request
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'a.csv', text: indian, path: '/tmp/a.csv' }).success).toBe(false);
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'a.csv' }).success).toBe(false);
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'a.csv', bytes: 'AAAA' }).success).toBe(false);
    expect(ImportPreviewRequestSchema.safeParse({ fileName: 'a.csv', text: indian, country: 'IN', reinterpret: ['US'] }).success).toBe(
      true,
    );
    const svc = await open();
    const status = await preview(svc, { fileName: 'google.csv', text: indian });
    expect(status.country).toBe('US');
    svc.imports.commit(status.jobId);
    await svc.imports.settle(status.jobId);
    expect(() => svc.imports.replan(status.jobId, { country: 'IN' })).toThrow(/already been committed/);
  });
});

describe('import pipeline: possible duplicates', () => {
  const draft = (patch: Partial<ContactDraft>): ContactDraft => ({ ...emptyDraft(), ...patch });
  const file = [
    GOOGLE_HEADER,
    'Jane,Doe,Acme Ltd,Work,jd@home.example,Mobile,(212) 555-0199', // same name and company as Jane Doe
    'J.,Doe,,Work,JANE@acme.example,,', // same email
    'Kim,Lee,,,,Mobile,(212) 555-0197',
    'Lee,Kim,,,,Mobile,(212) 555-0196', // same name as the row before, words the other way round
  ].join('\n');

  async function withJane() {
    const svc = await open();
    const jane = await svc.create(
      draft({
        firstName: 'Jane',
        lastName: 'Doe',
        company: 'Acme Ltd',
        emails: ['jane@acme.example'],
        phones: [{ label: 'work', raw: '(415) 555-0100', doNotCall: false }],
      }),
    );
    const status = await preview(svc, { fileName: 'google.csv', text: file });
    return { svc, jane, status };
  }

  it('lists them with the reason, counted among the new ones', async () => {
    const { status, jane } = await withJane();
    expect(status.counts).toMatchObject({ new: 4, merge: 0, possibleDuplicates: 3 });
    expect(status.possibleDuplicates).toEqual([
      { row: 2, name: 'Jane Doe', duplicateOf: { id: jane.id, name: 'Jane Doe' }, reason: 'same name and company' },
      { row: 3, name: 'J. Doe', duplicateOf: { id: jane.id, name: 'Jane Doe' }, reason: 'same email' },
      { row: 5, name: 'Lee Kim', duplicateOf: { id: expect.any(String), name: 'Kim Lee' }, reason: 'same name' },
    ]);
    expect(status.rows.find((r) => r.row === 2)).toMatchObject({
      kind: 'new',
      possibleDuplicate: { name: 'Jane Doe', reason: 'same name and company' },
    });
  });

  it('keeps them apart by default', async () => {
    const { svc, status } = await withJane();
    svc.imports.commit(status.jobId);
    expect(await svc.imports.settle(status.jobId)).toMatchObject({ result: { added: 4, merged: 0 } });
    expect(svc.size()).toBe(5);
  });

  it('merges the rows the user chose, and only those', async () => {
    const { svc, status, jane } = await withJane();
    svc.imports.commit(status.jobId, {
      all: 'keep',
      rows: [
        { row: 2, choice: 'merge' },
        { row: 5, choice: 'merge' },
      ],
    });
    expect(await svc.imports.settle(status.jobId)).toMatchObject({ phase: 'done', result: { added: 2, merged: 2, skipped: 0 } });
    expect(svc.get(jane.id).phones.map((p) => p.e164)).toEqual(['+14155550100', '+12125550199']);
    expect(svc.get(jane.id).emails).toEqual(['jane@acme.example', 'jd@home.example']);
    const kim = everyone(svc).filter((c) => /kim/i.test(nameOf(c)));
    expect(kim.map((c) => [nameOf(c), c.phones.map((p) => p.e164)])).toEqual([['Kim Lee', ['+12125550197', '+12125550196']]]);
    expect(
      everyone(svc)
        .map((c) => nameOf(c))
        .sort(),
    ).toEqual(['J. Doe', 'Jane Doe', 'Kim Lee']);
  });

  it('"merge all possible duplicates", with one row kept apart', async () => {
    const { svc, status, jane } = await withJane();
    svc.imports.commit(status.jobId, { all: 'merge', rows: [{ row: 3, choice: 'keep' }] });
    expect(await svc.imports.settle(status.jobId)).toMatchObject({ result: { added: 2, merged: 2 } });
    expect(svc.get(jane.id).phones).toHaveLength(2);
    expect(
      everyone(svc)
        .map((c) => nameOf(c))
        .sort(),
    ).toEqual(['J. Doe', 'Jane Doe', 'Kim Lee']);
  });
});

describe('import pipeline: a merge whose contact is gone', () => {
  it('a row previewed as a merge is added as new when its contact was deleted before Import: nothing is dropped', async () => {
    const svc = await open();
    const existing = await svc.create({
      ...emptyDraft(),
      firstName: 'Ada',
      lastName: 'Lovelace',
      phones: [{ label: 'mobile', raw: '(415) 555-0133', doNotCall: false }],
    });
    const csv = `${GOOGLE_HEADER}\r\nAda,Lovelace,Analytical Engines,Work,ada@example.com,Mobile,(415) 555-0133\r\n`;
    const status = await preview(svc, { fileName: 'ada.csv', path: savedFile(csv) });
    expect(status.counts.merge).toBe(1);
    await svc.remove([existing.id]);
    svc.imports.commit(status.jobId);
    expect(await svc.imports.settle(status.jobId)).toMatchObject({ phase: 'done', result: { added: 1, merged: 0, skipped: 0 } });
    expect(everyone(svc).map((c) => [nameOf(c), c.company, c.emails])).toEqual([
      ['Ada Lovelace', 'Analytical Engines', ['ada@example.com']],
    ]);
  });
});

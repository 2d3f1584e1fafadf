import { mkdtemp, readdir, writeFile, appendFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createContactsService, type ContactsService } from '../../electron/core/contacts/contacts-service';
import type { Contact, ContactDraft } from '../../shared/contacts/contact';
import { emptyDraft } from '../../shared/contacts/contact-helpers';
import { legacyContact } from '../support/contacts-fixtures';

const tmp = () => mkdtemp(path.join(os.tmpdir(), 'feather-contacts-'));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/contacts/${name}`, import.meta.url), 'utf8');
async function open(dir: string, country = 'US') {
  const svc = createContactsService({ dir, defaultCountry: () => country, now: () => new Date('2026-11-26T10:00:00Z') });
  await svc.ready;
  return svc;
}
const draft = (patch: Partial<ContactDraft>): ContactDraft => ({ ...emptyDraft(), ...patch });
const q = (query = '', extra = {}) => ({ query, sort: 'name' as const, favoritesOnly: false, tags: [], offset: 0, limit: 100, ...extra });

async function importFile(svc: ContactsService, fileName: string, text: string) {
  const { jobId } = svc.imports.start({ fileName, text });
  const preview = await svc.imports.settle(jobId);
  expect(preview.phase).toBe('ready');
  svc.imports.commit(jobId);
  return svc.imports.settle(jobId);
}

/** What a person would call "the same contacts": everything but ids and timestamps. */
const essence = (c: Contact) => ({
  displayName: c.displayName,
  firstName: c.firstName,
  lastName: c.lastName,
  company: c.company,
  title: c.title,
  phones: c.phones.map((p) => ({
    label: p.label,
    raw: p.raw,
    e164: p.e164,
    extension: p.extension,
    doNotCall: p.doNotCall,
    problem: p.problem,
  })),
  emails: c.emails,
  tags: c.tags,
  notes: c.notes,
  custom: c.custom,
  favorite: c.favorite,
  doNotCall: c.doNotCall,
  timeZone: c.timeZone,
});
const all = (svc: ContactsService) => svc.query(q('', { limit: 500 })).rows.map((r) => svc.get(r.id));

describe('contacts service', () => {
  it('creates with per-field validation and keeps what was typed', async () => {
    const svc = await open(await tmp());
    await expect(
      svc.create(
        draft({ displayName: 'X', phones: [{ label: 'work', raw: '020 7946 0958', doNotCall: false }], emails: ['not-an-email'] }),
      ),
    ).rejects.toMatchObject({
      appError: {
        code: 'validation',
        fields: { 'phones.0': expect.stringMatching(/United States/), 'emails.0': expect.stringMatching(/email address/) },
      },
    });
    await expect(svc.create(draft({}))).rejects.toMatchObject({ appError: { fields: { displayName: expect.any(String) } } });
    const c = await svc.create(
      draft({ firstName: 'Ana', lastName: 'Ruiz', phones: [{ label: 'Work', raw: '(415) 555-0132', doNotCall: false }] }),
    );
    expect(c.phones[0]).toMatchObject({ label: 'work', raw: '(415) 555-0132', e164: '+14155550132' });
    expect(svc.query(q('ana')).rows.map((r) => r.name)).toEqual(['Ana Ruiz']);
  });

  it('persists every change in the database and reloads it', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    const a = await svc.create(draft({ displayName: 'Alpha', phones: [{ label: 'mobile', raw: '415 555 0101', doNotCall: false }] }));
    const b = await svc.create(draft({ displayName: 'Beta' }));
    await svc.update(a.id, draft({ displayName: 'Alpha Prime', phones: [{ label: 'mobile', raw: '415 555 0101', doNotCall: false }] }));
    await svc.remove([b.id]);
    expect(await readdir(dir)).toContain('contacts.db');
    // acknowledged means committed: a second connection sees it before any flush or close
    const again = await open(dir);
    expect(all(again).map((c) => c.displayName)).toEqual(['Alpha Prime']);
    expect(again.lookupNumber('+14155550101')).toMatchObject({ contactId: a.id });
    // checkpointing (at quit) keeps the data
    await again.compact();
    await again.close();
    await svc.close();
    expect(all(await open(dir)).map((c) => c.displayName)).toEqual(['Alpha Prime']);
  });

  it('moves the old snapshot + journal into the database once, torn line and all', async () => {
    const dir = await tmp();
    const old = (id: string, displayName: string) => legacyContact(id, displayName);
    await writeFile(
      path.join(dir, 'contacts.json'),
      JSON.stringify({ schemaVersion: 1, generation: 1, contacts: [old('k', 'Kept'), old('g', 'Gone')] }),
    );
    await writeFile(
      path.join(dir, 'contacts.journal-1.jsonl'),
      `${JSON.stringify({ op: 'put', contact: old('a', 'Also kept') })}\n${JSON.stringify({ op: 'del', id: 'g' })}\n`,
    );
    await appendFile(path.join(dir, 'contacts.journal-1.jsonl'), '{"op":"put","contact":{"id":"x","displ');
    const migrated = await open(dir);
    expect(all(migrated).map((c) => c.displayName)).toEqual(['Also kept', 'Kept']);
    expect(migrated.notices.join(' ')).toMatch(/2 contacts were moved to the new contacts database/);
    const files = await readdir(dir);
    expect(files.filter((f) => f.startsWith('contacts.json') || f.startsWith('contacts.journal'))).toEqual([
      'contacts.journal-1.jsonl.migrated-2026-11-26T10-00-00-000Z',
      'contacts.json.migrated-2026-11-26T10-00-00-000Z',
    ]);
    const next = await open(dir);
    expect(next.notices).toEqual([]); // reported once
    expect(all(next).map((c) => c.displayName)).toEqual(['Also kept', 'Kept']);
  });

  it('sets aside an unreadable old snapshot and still imports its journal', async () => {
    const dir = await tmp();
    await writeFile(path.join(dir, 'contacts.json'), '{ not json');
    await writeFile(
      path.join(dir, 'contacts.journal-0.jsonl'),
      `${JSON.stringify({ op: 'put', contact: legacyContact('a', 'Also kept') })}\n`,
    );
    const recovered = await open(dir);
    expect(recovered.notices[0]).toMatch(/could not be read. It is kept at .*contacts\.corrupt-/);
    expect(all(recovered).map((c) => c.displayName)).toEqual(['Also kept']); // the journal after the snapshot
    expect((await readdir(dir)).some((f) => f.startsWith('contacts.corrupt-'))).toBe(true);
  });

  it('delete is undoable', async () => {
    const svc = await open(await tmp());
    const c = await svc.create(draft({ displayName: 'Undo me', phones: [{ label: 'work', raw: '212 555 0100', doNotCall: false }] }));
    const { undoToken, count } = await svc.remove([c.id]);
    expect(count).toBe(1);
    expect(svc.query(q('undo')).total).toBe(0);
    await svc.undoRemove(undoToken);
    expect(svc.get(c.id)).toEqual(c);
    expect(svc.lookupNumber('+12125550100')).toMatchObject({ contactId: c.id });
    await expect(svc.undoRemove(undoToken)).rejects.toMatchObject({ appError: { code: 'not_found' } });
  });

  it('knows do-not-call numbers, for the contact or a single number', async () => {
    const svc = await open(await tmp());
    await svc.create(
      draft({
        displayName: 'Never',
        doNotCall: { reason: 'Asked not to be called (2026-10-02).' },
        phones: [{ label: 'home', raw: '415 555 0177', doNotCall: false }],
      }),
    );
    await svc.create(
      draft({
        displayName: 'Partly',
        phones: [
          { label: 'home', raw: '415 555 0178', doNotCall: true },
          { label: 'work', raw: '415 555 0179', doNotCall: false },
        ],
      }),
    );
    expect(svc.blockedReason('+14155550177')).toBe('Never: Asked not to be called (2026-10-02).');
    expect(svc.blockedReason('+14155550178')).toBe('Partly: This number is marked do-not-call.');
    expect(svc.blockedReason('+14155550179')).toBeNull();
    await expect(svc.create(draft({ displayName: 'No reason', doNotCall: { reason: ' ' } }))).rejects.toMatchObject({
      appError: { fields: { doNotCallReason: expect.any(String) } },
    });
  });

  it('finds duplicates by number and by name, and merges them', async () => {
    const svc = await open(await tmp());
    const a = await svc.create(
      draft({ displayName: 'Ana Ruiz', phones: [{ label: 'work', raw: '415 555 0132', doNotCall: false }], tags: ['A'] }),
    );
    const b = await svc.create(
      draft({
        displayName: 'A. Ruiz',
        phones: [
          { label: 'mobile', raw: '+1 415 555 0132', doNotCall: false },
          { label: 'home', raw: '415 555 0140', doNotCall: false },
        ],
        tags: ['B'],
      }),
    );
    await svc.create(draft({ displayName: 'Lee Kim' }));
    await svc.create(draft({ displayName: 'lee  kim' }));
    const groups = await svc.duplicates();
    expect(groups.map((g) => g.reason)).toEqual(['Same number +14155550132', 'Same name']);
    const merged = await svc.merge(a.id, [b.id]);
    expect(merged.phones.map((p) => p.e164)).toEqual(['+14155550132', '+14155550140']);
    expect(merged.tags).toEqual(['A', 'B']);
    expect(() => svc.get(b.id)).toThrow();
  });

  it('imports Google CSV, Outlook CSV and iPhone vCard files', async () => {
    const svc = await open(await tmp());
    const google = await importFile(svc, 'google.csv', fixture('google.csv'));
    expect(google.result).toEqual({ added: 7, merged: 0, skipped: 1 }); // Ana Ruiz shares Aisha Khan's mobile: another name, kept apart
    const outlook = await importFile(svc, 'outlook.csv', fixture('outlook.csv'));
    expect(outlook.result?.added).toBe(4);
    const vcard = await importFile(svc, 'contacts.vcf', fixture('iphone.vcf'));
    expect(vcard.result).toEqual({ added: 3, merged: 0, skipped: 1 }); // Kim Lee's work number is Tom Baker's: another name, kept apart
    expect(svc.query(q('emilie')).rows[0]!.name).toBe('Émilie Dubois');
    expect(svc.query(q('5550132')).rows.map((r) => r.name)).toEqual(['Aisha Khan', 'Ana Ruiz']);
  });

  it('nothing is written until the preview is committed', async () => {
    const dir = await tmp();
    const svc = await open(dir);
    const { jobId } = svc.imports.start({ fileName: 'google.csv', text: fixture('google.csv') });
    const preview = await svc.imports.settle(jobId);
    expect(preview.counts).toEqual({ new: 7, merge: 0, skip: 1, warnings: 2, possibleDuplicates: 1 });
    expect(preview.rows.find((r) => r.kind === 'skip')).toMatchObject({ row: 7, reason: 'No name and no phone number.' });
    svc.imports.cancel(jobId);
    expect(svc.size()).toBe(0);
    await svc.flush();
    expect((await open(dir)).size()).toBe(0);
  });

  it('exports CSV and vCard that import back into the same contacts', async () => {
    const source = await open(await tmp(), 'US');
    await importFile(source, 'google.csv', fixture('google.csv'));
    await importFile(source, 'contacts.vcf', fixture('iphone.vcf'));
    const first = await source.create(
      draft({
        displayName: 'Full Set',
        firstName: 'Full',
        lastName: 'Set',
        title: 'CTO',
        emails: ['a@b.example'],
        custom: { plan_tier: 'gold, "quoted"; semi' },
        favorite: true,
        timeZone: 'Europe/Paris',
        notes: 'Line one\nLine two, with comma; and semicolon',
        phones: [
          { label: 'work', raw: '+1 212 555 0188 x9', doNotCall: true },
          { label: 'mobile', raw: '+33 6 12 34 56 79', doNotCall: false },
        ],
      }),
    );
    await source.create(draft({ displayName: 'Blocked', doNotCall: { reason: 'Lawyer said so' }, tags: ['Legal', 'Ünïcode'] }));
    const expected = all(source).map(essence);
    expect(expected.find((c) => c.firstName === 'Full')).toEqual(essence(first));

    for (const format of ['csv', 'vcard'] as const) {
      const exported = await source.exportAll(format);
      expect(exported.count).toBe(expected.length);
      const target = await open(await tmp(), 'US');
      await importFile(target, exported.fileName, exported.text);
      expect(all(target).map(essence)).toEqual(expected);
    }
  });
});

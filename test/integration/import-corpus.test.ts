import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createContactsService, type ContactsService } from '../../electron/core/contacts/contacts-service';
import type { Contact, PhoneEntry } from '../../shared/contacts/contact';
import { nameOf } from '../../shared/contacts/contact-helpers';
import { contactsContract } from '../../shared/contacts/contacts-contract';
import { nonCallableKind } from '../../shared/contacts/phone-kinds';

/**
 * The real-world corpus (test/fixtures/contacts/corpus, see SOURCES.md there): every file is read
 * from disk and imported through the real pipeline (import job → preview → commit → database), in
 * the country its expectation names. What lands in the address book must be what the file's
 * `.expected.json` says: every contact (by name), every number as E.164 with its type or flagged
 * (kept, not callable as it is), the emails, the skipped cards — and nothing else, so no number
 * can turn up in a country it was never meant for.
 */

const CORPUS = fileURLToPath(new URL('../fixtures/contacts/corpus/', import.meta.url));
const NON_CALLABLE = new Set(['fax', 'pager', 'telex', 'tty', 'modem']);

const ExpectedPhoneSchema = z.union([
  z
    .object({
      label: z.string().optional(),
      e164: z.string().regex(/^\+[1-9]\d{6,14}$/),
      /** valid in two countries in a file that mostly looks foreign: this E.164, or held (flagged) until the user chooses */
      held: z.literal(true).optional(),
    })
    .strict(),
  z.object({ label: z.string().optional(), flagged: z.literal(true), raw: z.string().min(1) }).strict(),
]);
type ExpectedPhone = z.infer<typeof ExpectedPhoneSchema>;
const ExpectedContactSchema = z
  .object({
    /** the name the address book shows (or first + last) */
    name: z.string().min(1),
    company: z.string().optional(),
    /** exactly these, in any order and case */
    emails: z.array(z.string()),
    /** exactly these; a missing label means "any voice label" */
    phones: z.array(ExpectedPhoneSchema),
    favorite: z.boolean().optional(),
    notesContain: z.array(z.string()).optional(),
    /** custom fields, keys compared case-insensitively */
    custom: z.record(z.string(), z.string()).optional(),
  })
  .strict();
type ExpectedContact = z.infer<typeof ExpectedContactSchema>;
const ExpectedFileSchema = z
  .object({
    format: z.enum(['vcard', 'google', 'outlook', 'generic']),
    country: z.string().regex(/^[A-Z]{2}$/),
    /** the encoding the bytes are in, when it is not UTF-8 */
    encoding: z.string().optional(),
    /** CSV with its own headers: what the user picks in the mapping step (header → target); other columns keep the guess */
    mapping: z.record(z.string(), z.object({ target: z.string(), label: z.string().optional() }).strict()).optional(),
    contacts: z.array(ExpectedContactSchema).min(1),
    /** cards/rows that must be skipped; `reason` is a case-insensitive pattern for the reason shown */
    skipped: z.array(z.object({ reason: z.string().min(1) }).strict()),
  })
  .strict();
type ExpectedFile = z.infer<typeof ExpectedFileSchema>;

const files = readdirSync(CORPUS)
  .filter((f) => !f.endsWith('.expected.json') && f !== 'SOURCES.md')
  .sort();
const expectationOf = (file: string): ExpectedFile =>
  ExpectedFileSchema.parse(JSON.parse(readFileSync(path.join(CORPUS, `${file}.expected.json`), 'utf8')));

const norm = (s: string) =>
  s
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
const digits = (s: string) => s.replace(/\D/g, '');
const canonicalEncoding = (label: string) => {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return label.toLowerCase();
  }
};
/** The encoding the preview says it used (its id), when it says one. */
function encodingShown(status: object): string | null {
  const shown = (status as { encoding?: unknown }).encoding;
  if (typeof shown === 'string') return shown;
  const id = shown && typeof shown === 'object' ? (shown as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : null;
}
const describePhone = (p: PhoneEntry) => `${p.raw} → ${p.e164 ?? `flagged${p.problem ? ` (${p.problem})` : ''}`} [${p.label}]`;

/** The names a person might know this contact by. */
function namesOf(c: Contact): string[] {
  return [nameOf(c), c.displayName, `${c.firstName} ${c.lastName}`, c.company].map(norm).filter(Boolean);
}

function labelProblem(expected: string | undefined, actual: string): string | null {
  const kind = nonCallableKind(actual);
  if (expected === undefined) return kind ? `is labelled "${actual}" (not callable); it is a voice number` : null;
  if (NON_CALLABLE.has(expected)) return kind === expected ? null : `is labelled "${actual}"; it is a ${expected} line`;
  return actual.trim().toLowerCase() === expected ? null : `is labelled "${actual}", expected "${expected}"`;
}

/** Problems with a contact's numbers, and how many expected numbers came through right. */
function comparePhones(expected: ExpectedPhone[], actual: PhoneEntry[]): { problems: string[]; ok: number } {
  const problems: string[] = [];
  let ok = 0;
  const left = [...actual];
  const take = (i: number) => left.splice(i, 1)[0]!;
  for (const e of expected) {
    if ('e164' in e) {
      const nsn = parsePhoneNumberFromString(e.e164)?.nationalNumber ?? digits(e.e164);
      let i = left.findIndex((p) => p.e164 === e.e164);
      if (i < 0) {
        const same = left.findIndex((p) => digits(p.raw).endsWith(nsn));
        // held for the user's choice, or a fax kept with its type but not normalised: still safe; anything else is not
        const kept = same >= 0 && left[same]!.e164 === null;
        if (kept && (e.held || (e.label && NON_CALLABLE.has(e.label) && nonCallableKind(left[same]!.label) === e.label))) i = same;
        else if (same >= 0) {
          problems.push(`${describePhone(take(same))}: expected ${e.e164}${e.label ? ` (${e.label})` : ''}`);
          continue;
        }
      }
      if (i < 0) {
        problems.push(`missing ${e.e164}${e.label ? ` (${e.label})` : ''}`);
        continue;
      }
      const p = take(i);
      const label = labelProblem(e.label, p.label);
      if (label) problems.push(`${describePhone(p)} ${label}`);
      else ok++;
    } else {
      const want = digits(e.raw);
      const i = left.findIndex((p) => (want ? digits(p.raw) === want : norm(p.raw) === norm(e.raw)));
      if (i < 0) {
        problems.push(`missing the flagged number "${e.raw}"`);
        continue;
      }
      const p = take(i);
      const label = labelProblem(e.label, p.label);
      if (p.e164 !== null) problems.push(`${describePhone(p)}: must be flagged, not read as ${p.e164}`);
      else if (label) problems.push(`${describePhone(p)} ${label}`);
      else ok++;
    }
  }
  for (const p of left) problems.push(`unexpected number ${describePhone(p)}`);
  return { problems, ok };
}

function compareContact(e: ExpectedContact, c: Contact): { problems: string[]; numbersOk: number } {
  const { problems, ok } = comparePhones(e.phones, c.phones);
  const want = new Set(e.emails.map((m) => m.toLowerCase()));
  const got = new Set(c.emails.map((m) => m.toLowerCase()));
  for (const m of want) if (!got.has(m)) problems.push(`missing email ${m}`);
  for (const m of got) if (!want.has(m)) problems.push(`unexpected email "${m}"`);
  if (e.company !== undefined && norm(c.company) !== norm(e.company)) problems.push(`company is "${c.company}", expected "${e.company}"`);
  if (e.favorite !== undefined && c.favorite !== e.favorite) problems.push(e.favorite ? 'not starred/favourite' : 'marked favourite');
  for (const text of e.notesContain ?? [])
    if (!norm(c.notes).includes(norm(text))) problems.push(`notes lack "${text}" (notes: ${JSON.stringify(c.notes.slice(0, 120))})`);
  for (const [key, value] of Object.entries(e.custom ?? {})) {
    const found = Object.entries(c.custom).find(([k]) => k.toLowerCase() === key.toLowerCase());
    if (found?.[1] !== value) problems.push(`custom field ${key} is ${JSON.stringify(found?.[1])}, expected "${value}"`);
  }
  return { problems: problems.map((p) => `${e.name}: ${p}`), numbersOk: ok };
}

/** Text that a decoder, an unescaper or a base64 reader left behind. */
function damageIn(c: Contact): string[] {
  const out: string[] = [];
  const fields = { name: `${c.displayName} | ${c.firstName} | ${c.lastName}`, company: c.company, title: c.title, notes: c.notes };
  for (const [field, text] of Object.entries(fields)) {
    if (/\uFFFD/.test(text)) out.push(`${field} has replacement characters: ${JSON.stringify(text.slice(0, 80))}`);
    if (/Ã[\u0080-\u00BF]|Î[\u0080-\u00BF]|à¤/.test(text))
      out.push(`${field} is UTF-8 read as a code page: ${JSON.stringify(text.slice(0, 80))}`);
    if (/=[0-9A-F]{2}=[0-9A-F]{2}|=\r?\n/.test(text)) out.push(`${field} is still quoted-printable: ${JSON.stringify(text.slice(0, 80))}`);
    if (/\\[,;nN":\\]/.test(text)) out.push(`${field} keeps vCard escapes: ${JSON.stringify(text.slice(0, 80))}`);
    if (/[A-Za-z0-9+/]{60,}/.test(text)) out.push(`${field} holds base64 data: ${JSON.stringify(text.slice(0, 80))}`);
  }
  return out.map((p) => `${nameOf(c)}: ${p}`);
}

const tmpDirs: string[] = [];
async function openService(country: string): Promise<ContactsService> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-corpus-'));
  tmpDirs.push(dir);
  return createContactsService({ dir, defaultCountry: () => country, now: () => new Date('2026-11-26T10:00:00Z') });
}

interface FileResult {
  contacts: string;
  numbers: string;
  problems: string[];
}
const results = new Map<string, FileResult>();

async function importFile(file: string, expected: ExpectedFile): Promise<FileResult> {
  const problems: string[] = [];
  const expectedNumbers = expected.contacts.reduce((n, c) => n + c.phones.length, 0);
  const result = (found: number, numbersOk: number): FileResult => ({
    contacts: `${found}/${expected.contacts.length}`,
    numbers: `${numbersOk}/${expectedNumbers}`,
    problems,
  });
  const svc = await openService(expected.country);
  try {
    // What the desktop app sends: where the file is (main reads its bytes, so its encoding can be detected) and the import's country.
    const request = (extra: object = {}) =>
      contactsContract.importPreview.request.safeParse({
        fileName: file,
        path: path.join(CORPUS, file),
        country: expected.country,
        ...extra,
      });
    let asked = request();
    if (!asked.success) {
      problems.push(`the import request was refused: ${z.prettifyError(asked.error)}`);
      return result(0, 0);
    }
    let { jobId } = svc.imports.start(asked.data as Parameters<ContactsService['imports']['start']>[0]);
    let preview = await svc.imports.settle(jobId);
    if (preview.phase === 'ready' && (preview.mappingNeeded || expected.mapping)) {
      // a file with its own headers: the user checks the guessed mapping and changes what the expectation names
      const mapping = preview.mapping.map((m, column) => expected.mapping?.[preview.headers[column] ?? ''] ?? m);
      const unknown = Object.keys(expected.mapping ?? {}).filter((h) => !preview.headers.includes(h));
      if (unknown.length) problems.push(`no column named ${unknown.join(', ')} (headers: ${preview.headers.join(', ')})`);
      asked = request({ mapping });
      if (!asked.success) throw new Error(z.prettifyError(asked.error));
      ({ jobId } = svc.imports.start(asked.data as Parameters<ContactsService['imports']['start']>[0]));
      preview = await svc.imports.settle(jobId);
    }
    if (preview.phase !== 'ready') {
      problems.push(`the preview ended "${preview.phase}": ${preview.error ?? 'no reason given'}`);
      return result(0, 0);
    }
    if (preview.format !== expected.format) problems.push(`read as ${preview.format}, expected ${expected.format}`);
    const shown = encodingShown(preview);
    if (shown !== null && canonicalEncoding(shown) !== canonicalEncoding(expected.encoding ?? 'utf-8'))
      problems.push(`read as ${shown}, expected ${expected.encoding ?? 'utf-8'}`);
    if (/unreadable line/i.test(preview.error ?? '')) problems.push(`the preview reports ${preview.error}`);

    const skips = preview.rows.filter((r) => r.kind === 'skip');
    const reasons = skips.map((r) => `row ${r.row} "${r.name}": ${r.reason ?? ''}`);
    if (preview.counts.skip !== expected.skipped.length)
      problems.push(
        `${preview.counts.skip} rows skipped, expected ${expected.skipped.length}${reasons.length ? ` (${reasons.slice(0, 5).join('; ')})` : ''}`,
      );
    const unexplained = [...skips];
    for (const s of expected.skipped) {
      const i = unexplained.findIndex((r) => new RegExp(s.reason, 'i').test(r.reason ?? ''));
      if (i >= 0) unexplained.splice(i, 1);
      else if (skips.length) problems.push(`no row skipped for a reason like /${s.reason}/i (${reasons.slice(0, 3).join('; ')})`);
    }

    svc.imports.commit(jobId);
    const done = await svc.imports.settle(jobId);
    if (done.phase !== 'done') {
      problems.push(`the import ended "${done.phase}": ${done.error ?? 'no reason given'}`);
      return result(0, 0);
    }
    const page = svc.query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: 500 });
    const actual = page.rows.map((r) => svc.get(r.id));

    let found = 0;
    let numbersOk = 0;
    const unmatched = [...actual];
    for (const e of expected.contacts) {
      const i = unmatched.findIndex((c) => namesOf(c).includes(norm(e.name)));
      if (i < 0) {
        problems.push(`missing contact "${e.name}"`);
        continue;
      }
      const c = unmatched.splice(i, 1)[0]!;
      found++;
      const compared = compareContact(e, c);
      numbersOk += compared.numbersOk;
      problems.push(...compared.problems);
    }
    for (const c of unmatched)
      problems.push(`unexpected contact "${nameOf(c)}" (${c.phones.map(describePhone).join(', ') || c.emails.join(', ') || 'no numbers'})`);
    for (const c of actual) problems.push(...damageIn(c));
    return result(found, numbersOk);
  } finally {
    await svc.close();
  }
}

describe('real-world contacts corpus', () => {
  afterAll(async () => {
    const lines = [...results].map(
      ([file, r]) =>
        `${r.problems.length ? '✗' : '✓'} ${file.padEnd(40)} contacts ${r.contacts.padStart(7)}  numbers ${r.numbers.padStart(7)}${r.problems.length ? `  ${r.problems.length} problem(s): ${r.problems.slice(0, 2).join(' | ')}` : ''}`,
    );
    const passed = [...results.values()].filter((r) => !r.problems.length).length;
    console.log(`contacts corpus: ${passed}/${results.size} files as expected\n${lines.join('\n')}`);
    await Promise.all(tmpDirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('holds at least 40 files across vCard 2.1, 3.0, 4.0, Google, Outlook and other CSV, each with its expectation and its source', () => {
    const sources = readFileSync(path.join(CORPUS, 'SOURCES.md'), 'utf8');
    const versions = new Map<string, number>();
    const formats = new Map<string, number>();
    let cards = 0;
    for (const file of files) {
      const expected = expectationOf(file);
      expect(sources, `${file} is not listed in SOURCES.md`).toContain(`\`${file}\``);
      formats.set(expected.format, (formats.get(expected.format) ?? 0) + 1);
      cards += expected.contacts.length + expected.skipped.length;
      if (expected.format === 'vcard') {
        const bytes = readFileSync(path.join(CORPUS, file));
        const head = bytes[0] === 0xff && bytes[1] === 0xfe ? bytes.toString('utf16le') : bytes.toString('latin1');
        const version = /^VERSION:(\d\.\d)/im.exec(head)?.[1] ?? '?';
        versions.set(version, (versions.get(version) ?? 0) + 1);
      }
    }
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(cards).toBeGreaterThanOrEqual(600);
    for (const v of ['2.1', '3.0', '4.0']) expect(versions.get(v) ?? 0, `vCard ${v} files`).toBeGreaterThanOrEqual(3);
    for (const f of ['google', 'outlook', 'generic'])
      expect(formats.get(f) ?? 0, `${f} CSV files`).toBeGreaterThanOrEqual(f === 'generic' ? 2 : 3);
  });

  it.each(files)(
    '%s comes through as expected',
    async (file) => {
      const expected = expectationOf(file);
      const r = await importFile(file, expected);
      results.set(file, r);
      expect(r.problems, `${file} (${expected.format}, ${expected.country}): contacts ${r.contacts}, numbers ${r.numbers}`).toEqual([]);
    },
    60_000,
  );
});

import Papa from 'papaparse';
import type { Contact } from '../../../../shared/contacts/contact';

/**
 * Exports that import again into the same contacts: CSV with Google-style headers plus our
 * own columns, and vCard 4.0 with X-FEATHER-* properties. Numbers are written as typed,
 * so extensions and flagged numbers survive.
 */

const phoneLabel = (p: Contact['phones'][number]) => (p.doNotCall ? `${p.label} (do not call)` : p.label);

export function contactsToCsv(contacts: Contact[]): string {
  const maxPhones = Math.max(1, ...contacts.map((c) => c.phones.length));
  const maxEmails = Math.max(1, ...contacts.map((c) => c.emails.length));
  const customKeys = [...new Set(contacts.flatMap((c) => Object.keys(c.custom)))].sort();
  const headers = [
    'Name',
    'First Name',
    'Last Name',
    'Organization Name',
    'Organization Title',
    ...Array.from({ length: maxPhones }, (_, i) => [`Phone ${i + 1} - Label`, `Phone ${i + 1} - Value`]).flat(),
    ...Array.from({ length: maxEmails }, (_, i) => `E-mail ${i + 1} - Value`),
    'Labels',
    'Notes',
    'Favorite',
    'Do Not Call',
    'Time Zone',
    ...customKeys.map((k) => `Custom: ${k}`),
  ];
  const rows = contacts.map((c) => [
    c.displayName,
    c.firstName,
    c.lastName,
    c.company,
    c.title,
    ...Array.from({ length: maxPhones }, (_, i) => (c.phones[i] ? [phoneLabel(c.phones[i]!), c.phones[i]!.raw] : ['', ''])).flat(),
    ...Array.from({ length: maxEmails }, (_, i) => c.emails[i] ?? ''),
    c.tags.join(' ::: '),
    c.notes,
    c.favorite ? 'yes' : '',
    c.doNotCall?.reason ?? '',
    c.timeZone ?? '',
    ...customKeys.map((k) => c.custom[k] ?? ''),
  ]);
  // A leading BOM so spreadsheet apps read UTF-8 names correctly.
  return '\uFEFF' + Papa.unparse({ fields: headers, data: rows }, { newline: '\r\n' });
}

const escapeText = (value: string) => value.replace(/\\/g, '\\\\').replace(/\r?\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
const escapeParam = (value: string) => `"${value.replace(/"/g, "'")}"`;

/** Folds a content line at 75 octets without splitting a character (RFC 6350 §3.2). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines start with a space
    if (bytes + size > limit) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += char;
    bytes += size;
  }
  out.push(current);
  return out.join('\r\n ');
}

export function contactsToVcard(contacts: Contact[]): string {
  const cards = contacts.map((c) => {
    const lines = ['BEGIN:VCARD', 'VERSION:4.0'];
    lines.push(
      `FN:${escapeText(c.displayName || [c.firstName, c.lastName].filter(Boolean).join(' ') || c.company || c.phones[0]?.raw || '')}`,
    );
    lines.push(`N:${escapeText(c.lastName)};${escapeText(c.firstName)};;;`);
    if (c.company) lines.push(`ORG:${escapeText(c.company)}`);
    if (c.title) lines.push(`TITLE:${escapeText(c.title)}`);
    for (const p of c.phones)
      lines.push(`TEL;TYPE=${escapeParam(p.label)}${p.doNotCall ? ';X-FEATHER-DNC=true' : ''}:${escapeText(p.raw)}`);
    for (const e of c.emails) lines.push(`EMAIL:${escapeText(e)}`);
    if (c.tags.length) lines.push(`CATEGORIES:${c.tags.map(escapeText).join(',')}`);
    if (c.notes) lines.push(`NOTE:${escapeText(c.notes)}`);
    if (c.timeZone) lines.push(`TZ:${escapeText(c.timeZone)}`);
    if (c.favorite) lines.push('X-FEATHER-FAVORITE:true');
    if (c.doNotCall) lines.push(`X-FEATHER-DNC:${escapeText(c.doNotCall.reason)}`);
    for (const [k, v] of Object.entries(c.custom)) lines.push(`X-FEATHER-FIELD;NAME=${escapeParam(k)}:${escapeText(v)}`);
    lines.push('END:VCARD');
    return lines.map(foldLine).join('\r\n');
  });
  return cards.join('\r\n') + '\r\n';
}

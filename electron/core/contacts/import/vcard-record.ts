import { nonCallableKind, normaliseLabel } from '../../../../shared/contacts/phone-kinds';
import { cellValue, emailsInCell } from './cell-values';
import { emptyRecord, labelAndFlag, type ImportRecord } from './import-record';
import type { Property } from './vcard-lines';
import { nameComponents, textValue, valueParts } from './vcard-values';

/**
 * One card's properties → one import record. Several FN: the preferred one (PREF=1, TYPE=pref)
 * or else the first. Several NOTE: all of them. N gives the name parts, FN is kept when it says
 * more than they do. Group cards (4.0 KIND:group, Apple's X-ADDRESSBOOKSERVER-KIND) are skipped.
 */

/** vCard TEL types → our labels; types that only describe the line (voice, pref, msg, text…) are left out. */
const TYPE_LABELS: Record<string, string> = {
  cell: 'mobile',
  mobile: 'mobile',
  iphone: 'mobile',
  pcs: 'mobile',
  fax: 'fax',
  pager: 'pager',
  textphone: 'tty',
  tty: 'tty',
  'tty-tdd': 'tty',
  ttytdd: 'tty',
  tdd: 'tty',
  modem: 'modem',
  bbs: 'modem',
  tlx: 'telex',
  telex: 'telex',
  car: 'car',
  isdn: 'isdn',
  video: 'video',
  callback: 'callback',
  radio: 'radio',
  assistant: 'assistant',
  'company-main': 'company',
  main: 'main',
  work: 'work',
  home: 'home',
  other: 'other',
};
const DESCRIPTIVE = new Set(['voice', 'pref', 'msg', 'text', 'internet', 'x400', 'mms', 'sms', 'dom', 'intl', 'postal', 'parcel']);
/** Among several types: what the line is (fax, pager…) first, then the most specific. */
const RANK = [
  'fax',
  'pager',
  'tty',
  'modem',
  'telex',
  'mobile',
  'car',
  'isdn',
  'video',
  'callback',
  'radio',
  'assistant',
  'company',
  'main',
  'work',
  'home',
  'other',
];

const typesOf = (p: Property) => (p.params.TYPE ?? []).map((t) => t.trim().toLowerCase()).filter(Boolean);

/** TEL types + Apple's item label → one label. A fax is a fax whatever else it says (`TEL;WORK;FAX`, `HomeFAX`). */
export function telLabel(p: Property, groupLabel: string | undefined): string {
  const labels: string[] = [];
  for (const type of typesOf(p)) {
    if (DESCRIPTIVE.has(type)) continue;
    const bare = type.replace(/^x-(?:evolution-)?/, ''); // Evolution: X-EVOLUTION-TELEX, X-EVOLUTION-TTYTDD, X-EVOLUTION-CALLBACK…
    labels.push(TYPE_LABELS[bare] ?? normaliseLabel(bare)); // a custom label: Android writes `TEL;X-Werkstatt`
  }
  const known = labels.filter((l) => RANK.includes(l)).sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b));
  const custom = labels.filter((l) => !RANK.includes(l));
  const nonCallable = [groupLabel, ...known, ...custom].find((l) => l && nonCallableKind(l));
  if (nonCallable) return nonCallableKind(nonCallable)!;
  return groupLabel || known[0] || custom[0] || 'other';
}

/** `tel:+1-212-555-0100;ext=12` → `+1-212-555-0100 ext 12`. */
function telValue(text: string): string {
  const value = text.trim();
  if (!/^tel:/i.test(value)) return value;
  const [number = '', ...params] = value.slice(4).split(';');
  const ext = params.find((q) => /^ext=/i.test(q));
  const plain = decodeURIComponentSafe(number);
  return ext ? `${plain} ext ${ext.slice(4)}` : plain;
}

function decodeURIComponentSafe(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** 4.0 PREF=1 (1 is most preferred) or 3.0 TYPE=pref; unmarked values rank after marked ones. */
function prefRank(p: Property): number {
  const pref = Number(p.params.PREF?.[0]);
  if (Number.isInteger(pref) && pref >= 1) return pref;
  return typesOf(p).includes('pref') ? 1 : 101;
}

const yes = (v: string) => /^(true|yes|1)$/i.test(v.trim());

export function cardToRecord(props: Property[], card: number): ImportRecord {
  const record = emptyRecord(card);
  const groupLabels = new Map<string, string>();
  for (const p of props) if (p.name === 'X-ABLABEL' && p.group) groupLabels.set(p.group, normaliseLabel(textValue(p).trim()));

  let fn: { text: string; rank: number } | null = null;
  let named = false;
  let nickname = '';
  const notes: string[] = [];
  const warnings: string[] = [];
  for (const p of props) {
    switch (p.name) {
      case 'KIND':
      case 'X-ADDRESSBOOKSERVER-KIND':
        if (textValue(p).trim().toLowerCase() === 'group') record.skipReason = 'A contact group, not a person.';
        break;
      case 'FN': {
        const text = cellValue(textValue(p));
        const rank = prefRank(p);
        if (text && (!fn || rank < fn.rank)) fn = { text, rank };
        break;
      }
      case 'N': {
        if (named) break;
        const [family = '', given = '', additional = ''] = nameComponents(p).map(cellValue);
        record.lastName = family;
        record.firstName = [given, additional].filter(Boolean).join(' ');
        named = Boolean(family || given || additional);
        break;
      }
      case 'NICKNAME':
        nickname ||= cellValue(valueParts(p, ',')[0]);
        break;
      case 'ORG':
        record.company ||= cellValue(valueParts(p, ';')[0]);
        break;
      case 'TITLE':
        record.title ||= cellValue(textValue(p));
        break;
      case 'TEL': {
        const raw = cellValue(telValue(textValue(p)));
        if (!raw) break;
        const flagged = (p.params['X-FEATHER-DNC'] ?? []).some(yes);
        const { label, doNotCall } = labelAndFlag(telLabel(p, p.group ? groupLabels.get(p.group) : undefined));
        record.phones.push({ label, raw, doNotCall: flagged || doNotCall });
        break;
      }
      case 'EMAIL': {
        // "-", "n/a" and the like say "no address"; anything else that is not an address is named in a warning
        const { emails, rejected } = emailsInCell(textValue(p));
        for (const email of emails) if (!record.emails.some((e) => e.toLowerCase() === email.toLowerCase())) record.emails.push(email);
        for (const bad of rejected) warnings.push(`EMAIL: "${bad.slice(0, 60)}" is not an email address; not imported.`);
        break;
      }
      case 'CATEGORIES':
        record.tags.push(
          ...valueParts(p, ',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      case 'NOTE': {
        const text = textValue(p).trim();
        if (text && !notes.includes(text)) notes.push(text);
        break;
      }
      case 'TZ': {
        const text = textValue(p).trim();
        if (/^[A-Za-z_]+\/[A-Za-z_/+-]+$/.test(text)) record.timeZone = text;
        break;
      }
      case 'X-FEATHER-FAVORITE':
        record.favorite = yes(textValue(p));
        break;
      case 'X-FEATHER-DNC':
        record.doNotCall = { reason: textValue(p).trim() || 'Marked do-not-call in the imported file.' };
        break;
      case 'X-FEATHER-FIELD': {
        const key = p.params.NAME?.[0];
        if (key) record.custom[key] = textValue(p);
        break;
      }
    }
  }
  record.notes = notes.join('\n\n');
  if (warnings.length) record.warnings = warnings;
  record.displayName = fn?.text ?? '';
  // FN is mandatory in vCard and usually just repeats the name; keep it only when it says more.
  const implied = [record.firstName, record.lastName].filter(Boolean).join(' ') || record.company || record.phones[0]?.raw || '';
  if (record.displayName === implied) record.displayName = '';
  const hasName = Boolean(record.displayName || record.firstName || record.lastName || record.company);
  if (!hasName) record.displayName = nickname || record.emails[0] || ''; // an email-only card is still a contact
  if (!record.skipReason && !record.displayName && !hasName && record.phones.length === 0 && !record.notes) {
    record.skipReason = 'An empty card: no name, number or email.';
  }
  return record;
}

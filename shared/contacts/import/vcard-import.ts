import { emptyRecord, labelAndFlag, normaliseLabel, type ImportRecord } from './import-record';

/**
 * vCard 3.0 / 4.0 (RFC 2426 / 6350): several cards per file, folded lines, `item1.` groups
 * with Apple's X-ABLabel, TEL types, `tel:` URIs with `;ext=`, escaped characters.
 */

interface Property {
  group: string | null;
  name: string;
  params: Record<string, string[]>;
  value: string;
}

export function unfold(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
}

/** Splits on a separator that is not escaped with a backslash. */
function splitUnescaped(value: string, separator: ';' | ','): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      current += c + value[i + 1];
      i++;
    } else if (c === separator) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

export const unescapeText = (value: string) => value.replace(/\\([nN,;:\\])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

export function parseLine(line: string): Property | null {
  // The value starts at the first ':' that is not inside a quoted parameter value.
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inQuotes = !inQuotes;
    else if (line[i] === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const [head = '', ...paramParts] = splitUnescaped(line.slice(0, colon), ';');
  const dot = head.lastIndexOf('.');
  const params: Record<string, string[]> = {};
  for (const part of paramParts) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? 'TYPE' : part.slice(0, eq)).toUpperCase(); // vCard 2.1 bare types, e.g. ;CELL
    const values = (eq < 0 ? part : part.slice(eq + 1)).replace(/^"|"$/g, '').split(',').map((v) => v.replace(/^"|"$/g, ''));
    (params[key] ??= []).push(...values);
  }
  return { group: dot > 0 ? head.slice(0, dot).toLowerCase() : null, name: (dot > 0 ? head.slice(dot + 1) : head).toUpperCase(), params, value: line.slice(colon + 1) };
}

const TYPE_PRIORITY = ['cell', 'mobile', 'iphone', 'work', 'home', 'main', 'fax', 'pager'];

function telLabel(prop: Property, groupLabels: Map<string, string>): string {
  const groupLabel = prop.group ? groupLabels.get(prop.group) : undefined;
  if (groupLabel) return groupLabel;
  const types = (prop.params.TYPE ?? []).map((t) => t.toLowerCase()).filter((t) => t !== 'voice' && t !== 'pref');
  const best = TYPE_PRIORITY.find((t) => types.includes(t)) ?? types[0];
  return best ? normaliseLabel(best) : 'other';
}

/** `tel:+1-212-555-0100;ext=12` → `+1-212-555-0100 ext 12`. */
function telValue(value: string): string {
  const text = unescapeText(value.trim());
  if (!/^tel:/i.test(text)) return text;
  const [number = '', ...params] = text.slice(4).split(';');
  const ext = params.find((p) => /^ext=/i.test(p));
  return ext ? `${number} ext ${ext.slice(4)}` : number;
}

export function parseVcards(text: string): { records: ImportRecord[]; errors: Array<{ row: number; message: string }> } {
  const records: ImportRecord[] = [];
  const errors: Array<{ row: number; message: string }> = [];
  let props: Property[] | null = null;
  let card = 0;
  for (const line of unfold(text)) {
    if (!line.trim()) continue;
    if (/^BEGIN:VCARD$/i.test(line.trim())) {
      props = [];
      card++;
      continue;
    }
    if (/^END:VCARD$/i.test(line.trim())) {
      if (props) records.push(toRecord(props, card));
      props = null;
      continue;
    }
    if (!props) continue;
    const prop = parseLine(line);
    if (prop) props.push(prop);
    else errors.push({ row: card, message: `Unreadable line: ${line.slice(0, 40)}` });
  }
  if (props) {
    errors.push({ row: card, message: 'The last card has no END:VCARD; it was read anyway.' });
    records.push(toRecord(props, card));
  }
  return { records, errors };
}

function toRecord(props: Property[], card: number): ImportRecord {
  const record = emptyRecord(card);
  const groupLabels = new Map<string, string>();
  for (const p of props) if (p.name === 'X-ABLABEL' && p.group) groupLabels.set(p.group, normaliseLabel(unescapeText(p.value)));
  for (const p of props) {
    const text = unescapeText(p.value).trim();
    switch (p.name) {
      case 'FN':
        record.displayName = text;
        break;
      case 'N': {
        const [family = '', given = '', additional = ''] = splitUnescaped(p.value, ';').map(unescapeText);
        record.lastName = family.trim();
        record.firstName = [given, additional].map((s) => s.trim()).filter(Boolean).join(' ');
        break;
      }
      case 'ORG':
        record.company = unescapeText(splitUnescaped(p.value, ';')[0] ?? '').trim();
        break;
      case 'TITLE':
        record.title = text;
        break;
      case 'TEL': {
        const raw = telValue(p.value);
        const flagged = (p.params['X-FEATHER-DNC'] ?? []).some((v) => /^(true|yes|1)$/i.test(v));
        const { label } = labelAndFlag(telLabel(p, groupLabels));
        if (raw) record.phones.push({ label, raw, doNotCall: flagged });
        break;
      }
      case 'EMAIL':
        if (text) record.emails.push(text.replace(/^mailto:/i, ''));
        break;
      case 'CATEGORIES':
        record.tags.push(...splitUnescaped(p.value, ',').map(unescapeText).map((s) => s.trim()).filter(Boolean));
        break;
      case 'NOTE':
        record.notes = text;
        break;
      case 'TZ':
        if (/^[A-Za-z_]+\/[A-Za-z_/+-]+$/.test(text)) record.timeZone = text;
        break;
      case 'X-FEATHER-FAVORITE':
        record.favorite = /^(true|yes|1)$/i.test(text);
        break;
      case 'X-FEATHER-DNC':
        record.doNotCall = { reason: text || 'Marked do-not-call in the imported file.' };
        break;
      case 'X-FEATHER-FIELD': {
        const key = p.params.NAME?.[0];
        if (key) record.custom[key] = text;
        break;
      }
    }
  }
  // FN is mandatory in vCard and usually just repeats the name; keep it only when it says more.
  const implied = [record.firstName, record.lastName].filter(Boolean).join(' ') || record.company || record.phones[0]?.raw || '';
  if (record.displayName === implied) record.displayName = '';
  return record;
}

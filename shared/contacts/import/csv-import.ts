import Papa from 'papaparse';
import { z } from 'zod';
import { emptyRecord, labelAndFlag, normaliseLabel, type ImportRecord } from './import-record';

export const MappingTargetSchema = z.enum(['ignore', 'displayName', 'firstName', 'middleName', 'lastName', 'company', 'title', 'phone', 'email', 'tags', 'notes', 'custom', 'favorite', 'doNotCall', 'timeZone']);
export type MappingTarget = z.infer<typeof MappingTargetSchema>;
export const ColumnMappingSchema = z.array(
  z.object({
    target: MappingTargetSchema,
    /** phone label, or custom field key */
    label: z.string().max(60).optional(),
    /** a column that holds this phone's label (Google's "Phone 1 - Label") */
    labelColumn: z.number().int().min(0).optional(),
  }),
);
export type ColumnMapping = z.infer<typeof ColumnMappingSchema>;

export type CsvFormat = 'google' | 'outlook' | 'feather' | 'generic';

export interface ParsedCsv {
  format: CsvFormat;
  headers: string[];
  rows: string[][];
  mapping: ColumnMapping;
  delimiter: string;
  errors: Array<{ row: number; message: string }>;
}

const norm = (h: string) => h.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

/** Reads CSV text (`;` or `,`, BOM, quoted newlines) and recognises Google, Outlook and our own exports. */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  return describeCsv(result.data, result.meta.delimiter, result.errors);
}

/**
 * The same, in chunks of about 1 MB with `pause()` awaited between them, so a big file
 * does not hold up the caller's event loop.
 */
export function parseCsvInChunks(text: string, pause: () => Promise<void>): Promise<ParsedCsv> {
  return new Promise((resolve, reject) => {
    const data: string[][] = [];
    const errors: Papa.ParseError[] = [];
    let delimiter = ',';
    Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
      skipEmptyLines: 'greedy',
      delimitersToGuess: [',', ';', '\t', '|'],
      chunkSize: 1024 * 1024,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        for (const row of results.data) data.push(row);
        errors.push(...results.errors);
        delimiter = results.meta.delimiter;
        parser.pause();
        pause().then(() => parser.resume(), reject);
      },
      complete: () => resolve(describeCsv(data, delimiter, errors)),
      error: (error: Error) => reject(error),
    });
  });
}

function describeCsv(data: string[][], delimiter: string, parseErrors: Papa.ParseError[]): ParsedCsv {
  const [headerRow = [], ...rows] = data;
  const headers = headerRow.map((h) => h.trim());
  const set = new Set(headers.map(norm));
  const format: CsvFormat = set.has('do not call')
    ? 'feather'
    : set.has('phone 1 value') && (set.has('given name') || set.has('first name') || set.has('name'))
      ? 'google'
      : set.has('mobile phone') || set.has('business phone') || set.has('e mail address')
        ? 'outlook'
        : 'generic';
  return {
    format,
    headers,
    rows,
    mapping: guessMapping(headers, format),
    delimiter,
    errors: parseErrors.map((e) => ({ row: (e.row ?? 0) + 2, message: e.message })),
  };
}

/** A first guess per column; for generic files the user checks it in the mapping step. */
export function guessMapping(headers: string[], format: CsvFormat): ColumnMapping {
  const index = new Map(headers.map((h, i) => [norm(h), i]));
  return headers.map((header) => {
    const h = norm(header);
    const google = /^phone (\d+) (value)$/.exec(h);
    if (google) {
      const labelColumn = index.get(`phone ${google[1]} label`) ?? index.get(`phone ${google[1]} type`);
      return { target: 'phone' as const, ...(labelColumn !== undefined ? { labelColumn } : { label: 'other' }) };
    }
    if (/^(phone|e mail|address|website|relation|event|im) \d+ (label|type)$/.test(h)) return { target: 'ignore' as const };
    if (/^e mail( \d+)? (value|address)$|^e mail address$|^email/.test(h)) return { target: 'email' as const };
    if (/^custom /.test(h) && format === 'feather') return { target: 'custom' as const, label: header.replace(/^custom:\s*/i, '') };
    const exact: Record<string, MappingTarget> = {
      name: 'displayName',
      'full name': 'displayName',
      'display name': 'displayName',
      'first name': 'firstName',
      'given name': 'firstName',
      firstname: 'firstName',
      'middle name': 'middleName',
      'additional name': 'middleName',
      'last name': 'lastName',
      'family name': 'lastName',
      surname: 'lastName',
      lastname: 'lastName',
      company: 'company',
      organization: 'company',
      organisation: 'company',
      'organization name': 'company',
      'organization 1 name': 'company',
      'job title': 'title',
      title: 'title',
      'organization title': 'title',
      'organization 1 title': 'title',
      labels: 'tags',
      'group membership': 'tags',
      categories: 'tags',
      tags: 'tags',
      notes: 'notes',
      note: 'notes',
      favorite: 'favorite',
      favourite: 'favorite',
      'do not call': 'doNotCall',
      'time zone': 'timeZone',
    };
    if (h === 'title' && format === 'outlook') return { target: 'ignore' as const }; // Outlook's "Title" is Mr/Ms
    if (exact[h]) return { target: exact[h] };
    if (/phone|mobile|cell|tel|fax|pager|number/.test(h)) return { target: 'phone' as const, label: normaliseLabel(h) };
    if (/mail/.test(h)) return { target: 'email' as const };
    return { target: 'ignore' as const };
  });
}

const splitMulti = (value: string) => value.split(/\s*:::\s*|\n/).map((s) => s.trim()).filter(Boolean);

/** Rows → records through a mapping. Row numbers count the header as row 1, as spreadsheets do. */
export function csvRecords(parsed: Pick<ParsedCsv, 'rows' | 'headers'>, mapping: ColumnMapping, from = 0, to = parsed.rows.length): ImportRecord[] {
  return parsed.rows.slice(from, to).map((cells, offset) => {
    const i = from + offset;
    const record = emptyRecord(i + 2);
    let middle = '';
    mapping.forEach((m, column) => {
      const value = (cells[column] ?? '').trim();
      if (!value) return;
      switch (m.target) {
        case 'phone': {
          const { label, doNotCall } = labelAndFlag(m.labelColumn !== undefined ? (cells[m.labelColumn] ?? '') : (m.label ?? 'other'));
          for (const raw of splitMulti(value)) record.phones.push({ label, raw, doNotCall });
          break;
        }
        case 'email':
          record.emails.push(...splitMulti(value));
          break;
        case 'tags':
          record.tags.push(...value.split(/\s*(?::::|;|,)\s*/).map((t) => t.replace(/^\*\s*/, '').trim()).filter((t) => t && !/^mycontacts$/i.test(t) && !/^starred$/i.test(t)));
          if (/\bstarred\b/i.test(value)) record.favorite = true;
          break;
        case 'custom':
          if (m.label) record.custom[m.label] = value;
          break;
        case 'favorite':
          record.favorite = /^(yes|true|1|x)$/i.test(value);
          break;
        case 'doNotCall':
          record.doNotCall = /^(no|false|0)$/i.test(value) ? null : { reason: /^(yes|true|1|x)$/i.test(value) ? 'Marked do-not-call in the imported file.' : value };
          break;
        case 'middleName':
          middle = value;
          break;
        case 'ignore':
          break;
        default:
          record[m.target] = value;
      }
    });
    if (middle && record.firstName) record.firstName = `${record.firstName} ${middle}`;
    return record;
  });
}

import Papa from 'papaparse';
import { cellValue, emailsInCell } from './cell-values';
import type { ColumnMapping } from '../../../../shared/contacts/import/column-mapping';
import { customKeyFor, customKeyProblem } from '../../../../shared/contacts/import/custom-key';
import { detectFormat, guessMapping, type CsvFormat } from './csv-formats';
import { emptyRecord, labelAndFlag, type ImportRecord } from './import-record';
import { tooManyRowsMessage } from '../../../../shared/contacts/import/import-limits';

export type { ColumnMapping } from '../../../../shared/contacts/import/column-mapping';
export type { CsvFormat } from './csv-formats';

export interface ParsedCsv {
  format: CsvFormat;
  headers: string[];
  rows: string[][];
  mapping: ColumnMapping;
  delimiter: string;
  errors: Array<{ row: number; message: string }>;
}

/** Reads CSV text (`;` or `,`, BOM, quoted newlines) and recognises Google, Outlook and our own exports. */
export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', delimitersToGuess: [',', ';', '\t', '|'] });
  return describeCsv(result.data, result.meta.delimiter, result.errors);
}

/** Text parsed per chunk: 64 KB is at most ~16k rows, and no slower overall than 1 MB. */
const CSV_CHUNK = 64 * 1024;

/** What `readCsvRecords` found: the file's shape, and its rows as records. */
export interface CsvRead extends Omit<ParsedCsv, 'rows'> {
  /** the first data rows as they are in the file */
  sample: string[][];
  /** one per data row (blank lines are not rows) */
  records: ImportRecord[];
}

/**
 * Reads CSV text straight into records, a chunk at a time (`pause()` awaited between chunks): the
 * rows of one chunk become records before the next is parsed, so the file's cells are never all
 * held at once as well as its records. The mapping is the one given, else the one its headers
 * suggest. Rows are counted as they are read: past `maxRows` data rows the promise rejects, saying
 * so, and no more than about `maxRows` rows are ever held, however long the file.
 */
export function readCsvRecords(text: string, pause: () => Promise<void>, maxRows = Infinity, mapping?: ColumnMapping): Promise<CsvRead> {
  return new Promise((resolve, reject) => {
    let described: Omit<ParsedCsv, 'rows' | 'errors' | 'delimiter'> | null = null;
    const sample: string[][] = [];
    const records: ImportRecord[] = [];
    const errors: ParsedCsv['errors'] = [];
    let delimiter = ',';
    let seen = 0; // rows so far, the header included
    let stopped = false;
    const stop = (parser: Papa.Parser, error: Error) => {
      stopped = true;
      records.length = 0;
      parser.abort();
      reject(error);
    };
    Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
      skipEmptyLines: 'greedy',
      delimitersToGuess: [',', ';', '\t', '|'],
      chunkSize: CSV_CHUNK,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        let rows = results.data;
        for (const e of results.errors) errors.push({ row: seen + (e.row ?? 0) + 2, message: e.message });
        delimiter = results.meta.delimiter;
        if (!described && rows.length) {
          const headers = rows[0]!.map((h) => h.trim());
          const format = detectFormat(headers);
          described = { format, headers, mapping: mapping ?? guessMapping(headers, format) };
          if (described.mapping.length !== headers.length)
            return stop(parser, new Error('The column mapping does not match the file; choose the file again.'));
          rows = rows.slice(1);
          seen = 1;
        }
        if (seen - 1 + rows.length > maxRows) return stop(parser, new Error(tooManyRowsMessage(maxRows, 'rows')));
        for (const row of rows) if (sample.length < 5) sample.push(row);
        if (described)
          for (const r of csvRecords({ rows, headers: described.headers }, described.mapping, 0, rows.length, seen - 1)) records.push(r);
        seen += rows.length;
        parser.pause();
        pause().then(
          () => parser.resume(),
          (error: unknown) => stop(parser, error instanceof Error ? error : new Error(String(error))),
        );
      },
      complete: () => {
        if (stopped) return;
        const shape = described ?? { format: detectFormat([]), headers: [], mapping: [] };
        resolve({ ...shape, delimiter, errors, sample, records });
      },
      error: (error: Error) => reject(error),
    });
  });
}

function describeCsv(data: string[][], delimiter: string, parseErrors: Papa.ParseError[]): ParsedCsv {
  const [headerRow = [], ...rows] = data;
  const headers = headerRow.map((h) => h.trim());
  const format = detectFormat(headers);
  return {
    format,
    headers,
    rows,
    mapping: guessMapping(headers, format),
    delimiter,
    errors: parseErrors.map((e) => ({ row: (e.row ?? 0) + 2, message: e.message })),
  };
}

/** What a contact can hold (ContactSchema): more is cut here, with a warning, rather than refused on save. */
const LIMIT = { name: 100, text: 200, notes: 10_000, custom: 2000, phones: 20, emails: 20, tags: 50, tag: 60, label: 40, raw: 100 };

/** Several values in one cell: Google's ` ::: ` or one per line. */
const splitMulti = (value: string) =>
  value
    .split(/\s*:::\s*|\n/)
    .map(cellValue)
    .filter(Boolean);

/** Google marks its own groups with "* ": "* myContacts" is everyone, "* starred" the favourites. */
function readTags(value: string, record: ImportRecord) {
  for (const part of value.split(/\s*(?::::|;|,)\s*/)) {
    const tag = cellValue(part.replace(/^\*\s*/, ''));
    if (!tag || /^my ?contacts$/i.test(tag)) continue;
    if (/^starred$/i.test(tag)) record.favorite = true;
    else record.tags.push(tag.slice(0, LIMIT.tag));
  }
}

const quote = (value: string) => `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"`;

/**
 * Rows → records through a mapping. Row numbers count the header as row 1, as spreadsheets do;
 * `before`: data rows that came before `parsed.rows` (a file read a chunk at a time).
 */
export function csvRecords(
  parsed: Pick<ParsedCsv, 'rows' | 'headers'>,
  mapping: ColumnMapping,
  from = 0,
  to = parsed.rows.length,
  before = 0,
): ImportRecord[] {
  const { headers } = parsed;
  const column = (i: number) => headers[i] || `column ${i + 1}`;
  return parsed.rows.slice(from, to).map((cells, offset) => {
    const record = emptyRecord(before + from + offset + 2);
    const warnings: string[] = [];
    const seenEmails = new Set<string>();
    let middle = '';
    const clip = (i: number, value: string, max: number) => {
      if (value.length <= max) return value;
      warnings.push(`${column(i)}: cut to ${max.toLocaleString('en')} characters.`);
      return value.slice(0, max);
    };
    mapping.forEach((m, i) => {
      const value = cellValue(cells[i]);
      if (!value) return;
      switch (m.target) {
        case 'phone': {
          const { label, doNotCall } = labelAndFlag(
            m.labelColumn !== undefined ? cellValue(cells[m.labelColumn]).replace(/^\*\s*/, '') || 'other' : (m.label ?? 'other'),
          );
          for (const raw of splitMulti(value))
            record.phones.push({ label: label.slice(0, LIMIT.label), raw: clip(i, raw, LIMIT.raw), doNotCall });
          break;
        }
        case 'email': {
          const { emails, rejected } = emailsInCell(value);
          for (const bad of rejected)
            warnings.push(
              `${column(i)}: ${quote(bad)} is ${/^\/o=/i.test(bad) ? 'an Exchange address' : 'not an email address'}; not imported.`,
            );
          for (const email of emails) {
            if (seenEmails.has(email.toLowerCase())) continue;
            seenEmails.add(email.toLowerCase());
            record.emails.push(email);
          }
          break;
        }
        case 'tags':
          readTags(value, record);
          break;
        case 'custom': {
          const fromRow = m.labelColumn !== undefined ? cellValue(cells[m.labelColumn]) : '';
          const key = fromRow ? customKeyFor(fromRow, m.label ?? `field${i + 1}`) : (m.label ?? customKeyFor(column(i), `field${i + 1}`));
          if (!customKeyProblem(key)) record.custom[key] = clip(i, value, LIMIT.custom);
          else warnings.push(`${column(i)}: ${quote(value)} not imported (${customKeyProblem(key)})`);
          break;
        }
        case 'favorite':
          record.favorite = /^(yes|true|1|x)$/i.test(value);
          break;
        case 'doNotCall':
          record.doNotCall = /^(no|false|0)$/i.test(value)
            ? null
            : { reason: /^(yes|true|1|x)$/i.test(value) ? 'Marked do-not-call in the imported file.' : clip(i, value, 500) };
          break;
        case 'middleName':
          middle = value;
          break;
        case 'notes':
          record.notes = clip(i, value, LIMIT.notes);
          break;
        case 'timeZone':
          record.timeZone = clip(i, value, 60);
          break;
        case 'ignore':
          break;
        default:
          record[m.target] = clip(i, value, m.target === 'firstName' || m.target === 'lastName' ? LIMIT.name : LIMIT.text);
      }
    });
    if (middle && record.firstName) record.firstName = `${record.firstName} ${middle}`.slice(0, LIMIT.name);
    if (record.phones.length > LIMIT.phones) warnings.push(`${record.phones.length} numbers: only the first ${LIMIT.phones} are imported.`);
    if (record.emails.length > LIMIT.emails)
      warnings.push(`${record.emails.length} email addresses: only the first ${LIMIT.emails} are imported.`);
    record.phones = record.phones.slice(0, LIMIT.phones);
    record.emails = record.emails.slice(0, LIMIT.emails);
    record.tags = [...new Set(record.tags)].slice(0, LIMIT.tags);
    if (warnings.length) record.warnings = [...(record.warnings ?? []), ...warnings];
    return record;
  });
}

import type { ImportStatus } from '../../../../shared/contacts/contacts-contract';
import type { ColumnMapping } from '../../../../shared/contacts/import/column-mapping';
import { readCsvRecords } from './csv-import';
import { decodeFileInSlices, ENCODING_CHOICES, encodingLabel } from './decode-text';
import type { ImportRecord } from './import-record';
import { parseVcardsInSlices } from './vcard-import';

/** What an import reads from its file before planning: the fields of its status that say what the file is. */
export type ReadFields = Pick<ImportStatus, 'format' | 'headers' | 'sample' | 'mapping' | 'mappingNeeded' | 'total' | 'error' | 'encoding'>;

export interface FileRead {
  records: ImportRecord[];
  fields: ReadFields;
}

/** The file as the import holds it: its bytes (encoding detected, or chosen), or text (tests, small files). */
export interface FileSource {
  fileName: string;
  bytes?: Uint8Array;
  text?: string;
}

/** How a file is read: the user's encoding and mapping, when chosen. */
export interface ReadOptions {
  encoding?: string;
  mapping?: ColumnMapping;
  /** the most contacts one file may hold */
  maxRows: number;
}

/** A file that could not be read, with what was learnt about it before. */
export class FileReadError extends Error {
  constructor(
    message: string,
    readonly fields: Partial<ReadFields>,
  ) {
    super(message);
  }
}

const vcardLike = (fileName: string, text: string) => /\.(vcf|vcard)$/i.test(fileName) || /^\uFEFF?\s*BEGIN:VCARD/i.test(text);

/**
 * Decodes the file (bytes: in the chosen or detected encoding) and reads it as vCard or CSV into
 * records, awaiting `pause()` between slices (it rejects to stop: a cancelled import). Both readers
 * count contacts as they go and stop at the first past the limit (issue 17).
 */
export async function readFile(source: FileSource, options: ReadOptions, pause: () => Promise<void>): Promise<FileRead> {
  let encoding: ImportStatus['encoding'] = null;
  let text = source.text;
  let pieces: readonly string[] | null = null;
  if (text === undefined) {
    const bytes = source.bytes ?? new Uint8Array(0);
    const decoded = await decodeFileInSlices(bytes, pause, options.encoding, 25);
    encoding = {
      id: decoded.encoding,
      label: encodingLabel(decoded.encoding),
      detected: !options.encoding,
      detectedId: decoded.detected,
      bom: decoded.bom,
      warning: decoded.warning,
      choices: ENCODING_CHOICES.map((c) => ({ id: c.id, label: c.label })),
    };
    if (decoded.empty)
      throw new FileReadError(
        `${decoded.warning ?? 'This file has no text in it.'} Choose another file${bytes.length ? ', or another encoding' : ''}.`,
        { encoding }, // the dialog keeps the encoding choice open
      );
    pieces = decoded.chunks;
    text = pieces[0] ?? '';
  }
  if (vcardLike(source.fileName, text)) {
    // the decoded pieces, never joined into one string (a 47 MB file of photos)
    const { records, errors } = await parseVcardsInSlices(pieces ?? text, pause, 25, options.maxRows);
    const error = errors.length
      ? errors
          .slice(0, 5)
          .map((e) => `Card ${e.row}: ${e.message}`)
          .join('; ')
      : null;
    return {
      records,
      fields: { format: 'vcard', headers: [], sample: [], mapping: [], mappingNeeded: false, total: records.length, error, encoding },
    };
  }
  const csv = await readCsvRecords(pieces ? pieces.join('') : text, pause, options.maxRows, options.mapping);
  if (csv.headers.length === 0) throw new Error('This file is empty.');
  const error = csv.errors.length
    ? csv.errors
        .slice(0, 5)
        .map((e) => `Row ${e.row}: ${e.message}`)
        .join('; ')
    : null;
  return {
    records: csv.records,
    fields: {
      format: csv.format,
      headers: csv.headers,
      sample: csv.sample,
      mapping: csv.mapping,
      mappingNeeded: csv.format === 'generic' && !options.mapping,
      total: csv.records.length,
      error,
      encoding,
    },
  };
}

import { describe, expect, it } from 'vitest';
import { canonicalEncoding, decodeFile, decodeFileInSlices, ENCODING_CHOICES } from '../../electron/core/contacts/import/decode-text';
import { parseVcards } from '../../electron/core/contacts/import/vcard-import';

/** Text → bytes in a single-byte code page (the reverse of the platform's decoder). */
function encodeSingleByte(text: string, encoding: string): Uint8Array {
  const decoder = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  return Uint8Array.from(text, (ch) => {
    const byte = table.get(ch);
    if (byte === undefined) throw new Error(`${ch} is not in ${encoding}`);
    return byte;
  });
}
const latin1 = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
const concat = (...parts: Array<ArrayLike<number>>) => Uint8Array.from(parts.flatMap((p) => Array.from(p)));

const germanCard = [
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;CHARSET=Windows-1252:Müller;Sören',
  'FN;CHARSET=Windows-1252:Sören Müller',
  'ORG;CHARSET=Windows-1252:Müller & Söhne GmbH',
  'TITLE;CHARSET=Windows-1252:Geschäftsführer',
  'TEL;WORK;VOICE:+49 30 1234567',
  'END:VCARD',
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N;CHARSET=Windows-1252:Groß;Jürgen',
  'TEL;CELL:+49 171 1234567',
  'END:VCARD',
  '',
].join('\r\n');
const greekCard = [
  'BEGIN:VCARD',
  'VERSION:2.1',
  'N:Παπαδόπουλος;Σωκράτης',
  'FN:Σωκράτης Παπαδόπουλος',
  'ORG:Άννα Γεωργίου ΑΕ',
  'TEL;CELL:+30 691 234 5678',
  'END:VCARD',
  '',
].join('\r\n');
const names = (text: string) => parseVcards(text).records.map((r) => [r.firstName, r.lastName].join(' '));

describe('reading a contact file in the encoding it was written in', () => {
  it('a valid UTF-8 file that contains U+FFFD itself is read as UTF-8 without a warning (with or without a BOM, or chosen)', () => {
    const csv = 'Name,Phone\nAna \ufffd Lima,+14155550132\n';
    const utf8 = new TextEncoder().encode(csv);
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]);
    for (const [bytes, chosen] of [
      [utf8, undefined],
      [bom, undefined],
      [utf8, 'UTF-8'],
    ] as const) {
      const file = decodeFile(bytes, chosen);
      expect(file).toMatchObject({ encoding: 'utf-8', warning: null });
      expect(file.text).toContain('Ana \ufffd Lima');
    }
    // bytes that are not UTF-8, read as UTF-8 by choice: still counted
    expect(decodeFile(new Uint8Array([...utf8, 0xff, 0x0a]), 'UTF-8').warning).toMatch(/1 character could not be read as UTF-8/);
  });

  it('reads a Windows-1252 German vCard as Windows-1252, not as UTF-8 with �', () => {
    const file = decodeFile(latin1(germanCard));
    expect(file).toMatchObject({ encoding: 'windows-1252', bom: false, empty: false });
    expect(file.text).not.toContain('\ufffd');
    expect(names(file.text)).toEqual(['Sören Müller', 'Jürgen Groß']);
    expect(parseVcards(file.text).records[0]).toMatchObject({ company: 'Müller & Söhne GmbH', title: 'Geschäftsführer' });
    expect(file.warning).toMatch(/guessed/); // a guess says so, and the preview offers the choice
  });

  it('reads a Windows-1253 Greek vCard as Greek', () => {
    const file = decodeFile(encodeSingleByte(greekCard, 'windows-1253'));
    expect(['windows-1253', 'iso-8859-7']).toContain(file.encoding);
    expect(names(file.text)).toEqual(['Σωκράτης Παπαδόπουλος']);
    expect(parseVcards(file.text).records[0]!.company).toBe('Άννα Γεωργίου ΑΕ'); // Ά is where the two Greek code pages differ
    expect(file.encoding).toBe('windows-1253');
  });

  it('reads Windows-1252 punctuation in 0x80–0x9F as Windows-1252 does („“ – €), not as control characters', () => {
    const file = decodeFile(
      concat(
        latin1('BEGIN:VCARD\r\nFN:Caf\xe9 M\xfcller\r\nNOTE:'),
        [0x84, 0x4a, 0x61, 0x93, 0x20, 0x96, 0x20, 0x35, 0x80],
        latin1('\r\nEND:VCARD\r\n'),
      ),
    );
    expect(file.encoding).toBe('windows-1252');
    expect(parseVcards(file.text).records[0]!.notes).toBe('„Ja“ – 5€');
  });

  it('reads Shift_JIS', () => {
    const file = decodeFile(
      concat(
        latin1('BEGIN:VCARD\r\nVERSION:2.1\r\nN:'),
        [0x93, 0x63, 0x92, 0x86, 0x3b, 0x97, 0x52, 0x8b, 0x49],
        latin1('\r\nTEL:090-1234-5678\r\nEND:VCARD\r\n'),
      ),
    );
    expect(file.encoding).toBe('shift_jis');
    expect(names(file.text)).toEqual(['由紀 田中']);
  });

  it('reads UTF-8 without a BOM as UTF-8, sure of it', () => {
    const file = decodeFile(new TextEncoder().encode(greekCard));
    expect(file).toMatchObject({ encoding: 'utf-8', detected: 'utf-8', confidence: 1, bom: false, warning: null });
    expect(names(file.text)).toEqual(['Σωκράτης Παπαδόπουλος']);
  });

  it('reads and drops a UTF-8 BOM', () => {
    const file = decodeFile(concat([0xef, 0xbb, 0xbf], new TextEncoder().encode(germanCard)));
    expect(file).toMatchObject({ encoding: 'utf-8', bom: true, warning: null });
    expect(file.text.startsWith('BEGIN:VCARD')).toBe(true);
    expect(names(file.text)).toEqual(['Sören Müller', 'Jürgen Groß']);
  });

  it('reads a UTF-16 LE vCard with a BOM (it used to give 0 contacts and no error)', () => {
    const file = decodeFile(concat([0xff, 0xfe], Buffer.from(germanCard, 'utf16le')));
    expect(file).toMatchObject({ encoding: 'utf-16le', bom: true, empty: false });
    expect(file.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(names(file.text)).toEqual(['Sören Müller', 'Jürgen Groß']);
  });

  it('reads UTF-16 BE, with a BOM and without one', () => {
    expect(names(decodeFile(concat([0xfe, 0xff], utf16be(greekCard))).text)).toEqual(['Σωκράτης Παπαδόπουλος']);
    const bare = decodeFile(utf16be(greekCard));
    expect(bare).toMatchObject({ encoding: 'utf-16be', bom: false });
    expect(names(bare.text)).toEqual(['Σωκράτης Παπαδόπουλος']);
    expect(decodeFile(new Uint8Array(Buffer.from(germanCard, 'utf16le'))).encoding).toBe('utf-16le');
  });

  it('reads UTF-32 LE with a BOM', () => {
    const codePoints = Array.from(greekCard, (ch) => ch.codePointAt(0)!);
    const bytes = new Uint8Array(4 + codePoints.length * 4);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, 0xfeff, true);
    codePoints.forEach((cp, i) => view.setUint32(4 + i * 4, cp, true));
    const file = decodeFile(bytes);
    expect(file).toMatchObject({ encoding: 'utf-32le', bom: true });
    expect(names(file.text)).toEqual(['Σωκράτης Παπαδόπουλος']);
  });

  it('says when a file decodes to nothing', () => {
    expect(decodeFile(new Uint8Array())).toMatchObject({ empty: true, warning: 'This file is empty (0 bytes).' });
    const blank = decodeFile(concat([0xff, 0xfe], Buffer.from(' \r\n\r\n', 'utf16le')));
    expect(blank).toMatchObject({
      encoding: 'utf-16le',
      empty: true,
      warning: 'This file has no text in it (it decodes to nothing as UTF-16 LE).',
    });
  });
});

describe('an encoding the user chose', () => {
  it('overrides the detection, which is still reported', () => {
    const file = decodeFile(encodeSingleByte(greekCard, 'windows-1253'), 'windows-1252');
    expect(file).toMatchObject({ encoding: 'windows-1252', detected: 'windows-1253' });
    expect(names(file.text)).not.toEqual(['Σωκράτης Παπαδόπουλος']);
  });

  it('warns when the chosen encoding cannot read the bytes', () => {
    const file = decodeFile(latin1(germanCard), 'utf-8');
    expect(file.warning).toBe('10 characters could not be read as UTF-8; choose another encoding if names look wrong.');
  });

  it('refuses an encoding it does not know, saying which it does', () => {
    expect(() => decodeFile(latin1(germanCard), 'klingon-8')).toThrow(
      /"klingon-8" is not a text encoding this app can read\. Choose one of: UTF-8, UTF-16 LE/,
    );
    expect(canonicalEncoding('klingon-8')).toBeNull();
    expect(canonicalEncoding('Shift_JIS')).toBe('shift_jis');
  });

  it('offers only choices it can decode', () => {
    for (const choice of ENCODING_CHOICES)
      expect(decodeFile(latin1('BEGIN:VCARD\r\nFN:Ann Lee\r\nEND:VCARD\r\n'), choice.id).empty, choice.id).toBe(false);
  });
});

describe('decoding a large file in slices', () => {
  it('gives the same text, a megabyte at a time, handing the event loop back in between', async () => {
    const big = concat([0xff, 0xfe], Buffer.from(germanCard.repeat(12_000), 'utf16le')); // ≈ 5 MB
    let pauses = 0;
    const sliced = await decodeFileInSlices(
      big,
      async () => {
        pauses++;
        await new Promise((resolve) => setImmediate(resolve));
      },
      undefined,
      0,
    );
    expect(sliced).toEqual(decodeFile(big));
    expect(sliced.text.length).toBe(germanCard.length * 12_000);
    expect(pauses).toBeGreaterThanOrEqual(4);
  });

  it('finds invalid UTF-8 past the first megabyte and guesses again', async () => {
    const big = concat(new TextEncoder().encode('BEGIN:VCARD\r\nFN:Ann Lee\r\nEND:VCARD\r\n'.repeat(60_000)), latin1(germanCard));
    const file = await decodeFileInSlices(big, () => new Promise((resolve) => setImmediate(resolve)));
    expect(file.encoding).toBe('windows-1252');
    expect(parseVcards(file.text).records.at(-1)).toMatchObject({ firstName: 'Jürgen', lastName: 'Groß' });
  });
});

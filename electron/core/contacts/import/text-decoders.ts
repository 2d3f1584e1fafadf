/**
 * TextDecoder by label, cached, with one repair: Node 20.18.3+ and 22.13+ decode `windows-1252`
 * (and its aliases `latin1`, `iso-8859-1`, `ascii`) as plain Latin-1, so bytes 0x80–0x9F come
 * out as C1 control characters instead of `€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ`
 * (nodejs/node#60888). Browsers are right; the repair changes nothing there.
 */

/** WHATWG index-windows-1252 for 0x80–0x9F (0x81, 0x8D, 0x8F, 0x90, 0x9D stay as they are). */
const W1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1 = /[\u0080-\u009f]/g;

export interface TextDecoding {
  /** the WHATWG name, e.g. `windows-1252` for `latin1` */
  encoding: string;
  decode(bytes: Uint8Array): string;
}

/** Undoes the Latin-1 misreading of Windows-1252 text; a no-op on correctly decoded text. */
export const repairWindows1252 = (text: string) => text.replace(C1, (c) => W1252_HIGH[c.charCodeAt(0) - 0x80]!);

const cache = new Map<string, TextDecoding | null>();

/** A decoder for `label` (`ISO-8859-1`, `Shift_JIS`, `cp1252`…) that replaces what it cannot read with U+FFFD; null when the label is unknown. */
export function textDecoding(label: string): TextDecoding | null {
  const key = label.trim().toLowerCase();
  if (!cache.has(key)) {
    let decoding: TextDecoding | null = null;
    try {
      const decoder = new TextDecoder(key, { ignoreBOM: true });
      decoding =
        decoder.encoding === 'windows-1252'
          ? { encoding: decoder.encoding, decode: (bytes) => repairWindows1252(decoder.decode(bytes)) }
          : { encoding: decoder.encoding, decode: (bytes) => decoder.decode(bytes) };
    } catch {
      decoding = null;
    }
    cache.set(key, decoding);
  }
  return cache.get(key) ?? null;
}

/**
 * Property values of vCard 2.1 / 3.0 / 4.0: quoted-printable and base64 text in a `CHARSET=`,
 * backslash escapes (RFC 2426 §5, RFC 6350 §3.4) and components split on unescaped `;` or `,`.
 */

import { textDecoding } from './text-decoders';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Bytes → text in the card's `CHARSET=`. Without one (2.1 says ASCII; exporters mean UTF-8 or
 * their Windows code page), or with a UTF-8 label on bytes that are not UTF-8 (Outlook does
 * this), the bytes are read as UTF-8 when they are valid UTF-8 and as Windows-1252 otherwise.
 */
export function decodeBytes(bytes: Uint8Array, charset: string | undefined): string {
  const named = charset && !/^utf-?8$/i.test(charset.trim()) ? textDecoding(charset) : null;
  if (named) return named.decode(bytes);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return textDecoding('windows-1252')!.decode(bytes);
  }
}

const hexValue = (c: number) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);

/**
 * `=C3=91ame` → `Ñame`. Soft line breaks were already joined by the line reader. The file as a
 * whole was decoded before we get here; only ASCII and `=XX` escapes are bytes in `charset`, so
 * characters the file decoding produced (raw 8-bit text some writers leave unescaped) are kept.
 */
export function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  let out = '';
  const bytes: number[] = [];
  const flush = () => {
    if (bytes.length) out += decodeBytes(Uint8Array.from(bytes), charset);
    bytes.length = 0;
  };
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 61 /* = */ && i + 2 < value.length && hexValue(value.charCodeAt(i + 1)) >= 0 && hexValue(value.charCodeAt(i + 2)) >= 0) {
      bytes.push(hexValue(value.charCodeAt(i + 1)) * 16 + hexValue(value.charCodeAt(i + 2)));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else {
      flush();
      out += value[i];
    }
  }
  flush();
  return out;
}

/** `ENCODING=B` text values (rare, but Lotus Notes and some phones write them). */
export function decodeBase64Text(value: string, charset: string | undefined): string {
  try {
    const binary = atob(value.replace(/[^A-Za-z0-9+/=]/g, ''));
    return decodeBytes(
      Uint8Array.from(binary, (ch) => ch.charCodeAt(0)),
      charset,
    );
  } catch {
    return value;
  }
}

/**
 * `\,` `\;` `\\` `\n` `\N` per the RFCs, and leniently `\"` and `\:` (escaped by some writers).
 * Any other backslash is kept as written.
 */
export const unescapeText = (value: string) => value.replace(/\\([nN,;:\\"])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Splits on a separator that is not escaped with a backslash; the parts keep their escapes. */
export function splitUnescaped(value: string, separators: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') i++;
    else if (separators.includes(c)) {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out;
}

export interface EncodedValue {
  value: string;
  params: Record<string, string[]>;
}

const encodingOf = (p: EncodedValue) => (p.params.ENCODING?.[0] ?? '').toUpperCase();

/** One raw (still escaped) piece of a value → text: transfer encoding undone in its charset, line ends as `\n`. */
function decodePiece(raw: string, p: EncodedValue): string {
  const encoding = encodingOf(p);
  const charset = p.params.CHARSET?.[0];
  const text = encoding === 'QUOTED-PRINTABLE' ? decodeQuotedPrintable(raw, charset) : raw;
  return text.replace(/\r\n?/g, '\n');
}

const isBase64 = (p: EncodedValue) => ['B', 'BASE64'].includes(encodingOf(p));

/** A text value (FN, NOTE, TITLE…) → plain text. */
export function textValue(p: EncodedValue): string {
  if (isBase64(p)) return unescapeText(decodeBase64Text(p.value, p.params.CHARSET?.[0]));
  return unescapeText(decodePiece(p.value, p));
}

/**
 * A structured value (N, ORG: `;`) or a list (CATEGORIES: `,`) → its parts, each decoded and
 * unescaped. Splitting comes first, so an escaped or encoded separator stays inside its part.
 */
/**
 * `N`: family;given;additional;prefix;suffix, each component a comma list (RFC 6350 §6.2.2, 2426 §3.1.2:
 * "Richter,James" are two additional names): each component's values joined with a space.
 */
export function nameComponents(p: EncodedValue): string[] {
  const base64 = isBase64(p);
  const text = base64 ? decodeBase64Text(p.value, p.params.CHARSET?.[0]) : p.value;
  return splitUnescaped(text, ';').map((component) =>
    splitUnescaped(component, ',')
      .map((piece) => (base64 ? unescapeText(piece) : unescapeText(decodePiece(piece, p))).trim())
      .filter(Boolean)
      .join(' '),
  );
}

export function valueParts(p: EncodedValue, separators: string): string[] {
  if (isBase64(p)) return splitUnescaped(decodeBase64Text(p.value, p.params.CHARSET?.[0]), separators).map(unescapeText);
  return splitUnescaped(p.value, separators).map((part) => unescapeText(decodePiece(part, p)));
}

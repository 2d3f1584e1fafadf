import { detectAll } from 'jschardet';
import { textDecoding } from './text-decoders';

/**
 * The encoding of a file that is not UTF-8 (and has no BOM): jschardet's candidates, judged on
 * the lines that hold non-ASCII bytes, then checked by how readable each close candidate makes
 * them. Among Latin code pages that the detector cannot tell apart, Windows-1252 (the most
 * common) wins. The first call loads jschardet's model (~0.1 s, once).
 */

const SAMPLE_BYTES = 64 * 1024;

/**
 * The bytes worth guessing from: the lines around non-ASCII bytes, up to 64 KB. A file of
 * cards with photos is mostly base64; its names are what tell the encoding.
 */
function nonAsciiSample(bytes: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let size = 0;
  let i = 0;
  while (i < bytes.length && size < SAMPLE_BYTES) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    let start = i;
    while (start > 0 && i - start < 80 && bytes[start - 1] !== 0x0a) start--;
    let end = i;
    while (end < bytes.length && end - i < 160 && bytes[end] !== 0x0a) end++;
    const piece = bytes.subarray(start, end + 1); // with its line end, when there is one
    parts.push(piece);
    size += piece.length;
    i = end + 1;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** jschardet's names → WHATWG's; null for what TextDecoder cannot read (EBCDIC, DOS code pages…). */
function whatwgName(name: string): string | null {
  const key = name
    .toLowerCase()
    .replace(/^iso8859-/, 'iso-8859-')
    .replace(/^cp(125\d)$/, 'windows-$1');
  const alias: Record<string, string> = {
    cp932: 'shift_jis',
    shift_jis_2004: 'shift_jis',
    'euc-jis-2004': 'euc-jp',
    cp949: 'euc-kr',
    big5hkscs: 'big5',
    gb2312: 'gb18030',
    'mac-roman': 'macintosh',
    macroman: 'macintosh',
    ascii: 'windows-1252',
    'tis-620': 'windows-874',
    cp874: 'windows-874',
  };
  return textDecoding(alias[key] ?? key)?.encoding ?? null;
}

const LATIN_CODE_PAGES = new Set([
  'windows-1252',
  'iso-8859-2',
  'windows-1250',
  'iso-8859-15',
  'iso-8859-16',
  'windows-1254',
  'iso-8859-9',
  'windows-1257',
  'iso-8859-13',
  'iso-8859-4',
  'iso-8859-3',
  'iso-8859-10',
  'iso-8859-14',
]);
/** Mac code pages read nearly every high byte as a letter, so they look readable whatever the text was; a user can still choose them. */
const NEVER_GUESSED = new Set(['macintosh', 'x-mac-cyrillic']);

const scriptOf = (ch: string) =>
  /\p{Script=Latin}/u.test(ch)
    ? 'Latin'
    : /\p{Script=Greek}/u.test(ch)
      ? 'Greek'
      : /\p{Script=Cyrillic}/u.test(ch)
        ? 'Cyrillic'
        : /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(ch)
          ? 'CJK'
          : /\p{L}/u.test(ch)
            ? 'other'
            : null;

/**
 * How readable a decoding makes the non-ASCII text: a point for each letter in a word of one
 * script, none for symbols, a penalty for control characters, U+FFFD and words that mix
 * scripts (`Dvoјсk`, which is Czech read as Cyrillic).
 */
function readability(text: string): number {
  let score = 0;
  for (const word of text.split(/[\s,;:.()"'<>=/\\[\]{}|]+/)) {
    if (!/[^ -~]/.test(word)) continue; // only words with something beyond printable ASCII
    const scripts = new Set<string>();
    let letters = 0;
    let bad = 0;
    for (const ch of word) {
      if (ch.charCodeAt(0) < 0x80) {
        if (/[A-Za-z]/.test(ch)) scripts.add('Latin');
        continue;
      }
      const script = scriptOf(ch);
      if (script) {
        scripts.add(script);
        letters++;
      } else if (/[\u0080-\u009f\ufffd]/.test(ch)) bad++;
      else if (/\p{M}/u.test(ch)) letters++;
    }
    score += (scripts.size > 1 ? -letters : letters) - 2 * bad;
  }
  return score;
}

export function guessEncoding(bytes: Uint8Array): { encoding: string; confidence: number } {
  const sample = nonAsciiSample(bytes);
  const candidates: Array<{ encoding: string; confidence: number }> = [];
  for (const r of detectAll(sample, { minimumThreshold: 0 })) {
    const encoding = r.encoding ? whatwgName(r.encoding) : null;
    if (encoding && !NEVER_GUESSED.has(encoding) && !encoding.startsWith('utf-') && !candidates.some((c) => c.encoding === encoding))
      candidates.push({ encoding, confidence: r.confidence });
  }
  const top = candidates[0]?.confidence ?? 0;
  const close = candidates.filter((c) => c.confidence >= top * 0.5).slice(0, 8);
  // Latin text the detector is unsure of: Windows-1252 is the likeliest and joins the race.
  const latin = close.length === 0 || LATIN_CODE_PAGES.has(close[0]!.encoding);
  if (latin && !close.some((c) => c.encoding === 'windows-1252')) close.push({ encoding: 'windows-1252', confidence: top * 0.5 });
  const head = sample.subarray(0, 8192); // enough to judge, and cheap to decode eight times
  const scored = close.map((c, order) => ({ ...c, order, score: readability(textDecoding(c.encoding)!.decode(head)) }));
  // Most readable first; among equals Windows-1252, then the detector's order.
  scored.sort(
    (a, b) => b.score - a.score || Number(b.encoding === 'windows-1252') - Number(a.encoding === 'windows-1252') || a.order - b.order,
  );
  return scored[0]!;
}

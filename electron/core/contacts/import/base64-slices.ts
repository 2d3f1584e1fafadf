/** Characters of base64 decoded per slice: about 3 ms of work, so a 62 MB string never blocks for long. */
const SLICE_CHARS = 1 << 20; // a multiple of 4: every slice decodes on its own

/** How many bytes a base64 text holds, without decoding it (4 characters carry 3 bytes; `=` pads the last). */
export function base64ByteLength(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((base64.length * 3) / 4) - padding);
}

/**
 * Decodes the base64 text an import's file arrives as, a slice at a time with `pause()` between
 * slices. Node's decoder skips characters that are not base64 instead of failing, so each slice
 * is checked by its length: anything skipped means the file did not arrive intact.
 */
export async function decodeBase64InSlices(base64: string, pause: () => Promise<void>): Promise<Uint8Array> {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  if (base64.length % 4 !== 0) throw new Error('The file did not arrive intact (its base64 text is cut short). Choose it again.');
  const out = new Uint8Array(base64ByteLength(base64));
  let at = 0;
  for (let i = 0; i < base64.length; i += SLICE_CHARS) {
    const chunk = base64.slice(i, i + SLICE_CHARS);
    const bytes = Buffer.from(chunk, 'base64');
    const expected = (chunk.length / 4) * 3 - (i + SLICE_CHARS >= base64.length ? padding : 0);
    if (bytes.length !== expected || at + bytes.length > out.length)
      throw new Error('The file did not arrive intact (its base64 text has other characters in it). Choose it again.');
    out.set(bytes, at);
    at += bytes.length;
    if (i + SLICE_CHARS < base64.length) await pause();
  }
  return out;
}

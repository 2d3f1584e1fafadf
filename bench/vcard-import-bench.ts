import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { decodeFile, decodeFileInSlices } from '../electron/core/contacts/import/decode-text';
import { parseVcards, parseVcardsInSlices } from '../electron/core/contacts/import/vcard-import';
import { rng } from './generate-contacts';

/**
 * vCard import with photos: 1,000 iPhone-style cards, each with a ~45 KB base64 PHOTO folded
 * RFC-style (≈47 MB, as in the issue). Measures how long the main thread is held at a stretch
 * while the file's bytes are decoded and parsed in slices (`decodeFileInSlices` then
 * `parseVcardsInSlices`), against one synchronous decode + parse of the same file and a plain
 * `split` of its lines in the same run.
 *
 * Alone: `npx tsx bench/vcard-import-bench.ts` (or `npm run bench -- --part=vcard` for the JSON).
 */

const CARDS = 1000;
const PHOTO_BYTES = 34_000; // → ~45 KB of base64
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const FIRST = ['Émilie', 'Jürgen', 'Søren', 'Zoë', 'María', 'Yuki', 'Aisha', 'Liam', 'Chloé', 'Björn'];
const LAST = ['Dubois', 'Müller', 'Kierkegaard', 'García', 'Tanaka', 'Khan', 'O’Brien', 'Nguyen', 'Álvarez', 'Novák'];

/** RFC folding at 75 octets, continuation lines starting with one space. */
function fold(line: string): string {
  const out = [line.slice(0, 75)];
  for (let i = 75; i < line.length; i += 74) out.push(' ' + line.slice(i, i + 74));
  return out.join('\r\n');
}

export function generateIphoneVcards(cards = CARDS, seed = 7): string {
  const r = rng(seed);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const parts: string[] = [];
  for (let i = 0; i < cards; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    let photo = '/9j/4AAQSkZJRgABAQAASABIAAD/4QBMRXhpZgAATU0AKgAAAAgAAYdpAAQAAAABAAAAGgAAAAAAA6ABAAMAAAAB';
    const chars: string[] = [];
    for (let k = 0; k < Math.ceil(PHOTO_BYTES / 3) * 4 - photo.length; k++) chars.push(B64[Math.floor(r() * 64)]!);
    photo += chars.join('');
    const n = String(1000 + i).slice(-4);
    parts.push(
      [
        'BEGIN:VCARD',
        'VERSION:3.0',
        'PRODID:-//Apple Inc.//iPhone OS 17.2//EN',
        `N:${last};${first};;;`,
        `FN:${first} ${last}`,
        'ORG:Northwind Health;',
        `item1.TEL;type=pref:+1 (212) 555-${n}`,
        'item1.X-ABLabel:_$!<Mobile>!$_',
        `TEL;type=WORK;type=VOICE:+1 (646) 555-${n}`,
        `item2.TEL:+1 (646) 555-9${n.slice(1)}`,
        'item2.X-ABLabel:_$!<HomeFAX>!$_',
        `EMAIL;type=INTERNET;type=HOME;type=pref:person${i}@example.com`,
        `NOTE:Card ${i}\\, exported from an iPhone with its photo.`,
        fold(`PHOTO;ENCODING=b;TYPE=JPEG:${photo}`),
        'END:VCARD',
      ].join('\r\n') + '\r\n',
    );
  }
  return parts.join('');
}

const ms = (n: number) => Math.round(n * 100) / 100;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

export async function benchVcardImport(cards = CARDS) {
  const text = generateIphoneVcards(cards);
  const bytes = new TextEncoder().encode(text);

  // Baselines, same text, same run: a plain line split, and the whole parse in one synchronous go.
  parseVcards(generateIphoneVcards(20, 99)); // warm-up on other cards
  let t = performance.now();
  const lines = text.split(/\r?\n/).length;
  const splitMs = performance.now() - t;
  t = performance.now();
  const syncDecoded = decodeFile(bytes);
  const syncDecodeMs = performance.now() - t;
  t = performance.now();
  const sync = parseVcards(syncDecoded.text); // one string, as a synchronous reader would have it
  const syncParseMs = performance.now() - t;

  // Sliced, with the event loop watched three ways: the stretch between pauses (wall and CPU
  // time; CPU time leaves out the time a busy machine takes the CPU away from us), a 10 ms
  // timer's lateness, and Node's event-loop delay histogram at 10 ms resolution.
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let timerLate = 0;
  let lastTick = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    timerLate = Math.max(timerLate, now - lastTick - 10);
    lastTick = now;
  }, 10);
  await new Promise((resolve) => setTimeout(resolve, 30));
  histogram.enable();
  timerLate = 0;
  let slices = 0;
  let longestWall = 0;
  let longestCpu = 0;
  let mark = performance.now();
  let cpuMark = process.cpuUsage();
  const pause = async () => {
    slices++;
    longestWall = Math.max(longestWall, performance.now() - mark);
    longestCpu = Math.max(longestCpu, cpuMs(process.cpuUsage(cpuMark)));
    await new Promise<void>((resolve) => setImmediate(resolve));
    mark = performance.now();
    cpuMark = process.cpuUsage();
  };
  t = performance.now();
  const decoded = await decodeFileInSlices(bytes, pause);
  const slicedDecodeMs = performance.now() - t;
  const decodeSlices = slices;
  const sliced = await parseVcardsInSlices(decoded.chunks, pause); // the pieces, never joined into one 47 MB string
  const slicedMs = performance.now() - t;
  longestWall = Math.max(longestWall, performance.now() - mark);
  longestCpu = Math.max(longestCpu, cpuMs(process.cpuUsage(cpuMark)));
  await new Promise((resolve) => setTimeout(resolve, 25));
  histogram.disable();
  clearInterval(timer);

  if (
    sliced.records.length !== cards ||
    sync.records.length !== cards ||
    sliced.errors.length ||
    decoded.chunks.reduce((n, c) => n + c.length, 0) !== text.length
  ) {
    throw new Error(`vCard bench: read ${sliced.records.length} of ${cards} cards, ${sliced.errors.length} errors`);
  }
  const faxes = sliced.records.reduce((n, r) => n + r.phones.filter((p) => p.label === 'fax').length, 0);
  return {
    cards,
    fileMB: ms(bytes.length / 1e6),
    lines,
    faxesKeptAsFax: faxes,
    /** decode + parse in slices, end to end */
    slicedMs: ms(slicedMs),
    slicedDecodeMs: ms(slicedDecodeMs),
    slices: { decode: decodeSlices, parse: slices - decodeSlices },
    longestSliceMs: ms(longestWall),
    longestSliceCpuMs: ms(longestCpu),
    eventLoopDelayMaxMs: ms(histogram.max / 1e6 - 10),
    timer10msLateMaxMs: ms(timerLate),
    /** the baseline: what one synchronous decode + parse would hold the main thread for */
    syncDecodeMs: ms(syncDecodeMs),
    syncParseMs: ms(syncParseMs),
    splitLinesMs: ms(splitMs),
    ratioSlicedToSync: ms(slicedMs / (syncDecodeMs + syncParseMs)),
    ratioSyncBlockToLongestSlice: Math.round((syncDecodeMs + syncParseMs) / longestWall),
  };
}

export const VCARD_BLOCK_TARGET_MS = 50;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await benchVcardImport();
  console.table([result]);
  console.log(
    `target: main thread held ≤ ${VCARD_BLOCK_TARGET_MS} ms while parsing → ${result.longestSliceMs <= VCARD_BLOCK_TARGET_MS ? 'ok' : 'MISSED'} (longest slice ${result.longestSliceMs} ms wall, ${result.longestSliceCpuMs} ms CPU)`,
  );
  console.log(JSON.stringify(result));
}

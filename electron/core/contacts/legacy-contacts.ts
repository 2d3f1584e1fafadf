import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ContactSchema, type Contact } from '../../../shared/contacts/contact';

/**
 * The contacts format before SQLite, read once to move it into the database: a snapshot
 * (`contacts.json`) plus append-only journals (`contacts.journal-<generation>.jsonl`).
 * Nothing here writes that format any more.
 */

/** the only snapshot version ever shipped */
const LEGACY_VERSION = 1;
const SNAPSHOT = 'contacts.json';
const JOURNAL = /^contacts\.journal-(\d+)\.jsonl$/;
/** temp files of the old snapshot writer (`contacts.json.<pid>.tmp`), and the `tmp-` spelling, left by a crash */
const TEMP = /^contacts\.json\.(?:\d+\.tmp|tmp-.*)$/;
const OP_START = '{"op":';

const SnapshotSchema = z.object({ schemaVersion: z.number(), generation: z.number().int().min(0), contacts: z.array(z.unknown()) });
const OpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('put'), contact: z.unknown() }),
  z.object({ op: z.literal('del'), id: z.string() }),
]);

export interface LegacyContacts {
  /** the files that make up the old store (snapshot and journals), to be kept as a backup once imported */
  files: string[];
  contacts: Map<string, Contact>;
  /** entries that did not pass the contact schema */
  rejected: unknown[];
  notices: string[];
  /** true when the snapshot was written by a newer app: nothing must be imported or renamed */
  newer: boolean;
}

/** Removes snapshot temp files a crash left behind; returns their names. */
export function removeLegacyTempFiles(dir: string): string[] {
  const removed: string[] = [];
  for (const f of safeList(dir)) {
    if (!TEMP.test(f)) continue;
    try {
      fs.rmSync(path.join(dir, f), { force: true });
      removed.push(f);
    } catch {
      // not ours to fight over: tried again at the next start
    }
  }
  return removed;
}

export function hasLegacyContacts(dir: string): boolean {
  return safeList(dir).some((f) => f === SNAPSHOT || JOURNAL.test(f));
}

/**
 * Parses one journal line. A line the old writer tore (the app stopped mid-append) was
 * followed by the next append on the same line, so `{"op":"put","contact":{"id":"x","di{"op":…}`
 * hides a complete, acknowledged change after the torn part: recover it.
 */
function parseLine(line: string): { op: unknown; salvaged: boolean } | null {
  try {
    return { op: JSON.parse(line), salvaged: false };
  } catch {
    for (let at = line.indexOf(OP_START, 1); at > 0; at = line.indexOf(OP_START, at + 1)) {
      try {
        return { op: JSON.parse(line.slice(at)), salvaged: true };
      } catch {
        // try the next candidate
      }
    }
    return null;
  }
}

/**
 * Reads snapshot + journals (oldest first) into the contacts they describe. An unreadable
 * snapshot is set aside (renamed, never deleted) and reported; a torn final line is ignored.
 */
export function readLegacyContacts(dir: string, stamp: string): LegacyContacts {
  const contacts = new Map<string, Contact>();
  const notices: string[] = [];
  const rejected: unknown[] = [];
  const files: string[] = [];
  const snapshotPath = path.join(dir, SNAPSHOT);
  let generation = 0;
  if (fs.existsSync(snapshotPath)) {
    let snapshot: z.infer<typeof SnapshotSchema> | null = null;
    try {
      const parsed = SnapshotSchema.safeParse(JSON.parse(fs.readFileSync(snapshotPath, 'utf8')));
      if (parsed.success) snapshot = parsed.data;
    } catch {
      snapshot = null;
    }
    if (snapshot && snapshot.schemaVersion > LEGACY_VERSION) {
      notices.push(
        `Your contacts file ${snapshotPath} was written by a newer Feather Launcher (schema ${snapshot.schemaVersion}); it was left untouched. Update the app to use it.`,
      );
      return { files: [], contacts, rejected, notices, newer: true };
    }
    if (!snapshot) {
      const aside = path.join(dir, `contacts.corrupt-${stamp}.json`);
      fs.renameSync(snapshotPath, aside);
      notices.push(
        `Your old contacts file could not be read. It is kept at ${aside}; contacts changed after it was written were recovered from the journal.`,
      );
    } else {
      files.push(snapshotPath);
      generation = snapshot.generation;
      for (const stored of snapshot.contacts) {
        const c = ContactSchema.safeParse(stored);
        if (c.success) contacts.set(c.data.id, c.data);
        else rejected.push(stored);
      }
    }
  }
  const journals = safeList(dir)
    .map((f) => JOURNAL.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ name: m[0], generation: Number(m[1]) }))
    .sort((a, b) => a.generation - b.generation);
  let salvaged = 0;
  for (const journal of journals) {
    const file = path.join(dir, journal.name);
    files.push(file); // older generations too: they are backed up with the rest
    if (journal.generation < generation) continue; // already in the snapshot
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, index) => {
      if (!line.trim()) return;
      const parsedLine = parseLine(line);
      const parsed = parsedLine ? OpSchema.safeParse(parsedLine.op) : null;
      if (!parsed?.success) {
        // a torn final line (the app stopped mid-write) is expected; anything else is reported
        if (index < lines.length - 2) notices.push(`A damaged line in ${file} was skipped.`);
        return;
      }
      if (parsedLine!.salvaged) salvaged++;
      if (parsed.data.op === 'del') contacts.delete(parsed.data.id);
      else {
        const c = ContactSchema.safeParse(parsed.data.contact);
        if (c.success) contacts.set(c.data.id, c.data);
        else rejected.push(parsed.data.contact);
      }
    });
  }
  if (salvaged > 0)
    notices.push(
      `${salvaged} change${salvaged === 1 ? '' : 's'} written right after an interrupted save ${salvaged === 1 ? 'was' : 'were'} recovered.`,
    );
  return { files, contacts, rejected, notices, newer: false };
}

/** Keeps the old files as a backup next to the database: `<name>.migrated-<stamp>`. */
export function keepLegacyAsBackup(files: string[], stamp: string): string[] {
  const kept: string[] = [];
  for (const file of files) {
    const target = `${file}.migrated-${stamp}`;
    try {
      fs.renameSync(file, target);
      kept.push(target);
    } catch {
      // already moved (or gone): the data is in the database either way
    }
  }
  return kept;
}

function safeList(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

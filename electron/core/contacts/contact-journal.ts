import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ContactSchema, type Contact } from '../../../shared/contacts/contact';
import { migrate, type Migration } from '../json-store';

/**
 * Contacts on disk: a snapshot (`contacts.json`, versioned, written atomically) plus an
 * append-only journal of changes since (`contacts.journal-<generation>.jsonl`).
 *
 * Why not one electron-store file: it re-serialises and rewrites the whole file on every
 * change, synchronously, on the main thread — at 50k contacts that blocks the window for a
 * long time on each edit (see `npm run bench`). Here an edit appends one line; the snapshot
 * is rewritten rarely, in small slices that yield to the event loop between them.
 */

export const CONTACTS_VERSION = 1;
/** Per-contact migrations, oldest first (none yet: version 1 is the first shipped format). */
export const contactMigrations: Migration[] = [];
const SnapshotSchema = z.object({ schemaVersion: z.number(), generation: z.number().int().min(0), contacts: z.array(z.unknown()) });
const OpSchema = z.discriminatedUnion('op', [z.object({ op: z.literal('put'), contact: z.unknown() }), z.object({ op: z.literal('del'), id: z.string() })]);
type Op = { op: 'put'; contact: Contact } | { op: 'del'; id: string };

const COMPACT_AFTER_OPS = 5000;
const SLICE = 1000;

export interface LoadedContacts {
  contacts: Map<string, Contact>;
  notices: string[];
}

export class ContactJournal {
  private generation = 0;
  private opsSinceSnapshot = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private compacting: Promise<void> | null = null;

  constructor(
    private readonly dir: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get snapshotPath() {
    return path.join(this.dir, 'contacts.json');
  }
  private journalPath(generation: number) {
    return path.join(this.dir, `contacts.journal-${generation}.jsonl`);
  }
  private stamp() {
    return this.now().toISOString().replace(/[:.]/g, '-');
  }

  /** Reads snapshot + journals. Anything unreadable is set aside (kept) and reported. */
  load(): LoadedContacts {
    fs.mkdirSync(this.dir, { recursive: true });
    const contacts = new Map<string, Contact>();
    const notices: string[] = [];
    const rejected: unknown[] = [];
    if (fs.existsSync(this.snapshotPath)) {
      let snapshot: z.infer<typeof SnapshotSchema> | null = null;
      try {
        const parsed = SnapshotSchema.safeParse(JSON.parse(fs.readFileSync(this.snapshotPath, 'utf8')));
        if (parsed.success && parsed.data.schemaVersion <= CONTACTS_VERSION) snapshot = parsed.data;
        else if (parsed.success) throw new Error(`Your contacts were saved by a newer Feather Launcher (schema ${parsed.data.schemaVersion}); update the app.`);
      } catch (error) {
        if (error instanceof Error && error.message.includes('newer Feather Launcher')) throw error;
      }
      if (!snapshot) {
        const aside = path.join(this.dir, `contacts.corrupt-${this.stamp()}.json`);
        fs.renameSync(this.snapshotPath, aside);
        notices.push(`Your contacts file could not be read. It is kept at ${aside}; contacts changed since were recovered from the journal.`);
      } else {
        this.generation = snapshot.generation;
        for (const stored of snapshot.contacts) {
          const raw = snapshot.schemaVersion < CONTACTS_VERSION && stored && typeof stored === 'object' ? migrate({ ...(stored as Record<string, unknown>), schemaVersion: snapshot.schemaVersion }, CONTACTS_VERSION, contactMigrations).data : stored;
          const c = ContactSchema.safeParse(raw);
          if (c.success) contacts.set(c.data.id, c.data);
          else rejected.push(raw);
        }
      }
    }
    // Replay every journal from the snapshot's generation on, oldest first.
    const journals = fs
      .readdirSync(this.dir)
      .map((f) => /^contacts\.journal-(\d+)\.jsonl$/.exec(f))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[1]))
      .filter((g) => g >= this.generation)
      .sort((a, b) => a - b);
    for (const generation of journals) {
      const lines = fs.readFileSync(this.journalPath(generation), 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (!line.trim()) return;
        let op: Op | null = null;
        try {
          const parsed = OpSchema.safeParse(JSON.parse(line));
          if (parsed.success) {
            if (parsed.data.op === 'del') op = parsed.data;
            else {
              const c = ContactSchema.safeParse(parsed.data.contact);
              if (c.success) op = { op: 'put', contact: c.data };
              else rejected.push(parsed.data.contact);
            }
          }
        } catch {
          // a torn final line (the app stopped mid-write) is expected; anything else is reported
          if (index < lines.length - 2) notices.push(`A damaged line in ${this.journalPath(generation)} was skipped.`);
        }
        if (op?.op === 'put') contacts.set(op.contact.id, op.contact);
        else if (op?.op === 'del') contacts.delete(op.id);
        if (op) this.opsSinceSnapshot++;
      });
      this.generation = Math.max(this.generation, generation);
    }
    if (rejected.length > 0) {
      const aside = path.join(this.dir, `contacts.rejected-${this.stamp()}.json`);
      fs.writeFileSync(aside, JSON.stringify(rejected, null, 1));
      notices.push(`${rejected.length} contact${rejected.length === 1 ? '' : 's'} could not be read and ${rejected.length === 1 ? 'was' : 'were'} set aside in ${aside}.`);
    }
    return { contacts, notices };
  }

  /** Appends changes; resolves once they are on disk. Order is preserved. */
  append(ops: Op[]): Promise<void> {
    if (ops.length === 0) return this.queue.then(() => undefined);
    const text = ops.map((op) => JSON.stringify(op)).join('\n') + '\n';
    const generation = this.generation;
    this.opsSinceSnapshot += ops.length;
    const write = this.queue.then(() => fsp.appendFile(this.journalPath(generation), text, 'utf8'));
    this.queue = write.catch(() => undefined);
    return write;
  }

  needsCompaction() {
    return this.opsSinceSnapshot >= COMPACT_AFTER_OPS;
  }

  /**
   * Writes a fresh snapshot of `contacts` in slices, yielding between them so the main
   * process stays responsive, then drops the journals it replaces. Changes made meanwhile
   * go to the next journal generation and survive.
   */
  compact(contacts: Iterable<Contact>): Promise<void> {
    if (this.compacting) return this.compacting;
    const snapshot = [...contacts]; // contacts are replaced, never mutated: this is a consistent view
    const next = this.generation + 1;
    this.generation = next;
    this.opsSinceSnapshot = 0;
    const run = async () => {
      await this.queue;
      const temp = `${this.snapshotPath}.${process.pid}.tmp`;
      const handle = await fsp.open(temp, 'w');
      try {
        await handle.write(`{"schemaVersion":${CONTACTS_VERSION},"generation":${next},"contacts":[`);
        for (let i = 0; i < snapshot.length; i += SLICE) {
          const part = snapshot.slice(i, i + SLICE).map((c) => JSON.stringify(c)).join(',');
          await handle.write((i > 0 ? ',' : '') + part);
          await new Promise((resolve) => setImmediate(resolve));
        }
        await handle.write(']}');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temp, this.snapshotPath);
      for (const f of await fsp.readdir(this.dir)) {
        const m = /^contacts\.journal-(\d+)\.jsonl$/.exec(f);
        if (m && Number(m[1]) < next) await fsp.rm(path.join(this.dir, f), { force: true });
      }
    };
    this.compacting = run().finally(() => (this.compacting = null));
    return this.compacting;
  }

  /** Resolves when everything written so far is on disk. */
  flush(): Promise<void> {
    return Promise.all([this.queue, this.compacting]).then(() => undefined);
  }
}

import fs from 'node:fs';

/**
 * The part of electron-store / conf the core uses. Main passes electron-store instances,
 * plain-Node tests pass conf instances built with the same options.
 */
export interface StoreLike {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface StoreFactory {
  /** Opens (or creates) the named store file; may throw SyntaxError on an unreadable file. */
  open(name: string): StoreLike;
  /** Where the named store file lives, so an unreadable one can be moved aside. */
  pathOf(name: string): string;
}

export interface OpenedStore {
  store: StoreLike;
  /** set when the previous file could not be read and was kept beside the new one */
  recoveredFrom?: string;
}

/**
 * Opens a store; a file that fails to parse is renamed `<name>.corrupt-<time>.json` (kept,
 * never deleted) and a fresh store is opened in its place. The caller tells the user.
 */
export function openRecoverable(factory: StoreFactory, name: string, now: () => Date = () => new Date()): OpenedStore {
  try {
    const store = factory.open(name);
    void store.store; // force a read so a bad file surfaces here, not later
    return { store };
  } catch (error) {
    if (!(error instanceof Error) || !(error.name === 'SyntaxError' || error.message.startsWith('Config schema violation'))) throw error;
    const file = factory.pathOf(name);
    const stamp = now().toISOString().replace(/[:.]/g, '-');
    const aside = file.replace(/\.json$/, '') + `.corrupt-${stamp}.json`;
    fs.renameSync(file, aside);
    return { store: factory.open(name), recoveredFrom: aside };
  }
}

/** A versioned document in a store: migrations run in order, then the schema decides. */
export interface Migration {
  /** the version this migration produces */
  to: number;
  up(data: Record<string, unknown>): Record<string, unknown>;
}

export function migrate(
  data: Record<string, unknown>,
  currentVersion: number,
  migrations: Migration[],
): { data: Record<string, unknown>; migrated: boolean } {
  let version = typeof data.schemaVersion === 'number' ? data.schemaVersion : 0;
  if (version > currentVersion) {
    throw new Error(`This file was written by a newer Feather Launcher (schema ${version}); update the app.`);
  }
  let out = data;
  for (const step of [...migrations].sort((a, b) => a.to - b.to)) {
    if (step.to <= version) continue;
    out = { ...step.up(out), schemaVersion: step.to };
    version = step.to;
  }
  return { data: out, migrated: out !== data };
}

export interface DocumentSpec<T> {
  schema: { safeParse(data: unknown): { success: true; data: T } | { success: false } };
  version: number;
  migrations: Migration[];
  create(): T;
  /** how the user knows this file, e.g. "settings" */
  label: string;
}

export interface Document<T> {
  value: T;
  /** writes first, then updates `value`: a failed write leaves the old value (and throws) */
  save(value: T): void;
  path: string;
  /** a message for the user when the file had to be set aside, or is from a newer version */
  notice?: string;
  /** the file is from a newer version: this document lives in memory and never writes it */
  readOnly?: boolean;
  /** there was no file: this is the first start (for this document) */
  created?: boolean;
}

const stampOf = (now: () => Date) => now().toISOString().replace(/[:.]/g, '-');

/** What the file holds before conf reads it: conf turns `null` or `42` into `{}`, which would be overwritten silently. */
function inspect(file: string): { kind: 'missing' | 'object' | 'unreadable' | 'not-object'; data?: Record<string, unknown> } {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'unreadable' };
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { kind: 'unreadable' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { kind: 'not-object' };
  return { kind: 'object', data: json as Record<string, unknown> };
}

/**
 * Opens a versioned, schema-checked document. Every file that cannot be used (unreadable,
 * truncated, NUL-filled, valid JSON but not an object, wrong shape) is moved aside with a
 * timestamp and reported — never overwritten, never silently dropped. A file written by a newer
 * version is left untouched: the document runs on in-memory defaults and says the app needs
 * updating.
 */
export function openDocument<T extends { schemaVersion: number }>(
  factory: StoreFactory,
  name: string,
  spec: DocumentSpec<T>,
  now: () => Date = () => new Date(),
): Document<T> {
  const file = factory.pathOf(name);
  const found = inspect(file);
  const version = typeof found.data?.schemaVersion === 'number' ? found.data.schemaVersion : 0;
  if (found.kind === 'object' && version > spec.version) {
    const doc: Document<T> = {
      value: spec.create(),
      path: file,
      readOnly: true,
      notice: `Your ${spec.label} file (${file}) was written by a newer version of Feather Launcher. This version cannot read it and leaves it untouched, using defaults until you update the app; changes to ${spec.label} are not saved meanwhile.`,
      save(next) {
        doc.value = next; // in memory only: the newer file is never written
      },
    };
    return doc;
  }
  let asideAt: string | undefined;
  let why = 'could not be read';
  if (found.kind === 'unreadable' || found.kind === 'not-object') {
    asideAt = file.replace(/\.json$/, '') + `.${found.kind === 'unreadable' ? 'corrupt' : 'invalid'}-${stampOf(now)}.json`;
    fs.renameSync(file, asideAt);
    if (found.kind === 'not-object') why = 'did not hold settings in a form the app knows';
  }
  const opened = openRecoverable(factory, name, now);
  let store = opened.store;
  asideAt ??= opened.recoveredFrom;
  let value: T | undefined;
  const raw = store.store;
  if (!asideAt && Object.keys(raw).length > 0) {
    const { data, migrated } = migrate(raw, spec.version, spec.migrations);
    const parsed = spec.schema.safeParse(data);
    if (parsed.success) {
      value = parsed.data;
      if (migrated) store.store = value as unknown as Record<string, unknown>;
    } else {
      asideAt = store.path.replace(/\.json$/, '') + `.invalid-${stampOf(now)}.json`;
      why = 'did not match what this version expects';
      fs.renameSync(store.path, asideAt);
      store = factory.open(name);
    }
  }
  if (value === undefined) {
    value = spec.create();
    store.store = value as unknown as Record<string, unknown>;
  }
  const doc: Document<T> = {
    value,
    path: store.path,
    save(next) {
      store.store = next as unknown as Record<string, unknown>; // throws on a failed write: value stays as it was
      doc.value = next;
    },
  };
  if (found.kind === 'missing') doc.created = true;
  if (asideAt) {
    doc.notice = `Your ${spec.label} file ${why}, so Feather Launcher started with fresh ${spec.label}. The old file is kept at ${asideAt}.`;
  }
  return doc;
}

import type { ImportStatus } from '../../../shared/contacts/contacts-contract';
import type { ColumnMapping } from '../../../shared/contacts/import/column-mapping';
import type { ImportOptions } from '../../../shared/contacts/import/import-contract';
import type { Result } from '../../../shared/result';
import { api } from '../api';
import { onEvent } from './on-event';
import { statusStore } from './status-store';
import { createStore, useStore } from './store';

export type DuplicateChoice = 'keep' | 'merge';

export interface ImportState {
  /** the job the dialog follows; null before a file is chosen */
  jobId: string | null;
  /** the latest report on a job of this dialog (the one being replaced, until the new one reports) */
  status: ImportStatus | null;
  /** the last preview that was ready (or done): shown while a re-plan works */
  shown: ImportStatus | null;
  /** a re-plan was asked for and its preview is not in yet: fixes and Import wait */
  replanning: boolean;
  error: string | null;
  /** the country chosen in the dialog; the app's default until one is */
  country: string | null;
  /** a column mapping being edited; null: the file's own */
  mapping: ColumnMapping | null;
  allDuplicates: DuplicateChoice;
  /** per-row choices for possible duplicates (rows not here follow `allDuplicates`) */
  choices: ReadonlyMap<number, DuplicateChoice>;
}

const initial = (): ImportState => ({
  jobId: null,
  status: null,
  shown: null,
  replanning: false,
  error: null,
  country: null,
  mapping: null,
  allDuplicates: 'keep',
  choices: new Map(),
});

/**
 * The import dialog's state. Main pushes each job's progress (`import:progress`): the window never
 * asks how a job is doing. Intents start, re-plan, commit and cancel jobs; their answers say which job to follow.
 */
export const importStore = createStore<ImportState>(initial());
export const useImport = () => useStore(importStore);

const RANK: Record<ImportStatus['phase'], number> = { planning: 0, ready: 1, importing: 2, done: 3, failed: 3, cancelled: 3 };
/** Of two reports on one job, the later: a job's phase only moves on, and within a phase its rows only grow. */
export function later(known: ImportStatus | null, next: ImportStatus): ImportStatus {
  if (!known || known.jobId !== next.jobId) return next;
  const ahead = RANK[next.phase] - RANK[known.phase];
  return ahead > 0 || (ahead === 0 && next.processed >= known.processed) ? next : known;
}

/** The latest report per job, for a job whose id arrives (with the answer that started it) after its first reports. */
const reported = new Map<string, ImportStatus>();
function remember(status: ImportStatus) {
  reported.set(status.jobId, later(reported.get(status.jobId) ?? null, status));
  if (reported.size > 8) reported.delete(reported.keys().next().value as string);
}

function take(report: ImportStatus) {
  importStore.set((s) => {
    if (s.jobId !== report.jobId) return s;
    const status = later(s.status, report);
    if (status === s.status) return s;
    const working = status.phase === 'planning' || status.phase === 'importing';
    const shown = status.phase === 'ready' || status.phase === 'done' ? status : working ? s.shown : null;
    return { ...s, status, shown, replanning: status.phase === 'planning' && s.replanning };
  });
}

/** The preview or re-plan being asked for: a newer one (or closing the dialog) makes its answer moot. */
let asking = new AbortController();
function ask() {
  asking.abort();
  return (asking = new AbortController());
}

function follow(own: AbortController, result: Result<{ jobId: string }>) {
  if (own.signal.aborted) return;
  if (!result.ok) return importStore.set((s) => ({ ...s, replanning: false, error: result.error.message }));
  const { jobId } = result.value;
  importStore.set((s) => ({ ...s, jobId }));
  const known = reported.get(jobId);
  if (known) take(known);
}

/** Numbers without a country code are read in the country chosen here, else the app's default. */
export const countryOf = (s: ImportState) => s.country ?? statusStore.get().status?.defaultCountry ?? null;

/** The dialog opens, or closes: nothing chosen, nothing followed. */
export function resetImport() {
  asking.abort();
  reported.clear();
  importStore.set(initial());
}

/**
 * A file was chosen: main reads and plans it (the window never reads it: the bridge tells main where
 * it is). `refused`: why the picker already turned it down (past main's size limit), said at once.
 */
export async function chooseFile(file: File, refused: string | null = null) {
  const own = ask();
  importStore.set((s) => ({ ...initial(), country: s.country }));
  if (refused) {
    importStore.set((s) => ({ ...s, error: refused }));
    return;
  }
  const country = countryOf(importStore.get());
  follow(own, await api().importFile(file, country ? { country } : {}));
}

/**
 * The same file again with other options (main keeps it); the preview shown stays until the new
 * one is ready. One at a time: a second fix built on the preview being replaced would undo the first.
 * False when none was started.
 */
export function replan(changes: ImportOptions): boolean {
  const { status, jobId, replanning } = importStore.get();
  if (!status || replanning) return false;
  const own = ask();
  importStore.set((s) => ({ ...s, replanning: true, error: null }));
  void api()
    .contacts.importReplan({ jobId: jobId ?? status.jobId, ...changes })
    .then((r) => follow(own, r));
  return true;
}

export function chooseCountry(code: string) {
  importStore.set((s) => ({ ...s, country: code }));
  if (importStore.get().status) replan({ country: code });
}

export const editMapping = (mapping: ColumnMapping | null) => importStore.set((s) => ({ ...s, mapping }));
export const chooseAllDuplicates = (choice: DuplicateChoice) =>
  importStore.set((s) => ({ ...s, allDuplicates: choice, choices: new Map() }));
export const chooseDuplicate = (row: number, choice: DuplicateChoice) =>
  importStore.set((s) => ({ ...s, choices: new Map(s.choices).set(row, choice) }));

/** Import: writes the previewed plan; its progress arrives as events. False when it did not start. */
export async function commitImport(): Promise<boolean> {
  const { status, jobId, replanning, choices, allDuplicates } = importStore.get();
  if (!status || replanning) return false;
  const rows = [...choices].filter(([, c]) => c !== allDuplicates).map(([row, choice]) => ({ row, choice }));
  const result = await api().contacts.importCommit({ jobId: jobId ?? status.jobId, duplicates: { all: allDuplicates, rows } });
  if (!result.ok) {
    importStore.set((s) => ({ ...s, error: result.error.message }));
    return false;
  }
  take(result.value);
  return true;
}

/** Cancel (or Close): stops the job unless it is over (a failed preview too: main lets its file go). */
export async function cancelImport() {
  asking.abort();
  const { status, jobId } = importStore.get();
  if (status && status.phase !== 'done' && status.phase !== 'cancelled')
    await api().contacts.importCancel({ jobId: jobId ?? status.jobId });
}

/** Follows `import:progress`; returns the unsubscribe. */
export function startImports(): () => void {
  return onEvent('import:progress', (status) => {
    remember(status);
    take(status);
  });
}

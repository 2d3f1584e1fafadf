import type { ImportStatus, PreviewRow } from '../../../../shared/contacts/contacts-contract';
import type { CountryGroup, PlannedRow } from './import-plan';

const SHOWN_PER_KIND = 100;
const SHOWN_PROBLEMS = 500;
const SHOWN_DUPLICATES = 500;

/** What the preview shows of a plan: counts, a few rows of each kind, every problem and possible duplicate up to a limit. */
export type PlanSummary = Pick<ImportStatus, 'counts' | 'rows' | 'possibleDuplicates' | 'countrySummary'>;

function previewRow(p: PlannedRow): PreviewRow {
  return {
    row: p.row,
    kind: p.kind,
    name: p.name,
    numbers: p.contact.phones.map((ph) => ph.e164 ?? ph.raw),
    ...(p.reason ? { reason: p.reason } : {}),
    warnings: p.warnings,
    ...(p.mergeInto ? { mergeInto: p.mergeInto.name } : {}),
    ...(p.possibleDuplicate ? { possibleDuplicate: { name: p.possibleDuplicate.name, reason: p.possibleDuplicate.reason } } : {}),
  };
}

/**
 * Counts a plan as its rows are planned (the worker keeps each row only in the form the commit
 * needs: import-worker.ts), and keeps the few rows the preview shows.
 */
export class PlanSummariser {
  private readonly counts = { new: 0, merge: 0, skip: 0, warnings: 0, possibleDuplicates: 0 };
  private readonly shown: PreviewRow[] = [];
  private readonly duplicates: ImportStatus['possibleDuplicates'] = [];
  private readonly perKind = { new: 0, merge: 0, skip: 0 };
  private problems = 0;

  add(p: PlannedRow) {
    const { counts, duplicates, perKind } = this;
    counts[p.kind]++;
    if (p.warnings.length) counts.warnings++;
    if (p.possibleDuplicate) {
      counts.possibleDuplicates++;
      if (duplicates.length < SHOWN_DUPLICATES)
        duplicates.push({
          row: p.row,
          name: p.name,
          duplicateOf: { id: p.possibleDuplicate.id, name: p.possibleDuplicate.name },
          reason: p.possibleDuplicate.reason,
        });
    }
    const problem = p.kind === 'skip' || p.warnings.length > 0 || p.possibleDuplicate !== undefined;
    if ((problem && this.problems < SHOWN_PROBLEMS) || (!problem && perKind[p.kind] < SHOWN_PER_KIND)) {
      this.shown.push(previewRow(p));
      if (problem) this.problems++;
      else perKind[p.kind]++;
    }
  }

  summary(countrySummary: CountryGroup[]): PlanSummary {
    return { counts: this.counts, rows: this.shown, possibleDuplicates: this.duplicates, countrySummary };
  }
}

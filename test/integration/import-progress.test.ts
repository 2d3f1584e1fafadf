import { afterEach, describe, expect, it } from 'vitest';
import { ImportStatusSchema } from '../../shared/contacts/import/import-contract';
import { importCore } from '../support/import-core';

/** An import job tells the window how it stands (`import:progress`) as it moves: nobody has to ask. */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function newCore() {
  const { core, reports } = await importCore('import-progress', cleanups);
  return { core, reports, of: (jobId: string) => reports.filter((r) => r.jobId === jobId) };
}

const csv = (rows: number) =>
  [
    'First Name,Last Name,Phone 1 - Label,Phone 1 - Value',
    ...Array.from({ length: rows }, (_, i) => `P${i},Q${i},Mobile,+1 415 555 ${String(i % 10_000).padStart(4, '0')}`),
  ].join('\n');
const ORDER = ['planning', 'ready', 'importing', 'done'];

describe('import:progress', () => {
  it('reports each phase of a job in order, its rows only moving forward within a phase, and ends with what the job holds', async () => {
    const { core, of } = await newCore();
    const { jobId } = await core.handlers.contacts.importPreview({ fileName: 'people.csv', text: csv(3000) });
    const ready = await core.contacts.imports.settle(jobId);
    expect(ready.phase).toBe('ready');
    core.handlers.contacts.importCommit({ jobId });
    const done = await core.contacts.imports.settle(jobId);
    expect(done).toMatchObject({ phase: 'done', result: { added: 3000 } });

    const reports = of(jobId);
    for (const r of reports) expect(ImportStatusSchema.safeParse(r).success).toBe(true);
    expect([...new Set(reports.map((r) => r.phase))]).toEqual(ORDER);
    for (let i = 1; i < reports.length; i++) {
      const [a, b] = [reports[i - 1]!, reports[i]!];
      expect(ORDER.indexOf(b.phase)).toBeGreaterThanOrEqual(ORDER.indexOf(a.phase));
      if (a.phase === b.phase) expect(b.processed).toBeGreaterThanOrEqual(a.processed);
    }
    expect(reports.find((r) => r.phase === 'importing')).toMatchObject({ processed: 0, total: 3000 });
    expect(reports.at(-1)).toEqual(done);
    // each report is a snapshot: later changes to the job do not reach one already sent
    expect(reports[0]).toMatchObject({ phase: 'planning', processed: 0 });
  });

  it('a cancelled job says so; a job replaced by a newer preview says nothing more', async () => {
    const { core, of } = await newCore();
    const first = await core.handlers.contacts.importPreview({ fileName: 'a.csv', text: csv(20_000) });
    const second = await core.handlers.contacts.importPreview({ fileName: 'b.csv', text: csv(10) });
    await core.contacts.imports.settle(second.jobId);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(of(first.jobId).map((r) => r.phase)).toEqual(['planning']);

    await core.handlers.contacts.importCancel({ jobId: second.jobId });
    // (planning may be reported more than once: what the file holds arrives while it is being planned)
    expect([...new Set(of(second.jobId).map((r) => r.phase))]).toEqual(['planning', 'ready', 'cancelled']);
    expect(of(second.jobId).at(-1)?.phase).toBe('cancelled');
  });
});

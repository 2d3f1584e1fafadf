// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportStatus } from '../../shared/contacts/contacts-contract';
import type { AppStatus } from '../../shared/contract';
import { ImportPanel } from '../../renderer/src/screens/contacts/import-panel';
import { resetImport, startImports } from '../../renderer/src/stores/import-store';
import { statusStore } from '../../renderer/src/stores/status-store';
import { installBridge } from './fake-bridge';

/**
 * The import dialog follows main's `import:progress` events: no polling. Reports come in any order
 * with the answers that start a job, and only the dialog's own job counts.
 */
const report = (patch: Partial<ImportStatus>): ImportStatus => ({
  jobId: 'job-1',
  fileName: 'people.csv',
  format: 'google',
  phase: 'planning',
  processed: 0,
  total: 2,
  country: 'US',
  encoding: null,
  reinterpret: [],
  keepHome: [],
  headers: [],
  sample: [],
  mapping: [],
  mappingNeeded: false,
  counts: { new: 0, merge: 0, skip: 0, warnings: 0, possibleDuplicates: 0 },
  rows: [],
  countrySummary: [],
  possibleDuplicates: [],
  error: null,
  result: null,
  ...patch,
});
const ready = report({ phase: 'ready', processed: 2, counts: { new: 2, merge: 0, skip: 0, warnings: 0, possibleDuplicates: 0 } });
const file = () => new File(['First Name,Phone 1 - Value\nAda,+14155550101\nAlan,+14155550102\n'], 'people.csv', { type: 'text/csv' });
const progress = (name: string) => screen.getByRole<HTMLProgressElement>('progressbar', { name });

let stop: () => void = () => undefined;
beforeEach(() => {
  statusStore.set({ status: { defaultCountry: 'US' } as AppStatus, error: null });
});
afterEach(() => {
  cleanup();
  stop();
  resetImport();
});

describe('import progress', () => {
  it('follows main’s events from reading to done, and never asks for the job’s status', async () => {
    const user = userEvent.setup();
    const bridge = installBridge({
      'contacts:importPreview': () => ({ jobId: 'job-1' }),
      'contacts:importCommit': () => report({ ...ready, phase: 'importing', processed: 0 }),
    });
    stop = startImports();
    const onClose = vi.fn();
    render(<ImportPanel onClose={onClose} />);
    await user.upload(screen.getByLabelText('CSV or vCard file'), file());
    await waitFor(() => expect(bridge.channels()).toContain('contacts:importPreview'));
    expect(bridge.calls.find((c) => c.channel === 'contacts:importPreview')?.request).toMatchObject({
      fileName: 'people.csv',
      country: 'US',
    });

    bridge.emit('import:progress', report({ processed: 1 }));
    expect(progress('Reading file').value).toBe(1);
    expect(screen.getByText('Reading 1 of 2')).toBeTruthy();
    bridge.emit('import:progress', report({ jobId: 'job-0', phase: 'failed', error: 'an older job' })); // not this dialog's
    expect(screen.queryByText('an older job')).toBeNull();

    bridge.emit('import:progress', ready);
    expect(screen.getByRole('status').textContent).toBe('2 new · 0 merged into existing contacts · 0 skipped · 0 with a number to check');
    await user.click(screen.getByRole('button', { name: 'Import 2 contacts' }));
    expect(progress('Importing').value).toBe(0);

    bridge.emit('import:progress', report({ ...ready, phase: 'importing', processed: 1 }));
    expect(progress('Importing').value).toBe(1);
    bridge.emit('import:progress', report({ ...ready, phase: 'importing', processed: 0 })); // late: progress only moves on
    expect(progress('Importing').value).toBe(1);
    bridge.emit('import:progress', report({ ...ready, phase: 'done', result: { added: 2, merged: 0, skipped: 0 } }));
    expect(screen.getByRole('status').textContent).toBe('Imported: 2 added, 0 merged into existing contacts, 0 skipped.');
    expect(screen.queryByRole('progressbar')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledWith(true);
    // started and committed, nothing else: there is no channel to ask how the job is doing
    expect(bridge.channels().filter((c) => c.startsWith('contacts:import'))).toEqual(['contacts:importPreview', 'contacts:importCommit']);
  });

  it('a report that arrives before the answer naming its job is not lost', async () => {
    const user = userEvent.setup();
    let bridge: ReturnType<typeof installBridge> | null = null;
    bridge = installBridge({
      'contacts:importPreview': async () => {
        await bridge!.emit('import:progress', ready); // main was quick: the preview is ready before its id is here
        return { jobId: 'job-1' };
      },
    });
    stop = startImports();
    render(<ImportPanel onClose={() => undefined} />);
    await user.upload(screen.getByLabelText('CSV or vCard file'), file());
    expect((await screen.findByRole('status')).textContent).toBe(
      '2 new · 0 merged into existing contacts · 0 skipped · 0 with a number to check',
    );
    expect(screen.getByRole('button', { name: 'Import 2 contacts' })).toBeTruthy();
    expect(bridge.channels().filter((c) => c.startsWith('contacts:import'))).toEqual(['contacts:importPreview']);
  });
});

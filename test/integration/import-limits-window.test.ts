// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../electron/core/ipc-dispatch';
import { ImportPanel } from '../../renderer/src/screens/contacts/import-panel';
import { resetImport, startImports } from '../../renderer/src/stores/import-store';
import { statusStore } from '../../renderer/src/stores/status-store';
import { buildBridge } from '../../shared/bridge';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '../../shared/contacts/import/import-limits';
import { channelNames, type AppStatus } from '../../shared/contract';
import { checkEvent } from '../../shared/main-events';
import { importCore } from '../support/import-core';

/**
 * Issue 17, as the user meets it: the import panel over the real core (the bridge's transport is
 * main's own dispatcher and event stream). A file past a limit is refused with main's message in
 * the panel's alert, next to the file picker; a file over the size limit is never even read.
 */
const ORIGIN = 'app://feather';
const cleanups: Array<() => Promise<unknown>> = [];
let stop: () => void = () => undefined;
beforeEach(() => {
  statusStore.set({ status: { defaultCountry: 'US' } as AppStatus, error: null });
});
afterEach(async () => {
  cleanup();
  stop();
  resetImport();
  for (const c of cleanups.splice(0)) await c();
});

async function windowOverCore() {
  const { core } = await importCore('import-limits-window', cleanups);
  const dispatch = createDispatcher(core.handlers, { trustedOrigins: [ORIGIN], validateResponses: true });
  const sent: string[] = [];
  window.launcher = buildBridge(
    channelNames(),
    (channel, request) => {
      sent.push(channel);
      return dispatch({ url: `${ORIGIN}/index.html`, isMainFrame: true }, channel, request);
    },
    (listener) => core.events.subscribe(listener),
    checkEvent,
    // a chosen file, as the browser preview gives it to main: its bytes uploaded into an import worker
    async (file) => {
      const upload = core.contacts.imports.receive();
      upload.write(new Uint8Array(await file.arrayBuffer()));
      upload.end();
      return { ok: true, value: { upload: upload.id } };
    },
  );
  stop = startImports();
  render(createElement(ImportPanel, { onClose: () => undefined }));
  return { sent, picker: () => screen.getByLabelText('CSV or vCard file') };
}

describe('import limits in the window', () => {
  it('a CSV with more than 200,000 rows: main’s refusal shows at the file picker as the failed import', async () => {
    const { picker } = await windowOverCore();
    const file = new File([`First Name,Phone\n${'A,+14155550100\n'.repeat(MAX_IMPORT_ROWS + 1)}`], 'everyone.csv', { type: 'text/csv' });
    await userEvent.setup().upload(picker(), file);
    const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
    expect(alert.textContent).toBe(
      'This file has more than 200,000 rows; one import takes at most 200,000 contacts. ' +
        'Split the file into files of up to 200,000 rows each and import them one after another.',
    );
    expect(screen.queryByRole('button', { name: /^Import \d/ })).toBeNull(); // nothing to import
  }, 40_000);

  it('a file over 100 MB is refused at the picker with the same words main uses, and never read or sent', async () => {
    const { picker, sent } = await windowOverCore();
    const file = new File(['First Name,Phone\n'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(file, 'size', { value: 250 * 1024 * 1024 }); // as a 250 MB file reports itself
    await userEvent.setup().upload(picker(), file);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This file is 250 MB; one import takes files of up to 100 MB. Split the file into smaller files and import them one after another.',
    );
    expect(sent.filter((c) => c.startsWith('contacts:import'))).toEqual([]);
    expect(MAX_IMPORT_BYTES).toBe(104_857_600);
  });
});

import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { generateContacts } from '../../bench/generate-contacts';
import { createContactsService } from '../../electron/core/contacts/contacts-service';
import { SAVED_INDEX_FILE } from '../../electron/core/contacts/saved-index/index-file';

// a build whose fingerprint cannot be made (its sample contacts no longer pass its own checks, say)
vi.mock('../../electron/core/contacts/saved-index/build-probe', () => ({
  buildFingerprint: () => {
    throw new Error('a sample contact is not readable');
  },
}));

describe('the saved index, when this build cannot fingerprint itself', () => {
  it('is neither used nor saved: the contacts open, every row read, and the log says why', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'feather-saved-index-'));
    await writeFile(path.join(dir, 'contacts.json'), JSON.stringify({ schemaVersion: 1, generation: 0, contacts: generateContacts(200) }));
    for (let start = 0; start < 2; start++) {
      const svc = createContactsService({ dir, defaultCountry: () => 'US', savedIndexMin: 1 });
      await svc.ready;
      expect(svc.loadedFrom()).toBe('rows');
      expect(svc.size()).toBe(200);
      await svc.close();
      expect(existsSync(path.join(dir, SAVED_INDEX_FILE))).toBe(false);
    }
    expect(warn.mock.calls.map((c) => c.join(' ')).join('\n')).toMatch(/a sample contact is not readable/);
  });
});

import Database from 'better-sqlite3';
import Conf from 'conf';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createContactsService } from '../electron/core/contacts/contacts-service';
import type { Contact } from '../shared/contacts/contact';
import { draftOf } from '../shared/contacts/contact-helpers';
import { pct, round2 as ms, type PartResult } from './figures';
import { generateContacts } from './generate-contacts';

/**
 * One edit at 50k contacts (10k quick): how long it holds the main thread (validate, transaction, index)
 * and when it is acknowledged (fsynced), next to a bare one-row UPDATE of the same database file in
 * the same run. The electron-store way (the whole list rewritten per edit) is kept in the details.
 */
export async function benchEdit(opts: { quick: boolean }): Promise<PartResult> {
  const size = opts.quick ? 10_000 : 50_000;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'feather-bench-edit-'));
  try {
    const contacts = generateContacts(size, 99);
    writeFileSync(path.join(dir, 'contacts.json'), JSON.stringify({ schemaVersion: 1, generation: 0, contacts }));
    const svc = createContactsService({ dir, defaultCountry: () => 'US' }); // moves contacts.json into contacts.db
    await svc.ready; // the contacts are read in slices at start; edits wait for that
    const target = contacts[Math.floor(size / 2)]!;
    const blocked: number[] = [];
    const acknowledged: number[] = [];
    const favorite: number[] = [];
    /** main thread busy until the next event-loop turn; then until the fsync confirmed it */
    const timed = async (edit: () => Promise<unknown>, busy: number[], acked?: number[]) => {
      const t0 = performance.now();
      const done = edit();
      await new Promise((resolve) => setImmediate(resolve));
      busy.push(performance.now() - t0);
      await done;
      acked?.push(performance.now() - t0);
    };
    const rounds = opts.quick ? 50 : 200;
    for (let i = 0; i < rounds; i++) {
      const draft = { ...draftOf(svc.get(target.id)), notes: `edit ${i}` };
      await timed(() => svc.update(target.id, draft), blocked, acknowledged);
      await timed(() => svc.setFavorite(contacts[i]!.id, i % 2 === 0), favorite);
    }
    const tc = performance.now();
    await svc.compact();
    const checkpointMs = performance.now() - tc;
    await svc.close();

    // floor: the same kind of write done bare — one row's JSON replaced in one synchronous transaction
    const db = new Database(path.join(dir, 'contacts.db'));
    const row = db.prepare('SELECT rowid AS id, doc FROM contacts LIMIT 1 OFFSET ?').get(Math.floor(size / 2)) as {
      id: number;
      doc: string;
    };
    const update = db.prepare('UPDATE contacts SET doc = ? WHERE rowid = ?');
    const bare: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      db.transaction(() => update.run(row.doc.replace(/"notes":"[^"]*"/, `"notes":"bare ${i}"`), row.id))();
      bare.push(performance.now() - t0);
    }
    db.close();

    // the electron-store way: the whole list rewritten on every edit
    const conf = new Conf<{ contacts: Contact[] }>({ cwd: path.join(dir, 'conf'), configName: 'contacts' });
    conf.set('contacts', contacts);
    const confTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      const list = conf.get('contacts');
      list[Math.floor(size / 2)] = { ...list[Math.floor(size / 2)]!, notes: `edit ${i}` };
      conf.set('contacts', list);
      confTimes.push(performance.now() - t0);
    }
    return {
      part: 'edit',
      on: `${size.toLocaleString('en')} contacts, ${rounds} edits`,
      figures: [
        {
          what: 'one edit, main thread held p95',
          ours: ms(pct(blocked, 95)),
          unit: 'ms',
          floor: ms(pct(bare, 95)),
          floorIs: 'bare one-row UPDATE transaction, p95',
          goal: { limit: 50, text: 'main held ≤ 50 ms' },
        },
        {
          what: 'one edit, main thread held max (the first includes warm-up)',
          ours: ms(Math.max(...blocked)),
          unit: 'ms',
          floor: null,
          floorIs: '',
        },
        {
          what: 'one edit acknowledged (fsynced) p50',
          ours: ms(pct(acknowledged, 50)),
          unit: 'ms',
          floor: ms(pct(bare, 50)),
          floorIs: 'bare one-row UPDATE transaction, p50',
        },
        {
          what: 'favourite, main thread held max',
          ours: ms(Math.max(...favorite)),
          unit: 'ms',
          floor: null,
          floorIs: '',
          goal: { limit: 50, text: 'main held ≤ 50 ms' },
        },
      ],
      details: { checkpointMs: ms(checkpointMs), electronStoreStyleEditMs: ms(pct(confTimes, 50)) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The writer process of `contacts-sqlite-kill.test.ts`: runs the real contacts service on
 * `argv[2]` (a folder) and edits and imports without pause until it is killed. It reports on
 * stdout, synchronously (a pipe write is done when writeSync returns, so it survives SIGKILL):
 *
 *   {"t":"opening"}                                          just before the database is opened
 *   {"t":"ready","size":N}
 *   {"t":"try","seq":S,"ids":[...],"del":bool,"create"?:true}  before an edit; ids it may touch
 *   {"t":"ack","seq":S,"put":{id:doc},"del":[ids]}          after the edit's promise resolved
 *   {"t":"try","seq":S,"import":"<id prefix>","n":N}       just before an import is committed
 *   {"t":"ack","seq":S,"import":"<id prefix>","ids":[...]}  after it reached phase 'done'
 *
 * Every contact a change writes carries the change's time (`stampOf(seq)`) in updatedAt or
 * lastCalledAt, so the test can tell a committed-but-unreported change from a wrong one.
 */
import { writeSync } from 'node:fs';
import { createContactsService } from '../../electron/core/contacts/contacts-service';
import type { Contact } from '../../shared/contacts/contact';
import { draftOf, emptyDraft } from '../../shared/contacts/contact-helpers';
import { seeded, stampOf } from './kill-protocol';

/** `args`: folder, seed, round number, '1' to start with an import */
async function runWriter(args: string[]): Promise<never> {
  const [dir, seedText, round, importFirst] = args as [string, string, string, string | undefined];
  const random = seeded(Number(seedText));
  let seq = Number(round) * 1_000_000; // stamps never repeat across rounds
  let idPrefix = `r${round}-e`;
  let counter = 0;
  const say = (message: object) => writeSync(1, `${JSON.stringify(message)}\n`);

  say({ t: 'opening' });
  const svc = createContactsService({
    dir,
    defaultCountry: () => 'US',
    now: () => new Date(stampOf(seq)),
    newId: () => `${idPrefix}${counter++}`,
  });
  await svc.ready; // every contact loaded (and unreadable rows set aside) before the first edit
  say({ t: 'ready', size: svc.size(), notices: svc.notices });

  // The ids that exist, kept here rather than asked of the service on every step (cheaper).
  const known = new Set(
    svc.query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: svc.size() + 1 }).rows.map((r) => r.id),
  );
  const ids = () => [...known];
  const pick = <T>(list: T[]): T | undefined => list[Math.floor(random() * list.length)];
  const docs = (list: Contact[]) => {
    for (const c of list) known.add(c.id);
    return Object.fromEntries(list.map((c) => [c.id, JSON.stringify(c)]));
  };

  async function edit(): Promise<void> {
    const s = ++seq;
    const existing = ids();
    const roll = random();
    const target = pick(existing);
    if (roll < 0.35 || !target) {
      say({ t: 'try', seq: s, ids: [], del: false, create: true });
      const c = await svc.create({
        ...emptyDraft(),
        displayName: `Person ${s}`,
        notes: `seq ${s}`,
        phones: [{ label: 'mobile', raw: `+1 212 555 ${String(s % 10000).padStart(4, '0')}`, doNotCall: false }],
      });
      say({ t: 'ack', seq: s, put: docs([c]), del: [] });
    } else if (roll < 0.6) {
      say({ t: 'try', seq: s, ids: [target], del: false });
      const c = await svc.update(target, { ...draftOf(svc.get(target)), notes: `seq ${s}` });
      say({ t: 'ack', seq: s, put: docs([c]), del: [] });
    } else if (roll < 0.75) {
      say({ t: 'try', seq: s, ids: [target], del: false });
      const c = await svc.setFavorite(target, !svc.get(target).favorite);
      say({ t: 'ack', seq: s, put: docs([c]), del: [] });
    } else if (roll < 0.85) {
      say({ t: 'try', seq: s, ids: [target], del: false });
      await svc.markCalled(target);
      say({ t: 'ack', seq: s, put: docs([svc.get(target)]), del: [] });
    } else if (roll < 0.95) {
      const gone = [...new Set([target, pick(existing)!])];
      say({ t: 'try', seq: s, ids: gone, del: true });
      await svc.remove(gone);
      for (const id of gone) known.delete(id);
      say({ t: 'ack', seq: s, put: {}, del: gone });
    } else {
      const other = pick(existing.filter((id) => id !== target));
      if (!other) return;
      say({ t: 'try', seq: s, ids: [target, other], del: true });
      const kept = await svc.merge(target, [other]);
      known.delete(other);
      say({ t: 'ack', seq: s, put: docs([kept]), del: [other] });
    }
  }

  async function importFile(): Promise<void> {
    const s = ++seq;
    const rows = 50 + Math.floor(random() * 450);
    const text = [
      'First Name,Last Name,Labels',
      ...Array.from({ length: rows }, (_, i) => `Imported ${s},Row ${i},* myContacts ::: Kill`),
    ].join('\n');
    const prefix = `r${round}-i${s}-`;
    idPrefix = prefix;
    const { jobId } = svc.imports.start({ fileName: 'kill.csv', text });
    const preview = await svc.imports.settle(jobId);
    idPrefix = `r${round}-e`;
    if (preview.phase !== 'ready') throw new Error(`preview ${preview.phase}: ${preview.error}`);
    say({ t: 'try', seq: s, import: prefix, n: preview.counts.new });
    svc.imports.commit(jobId);
    // Half the time an edit is asked for meanwhile: it waits for the commit and must survive too.
    const meanwhile = random() < 0.5 ? edit() : Promise.resolve();
    const done = await svc.imports.settle(jobId);
    if (done.phase !== 'done') throw new Error(`import ${done.phase}: ${done.error}`);
    const imported = svc
      .query({ query: '', sort: 'name', favoritesOnly: false, tags: [], offset: 0, limit: svc.size() + 1 })
      .rows.map((r) => r.id)
      .filter((id) => id.startsWith(prefix));
    for (const id of imported) known.add(id);
    say({ t: 'ack', seq: s, import: prefix, ids: imported });
    await meanwhile;
  }

  if (importFirst === '1') await importFile();
  for (;;) {
    if (random() < 0.12) await importFile();
    else await edit();
  }
}

runWriter(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { describe, expect, it } from 'vitest';
import type { DialDraft } from '../../shared/call-intent';
import type { CallPreview } from '../../shared/call-preview';
import type { Result } from '../../shared/result';
import { createDialStore, type DialPorts } from '../../renderer/src/dial/dial-store';

/** A fake main: answers previews when told to, and records every draft it was asked about. */
function fakeMain() {
  const asked: DialDraft[] = [];
  const pending: Array<() => void> = [];
  const placed: unknown[] = [];
  /** main's data: a change makes main's plan for the same draft a different one */
  const version = { n: 1 };
  const preview = (draft: DialDraft): CallPreview => ({
    ok: /^\+?\d{7,}$/.test(draft.toNumber.replace(/\s/g, '')),
    digest: `${draft.toNumber}|${version.n}`,
    body: null,
    problems: {},
    summary: null,
    notices: [],
    variablesNotice: null,
    types: {},
    to: null,
    toSuggestion: null,
    contact: draft.contactId ? { id: draft.contactId, name: 'Kim', callName: 'Kim', phoneLabel: 'mobile', how: 'picked' } : null,
    notTheirs: null,
    sharedBy: [],
    template: null,
    doNotCall: null,
    nonCallable: false,
    droppedVariables: 0,
    defaults: { toNumber: null, fromNumberId: null, caller: null },
    idempotencyKeySent: true,
    callerSource: 'none',
    offered: { agentIds: null, teamIds: null, note: null },
    apiVersion: null,
    confirmations: [],
    calleeTime: null,
  });
  const ports: DialPorts = {
    newRequestId: (() => {
      let n = 0;
      return () => `req-${++n}`;
    })(),
    call: {
      preview: (draft) => {
        asked.push(draft);
        return new Promise<Result<CallPreview>>((resolve) => pending.push(() => resolve({ ok: true, value: preview(draft) })));
      },
      place: async (intent) => {
        placed.push(intent);
        return { ok: false, error: { code: 'offline', message: 'offline' } };
      },
      resend: async () => ({ ok: false, error: { code: 'offline', message: 'offline' } }),
    },
  };
  /** answers every question asked so far, then lets the store react */
  const answerAll = async () => {
    while (pending.length) pending.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  return { ports, asked, placed, answerAll, version };
}

describe('the dial store asks main for a plan on every change, and shows only the plan of the draft on screen', () => {
  it('one question at a time: keystrokes while main thinks are coalesced, and the latest draft is asked next', async () => {
    const main = fakeMain();
    const store = createDialStore(main.ports, 'sim');
    for (const text of ['4', '41', '415', '415 555 0199']) store.dispatch({ type: 'edit', patch: { toNumber: text } });
    expect(main.asked.map((d) => d.toNumber)).toEqual(['4']);
    await main.answerAll(); // "4" answered: stale, dropped; the latest is asked
    expect(store.get().plannedDraft).toBeNull();
    expect(main.asked.map((d) => d.toNumber)).toEqual(['4', '415 555 0199']);
    await main.answerAll();
    expect(store.get().plannedDraft?.toNumber).toBe('415 555 0199');
    expect(store.get().plan?.ok).toBe(true);
  });

  it('when main’s data changes, the plan on screen is stale: Review right then waits for the new plan, and arms with it', async () => {
    const main = fakeMain();
    const store = createDialStore(main.ports, 'sim');
    store.dispatch({ type: 'edit', patch: { toNumber: '+14155550199' } });
    await main.answerAll();
    main.version.n = 2; // e.g. an import gave the number to another contact
    store.replan();
    store.review();
    expect(store.get().phase.kind).toBe('draft'); // not armed with the plan from before the change
    await main.answerAll();
    expect(store.get().phase).toMatchObject({ kind: 'review', plan: { digest: '+14155550199|2' } });
    await store.call();
    expect(main.placed).toEqual([expect.objectContaining({ armedWith: '+14155550199|2' })]);
  });

  it('Review before the plan arrives arms the card when it does; Call sends the draft with the card’s request id', async () => {
    const main = fakeMain();
    const store = createDialStore(main.ports, 'sim');
    store.dispatch({ type: 'edit', patch: { toNumber: '+14155550199' } });
    store.review();
    expect(store.get().phase.kind).toBe('draft');
    await main.answerAll();
    expect(store.get().phase).toMatchObject({ kind: 'review', requestId: 'req-1' });
    await store.call();
    expect(main.placed).toEqual([expect.objectContaining({ toNumber: '+14155550199', requestId: 'req-1' })]);
    expect(store.get().phase).toMatchObject({ kind: 'not_placed', requestId: 'req-1' });
  });

  it('while the call’s answer is on its way main is not asked for plans; back on the card, the plan follows main’s data', async () => {
    const main = fakeMain();
    const store = createDialStore(main.ports, 'sim');
    store.dispatch({ type: 'edit', patch: { toNumber: '+14155550199' } });
    store.review();
    await main.answerAll();
    const asked = main.asked.length;
    const calling = store.call(); // placing: main's history and status change as it places the call
    main.version.n = 2;
    store.replan();
    store.replan();
    expect(main.asked).toHaveLength(asked);
    await calling; // offline: not placed, the armed card again
    store.dispatch({ type: 'backToEdit' });
    expect(main.asked).toHaveLength(asked + 1); // the form shows a plan again: as main's data is now
    await main.answerAll();
    expect(store.get().plan?.digest).toBe('+14155550199|2');
  });

  it('the palette put away: a card ready to call is not left armed; a call being placed stays on its card', async () => {
    const main = fakeMain();
    const store = createDialStore(main.ports, 'sim');
    store.request({ toNumber: '+14155550199', source: 'hotkey' });
    await main.answerAll();
    expect(store.get().phase.kind).toBe('review');
    store.putAway();
    expect(store.get()).toMatchObject({ phase: { kind: 'draft' }, draft: { toNumber: '' }, armWhenPlanned: null });
    store.request({ toNumber: '+14155550199', source: 'hotkey' });
    await main.answerAll(); // the empty card's plan, then this one's
    await main.answerAll();
    expect(store.get().phase.kind).toBe('review');
    const calling = store.call(); // placing until main answers
    store.putAway();
    expect(store.get().phase.kind).toBe('placing');
    await calling;
  });

  it('two windows over one main: each store has its own draft, card and request ids (the palette reuses the store unchanged)', async () => {
    const main = fakeMain();
    const window1 = createDialStore(main.ports, 'sim');
    const palette = createDialStore(main.ports, 'sim');
    window1.dispatch({ type: 'edit', patch: { toNumber: '+14155550199' } });
    palette.request({ toNumber: '+442079460958', contactId: 'c1', source: 'hotkey' });
    await main.answerAll();
    expect(window1.get().draft.toNumber).toBe('+14155550199');
    expect(palette.get().plan?.contact?.id).toBe('c1');
    expect(palette.get().phase.kind).toBe('review');
    expect(window1.get().phase.kind).toBe('draft');
    window1.review();
    await main.answerAll();
    const ids = [window1.get().phase, palette.get().phase].map((p) => ('requestId' in p ? p.requestId : null));
    expect(new Set(ids).size).toBe(2);
  });
});

import { useEffect } from 'react';
import type { ContactRow } from '../../../../shared/contacts/contacts-contract';
import { OUTCOME_LABELS } from '../../../../shared/history/outcomes';
import { formatWhen } from '../dial/card-format';
import { onEvent } from '../../stores/on-event';
import { createStore, useStore } from '../../stores/store';

type LastCall = NonNullable<ContactRow['lastCall']>;

/**
 * A contact's last call as Contacts shows it: main's `lastCall` on the contact's row, moved on by
 * `history:changed` (a call's outcome changes after the row was read — placed, then answered or not —
 * and only the history announces that).
 */
const latest = createStore<ReadonlyMap<string, LastCall>>(new Map());
let stop: (() => void) | null = null;
function follow() {
  stop ??= onEvent('history:changed', (row) => {
    const contactId = row.contactId;
    if (!contactId) return;
    latest.set((calls) => {
      const known = calls.get(contactId);
      if (known && known.at > row.at) return calls;
      return new Map(calls).set(contactId, { at: row.at, outcome: row.outcome });
    });
  });
}

/** The newest of main's `lastCall` and what the history said since, per contact. */
export function useLastCalls(): (contactId: string, fromRow: ContactRow['lastCall']) => LastCall | null {
  useEffect(follow, []);
  const calls = useStore(latest);
  return (contactId, fromRow) => {
    const heard = calls.get(contactId);
    if (!heard) return fromRow ?? null;
    return !fromRow || heard.at >= fromRow.at ? heard : fromRow;
  };
}

/** Contacts: "Last call 14:02 · Not answered" (here, not with the History screen's formatting, so Contacts loads without it). */
export const lastCallText = (last: LastCall) => `Last call ${formatWhen(last.at)} · ${OUTCOME_LABELS[last.outcome]}`;

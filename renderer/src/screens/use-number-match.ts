import { useEffect, useState } from 'react';
import { api } from '../api';
import { useContactsChanges } from '../stores/contacts-store';

export interface NumberMatch {
  e164: string;
  name: string;
  label: string;
  doNotCall: string | null;
  /** a fax, pager, telex, TTY or modem line (and no contact has it as a voice number) */
  nonCallable: { label: string; contactName: string } | null;
}

/** Whose number this is, and whether it is do-not-call: asked again when contacts change. */
export function useNumberMatch(e164: string | null): NumberMatch | null {
  const [match, setMatch] = useState<NumberMatch | null>(null);
  const changes = useContactsChanges();
  useEffect(() => {
    let live = true;
    if (!e164) return;
    void api()
      .contacts.lookupNumber({ e164 })
      .then(
        (r) =>
          live &&
          setMatch(
            r.ok && r.value
              ? { e164, name: r.value.name, label: r.value.label, doNotCall: r.value.doNotCall, nonCallable: r.value.nonCallable ?? null }
              : null,
          ),
      );
    return () => {
      live = false;
    };
  }, [e164, changes]);
  return match && match.e164 === e164 ? match : null;
}

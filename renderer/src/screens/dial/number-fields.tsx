import { memo, useCallback } from 'react';
import type { CallTarget } from '../../../../shared/call-preview';
import { api } from '../../api';
import { CountrySelect } from '../../components/country-select';
import { FieldError } from '../../components/field-error';
import type { DialState } from '../../dial/dial-state';
import type { DialStore } from '../../dial/dial-store';
import { focusSoon } from '../../keyboard/focus';
import { setStatus } from '../../stores/status-store';
import { ToField } from './to-field';

/** 240-odd options: rendered again only when the country changes, not on every keystroke in To */
const Countries = memo(CountrySelect);
/** the To field renders again for its own value and error, not when main's plan for it arrives */
const To = memo(ToField);
async function changeCountry(code: string) {
  const result = await api().app.setDefaultCountry({ country: code });
  if (result.ok) setStatus(result.value);
}
const onCountry = (code: string) => void changeCountry(code);

/** The field's own element, for focus after a one-click fix (the button that was clicked is gone). */
const toInput = () => document.querySelector<HTMLElement>('[data-field="toNumber"]');

/** "To number" (a name picks a contact) and the country national numbers are read in. */
export function NumberFields({ state, store, country }: { state: DialState; store: DialStore; country: string }) {
  const { draft, plan } = state;
  const typed = draft.toNumber.trim();
  // What main said about this very number (while its answer for a new one is on its way, the last one, dimmed).
  const forThisNumber = state.plannedDraft?.toNumber === draft.toNumber;
  // Main's problem with the number shows once the user has left the field (or reviewed).
  const error = state.fieldErrors.toNumber ?? (state.numberTouched && typed && forThisNumber ? plan?.problems.toNumber : undefined);
  const to = plan?.to && !error ? plan.to : null;

  const pick = useCallback(
    (target: CallTarget) => store.dispatch({ type: 'pick', toNumber: target.toNumber, contactId: target.contactId }),
    [store],
  );
  const edit = useCallback((toNumber: string) => store.dispatch({ type: 'edit', patch: { toNumber } }), [store]);
  const leave = useCallback(() => store.dispatch({ type: 'numberTouched' }), [store]);

  return (
    <div className="row two">
      <div className="field grow">
        <To value={draft.toNumber} error={error} onChange={edit} onPick={pick} onLeave={leave} />
        {to ? (
          <>
            <p className={forThisNumber ? 'preview' : 'preview pending'} aria-busy={!forThisNumber}>
              <output htmlFor="to-number" aria-label="Number as sent">
                {to.e164}
              </output>
              <span className="muted"> · {to.countryName ?? 'international'}</span>
            </p>
            {to.notices.map((n) => (
              <p key={n} className="hint hint-warning" role="note">
                {n}
              </p>
            ))}
          </>
        ) : (
          <>
            <FieldError id="toNumber-error" message={error} />
            {plan?.toSuggestion && typed && forThisNumber ? (
              <button
                type="button"
                className="link"
                onClick={() => {
                  store.dispatch({ type: 'edit', patch: { toNumber: plan.toSuggestion!.international } });
                  focusSoon(toInput); // the button goes away with the problem: focus stays in the field
                }}
              >
                Use {plan.toSuggestion.international} ({plan.toSuggestion.countryName})
              </button>
            ) : null}
          </>
        )}
      </div>
      <div className="field">
        <label htmlFor="default-country">Default country</label>
        <Countries id="default-country" value={country} onChange={onCountry} />
      </div>
    </div>
  );
}

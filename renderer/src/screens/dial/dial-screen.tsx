import { submitOnEnter } from '../../components/submit-on-enter';
import { useEffect, useRef } from 'react';
import type { AppStatus } from '../../../../shared/contract';
import { useDial } from '../../dial/connect-dial';
import { isLocked } from '../../dial/dial-state';
import { focusSoon, rememberFocus, type FocusTarget } from '../../keyboard/focus';
import { QueueExpiryField } from '../../components/queue-expiry-field';
import { useDirectoryState } from '../../stores/directory-store';
import { profileKeyOf } from '../../stores/status-store';
import { CallCard } from './call-card';
import { CallerFields } from './caller-fields';
import { DialBanners } from './dial-banners';
import { NumberFields } from './number-fields';
import { VariablesSection } from './variables-section';

interface Props {
  status: AppStatus;
  onOpenConnection(): void;
  onOpenTemplates(): void;
}

/**
 * The Dial screen: the form, and the call card with main's plan for it. It renders the dial
 * store (renderer/src/dial/) and sends it the user's intents; the plan itself comes from main.
 */
export function DialScreen({ status, onOpenConnection, onOpenTemplates }: Props) {
  const { state, store } = useDial();
  const { directory: stored, profileKey } = useDirectoryState();
  // the directory of this connection only (a late one for the last profile, or the last key, is not shown)
  const directory = profileKey === profileKeyOf(status) ? stored : null;
  const formRef = useRef<HTMLFormElement>(null);
  /** what opened the card for review (the field where Enter was pressed, or Review call), per request id */
  const reviewOpener = useRef<{ requestId: string; target: FocusTarget } | null>(null);
  const { phase } = state;
  const locked = isLocked(phase);
  const opener = useRef<FocusTarget>(() => null);

  // Focus (and scroll to) the field the flow points at, once it is rendered enabled.
  useEffect(() => {
    const field = state.focus?.field;
    const element = field ? formRef.current?.querySelector<HTMLElement>(`[data-field="${field}"]`) : null;
    if (element && !element.matches(':disabled')) {
      element.scrollIntoView?.({ block: 'center' });
      element.focus({ preventScroll: true });
      store.dispatch({ type: 'focused', eventLate: document.activeElement === element && !document.hasFocus() });
    }
  }, [state.focus, locked, store]);

  // The card armed for review: Esc or Edit brings focus back where the review started.
  useEffect(() => {
    if (phase.kind === 'review' && reviewOpener.current?.requestId !== phase.requestId) {
      reviewOpener.current = { requestId: phase.requestId, target: opener.current };
      opener.current = () => null; // a card armed from elsewhere next time goes back to the number
    }
  }, [phase]);

  function backToEdit() {
    const back = 'requestId' in phase && reviewOpener.current?.requestId === phase.requestId ? reviewOpener.current.target : () => null;
    store.dispatch({ type: 'backToEdit' });
    focusSoon([back, () => formRef.current?.querySelector<HTMLElement>('[data-field="toNumber"]')]);
  }

  return (
    <div className="dial">
      <h1 className="visually-hidden">Dial</h1>
      <form
        ref={formRef}
        className="dial-form"
        aria-label="Call details"
        onKeyDown={submitOnEnter}
        onSubmit={(e) => {
          e.preventDefault();
          if (locked) return;
          opener.current = rememberFocus();
          store.review();
        }}
      >
        <DialBanners status={status} liveWarning={state.liveWarning} store={store} onOpenConnection={onOpenConnection} />
        <fieldset disabled={locked} className="plain">
          <NumberFields state={state} store={store} country={status.defaultCountry} />
          <CallerFields
            fromNumberId={state.draft.fromNumberId}
            caller={state.draft.caller}
            errors={state.fieldErrors}
            offered={state.plan?.offered}
            store={store}
            directory={directory}
          />
        </fieldset>
        <VariablesSection state={state} store={store} onOpenTemplates={onOpenTemplates} />
        {(state.plan?.apiVersion ?? directory?.apiVersion) === '1.90' ? (
          <QueueExpiryField
            value={state.draft.expiresInSeconds}
            disabled={locked}
            onChange={(expiresInSeconds) => store.dispatch({ type: 'edit', patch: { expiresInSeconds } })}
          />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={locked}>
            Review call
          </button>
          <span className="hint">Enter to review</span>
        </div>
      </form>
      <CallCard
        state={state}
        profile={status.activeProfile}
        directory={directory}
        onCall={(options) => void store.call(options)}
        onResend={() => void store.resend()}
        onEdit={backToEdit}
        onNewCall={() => store.newCall()}
        onDismissWaiting={() => store.dispatch({ type: 'dismissWaiting' })}
        onOpenConnection={onOpenConnection}
      />
    </div>
  );
}

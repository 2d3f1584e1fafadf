import { useContext, useEffect, useState } from 'react';
import { ComboBox, ComboBoxStateContext, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import type { CallTarget } from '../../../../shared/call-preview';
import { api } from '../../api';
import { KeepPageVisible } from '../../components/keep-page-visible';

interface Props {
  value: string;
  error: string | undefined;
  onChange(text: string): void;
  /** a contact's number chosen from the list */
  onPick(target: CallTarget): void;
  onLeave(): void;
  /** the input's id (the palette has its own) */
  id?: string;
}

/** Letters mean a name: the field lists the contacts (main's search), a number is just typed. */
const NAME_LIKE = /\p{L}/u;
const LIMIT = 8;
const keyOf = (t: CallTarget) => `${t.contactId}|${t.toNumber}`;

/** Contacts matching a name, from main's search; the latest query wins. */
function useTargets(text: string): CallTarget[] {
  const [found, setFound] = useState<{ query: string; targets: CallTarget[] }>({ query: '', targets: [] });
  const query = NAME_LIKE.test(text) && !/^\s*(tel|callto|sip|sips):/i.test(text) ? text.trim() : '';
  useEffect(() => {
    if (!query) return;
    let live = true;
    void api()
      .call.findTargets({ query, limit: LIMIT })
      .then((r) => live && setFound({ query, targets: r.ok ? r.value : [] }));
    return () => {
      live = false;
    };
  }, [query]);
  return query && found.query === query ? found.targets : [];
}

/**
 * The To field takes a name or a number: a number (any format, a tel: link) goes to main as
 * typed; letters list the contacts they match under the field (arrows and Enter pick one, which
 * puts that contact's number in). The palette window reuses it.
 */
export function ToField({ value, error, onChange, onPick, onLeave, id = 'to-number' }: Props) {
  const targets = useTargets(value);
  const errorId = 'toNumber-error';
  const [layer, setLayer] = useState<HTMLDivElement | null>(null);
  return (
    <div className="picker to-field">
      <ComboBox
        id={id}
        className="picker-box"
        items={targets}
        inputValue={value}
        onInputChange={onChange}
        selectedKey={null}
        onSelectionChange={(key: Key | null) => {
          const target = key === null ? undefined : targets.find((t) => keyOf(t) === String(key));
          if (target) onPick(target);
        }}
        onBlur={onLeave}
        allowsCustomValue
        allowsEmptyCollection={false}
        menuTrigger="input"
        isInvalid={Boolean(error)}
        validationBehavior="aria"
        aria-describedby={error ? errorId : `${id}-hint`}
      >
        <KeepPageVisible />
        <OpenWhenFound targets={targets} />
        <Label>To number</Label>
        <Input
          data-field="toNumber"
          data-autofocus
          autoFocus
          type="text"
          inputMode="tel"
          autoComplete="off"
          spellCheck={false}
          maxLength={100}
          placeholder="A name, or (415) 555-0132, or +44 20 7946 0958"
        />
        <span id={`${id}-hint`} className="visually-hidden">
          Type a number, or a name to pick one of your contacts.
        </span>
        {/* in the field, not at the end of <body>: next to its input for screen readers, inside the page's landmarks */}
        <Popover className="picker-popover" offset={4} UNSTABLE_portalContainer={layer ?? undefined}>
          <p className="picker-caption" id={`${id}-choices`}>
            Contacts
          </p>
          <ListBox<CallTarget> className="picker-list" aria-label="" aria-labelledby={`${id}-choices`}>
            {(target) => <TargetOption target={target} />}
          </ListBox>
        </Popover>
      </ComboBox>
      <div ref={setLayer} className="picker-layer" />
    </div>
  );
}

/** The contacts arrive after the keystroke that asked for them: open the list then, while the user is in the field. */
function OpenWhenFound({ targets }: { targets: CallTarget[] }) {
  const state = useContext(ComboBoxStateContext);
  useEffect(() => {
    if (state && targets.length > 0 && state.isFocused && !state.isOpen) state.open(null, 'input');
  }, [state, targets]);
  return null;
}

function TargetOption({ target }: { target: CallTarget }) {
  return (
    <ListBoxItem id={keyOf(target)} textValue={`${target.name} ${target.phoneLabel} ${target.display}`} className="picker-option">
      <Text slot="label" className="picker-option-name">
        {target.name}
        {target.company ? <span className="muted"> · {target.company}</span> : null}
      </Text>
      <Text slot="description" className="picker-option-detail">
        {target.phoneLabel} · {target.display}
        {target.blocked ? (
          <>
            {' '}
            <span className="picker-badge picker-unbound" aria-hidden="true">
              {target.blocked.badge}
            </span>
            <span className="visually-hidden">{target.blocked.reason}</span>
          </>
        ) : null}
      </Text>
    </ListBoxItem>
  );
}

import { useMemo, useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Text, type Key } from 'react-aria-components';
import type { Directory, DirectoryEntry } from '../../../shared/contract';
import { FieldError } from './field-error';
import { KeepPageVisible } from './keep-page-visible';
import { describeEntry, entryView, matchesQuery, resolveTyped, UUID, type BindingOf, type EntryView } from './id-combobox-entries';

interface Props {
  /** the input's id */
  id: string;
  /** the error/focus key, e.g. `agentId` (`data-field`, and `${field}-error` for the message) */
  field: string;
  label: string;
  placeholder: string;
  /** the ID (or, while it is not one, the text typed) */
  value: string;
  error: string | undefined;
  /** the entries offered in the list, when the server offers them */
  options: Directory['agents'] | undefined;
  onChange(value: string): void;
  /** offered when the typed ID is not in the list: keep it under a name, like a discovered one */
  onSaveManual?(label: string): Promise<string | null>;
  /** names the list of choices, e.g. "Agents you can call as" */
  suggestionsLabel?: string;
  /** says, per entry, whether it is bound for outbound calls (see `numberBindingOf`, `callerBindingOf`) */
  bindingOf?: BindingOf;
  /** every entry the value may name, offered or not (e.g. an agent not bound to this number); defaults to `options` */
  lookup?: readonly DirectoryEntry[];
}

/** What the user typed since the field last showed its value; dropped when the value changes from outside. */
interface Typed {
  text: string;
  forValue: string;
}

/**
 * A Feather ID (UUID) picked by name: a combobox that lists names, numbers and whether each is
 * bound for outbound calls, shows the chosen entry's name, and keeps any ID typed or pasted by
 * hand (a custom value), with "save under a name" for one the list does not have.
 */
export function IdField({
  id,
  field,
  label,
  placeholder,
  value,
  error,
  options,
  onChange,
  onSaveManual,
  suggestionsLabel = 'Suggestions',
  bindingOf,
  lookup,
}: Props) {
  const [typed, setTyped] = useState<Typed | null>(null);
  const [name, setName] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [layer, setLayer] = useState<HTMLDivElement | null>(null);
  const [isOpen, setOpen] = useState(false);
  /** the text just changed to a whole ID: the list does not open for it (ArrowDown still opens it) */
  const [quiet, setQuiet] = useState(false);
  const errorId = `${field}-error`;
  const detailId = `${id}-detail`;

  const offered = useMemo(() => uniqueById(options ?? []), [options]);
  const everyEntry = useMemo(() => uniqueById([...offered, ...(lookup ?? [])]), [offered, lookup]);
  const editing = typed && typed.forValue === value ? typed : null;
  const query = editing?.text ?? '';
  const items = useMemo(
    () => offered.filter((e) => matchesQuery(e, query)).map((e) => entryView(e, bindingOf)),
    [offered, query, bindingOf],
  );
  const chosen = value ? everyEntry.find((e) => e.id === value) : undefined;
  const chosenView = chosen ? entryView(chosen, bindingOf) : null;
  const inputText = editing ? editing.text : (chosenView?.name ?? value);
  const selectedKey = chosen && offered.some((e) => e.id === chosen.id) ? chosen.id : null;

  const type = (text: string) => {
    const next = resolveTyped(everyEntry, text);
    // a whole ID typed or pasted names its entry outright: show its name, nothing left to choose
    const wholeId = UUID.test(text.trim()) && everyEntry.some((e) => e.id === next);
    setTyped(wholeId ? null : { text, forValue: next });
    setQuiet(wholeId);
    if (next !== value) onChange(next);
  };
  const choose = (key: Key | null) => {
    // null comes when the text is a custom value: the text already set the value
    if (key === null) return;
    setTyped(null);
    if (String(key) !== value) onChange(String(key));
  };
  const show = suggestionsLabel.charAt(0).toLowerCase() + suggestionsLabel.slice(1);

  return (
    <div className="field picker">
      <ComboBox
        id={id}
        className="picker-box"
        items={items}
        inputValue={inputText}
        onInputChange={type}
        selectedKey={selectedKey}
        onSelectionChange={choose}
        onBlur={() => setTyped(null)}
        onOpenChange={setOpen}
        allowsCustomValue
        menuTrigger={quiet ? 'manual' : 'input'}
        isInvalid={Boolean(error)}
        validationBehavior="aria"
        aria-describedby={[error ? errorId : null, chosenView ? detailId : null].filter(Boolean).join(' ') || undefined}
      >
        <KeepPageVisible />
        <Label>{label}</Label>
        <div className="picker-control">
          <Input
            data-field={field}
            placeholder={placeholder}
            onKeyDown={(e) => {
              // typed down to one match: Enter takes it (react-aria has just closed the list)
              if (e.key === 'Enter' && isOpen && editing && items.length === 1) choose(items[0]!.id);
            }}
          />
          {offered.length > 0 ? (
            <Button className="picker-toggle" aria-labelledby={`${id}-show`}>
              <span aria-hidden="true">▾</span>
              <span id={`${id}-show`} className="visually-hidden">
                Show {show}
              </span>
            </Button>
          ) : null}
        </div>
        {/* in the field, not at the end of <body>: next to its input for screen readers, inside the page's landmarks */}
        <Popover className="picker-popover" offset={4} UNSTABLE_portalContainer={layer ?? undefined}>
          <p className="picker-caption" id={`${id}-choices`}>
            {suggestionsLabel}
          </p>
          <ListBox<EntryView>
            className="picker-list"
            // named by the caption alone (react-aria would add "Suggestions" and the field's label)
            aria-label=""
            aria-labelledby={`${id}-choices`}
          >
            {(item) => <PickerOption item={item} />}
          </ListBox>
        </Popover>
      </ComboBox>
      <div ref={setLayer} className="picker-layer" />
      {/* shown while typing too: a line that appears on blur would move what the pointer is pressing */}
      {chosenView ? <ChosenDetail id={detailId} view={chosenView} /> : null}
      {!chosen && onSaveManual && UUID.test(value.trim()) ? (
        <div className="save-manual">
          <input
            aria-label={`Name for this ${label.toLowerCase()}`}
            placeholder="Name it to keep it in the list"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
          <button
            type="button"
            className="secondary small"
            onClick={async () => {
              const problem = await onSaveManual(name);
              setSaveError(problem);
              if (!problem) setName('');
            }}
          >
            Save to list
          </button>
          <FieldError id={`${id}-manual-error`} message={saveError ?? undefined} />
        </div>
      ) : null}
      <FieldError id={errorId} message={error} />
    </div>
  );
}

function uniqueById(entries: readonly DirectoryEntry[]): DirectoryEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.id) && Boolean(seen.add(e.id)));
}

function BindingBadge({ binding }: { binding: EntryView['binding'] }) {
  if (!binding) return null;
  return <span className={`picker-badge ${binding.bound ? 'picker-bound' : 'picker-unbound'}`}>{binding.text}</span>;
}

function PickerOption({ item }: { item: EntryView }) {
  return (
    <ListBoxItem id={item.id} textValue={item.name} className="picker-option">
      <Text slot="label" className="picker-option-name">
        {item.name}
      </Text>
      <Text slot="description" className="picker-option-detail">
        {[item.number, ...item.notes].filter(Boolean).map((part) => (
          <span key={part}>{part} · </span>
        ))}
        {item.binding ? (
          <>
            <BindingBadge binding={item.binding} />{' '}
          </>
        ) : null}
        <span className="picker-id">{item.id}</span>
      </Text>
    </ListBoxItem>
  );
}

/** The chosen entry under the field: its name, number and binding, and its ID. */
function ChosenDetail({ id, view }: { id: string; view: EntryView }) {
  return (
    <p id={id} className="picker-detail">
      <span>{describeEntry({ ...view, binding: undefined })}</span>
      {view.binding ? (
        <>
          {' · '}
          <BindingBadge binding={view.binding} />
        </>
      ) : null}{' '}
      <span className="picker-id">{view.id}</span>
    </p>
  );
}

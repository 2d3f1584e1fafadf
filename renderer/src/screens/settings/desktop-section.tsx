import { useState } from 'react';
import type { AppStatus } from '../../../../shared/contract';
import type { LauncherPreferences, PreferencesPatch, ShortcutState } from '../../../../shared/preferences';
import { FieldError } from '../../components/field-error';

interface Props {
  preferences: AppStatus['preferences'];
  /** saves a change; the problem to show, or null */
  onChange(patch: PreferencesPatch): Promise<string | null>;
}

type Toggle = 'closeToTray' | 'startAtLogin' | 'startMinimized';
const TOGGLES: Array<[Toggle, string, string]> = [
  ['closeToTray', 'Keep running in the tray when the window is closed', 'Quit from the tray menu. Off: closing the window quits.'],
  ['startAtLogin', 'Start at login', 'In the tray only, ready for the shortcuts.'],
  ['startMinimized', 'Start minimised to the tray', 'The window opens from the tray icon.'],
];
/** Offered when a shortcut is taken by another app. */
const ALTERNATIVES: Record<'paletteShortcut' | 'clipboardShortcut', string[]> = {
  paletteShortcut: ['CommandOrControl+Alt+Space', 'CommandOrControl+Shift+K', 'Alt+Shift+Space'],
  clipboardShortcut: ['CommandOrControl+Alt+D', 'CommandOrControl+Shift+L', 'Alt+Shift+D'],
};

/** Settings → On the desktop: the tray, start at login, and the two global shortcuts (with what became of them). */
export function DesktopSection({ preferences, onChange }: Props) {
  const launcher = preferences.launcher;
  const save = (patch: Partial<LauncherPreferences>) => onChange({ launcher: patch });
  // what the OS said when a toggle could not be applied (start at login refused): under that toggle
  const [toggleErrors, setToggleErrors] = useState<Partial<Record<Toggle, string>>>({});
  const toggle = async (key: Toggle, on: boolean) => {
    const problem = await save({ [key]: on });
    setToggleErrors((errors) => ({ ...errors, [key]: problem ?? undefined }));
  };
  return (
    <section className="card settings-section" aria-labelledby="desktop-heading">
      <h2 id="desktop-heading">On the desktop</h2>
      {TOGGLES.map(([key, label, hint]) => (
        <div className="field check" key={key}>
          <label>
            <input
              type="checkbox"
              checked={launcher[key]}
              onChange={(e) => void toggle(key, e.target.checked)}
              aria-describedby={`${key}-hint${toggleErrors[key] ? ` ${key}-error` : ''}`}
              aria-invalid={toggleErrors[key] ? true : undefined}
            />{' '}
            {label}
          </label>
          <p id={`${key}-hint`} className="hint">
            {hint}
          </p>
          <FieldError id={`${key}-error`} message={toggleErrors[key]} />
        </div>
      ))}
      <ShortcutField
        id="paletteShortcut"
        label="Palette shortcut"
        hint="From any app: type a name or number, Enter opens the card, Enter calls."
        value={launcher.paletteShortcut}
        state={preferences.shortcuts.palette}
        onSave={(value) => save({ paletteShortcut: value })}
      />
      <ShortcutField
        id="clipboardShortcut"
        label="Call the number on the clipboard"
        hint="Copy a number anywhere (on Linux, just select it), press this: the card opens armed; Enter calls."
        value={launcher.clipboardShortcut}
        state={preferences.shortcuts.clipboard}
        onSave={(value) => save({ clipboardShortcut: value })}
      />
    </section>
  );
}

function ShortcutField(props: {
  id: 'paletteShortcut' | 'clipboardShortcut';
  label: string;
  hint: string;
  value: string;
  state: ShortcutState;
  onSave(value: string): Promise<string | null>;
}) {
  const { id, label, hint, value, state, onSave } = props;
  const [typed, setTyped] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const text = typed ?? value;
  const save = async (next: string) => {
    const problem = await onSave(next.trim());
    setError(problem);
    if (!problem) setTyped(null);
  };
  const problem = error ?? state.problem;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input
          id={id}
          className="grow"
          value={text}
          spellCheck={false}
          aria-describedby={`${id}-hint ${id}-state`}
          aria-invalid={problem ? true : undefined}
          placeholder="e.g. CommandOrControl+Shift+Space (empty: none)"
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save(text);
            }
          }}
        />
        <button type="button" className="secondary small" onClick={() => void save(text)}>
          Save
        </button>
      </div>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <p id={`${id}-state`} className="hint" role="status">
        {state.registered
          ? `Active: ${state.accelerator}`
          : state.note
            ? `Not active: ${state.note}`
            : state.accelerator
              ? 'Not active.'
              : 'Off.'}
      </p>
      <FieldError id={`${id}-error`} message={problem ?? undefined} />
      {(problem && state.accelerator) || !value ? (
        <p className="hint">
          {value ? 'Try instead:' : 'Turn it on with:'}{' '}
          {ALTERNATIVES[id].map((alternative, i) => (
            <span key={alternative}>
              {i ? ' · ' : ''}
              <button type="button" className="link" onClick={() => void save(alternative)}>
                {alternative}
              </button>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import type { CallTarget } from '../../../shared/call-preview';
import type { DialRequest } from '../../../shared/main-events';
import { api } from '../api';
import { useRecents } from '../stores/recents-store';
import { closePalette } from './close-palette';

interface Choice {
  key: string;
  label: string;
  detail: string;
  blocked: string | null;
  request: DialRequest;
}

const LETTERS = /\p{L}/u;
const LIMIT = 8;

/** What the text finds: "Call <number>" for digits, contacts (every number) for a name; recent calls for nothing. */
function useChoices(text: string): Choice[] {
  const recents = useRecents();
  const [found, setFound] = useState<{ query: string; targets: CallTarget[] }>({ query: '', targets: [] });
  const query = text.trim();
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
  if (!query) {
    return recents.map((call) => ({
      key: `recent|${call.e164}`,
      label: call.name ?? call.e164,
      detail: call.name ? `${call.e164} · recent call` : 'recent call',
      blocked: null,
      request: { toNumber: call.e164, ...(call.contactId ? { contactId: call.contactId } : {}), source: 'palette' },
    }));
  }
  const digits = query.replace(/\D/g, '');
  const typed: Choice[] =
    digits.length >= 3 && !LETTERS.test(query)
      ? [
          {
            key: 'typed',
            label: `Call ${query}`,
            detail: 'the number as typed',
            blocked: null,
            request: { toNumber: query, source: 'palette' },
          },
        ]
      : [];
  const contacts = (found.query === query ? found.targets : []).map((t) => ({
    key: `${t.contactId}|${t.toNumber}`,
    label: t.name,
    detail: `${t.phoneLabel} · ${t.display}${t.company ? ` · ${t.company}` : ''}`,
    blocked: t.blocked?.badge ?? null,
    request: { toNumber: t.toNumber, contactId: t.contactId, source: 'palette' as const },
  }));
  return [...typed, ...contacts];
}

/** The palette's search: a combobox over contacts, recents and the typed number; arrows move, Enter opens the card. */
export function PaletteSearch({
  text,
  setText,
  onChoose,
}: {
  text: string;
  setText(text: string): void;
  onChoose(request: DialRequest): void;
}) {
  // Nothing is chosen until the user types or moves: a stray Enter right after the shortcut opens no card.
  const [active, setActive] = useState(text.trim() ? 0 : -1);
  const choices = useChoices(text);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const current = active < 0 ? undefined : choices[Math.min(active, choices.length - 1)];
  // shown again (the shortcut, the tray): typing starts at once, and nothing is chosen yet
  useEffect(() => {
    const focus = () => {
      input.current?.select();
      setActive(-1);
    };
    window.addEventListener('focus', focus);
    input.current?.focus();
    return () => window.removeEventListener('focus', focus);
  }, []);

  return (
    <div className="palette-search">
      <input
        ref={input}
        className="palette-input"
        role="combobox"
        aria-label="Call who?"
        aria-expanded={choices.length > 0}
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.key}` : undefined}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        placeholder="Name, company, tag or number"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(e.target.value.trim() ? 0 : -1);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(0, Math.min(choices.length - 1, (i < 0 ? -1 : i) + (e.key === 'ArrowDown' ? 1 : -1))));
          } else if (e.key === 'Enter' && current) {
            e.preventDefault();
            onChoose(current.request);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            if (text) setText('');
            else closePalette();
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={text.trim() ? 'Matches' : 'Recent calls'} className="palette-list">
        {choices.map((choice, i) => (
          <li
            key={choice.key}
            id={`${listId}-${choice.key}`}
            role="option"
            aria-selected={choice === current}
            className={choice === current ? 'palette-option active' : 'palette-option'}
            onMouseMove={() => setActive(i)}
            onClick={() => onChoose(choice.request)}
          >
            <span className="palette-option-label">{choice.label}</span>
            <span className="palette-option-detail">
              {choice.detail}
              {choice.blocked ? <span className="picker-badge picker-unbound"> {choice.blocked}</span> : null}
            </span>
          </li>
        ))}
      </ul>
      {choices.length === 0 ? (
        <p className="muted palette-empty" role="status">
          {text.trim() ? 'No contact matches. Type a number to call it.' : 'Type a name, company, tag or number.'}
        </p>
      ) : null}
    </div>
  );
}

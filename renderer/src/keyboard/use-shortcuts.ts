import { useEffect, useEffectEvent } from 'react';
import { isTyping } from './focus';

/** macOS uses ⌘ where Linux and Windows use Ctrl. */
export const IS_MAC = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);
export const MOD = IS_MAC ? '⌘' : 'Ctrl';
/** for aria-keyshortcuts */
export const MOD_ARIA = IS_MAC ? 'Meta' : 'Control';

export interface ShortcutActions {
  /** Ctrl/Cmd+1…6: the tab at that position (0-based index) */
  screen(index: number): void;
  /** Ctrl/Cmd+K, or `/` outside a field */
  search(): void;
  /** Ctrl/Cmd+N */
  newContact(): void;
  /** `?` outside a field */
  help(): void;
}

/** What the shortcuts dialog lists: keys (each a list of key caps) and what they do. */
export const SHORTCUTS: Array<{ keys: string[][]; does: string }> = [
  { keys: [[MOD, '1']], does: 'Dial' },
  { keys: [[MOD, '2']], does: 'Contacts' },
  { keys: [[MOD, '3']], does: 'History' },
  { keys: [[MOD, '4']], does: 'Templates' },
  { keys: [[MOD, '5']], does: 'Connection' },
  { keys: [[MOD, '6']], does: 'Settings' },
  { keys: [[MOD, 'K'], ['/']], does: 'Search contacts' },
  { keys: [[MOD, 'N']], does: 'New contact' },
  { keys: [['?']], does: 'This list' },
];
/** Keys that work where the focus is; listed for completeness. */
export const IN_PLACE: Array<{ keys: string[][]; does: string }> = [
  { keys: [['Enter']], does: 'Review the call, then call' },
  { keys: [['Esc']], does: 'Back to editing; close a form or dialog' },
  { keys: [['↑'], ['↓']], does: 'Move through contacts or calls' },
  { keys: [['Enter']], does: 'History: the selected call’s details' },
  { keys: [['Esc']], does: 'History: from a call’s details back to the list' },
];

/**
 * The app's keyboard shortcuts, in one window listener (capture phase, so a shortcut it handles
 * reaches nothing else). `/` and `?` are left alone while the user is typing in a field.
 */
export function useShortcuts(actions: ShortcutActions, enabled: boolean) {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (!enabled || e.altKey || e.isComposing) return;
    const mod = IS_MAC ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
    let handled = true;
    if (mod && !e.shiftKey) {
      // The character typed, or the physical key where the layout types no Latin letter or digit there.
      const key = /^[a-z0-9]$/i.test(e.key) ? e.key.toLowerCase() : e.code.replace(/^(Key|Digit)/, '').toLowerCase();
      if (/^[1-6]$/.test(key)) actions.screen(Number(key) - 1);
      else if (key === 'k') actions.search();
      else if (key === 'n') actions.newContact();
      else handled = false;
    } else if (!e.ctrlKey && !e.metaKey && !isTyping(e.target) && (e.key === '/' || e.key === '?')) {
      if (e.key === '/') actions.search();
      else actions.help();
    } else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey(e);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);
}

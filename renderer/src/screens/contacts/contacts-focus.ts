import { useEffect } from 'react';

/** Where focus goes on the Contacts screen when what had it goes away (a pane closes, a row is deleted). */
export const listbox = () => document.getElementById('contact-listbox');
export const searchField = () => document.getElementById('contact-search');

/** Typing anywhere outside a field goes to the search box (while `enabled`: the screen shows its list). */
export function useTypeToSearch(enabled: boolean) {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.key.length !== 1) return;
      if ((e.target as HTMLElement).closest('input, textarea, select, [contenteditable]')) return;
      searchField()?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

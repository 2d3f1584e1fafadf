import type { KeyboardEvent } from 'react';
import { isTyping } from '../keyboard/focus';

/**
 * Enter in a text field submits its form, as the browser does by itself — with one difference. The
 * browser submits by clicking the form's first submit button, and while a picker's list is open (or
 * opening) React Aria puts a hidden "Dismiss" button at the edges of it, a `<button>` with no type:
 * a submit button, inside our forms (the lists sit next to their fields). Enter then "clicked"
 * Dismiss and the form was not submitted. Here the form is submitted through its own submit button —
 * and, as the browser does, not while that button is disabled (a save already running). An Enter a
 * picker used (choosing an option) is left to the picker; a held Enter submits once.
 */
export function submitOnEnter(e: KeyboardEvent<HTMLFormElement>) {
  if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  if (!(e.target instanceof HTMLInputElement) || !isTyping(e.target)) return;
  e.preventDefault();
  if (e.repeat) return;
  const form = e.currentTarget;
  // our submit buttons say their type; React Aria's Dismiss buttons say none
  const submitter = form.querySelector<HTMLButtonElement | HTMLInputElement>('button[type="submit"], input[type="submit"]');
  if (submitter?.disabled) return;
  form.requestSubmit(submitter ?? undefined);
}

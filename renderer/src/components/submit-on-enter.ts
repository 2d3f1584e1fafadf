import type { KeyboardEvent } from 'react';
import { isTyping } from '../keyboard/focus';

/**
 * Enter in a text field submits its form, as the browser does by itself — with one difference. The
 * browser submits by clicking the form's first submit button, and while a picker's list is open (or
 * opening) React Aria puts a hidden "Dismiss" button at the edges of it, a `<button>` with no type:
 * a submit button, inside our forms (the lists sit next to their fields). Enter then "clicked"
 * Dismiss and the form was not submitted. Here the form is submitted itself; an Enter a picker used
 * (choosing an option) is left to the picker.
 */
export function submitOnEnter(e: KeyboardEvent<HTMLFormElement>) {
  if (e.key !== 'Enter' || e.defaultPrevented || e.nativeEvent.isComposing || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
  if (!(e.target instanceof HTMLInputElement) || !isTyping(e.target)) return;
  e.preventDefault();
  e.currentTarget.requestSubmit();
}

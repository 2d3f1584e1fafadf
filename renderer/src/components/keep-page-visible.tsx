import { useContext, useLayoutEffect, useRef } from 'react';
import { ComboBoxStateContext } from 'react-aria-components';

/**
 * react-aria hides everything but the input and the list from screen readers while the list is
 * open (aria-hidden, for touch screen readers reaching a list at the end of <body>). Our list sits
 * next to its input, and the hidden page kept its focusable controls (axe: aria-hidden-focus,
 * serious). `data-react-aria-top-layer` is react-aria's own "leave this visible" mark: it is put on
 * the page's root while the list is open, before react-aria hides anything (layout effects of a
 * child run before the combobox's own effects).
 */
export function KeepPageVisible() {
  const state = useContext(ComboBoxStateContext);
  const isOpen = state?.isOpen ?? false;
  const marker = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const body = marker.current?.ownerDocument.body;
    let root: Element | null | undefined = marker.current;
    while (root && root.parentElement && root.parentElement !== body) root = root.parentElement;
    if (!isOpen || !root || root === marker.current || root.hasAttribute('data-react-aria-top-layer')) return;
    root.setAttribute('data-react-aria-top-layer', '');
    return () => root.removeAttribute('data-react-aria-top-layer');
  }, [isOpen]);
  return <span ref={marker} hidden />;
}

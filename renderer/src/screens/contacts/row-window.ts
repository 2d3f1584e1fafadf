import { useEffect, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * Which rows of a list of equally tall rows are on screen, from its scroll position alone: the work is
 * the rows shown, whatever the list's length (a general virtualiser measures every row first: at 100,000
 * contacts that is 100,000 objects before the first row is drawn). Pure functions, so the rules are tested
 * without a browser; the hook below follows the list's scrolling and size.
 */

/** the rows on screen plus `overscan` each side, clamped to the list; last < first when the list is empty */
export function rowRange(scrollTop: number, height: number, count: number, rowHeight: number, overscan: number) {
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(count - 1, Math.ceil((scrollTop + height) / rowHeight) - 1 + overscan);
  return { first, last };
}

/** the scroll position that shows row `index` whole, moving as little as it can (null: it is in view already) */
export function scrollTopFor(index: number, scrollTop: number, height: number, rowHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + height) return Math.max(0, top + rowHeight - height);
  return null;
}

interface View {
  top: number;
  height: number;
}

/**
 * The list element's scroll position and height, followed as it scrolls and resizes. Until it is laid
 * out it is taken as tall as the window, so the first render already has the rows on screen.
 */
export function useListView(list: RefObject<HTMLElement | null>): View {
  const [view, setView] = useState<View>(() => ({ top: 0, height: window.innerHeight }));
  useEffect(() => {
    const element = list.current;
    if (!element) return;
    const read = () =>
      setView((v) =>
        v.top === element.scrollTop && v.height === element.clientHeight ? v : { top: element.scrollTop, height: element.clientHeight },
      );
    // drawn before the next paint, so a scrolled-to part of the list never shows empty for a frame
    const follow = () => flushSync(read);
    element.addEventListener('scroll', follow, { passive: true });
    // the laid-out height, told once after the first layout (no layout forced here) and on every resize;
    // without ResizeObserver (jsdom) it is read once now
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(follow);
    if (resized) resized.observe(element);
    else read();
    return () => {
      element.removeEventListener('scroll', follow);
      resized?.disconnect();
    };
  }, [list]);
  return view;
}

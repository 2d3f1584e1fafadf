// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { CallToasts, TOAST_MS } from '../../renderer/src/components/call-toasts';
import { consumeHistoryOpen, onOpenHistoryEntry, startToasts, toastsStore } from '../../renderer/src/stores/toasts-store';
import { installBridge } from './fake-bridge';

/** A call ended (`call:ended`): a toast where the desktop showed no notification; "Show" asks for its History entry. */

let bridge: ReturnType<typeof installBridge>;
beforeAll(() => {
  bridge = installBridge({});
  startToasts(); // the window starts it with its other stores (the toasts' code loads with the first toast)
});
afterEach(() => {
  cleanup();
  act(() => toastsStore.set([]));
  vi.useRealTimers();
});

const ended = (entryId: string, shownByDesktop = false) =>
  bridge.emit('call:ended', {
    entryId,
    title: `Call with Zoë ${entryId} ended`,
    body: 'The patient confirmed the appointment.',
    shownByDesktop,
  });
const toast = (entryId: string) => screen.queryByText(`Call with Zoë ${entryId} ended`);

describe('call toasts', () => {
  it('shows a polite status with the title and body, only when the desktop did not notify', () => {
    render(<CallToasts />);
    ended('a', true);
    expect(screen.queryByRole('region', { name: 'Call notifications' })).toBeNull();
    ended('b');
    const status = screen.getByRole('status');
    expect(status).toHaveProperty('textContent', 'Call with Zoë b endedThe patient confirmed the appointment.');
    expect(status.getAttribute('aria-live')).toBeNull(); // role=status is polite by itself
    expect(screen.getByRole('button', { name: 'Show in History: Call with Zoë b ended' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Dismiss: Call with Zoë b ended' })).toBeTruthy();
  });

  it('several stack, newest last; the same entry twice is one toast', () => {
    render(<CallToasts />);
    ended('a');
    ended('b');
    ended('a');
    expect(screen.getAllByRole('status').map((s) => s.querySelector('.call-toast-title')?.textContent)).toEqual([
      'Call with Zoë b ended',
      'Call with Zoë a ended',
    ]);
  });

  it('goes by itself after ~8 s — unless the pointer or focus is on it', () => {
    vi.useFakeTimers();
    render(<CallToasts />);
    ended('a');
    ended('b');
    const a = screen.getByText('Call with Zoë a ended').closest('.call-toast')!;
    act(() => void fireEvent.mouseEnter(a));
    const b = screen.getByText('Call with Zoë b ended').closest('.call-toast')!;
    act(() => screen.getByRole('button', { name: /Show in History: Call with Zoë b/ }).focus());
    act(() => void vi.advanceTimersByTime(TOAST_MS * 3));
    expect(toast('a')).not.toBeNull();
    expect(toast('b')).not.toBeNull();
    // the pointer leaves a: its time runs again (what was left of it)
    act(() => void fireEvent.mouseLeave(a));
    act(() => void vi.advanceTimersByTime(TOAST_MS + 10));
    expect(screen.queryByText('Call with Zoë a ended')).toBeNull();
    expect(b.isConnected).toBe(true);
  });

  it('unwatched, it goes after 8 s', () => {
    vi.useFakeTimers();
    render(<CallToasts />);
    ended('a');
    act(() => void vi.advanceTimersByTime(TOAST_MS - 100));
    expect(screen.queryByText('Call with Zoë a ended')).not.toBeNull();
    act(() => void vi.advanceTimersByTime(200));
    expect(screen.queryByText('Call with Zoë a ended')).toBeNull();
  });

  it('Esc (focus in it) or its close button dismisses it', () => {
    render(<CallToasts />);
    ended('a');
    ended('b');
    const showA = screen.getByRole('button', { name: /Show in History: Call with Zoë a/ });
    act(() => showA.focus());
    act(() => void fireEvent.keyDown(showA, { key: 'Escape' }));
    expect(toast('a')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: Call with Zoë b ended' }));
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('“Show” asks for the History entry in main’s history:open shape; a screen mounted later still gets it', () => {
    const heard: Array<{ id: string }> = [];
    const stop = onOpenHistoryEntry((request) => heard.push(request));
    render(<CallToasts />);
    ended('entry-9');
    fireEvent.click(screen.getByRole('button', { name: 'Show in History: Call with Zoë entry-9 ended' }));
    expect(heard).toEqual([{ id: 'entry-9' }]);
    expect(screen.queryByRole('status')).toBeNull(); // shown: the toast goes
    // the History screen (lazy) mounts after the click: the request waits for it, once
    const shown: Array<{ id: string }> = [];
    const release = consumeHistoryOpen((request) => shown.push(request));
    expect(shown).toEqual([{ id: 'entry-9' }]);
    release();
    expect(consumeHistoryOpen(() => undefined)).toBeTypeOf('function');
    stop();
  });

  it('a desktop notification clicked (main’s history:open) arrives the same way', () => {
    render(<CallToasts />);
    const heard: Array<{ id: string }> = [];
    const stop = onOpenHistoryEntry((request) => heard.push(request));
    bridge.emit('history:open', { id: 'entry-3' });
    expect(heard).toEqual([{ id: 'entry-3' }]);
    stop();
  });
});

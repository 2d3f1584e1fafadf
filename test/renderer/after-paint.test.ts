// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint } from '../../renderer/src/stores/after-paint';

const visibility = (state: DocumentVisibilityState) =>
  Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });

describe('afterPaint: what the first rows would wait for is asked for once they are drawn', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs once after the next frame in a window on screen, not before it', () => {
    vi.useFakeTimers();
    visibility('visible');
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    const work = vi.fn();
    afterPaint(work);
    vi.advanceTimersByTime(50);
    expect(work).not.toHaveBeenCalled(); // no frame yet
    frames.shift()!(0);
    vi.advanceTimersByTime(0);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('runs after a timer in a hidden window (it draws no frames), and when a frame is late', () => {
    vi.useFakeTimers();
    vi.stubGlobal('requestAnimationFrame', () => 0);
    visibility('hidden');
    const hidden = vi.fn();
    afterPaint(hidden);
    vi.advanceTimersByTime(0);
    expect(hidden).toHaveBeenCalledTimes(1);
    visibility('visible');
    const late = vi.fn();
    afterPaint(late, 100);
    vi.advanceTimersByTime(99);
    expect(late).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(late).toHaveBeenCalledTimes(1);
  });
});

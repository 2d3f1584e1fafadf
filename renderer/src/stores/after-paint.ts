/**
 * Runs `work` once the window has drawn its next frame: what the first rows would otherwise wait for
 * (the selected contact's details, the tag counts) is asked for after the list is on screen, so its
 * answer is not rendered in the list's first frame. A hidden window draws no frames: there (and should
 * a frame not come within `latest` ms) it runs after a timer instead.
 */
export function afterPaint(work: () => void, latest = 100): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    work();
  };
  const timer = setTimeout(run, latest);
  if (typeof requestAnimationFrame !== 'function' || document.visibilityState !== 'visible') {
    clearTimeout(timer);
    setTimeout(run, 0);
    return;
  }
  requestAnimationFrame(() =>
    setTimeout(() => {
      clearTimeout(timer);
      run();
    }, 0),
  );
}

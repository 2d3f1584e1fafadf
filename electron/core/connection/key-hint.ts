/** Keys shorter than this have too little to spare for today's prefix + last four. */
export const SHORT_KEY_LENGTH = 16;

/**
 * `fth_live_…8cja`: enough to recognise a key, useless to anyone who sees it. A short key
 * (under 16 characters) shows at most 4 characters in all, fewer the shorter it is: `…8cja`.
 */
export function keyHint(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length < SHORT_KEY_LENGTH) {
    const visible = Math.min(4, Math.floor(trimmed.length / 3));
    return `…${visible > 0 ? trimmed.slice(-visible) : ''}`;
  }
  // Only a well-known, non-secret prefix is shown (fth_live_, sk-, sk-proj-); otherwise just the last four.
  const prefix = /^fth_[a-z]+_/.exec(trimmed)?.[0] ?? /^sk-(?:proj-)?/.exec(trimmed)?.[0] ?? '';
  return `${prefix}…${trimmed.slice(-4)}`;
}

/** Removes anything that looks like a Feather key from text bound for logs or errors. */
export function redactKeys(text: string): string {
  return text.replace(/fth_[A-Za-z0-9_-]{6,}/g, (match) => keyHint(match));
}

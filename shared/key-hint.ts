/** `fth_live_…8cja`: enough to recognise a key, useless to anyone who sees it. */
export function keyHint(key: string): string {
  const trimmed = key.trim();
  const prefix = /^fth_[a-z]+_/.exec(trimmed)?.[0] ?? trimmed.slice(0, 4);
  return `${prefix}…${trimmed.slice(-4)}`;
}

/** Removes anything that looks like a Feather key from text bound for logs or errors. */
export function redactKeys(text: string): string {
  return text.replace(/fth_[A-Za-z0-9_-]{6,}/g, (match) => keyHint(match));
}

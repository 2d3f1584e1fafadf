import type { DialRequest } from '../../../shared/main-events';
import { onEvent } from './on-event';

type Listener = (request: DialRequest) => void;
const listeners = new Set<Listener>();
const waiting: DialRequest[] = [];

/**
 * Calls started outside the Dial form — a contact's Call button here, the tray, the hotkey and
 * tel: links in main (`dial:request`). Each request is delivered once; one that arrives before
 * the Dial screen listens waits for it.
 */
export function requestDial(request: DialRequest) {
  if (listeners.size === 0) waiting.push(request);
  for (const listener of [...listeners]) listener(request);
}

export function onDialRequest(listener: Listener): () => void {
  listeners.add(listener);
  for (const request of waiting.splice(0)) listener(request);
  return () => listeners.delete(listener);
}

let started = false;
export function startDialRequests() {
  if (started) return;
  started = true;
  onEvent('dial:request', requestDial);
}

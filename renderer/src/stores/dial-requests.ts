import type { DialRequest } from '../../../shared/main-events';
import { api } from '../api';
import { onEvent } from './on-event';

type Listener = (request: DialRequest) => void;
const listeners = new Set<Listener>();
/** the Dial screen: requests wait for it (the App only switches tabs on them) */
let consumer: Listener | null = null;
const waiting: DialRequest[] = [];

/**
 * Calls started outside the Dial form — a contact's Call button here, the tray, the hotkey and
 * tel: links in main (`dial:request`). Each request is delivered once; one that arrives before
 * the Dial screen listens waits for it.
 */
export function requestDial(request: DialRequest) {
  // each card opens where it belongs: the palette's requests in the palette, the others in the main window
  if ((request.surface ?? 'window') !== surface) return;
  if (consumer) consumer(request);
  else waiting.push(request);
  for (const listener of [...listeners]) listener(request);
}

/** Hears every request (e.g. to show the Dial screen). */
export function onDialRequest(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The one that acts on requests: the Dial screen. Requests that came before it mounted are handed over now. */
export function consumeDialRequests(listener: Listener): () => void {
  consumer = listener;
  for (const request of waiting.splice(0)) listener(request);
  return () => {
    if (consumer === listener) consumer = null;
  };
}

let started = false;
/** which window this is: the main window, or the palette */
let surface: NonNullable<DialRequest['surface']> = 'window';
export function startDialRequests(where: NonNullable<DialRequest['surface']> = 'window') {
  if (started) return;
  started = true;
  surface = where;
  // Main keeps the card asked for this window until the window takes it: announced by `dial:request`,
  // and asked for once at start (a link that started the app came before this page listened).
  const take = () =>
    void api()
      .call.takePending({ surface })
      .then((r) => r.ok && r.value && requestDial(r.value));
  onEvent('dial:request', (request) => {
    if ((request.surface ?? 'window') === surface) take();
  });
  take();
}

import type { DialRequest } from '../../../shared/dial-request';

type Surface = NonNullable<DialRequest['surface']>;
/** A card asked for longer ago than this is not opened any more (the person has moved on). */
const KEEP_MS = 2 * 60_000;

/**
 * The last call card asked for, per window (the main window, the palette), until that window takes
 * it: a `dial:request` event reaches only a page that is listening, so a link that starts the app,
 * or a request while a window is still loading, would otherwise be lost. Each request is taken
 * once; a newer one replaces an older one not yet taken.
 */
export function createPendingDials(now: () => Date) {
  const pending = new Map<Surface, { request: DialRequest; at: number }>();
  return {
    put(request: DialRequest & { surface: Surface }) {
      pending.set(request.surface, { request, at: now().getTime() });
    },
    take(surface: Surface): DialRequest | null {
      const entry = pending.get(surface);
      pending.delete(surface);
      return entry && now().getTime() - entry.at <= KEEP_MS ? entry.request : null;
    },
  };
}

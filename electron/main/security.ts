import type { Session, WebContents } from 'electron';
import { EXTERNAL_ALLOWLIST } from './app-origin';

/** Only https links to Feather's own sites leave the app, and only to the system browser. */
export function isAllowedExternal(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && EXTERNAL_ALLOWLIST.some((allowed) => parsed.origin === new URL(allowed).origin);
  } catch {
    return false;
  }
}

/**
 * No navigation away from the app, no new windows, no webviews. Allow-listed https links
 * are opened in the system browser instead.
 */
export function hardenWebContents(
  contents: WebContents,
  isAppUrl: (url: string) => boolean,
  openExternal: (url: string) => void,
  /** https links main itself handed out (a call's recording in the history) */
  alsoAllowed: (url: string) => boolean = () => false,
) {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url) || (url.startsWith('https://') && alsoAllowed(url))) openExternal(url);
    return { action: 'deny' };
  });
}

/** Every permission request is refused, except writing the session id to the clipboard. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);
export function denyPermissions(session: Session) {
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

import type { ContactQuery, ContactRow } from '../../../shared/contacts/contacts-contract';
import type { ProfileView } from '../../../shared/contract';
import type { DialRequest } from '../../../shared/main-events';
import { PreferencesSchema, type Preferences, type PreferencesPatch, type ShortcutState } from '../../../shared/preferences';
import type { RecentCall } from '../../../shared/recent-call';
import { AppFailure } from '../../../shared/result';
import { numberOnClipboard } from './clipboard-number';
import type { DesktopPort } from './desktop-port';
import { trayMenu } from './tray-menu';

export interface DesktopViewDeps {
  desktop: DesktopPort;
  preferences(): Preferences;
  savePreferences(next: Preferences): void;
  defaultCountry(): string;
  activeProfile(): Pick<ProfileView, 'kind' | 'name'>;
  queryContacts(q: ContactQuery): { rows: ContactRow[] };
  recents(): readonly RecentCall[];
  requestDial(request: DialRequest): void;
  /** the status changed (preferences, shortcuts): the windows are told */
  changed(): void;
}

/**
 * What the desktop shell (tray, shortcuts, login item) needs from core, as data: the glue only
 * draws and carries out. The preferences change here, and the desktop applies them at once.
 */
export function createDesktopView(deps: DesktopViewDeps) {
  let shortcuts: { palette: ShortcutState; clipboard: ShortcutState } = deps.desktop.apply(deps.preferences().launcher);
  // At every start the login item is written again as saved (the app may have moved: a new AppImage path).
  const atStart = deps.desktop.setStartAtLogin(deps.preferences().launcher.startAtLogin);
  if (atStart) console.warn('[desktop] start at login:', atStart);

  function setPreferences(patch: PreferencesPatch) {
    const current = deps.preferences();
    const next = PreferencesSchema.parse({
      launcher: { ...current.launcher, ...patch.launcher },
      guards: { ...current.guards, ...patch.guards },
      history: { ...current.history, ...patch.history },
    });
    // The OS decides first: a login item it refused is not saved as on (Settings shows why).
    if (next.launcher.startAtLogin !== current.launcher.startAtLogin) {
      const problem = deps.desktop.setStartAtLogin(next.launcher.startAtLogin);
      if (problem) {
        const what = next.launcher.startAtLogin ? 'turn on' : 'turn off';
        throw new AppFailure({
          code: 'validation',
          message: `Could not ${what} start at login: ${problem}`,
          fields: { startAtLogin: `Could not ${what} start at login: ${problem}` },
        });
      }
    }
    deps.savePreferences(next);
    if (patch.launcher) shortcuts = deps.desktop.apply(next.launcher);
  }

  return {
    /** the preferences as the window sees them, with what became of the shortcuts */
    view: () => ({ ...deps.preferences(), shortcuts }),
    /** `app:setPreferences` (the handler's answer is the status, which carries them) */
    setPreferences,
    /** the tray menu now, with what the clipboard holds */
    trayMenu(clipboardText: string | readonly string[]) {
      const favorites = deps.queryContacts({ query: '', sort: 'frequent', favoritesOnly: true, tags: [], offset: 0, limit: 20 }).rows;
      return trayMenu({
        profile: deps.activeProfile(),
        favorites,
        recents: deps.recents(),
        clipboard: numberOnClipboard(clipboardText, deps.defaultCountry()),
        startAtLogin: deps.preferences().launcher.startAtLogin,
      });
    },
    /** the clipboard shortcut: the number on the clipboard (or the selection) opens the palette's card; false when there is none */
    dialClipboard(text: string | readonly string[]): boolean {
      const number = numberOnClipboard(text, deps.defaultCountry());
      if (number) deps.requestDial({ toNumber: number.e164, source: 'hotkey' });
      return Boolean(number);
    },
    preferences: () => deps.preferences().launcher,
    /** a change from the tray or the windows' glue (start at login, the first close to the tray) */
    changePreferences(patch: PreferencesPatch) {
      setPreferences(patch);
      deps.changed();
    },
  };
}

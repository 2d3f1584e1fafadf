import { z } from 'zod';

/**
 * The user's preferences for how the launcher lives on the desktop and which calls need an
 * explicit "Call anyway": kept by main (settings file), shown and changed in Settings.
 */

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);
/**
 * A global shortcut takes its keys from every other app: a plain key ("D", "Space") would stop the
 * user typing it anywhere. So: at least one modifier and one key, or a key no keyboard types (F13–F24).
 */
function usableGlobally(accelerator: string): boolean {
  if (!accelerator) return true;
  const parts = accelerator.split('+').map((p) => p.trim().toLowerCase());
  const key = parts.at(-1) ?? '';
  const modifiers = parts.slice(0, -1);
  if (!key || MODIFIERS.has(key) || modifiers.some((m) => !MODIFIERS.has(m))) return false;
  return modifiers.length > 0 || /^f(1[3-9]|2[0-4])$/.test(key);
}

/** An Electron accelerator ("CommandOrControl+Shift+Space"), or '' for none. */
const AcceleratorSchema = z
  .string()
  .max(60)
  .regex(/^$|^[A-Za-z0-9+\-=[\];',./`\\ ]+$/, 'Use keys joined by +, like CommandOrControl+Shift+Space.')
  .refine(
    usableGlobally,
    'Add a modifier (CommandOrControl, Alt, Shift…) before the key, like CommandOrControl+Shift+Space; alone, only F13–F24.',
  );

export const LauncherPreferencesSchema = z.object({
  /** closing the window keeps the app in the tray (false: closing quits) */
  closeToTray: z.boolean(),
  /** the first close to the tray said so once */
  trayNoticeShown: z.boolean(),
  startAtLogin: z.boolean(),
  /** started at login (or by hand): only the tray icon, no window */
  startMinimized: z.boolean(),
  /** opens the palette from any app */
  paletteShortcut: AcceleratorSchema,
  /** opens the call card with the number on the clipboard (on Linux, the selected text) */
  clipboardShortcut: AcceleratorSchema,
});
export type LauncherPreferences = z.infer<typeof LauncherPreferencesSchema>;

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like 08:00.');

export const GuardPreferencesSchema = z.object({
  /** the callee's local time a call may start in without "Call anyway" */
  callingHours: z.object({
    enabled: z.boolean(),
    start: HHMM,
    end: HHMM,
    /** 0 = Sunday … 6 = Saturday */
    days: z.array(z.number().int().min(0).max(6)).max(7),
  }),
  /** also ask before calling another country's number */
  flagInternational: z.boolean(),
  /** also ask before calling a mobile number */
  flagMobile: z.boolean(),
});
export type GuardPreferences = z.infer<typeof GuardPreferencesSchema>;

/** The call history: how long it is kept, what of the body is kept, whether a call's end is announced. */
export const HistoryPreferencesSchema = z.object({
  /** entries older than this many days are removed */
  retentionDays: z.number().int().min(1, 'Keep at least 1 day.').max(3650, 'At most 3650 days (10 years).'),
  /** at most this many entries are kept, the newest */
  maxEntries: z.number().int().min(100, 'Keep at least 100 calls.').max(1_000_000, 'At most 1,000,000 calls.'),
  /** false: the body kept in the history has each variable's name but not its value */
  keepVariableValues: z.boolean(),
  /** a desktop notification (a toast in the browser preview) when a call ends */
  notifyOnEnd: z.boolean(),
});
export type HistoryPreferences = z.infer<typeof HistoryPreferencesSchema>;
export const defaultHistoryPreferences = (): HistoryPreferences => ({
  retentionDays: 90,
  maxEntries: 50_000,
  keepVariableValues: true,
  notifyOnEnd: true,
});

export const PreferencesSchema = z.object({
  launcher: LauncherPreferencesSchema,
  guards: GuardPreferencesSchema,
  // added after settings v2 shipped: a file without it gets the defaults
  history: HistoryPreferencesSchema.default(defaultHistoryPreferences),
});
export type Preferences = z.infer<typeof PreferencesSchema>;

export const defaultPreferences = (): Preferences => ({
  launcher: {
    closeToTray: true,
    trayNoticeShown: false,
    startAtLogin: false,
    startMinimized: false,
    paletteShortcut: 'CommandOrControl+Shift+Space',
    // off until chosen: common letter shortcuts belong to other apps (Ctrl+Shift+D bookmarks every tab in browsers)
    clipboardShortcut: '',
  },
  guards: {
    callingHours: { enabled: true, start: '08:00', end: '21:00', days: [0, 1, 2, 3, 4, 5, 6] },
    flagInternational: false,
    flagMobile: false,
  },
  history: defaultHistoryPreferences(),
});

/** What main could do with a global shortcut: registered, or why not (taken by another app, not valid). */
export const ShortcutStateSchema = z.object({
  accelerator: z.string(),
  registered: z.boolean(),
  /** why it could not be registered, when the user can do something about it (taken, not valid) */
  problem: z.string().nullable(),
  /** why there are no global shortcuts here at all (the browser preview), nothing to fix */
  note: z.string().nullable().default(null),
});
export type ShortcutState = z.infer<typeof ShortcutStateSchema>;

/** Preferences as the window sees them, with what the desktop made of them. */
export const PreferencesViewSchema = PreferencesSchema.extend({
  shortcuts: z.object({ palette: ShortcutStateSchema, clipboard: ShortcutStateSchema }),
  /** an organisation policy file, when one is in place: number types it blocks outright, and where it is */
  policy: z.object({ path: z.string(), blockedTypes: z.array(z.string()) }).nullable(),
});

/** A change to the preferences: any part of either group. */
export const PreferencesPatchSchema = z.object({
  launcher: LauncherPreferencesSchema.partial().optional(),
  guards: GuardPreferencesSchema.partial().optional(),
  history: HistoryPreferencesSchema.partial().optional(),
});
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;

import { z } from 'zod';

/**
 * The user's preferences for how the launcher lives on the desktop and which calls need an
 * explicit "Call anyway": kept by main (settings file), shown and changed in Settings.
 */

/** An Electron accelerator ("CommandOrControl+Shift+Space"), or '' for none. */
const AcceleratorSchema = z
  .string()
  .max(60)
  .regex(/^$|^[A-Za-z0-9+\-=[\];',./`\\ ]+$/, 'Use keys joined by +, like CommandOrControl+Shift+Space.');

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

export const PreferencesSchema = z.object({ launcher: LauncherPreferencesSchema, guards: GuardPreferencesSchema });
export type Preferences = z.infer<typeof PreferencesSchema>;

export const defaultPreferences = (): Preferences => ({
  launcher: {
    closeToTray: true,
    trayNoticeShown: false,
    startAtLogin: false,
    startMinimized: false,
    paletteShortcut: 'CommandOrControl+Shift+Space',
    clipboardShortcut: 'CommandOrControl+Shift+D',
  },
  guards: {
    callingHours: { enabled: true, start: '08:00', end: '21:00', days: [0, 1, 2, 3, 4, 5, 6] },
    flagInternational: false,
    flagMobile: false,
  },
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
});
export type PreferencesPatch = z.infer<typeof PreferencesPatchSchema>;

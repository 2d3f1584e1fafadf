/**
 * The one IPC channel main sends every main → renderer event on, as (event name, payload); the
 * events themselves are typed in shared/main-events.ts (the preload checks each payload against
 * them before the window sees it). A module with no imports, so main's glue takes just the name.
 */
export const EVENT_CHANNEL = 'launcher:event';

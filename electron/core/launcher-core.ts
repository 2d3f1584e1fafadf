// Over 300 lines on purpose: the one composition root — every service of the core and how they are wired together, read top to bottom in one place.
import type { AppStatus } from '../../shared/contract';
import { isSupportedCountry } from '../../shared/phone';
import { sameLastCaller } from '../../shared/caller';
import { randomUUID } from 'node:crypto';
import { createContactsService } from './contacts/contacts-service';
import { createDialer } from './calls/dialer';
import { createCallPlanner } from './calls/call-planner';
import { loadPolicy, policyLocation } from './calls/guards/policy-file';
import { nameOf } from '../../shared/contacts/contact-helpers';
import { openDocuments } from './storage/documents';
import { createDirectory } from './feather/directory';
import { SIMULATOR_PROFILE_ID } from './connection/settings';
import { createTemplates } from './templates/templates-service';
import { nodeHttpTransport, type HttpTransport } from './feather/http-transport';
import type { Handlers } from './handler-types';
import { createAppHandlers } from './handlers/app';
import { demoSampleSet } from './demo/demo-samples';
import { createCallHandlers } from './handlers/call';
import { createConnectionHandlers } from './handlers/connection';
import { createContactsHandlers } from './handlers/contacts';
import { createDirectoryHandlers } from './handlers/directory';
import { createTemplatesHandlers } from './handlers/templates';
import { withChangeEvents, type Change } from './change-events';
import { trackInFlight } from './in-flight';
import { createEventBus } from './event-bus';
import { noDesktop, type DesktopPort } from './desktop/desktop-port';
import { createDesktopView } from './desktop/desktop-view';
import { createPendingDials } from './calls/pending-dials';
import { DialRequestSchema, type DialRequest } from '../../shared/main-events';
import { createLaunch } from './launch/launch';
import type { StoreFactory } from './storage/json-store';
import { createProfiles, type SimulatorHandle } from './connection/profiles';
import { secretRegistry } from './connection/secret-registry';
import { redactKeys } from './connection/key-hint';
import type { SecretStore } from './connection/secrets';
import { createCallHistory } from './history/call-history';
import { createHistoryHandlers } from './handlers/history';

/** how long closing waits for the requests being answered */
const CLOSE_WAIT_MS = 4_000;

export interface CoreDeps {
  stores: StoreFactory;
  /** where the contacts database (contacts.db, SQLite) lives: the app's userData folder */
  dataDir: string;
  secrets: SecretStore;
  startSimulator(): Promise<SimulatorHandle>;
  /** demo mode's names for its numbers, from whoever runs the simulator (core never imports it) */
  demoNumberNames?: Readonly<Record<string, string>>;
  transport?: HttpTransport;
  timeoutMs?: number;
  now?: () => Date;
  /** the OS locale's region, used for the default country on first start */
  localeRegion?: string;
  /** the desktop shell (tray, login item, global shortcuts); none in the browser preview and tests */
  desktop?: DesktopPort;
  /** demo mode's sample contacts and templates on the very first start (the app: yes; tests: only when asked) */
  demoSamples?: boolean;
}

/**
 * Everything the app does, without Electron: Electron serves these handlers over IPC and
 * the browser end-to-end tests call the very same table.
 */
export function createLauncherCore(deps: CoreDeps) {
  const now = deps.now ?? (() => new Date());
  const region = deps.localeRegion && isSupportedCountry(deps.localeRegion) ? deps.localeRegion : 'US';
  const docs = openDocuments(deps.stores, now, region);
  const { settings, dialer: dialerDoc } = docs;
  const events = createEventBus({
    onError: (event, error) => console.warn(`[events] ${event} not sent:`, error instanceof Error ? error.message : error),
  });
  // Contacts change in bursts (an import applies a slice at a time): one event per burst.
  let contactsTimer: ReturnType<typeof setTimeout> | null = null;
  let lastSampleCount = -1;
  let closed = false;
  const contactsChanged = () => {
    if (closed) return;
    contactsTimer ??= setTimeout(() => {
      contactsTimer = null;
      events.emit('contacts:changed', { count: contacts.size() });
      // the status counts demo samples: removing a sample contact by hand changes it
      const count = samples.contactIds().length;
      if (count !== lastSampleCount) {
        lastSampleCount = count;
        events.emit('status:changed', status());
      }
    }, 50);
  };
  const contacts = createContactsService({
    dir: deps.dataDir,
    defaultCountry: () => settings.value.defaultCountry,
    now,
    onChanged: contactsChanged,
    onImportProgress: (status) => events.emit('import:progress', status),
  });
  // Feather numbers have no names; demo mode starts with the names a user would have given them.
  const directory = createDirectory(docs.directory, now, {
    initialNumberNames: (id) => (id === SIMULATOR_PROFILE_ID ? { ...deps.demoNumberNames } : {}),
  });
  const templates = createTemplates(docs.templates, now, randomUUID);
  // The organisation's policy file (blocked number types), read once at start; a broken one is a notice and its safe fallback.
  const policy = loadPolicy(policyLocation(deps.dataDir));
  const notices: string[] = [
    settings.notice,
    docs.directory.notice,
    docs.templates.notice,
    dialerDoc.notice,
    policy.notice,
    ...contacts.notices,
  ].filter((n): n is string => Boolean(n));

  const profiles = createProfiles({
    settings,
    secrets: deps.secrets,
    transport: deps.transport ?? nodeHttpTransport,
    timeoutMs: deps.timeoutMs,
    startSimulator: deps.startSimulator,
    now,
  });

  const log = (message: string) => console.warn(secretRegistry.redact(redactKeys(message)));
  // The call history (contacts.db's calls table) and the tracker that follows placed calls to their end.
  const callHistory = createCallHistory({
    database: contacts.database,
    preferences: () => settings.value.preferences.history,
    now,
    profiles,
    directory,
    contactName: (id) => {
      const c = contactOrNull(id);
      return c ? nameOf(c) : null;
    },
    templateName: (id) => templates.list().find((t) => t.id === id)?.name ?? null,
    settled: (requestId) => dialer.settled(requestId),
    emit: events.emit,
    notify: deps.desktop?.notify?.bind(deps.desktop),
    log,
  });
  notices.push(...callHistory.history.notices);
  // what the contacts' start-up load finds (rows set aside, a read that failed) is said once it is over
  const contactNoticesAtStart = contacts.notices.length;
  contacts.ready
    .then(() => {
      const late = contacts.notices.slice(contactNoticesAtStart);
      if (late.length === 0) return;
      notices.push(...late);
      events.emit('status:changed', status());
    })
    .catch((error: unknown) => console.warn('[contacts] notices after the load:', error instanceof Error ? error.message : error));

  // One planner for every entry point: the card's preview and the dialer's check run the same function.
  const contactOrNull = (id: string) => {
    try {
      return contacts.get(id) ?? null;
    } catch {
      return null; // removed meanwhile
    }
  };
  const planner = createCallPlanner({
    activeProfileId: () => profiles.active().id,
    directory: (profileId) => directory.list(profileId),
    templates: () => templates.list(),
    contact: contactOrNull,
    keepersOf: (e164) => contacts.keepersOf(e164),
    blockedReason: (e164) => contacts.blockedReason(e164),
    numberKind: (e164) => contacts.numberKind(e164),
    userName: (profileId) => {
      const identity = profiles.all().find((p) => p.id === profileId)?.identity;
      return identity?.displayName ?? identity?.email ?? null;
    },
    defaultCountry: () => settings.value.defaultCountry,
    lastCaller: () => settings.value.lastCaller,
    guardPreferences: () => settings.value.preferences.guards,
    policy: () => policy.policy,
    now,
    underWay: (e164, profileId, except) => callHistory.underWay(e164, profileId, except),
    uncertainAbout: (e164, except) => dialer.uncertainAbout(e164, except),
    outboundPaused: (profileId, caller) => callHistory.controls.notice(profileId, caller),
  });
  const dialer = createDialer({
    client: () => profiles.activeClient(),
    now,
    async plan(intent, idempotencyKey, client) {
      // the connection the call started on, whatever is switched meanwhile
      const profileId = profiles.active().id;
      // a connection whose API version is not known yet: the directory is read now, and the window told (the status shows the version)
      if (!directory.apiVersion(profileId)) {
        await directory.ensureApiVersion(profileId, client).catch(() => null);
        emitChange('directory');
        emitChange('status');
      }
      // contacts still loading at start: whose number this is, and whether it is do-not-call, are known only once all are read
      // (a card armed meanwhile whose plan changes with them is refused as plan_changed, and re-planned on `contacts:changed`)
      if (contacts.loading()) await contacts.ready;
      const { plan, contactId, changed } = planner.forPlacing(intent, idempotencyKey, profileId);
      return { plan, contactId, changed, profileId, apiVersion: directory.list(profileId).apiVersion };
    },
    // the one write before the window hears "placed": the history entry (README, "never placed twice")
    onAttempt: (report) => callHistory.record(report),
    onQueuedCancelled: (conversationId) => callHistory.actions.replaced(conversationId),
    onQueueWindow: (requestId, window) => callHistory.queueWindow(requestId, window),
    onLateNotice: (requestId, notice) => events.emit('call:notice', { requestId, notice }),
    // after the window has its answer: the last caller and the contact's stats; a failure is a late notice on the placed card, never a failed call
    async onPlaced(intent, _result, contactId) {
      const failures: unknown[] = [];
      try {
        // the same caller as last time (most calls): nothing to write, no fsync on main after a call
        const lastCaller = { fromNumberId: intent.fromNumberId.trim(), caller: intent.caller };
        if (!sameLastCaller(settings.value.lastCaller, lastCaller)) {
          settings.save({ ...settings.value, lastCaller });
          events.emit('status:changed', status());
        }
      } catch (error) {
        failures.push(error);
      }
      if (contactId) await contacts.markCalled(contactId).catch((error: unknown) => failures.push(error));
      if (failures.length) throw failures[0];
    },
    log,
    uncertain: { load: () => dialerDoc.value.uncertain, save: (uncertain) => dialerDoc.save({ ...dialerDoc.value, uncertain }) },
    historyOf: (requestId) => {
      const entry = callHistory.history.latestForRequest(requestId);
      return entry && { id: entry.id, steps: entry.timeline.length, outcome: entry.outcome };
    },
    historyWaiting: (requestId) => callHistory.history.waiting(requestId),
    keepVariableValues: () => settings.value.preferences.history.keepVariableValues,
  });
  const profileView = (p: Parameters<typeof profiles.view>[0]) => ({ ...profiles.view(p), apiVersion: directory.apiVersion(p.id) });

  // First start of the app: something to call in demo mode, marked as samples.
  const samples = demoSampleSet(contacts, templates, Boolean(deps.demoSamples && settings.created));

  // The desktop shell's view (tray, shortcuts, login item): the preferences are applied now and after every change.
  const desktop = createDesktopView({
    desktop: deps.desktop ?? noDesktop,
    preferences: () => settings.value.preferences,
    savePreferences: (preferences) => settings.save({ ...settings.value, preferences }),
    defaultCountry: () => settings.value.defaultCountry,
    activeProfile: () => profiles.active(),
    queryContacts: (q) => contacts.query(q),
    recents: () => callHistory.history.recentCalls(10),
    requestDial: (request) => requestDial(request),
    changed: () => events.emit('status:changed', status()),
  });

  function status(): AppStatus {
    return {
      preferences: {
        ...desktop.view(),
        policy: policy.policy && { path: policy.policy.path, blockedTypes: [...policy.policy.blocked] },
      },
      activeProfile: profileView(profiles.active()),
      profiles: profiles.all().map(profileView),
      defaultCountry: settings.value.defaultCountry,
      lastCaller: settings.value.lastCaller,
      notices,
      samples: { contacts: samples.contactIds().length, templates: templates.list().filter((t) => t.sample).length },
    };
  }

  // One place composes the table: one file of named handlers per domain (electron/core/handlers/),
  // each checked against the contract, and the whole table too (`Handlers`: no channel missing or extra).
  const table = {
    app: createAppHandlers({ settings, status, samples, setPreferences: desktop.setPreferences }),
    connection: createConnectionHandlers({ profiles, directory, status }),
    directory: createDirectoryHandlers({ profiles, directory }),
    templates: createTemplatesHandlers({ templates }),
    call: createCallHandlers({
      dialer,
      planner,
      contacts,
      recents: () => callHistory.history.recentCalls(10),
      requestDial: (r) => requestDial(r),
      takePending: (surface) => pendingDials.take(surface),
    }),
    contacts: createContactsHandlers({ contacts, lastCalls: (ids) => callHistory.history.lastByContact(ids) }),
    history: createHistoryHandlers({ history: callHistory.history, actions: callHistory.actions, requestDial: (r) => requestDial(r) }),
  } satisfies Handlers;
  // First start: the demo samples arrive after the window may have listed templates; say so.
  samples.ready
    .then(() => {
      if (!deps.demoSamples || !settings.created) return;
      events.emit('templates:changed', templates.list());
      events.emit('status:changed', status());
    })
    .catch((error: unknown) => console.warn('could not announce the demo samples:', error instanceof Error ? error.message : error));
  const emitChange = (change: Change) => {
    if (change === 'status') events.emit('status:changed', status());
    else if (change === 'templates') events.emit('templates:changed', templates.list());
    else {
      const profileId = profiles.active().id;
      events.emit('directory:changed', { profileId, directory: directory.list(profileId) });
    }
  };
  const inFlight = trackInFlight(withChangeEvents(table, emitChange));
  const handlers = inFlight.handlers;

  /** Opens the Dial card (tray, hotkey, links, History); a card asked for before its window listens is kept (pendingDials). */
  const pendingDials = createPendingDials(now);
  function requestDial(request: DialRequest) {
    const checked = DialRequestSchema.parse(request);
    const quick = checked.source === 'tray' || checked.source === 'hotkey' || checked.source === 'palette';
    const routed = { ...checked, surface: checked.surface ?? (quick ? 'palette' : 'window') } as const;
    pendingDials.put(routed);
    events.emit('dial:request', routed);
  }

  /** A link or the command line (electron/main/links.ts): names resolved in the connection in use; the card opens, nothing is placed. */
  const launch = createLaunch({
    directory: () => directory.list(profiles.active().id),
    refreshDirectory: () =>
      inFlight.run(async () => {
        await directory.refresh(profiles.active().id, await profiles.activeClient());
        emitChange('directory');
      }),
    templates: () => templates.list(),
    defaultCountry: () => settings.value.defaultCountry,
    requestDial,
  });

  return {
    handlers,
    events,
    requestDial,
    launch,
    desktop,
    settingsPath: settings.path,
    contacts,
    history: callHistory,
    close: async () => {
      // the requests being answered finish first (a refresh's cache write, a save); new ones are refused
      if (!(await inFlight.drain(CLOSE_WAIT_MS)))
        console.warn(`closing: a request was still running after ${CLOSE_WAIT_MS / 1000} s; closed anyway`);
      await dialer.close(); // the bookkeeping after a call's answer; a call still out stays written down for the next start
      // the history shares the contacts database: its last writes go in turn with the contacts' (after an import's commit)
      await contacts.close(() => callHistory.close()); // the WAL checkpointed and gone: the clean close the next start trusts (no integrity check)
      closed = true;
      if (contactsTimer) clearTimeout(contactsTimer);
      contactsTimer = null;
      await profiles.close();
    },
  };
}
export type LauncherCore = ReturnType<typeof createLauncherCore>;

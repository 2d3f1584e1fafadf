import { z } from 'zod';
import { CallIntentSchema, DialDraftSchema } from './call-intent';
import { CallPreviewSchema, CallTargetSchema, OfferedCallersSchema } from './call-preview';
import { ApiVersionSchema } from './feather-api';
import { resultSchema, type Result } from './result';
import { LastCallerSchema } from './caller';
import { PreferencesPatchSchema, PreferencesViewSchema } from './preferences';
import { RecentCallSchema } from './recent-call';
import { DialRequestSchema } from './dial-request';
import { contactsContract } from './contacts/contacts-contract';
import { templatesContract } from './templates/templates-contract';
import { historyContract } from './history/history-contract';

/**
 * The IPC contract: domain → verb → request/response schemas. Channel names are
 * `domain:verb`. Types for both ends come from z.infer; main parses every request and
 * (in development and tests) every response against these schemas.
 */

export const ProfileKindSchema = z.enum(['simulator', 'sandbox', 'custom']);
export type ProfileKind = z.infer<typeof ProfileKindSchema>;

export const IdentitySchema = z.object({
  organizationName: z.string().nullable(),
  displayName: z.string().nullable(),
  email: z.string().nullable(),
  role: z.string().nullable(),
  verifiedAt: z.string(),
});
export type Identity = z.infer<typeof IdentitySchema>;

export const ProfileViewSchema = z.object({
  id: z.string(),
  kind: ProfileKindSchema,
  name: z.string(),
  baseUrl: z.string(),
  /** true when a key is stored (or built in, for the simulator) */
  hasKey: z.boolean(),
  /** e.g. `fth_live_…8cja`; never the key itself */
  keyHint: z.string().nullable(),
  identity: IdentitySchema.nullable(),
  /** the Feather API version detected for this profile's server; null until detected */
  apiVersion: ApiVersionSchema.nullable(),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export { LastCallerSchema } from './caller';

export const AppStatusSchema = z.object({
  activeProfile: ProfileViewSchema,
  profiles: z.array(ProfileViewSchema),
  defaultCountry: z.string(),
  lastCaller: LastCallerSchema.nullable(),
  /** things the user must know about, e.g. a settings file that was unreadable and set aside */
  notices: z.array(z.string()),
  /** the launcher's preferences, and what the desktop made of them (shortcuts registered or not) */
  preferences: PreferencesViewSchema,
  /** demo mode's sample contacts and templates still there (removable in one click) */
  samples: z.object({ contacts: z.number(), templates: z.number() }),
});
export type AppStatus = z.infer<typeof AppStatusSchema>;

export const DirectoryEntrySchema = z.object({
  id: z.string(),
  /** what the pickers show: a number's E.164 and its local name, an agent's or team's name */
  label: z.string(),
  /** typed in by the user because discovery could not list it */
  manual: z.boolean().default(false),
  /** phone numbers: as Feather lists them (Feather gives numbers no names) */
  e164: z.string().optional(),
  /** phone numbers: the E.164 formatted for display ("+44 20 7946 0958"), by main (the window has no phone metadata) */
  international: z.string().optional(),
  capabilities: z.array(z.string()).optional(),
  status: z.string().optional(),
  /** phone numbers: the name the user gave it on this computer, e.g. "London office" */
  localName: z.string().nullable().optional(),
  /** agents: the active revision, when Feather says */
  activeRevisionId: z.string().nullable().optional(),
});
export type DirectoryEntry = z.infer<typeof DirectoryEntrySchema>;
export const DeclaredVariableSchema = z.object({
  name: z.string(),
  /** `system` or `derived` (ContextVarSpec.source) */
  source: z.string().nullable(),
  /** Feather's declared type: string | int | float | bool | enum (other values kept as sent) */
  type: z.string().nullable(),
  enumValues: z.array(z.string()),
  description: z.string().nullable(),
});
export const BindingSchema = z.object({
  agentIds: z.array(z.string()),
  teamIds: z.array(z.string()),
  /** agent id → the revision this binding pins (1.90), when it pins one */
  agentRevisions: z.record(z.string(), z.string()).default({}),
});
export type Binding = z.infer<typeof BindingSchema>;
export const DirectorySchema = z.object({
  /** which published Feather API the server speaks, detected once per profile; null = not yet known */
  apiVersion: ApiVersionSchema.nullable(),
  phoneNumbers: z.array(DirectoryEntrySchema),
  agents: z.array(DirectoryEntrySchema),
  teams: z.array(DirectoryEntrySchema),
  /** outbound_call bindings per from-number id, where Feather told us */
  bindings: z.record(z.string(), BindingSchema),
  /** declared context variables per agent id (its active revision), where Feather told us */
  variables: z.record(z.string(), z.array(DeclaredVariableSchema)),
  /** declared context variables of pinned revisions (1.90 context-schema), per revision id */
  revisionVariables: z.record(z.string(), z.array(DeclaredVariableSchema)).default({}),
  /** when this profile's data was last fetched; null if never */
  fetchedAt: z.string().nullable(),
  /** lists that were not available (404/405/unreachable) at the last refresh */
  unavailable: z.array(z.string()),
  /** why the last refresh failed (offline, key refused), if it did: the data shown is from the cache */
  refreshError: z.string().nullable(),
});
export type Directory = z.infer<typeof DirectorySchema>;

export const CallResultSchema = z.object({
  requestId: z.string(),
  /** Feather's session id (= the conversation id); null when its answer could not be read */
  sessionId: z.string().nullable(),
  /** null while queued (1.90) or when the answer could not be read */
  roomName: z.string().nullable(),
  dispatchId: z.string().nullable(),
  agentName: z.string().nullable(),
  toNumber: z.string(),
  placedAt: z.string(),
  variablesSent: z.number(),
  notices: z.array(z.string()),
  /** 1.90: the call waits in the organisation's calling-hours queue */
  queued: z.boolean(),
  /** the request asked to dial at once (1.90 `instant`) */
  instant: z.boolean(),
  /** queued calls: when Feather may dial it and when it expires undialled, where Feather said */
  eligibleAt: z.string().nullable(),
  queueExpiresAt: z.string().nullable(),
  /** which revision of the agent answers, and why (override / pin / active_fallback) */
  revisionName: z.string().nullable(),
  revisionSource: z.string().nullable(),
  /** Feather accepted the call but its answer could not be read */
  detailsUnknown: z.boolean(),
  /** the answer came from re-sending the same request (same idempotency key) */
  replayed: z.boolean(),
  httpStatus: z.number(),
});
export type CallResult = z.infer<typeof CallResultSchema>;

const empty = z.object({}).strict();

export const contract = {
  app: {
    status: { request: empty, response: AppStatusSchema },
    setDefaultCountry: { request: z.object({ country: z.string().length(2) }), response: AppStatusSchema },
    /** removes demo mode's sample contacts and templates */
    removeSamples: { request: empty, response: AppStatusSchema },
    /** changes preferences (tray, shortcuts, start at login, calling hours, number types); main applies them */
    setPreferences: { request: PreferencesPatchSchema, response: AppStatusSchema },
  },
  connection: {
    use: {
      request: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('simulator') }),
        z.object({ kind: z.literal('sandbox') }),
        z.object({ kind: z.literal('custom'), baseUrl: z.string().max(2000) }),
      ]),
      response: AppStatusSchema,
    },
    saveKey: {
      request: z.object({ profileId: z.string().max(100), apiKey: z.string().max(500) }),
      response: AppStatusSchema,
    },
    removeKey: { request: z.object({ profileId: z.string().max(100) }), response: AppStatusSchema },
    verify: { request: empty, response: AppStatusSchema },
    addProfile: { request: z.object({ name: z.string().max(60), baseUrl: z.string().max(2000) }), response: AppStatusSchema },
    switchProfile: { request: z.object({ profileId: z.string().max(100) }), response: AppStatusSchema },
    removeProfile: { request: z.object({ profileId: z.string().max(100) }), response: AppStatusSchema },
  },
  directory: {
    /** the cached directory of the active profile: instant, works offline */
    list: { request: empty, response: DirectorySchema },
    /** fetch from Feather and update the cache; falls back to the cache when that fails */
    refresh: { request: empty, response: DirectorySchema },
    addManual: {
      request: z.object({ kind: z.enum(['phoneNumber', 'agent', 'team']), label: z.string().max(120), id: z.string().max(100) }),
      response: DirectorySchema,
    },
    removeManual: {
      request: z.object({ kind: z.enum(['phoneNumber', 'agent', 'team']), id: z.string().max(100) }),
      response: DirectorySchema,
    },
    /** the agents and teams bound to a from-number for outbound calls (null lists: Feather did not say; offer all) */
    offered: { request: z.object({ fromNumberId: z.string().max(100) }), response: OfferedCallersSchema },
    /** Feather gives numbers no names: the user's own name for one, kept per profile; '' clears it */
    nameNumber: { request: z.object({ id: z.string().max(100), name: z.string().max(80) }), response: DirectorySchema },
  },
  templates: templatesContract,
  call: {
    /**
     * Main's plan for a draft, asked on every change: the exact body or what blocks it, whose
     * number it is, and who calls by default. `place` runs the same function.
     */
    preview: { request: DialDraftSchema, response: CallPreviewSchema },
    /** The To field by name: contacts matching what was typed, one entry per number (palette too). */
    findTargets: {
      request: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50) }),
      response: z.array(CallTargetSchema),
    },
    place: { request: CallIntentSchema, response: CallResultSchema },
    /** the call card asked for this window (main window or palette), taken once: what `dial:request` announces */
    takePending: { request: z.object({ surface: z.enum(['window', 'palette']) }), response: DialRequestSchema.nullable() },
    /** the palette's draft to the main window's Dial screen (to fix what blocks it there) */
    openInWindow: { request: DialRequestSchema.omit({ source: true, surface: true }), response: empty },
    /** the last calls placed, newest first (then `recents:changed` events) */
    recents: { request: empty, response: z.array(RecentCallSchema).max(10) },
    /**
     * After "outcome unknown" on API 1.90: send the very same request again. Feather replays
     * the first answer for its idempotency key, so this asks rather than calls twice.
     */
    resend: { request: z.object({ requestId: z.uuid() }), response: CallResultSchema },
  },
  contacts: contactsContract,
  history: historyContract,
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;
type Endpoint = { request: z.ZodType; response: z.ZodType };

export type RequestOf<D extends Domain, V extends keyof Contract[D]> = Contract[D][V] extends Endpoint
  ? z.input<Contract[D][V]['request']>
  : never;
export type ResponseOf<D extends Domain, V extends keyof Contract[D]> = Contract[D][V] extends Endpoint
  ? z.output<Contract[D][V]['response']>
  : never;

/** What the renderer sees on `window.launcher`. */
export type LauncherApi = {
  [D in Domain]: {
    [V in keyof Contract[D]]: (request: RequestOf<D, V>) => Promise<Result<ResponseOf<D, V>>>;
  };
};

export type ChannelName = { [D in Domain]: `${D}:${Extract<keyof Contract[D], string>}` }[Domain];

export interface ChannelSpec {
  channel: ChannelName;
  domain: Domain;
  verb: string;
  request: z.ZodType;
  response: z.ZodType;
}

/** Flat list of every channel, in one place, for the preload and the main-side registry. */
export const channels: ChannelSpec[] = Object.entries(contract).flatMap(([domain, verbs]) =>
  Object.entries(verbs as Record<string, Endpoint>).map(([verb, spec]) => ({
    channel: `${domain}:${verb}` as ChannelName,
    domain: domain as Domain,
    verb,
    request: spec.request,
    response: resultSchema(spec.response),
  })),
);

/** Domain/verb pairs only: small enough to hand to a preload or an init script. */
export const channelNames = (): Array<[domain: string, verb: string]> => channels.map((c) => [c.domain, c.verb]);

import { z } from 'zod';
import { CallerSchema, ConfirmationKindSchema } from './call-intent';
import { ApiVersionSchema, FeatherVarTypeSchema, OutboundRequestSchema } from './feather-api';

/**
 * Main's answer to a draft (`call:preview`): what the card shows, decided by the same function
 * that `call:place` enforces. The window renders it and keeps no rule of its own.
 */

/** Where the from-number and caller came from, for the card: "(contact's default)"… */
export const CallerSourceSchema = z.enum(['contact', 'template', 'last used', 'suggested', 'you', 'none']);
export type CallerSource = z.infer<typeof CallerSourceSchema>;

/** A template row as this call renders it (see core's planCall). */
export const PreviewRowSchema = z.discriminatedUnion('state', [
  z.object({ variableId: z.string(), key: z.string(), state: z.literal('value'), text: z.string() }),
  z.object({ variableId: z.string(), key: z.string(), state: z.literal('omitted'), text: z.literal('') }),
  z.object({
    variableId: z.string(),
    key: z.string(),
    state: z.literal('oneOff'),
    text: z.string(),
    choices: z.array(z.string()).nullable(),
  }),
  z.object({
    variableId: z.string(),
    key: z.string(),
    state: z.literal('missing'),
    text: z.string(),
    canGiveValue: z.boolean(),
    /** an enum row's allowed values, for the one-off value */
    choices: z.array(z.string()).nullable(),
  }),
]);
export type PreviewRow = z.infer<typeof PreviewRowSchema>;

/** Agents and teams bound to a from-number for outbound calls (null: Feather did not say; offer all), and why others are not offered. */
export const OfferedCallersSchema = z.object({
  agentIds: z.array(z.string()).nullable(),
  teamIds: z.array(z.string()).nullable(),
  note: z.string().nullable(),
});
export type OfferedCallers = z.infer<typeof OfferedCallersSchema>;

/** Something the user must confirm with "Call anyway", in the sentence the card shows. */
export const ConfirmationSchema = z.object({
  kind: ConfirmationKindSchema,
  /** "It is 22:40 for Maria (Europe/Madrid), outside your calling hours (08:00–21:00, every day)…" */
  message: z.string(),
  /** API 1.90 outside calling hours: a plain Call waits in Feather's queue; only "Call now" needs the confirmation */
  callNowOnly: z.boolean(),
  /** `under_way` for a queued call (1.90): its conversation id, which "Call now instead" cancels first */
  queuedSessionId: z.string().nullable().optional(),
});
export type Confirmation = z.infer<typeof ConfirmationSchema>;

/** The callee's local time, as far as main can tell (from the contact's time zone, else the number's country). */
export const CalleeTimeSchema = z.object({
  /** "22:40 Tue · Europe/Madrid", or why it is not known ("the United States has several time zones…") */
  text: z.string(),
  known: z.boolean(),
  /** known, and outside the calling hours in the preferences */
  outsideHours: z.boolean(),
});
export type CalleeTime = z.infer<typeof CalleeTimeSchema>;

export const CallPreviewSchema = z.object({
  ok: z.boolean(),
  /** names this plan (what would be sent, to whom, with whose details): Call sends it back, and main refuses if its plan has changed */
  digest: z.string(),
  /** exactly what `call:place` would send now (without the idempotency key), when nothing blocks */
  body: OutboundRequestSchema.nullable(),
  /** blocking problems by field: toNumber, fromNumberId, agentId, teamId, template, contextVariables.N */
  problems: z.record(z.string(), z.string()),
  /** "2 things need attention: To number, clinic." — null when nothing blocks */
  summary: z.string().nullable(),
  notices: z.array(z.string()),
  /** the notice about variables a team (or Automatic) drops, shown with the variables */
  variablesNotice: z.string().nullable(),
  /** variable → the Feather type it is sent as */
  types: z.record(z.string(), FeatherVarTypeSchema),
  /** the number as it would be dialled, when it reads as one */
  to: z
    .object({
      e164: z.string(),
      international: z.string(),
      /** "United Kingdom", or null for a number with no single country */
      countryName: z.string().nullable(),
      /** what was changed to make a pasted number dialable (a tel: link, an extension dropped) */
      notices: z.array(z.string()),
    })
    .nullable(),
  /** a national number that is not valid here but is in another country: one click uses it */
  toSuggestion: z.object({ international: z.string(), countryName: z.string() }).nullable(),
  /** whose number this is: the contact whose details fill the placeholders (and who is marked called) */
  contact: z
    .object({
      id: z.string(),
      name: z.string(),
      /** the placeholders' word for them: a first name, else the display name */
      callName: z.string(),
      /** this number's label in the contact (mobile, work…) */
      phoneLabel: z.string().nullable(),
      /** picked by the user, or found by the number */
      how: z.enum(['picked', 'matched']),
    })
    .nullable(),
  /** the draft named a contact, but this number is not one of theirs: their details are not used */
  notTheirs: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** several contacts keep this number and none was picked: nobody's details are used */
  sharedBy: z.array(z.string()),
  template: z.object({ id: z.string(), name: z.string(), rows: z.array(PreviewRowSchema) }).nullable(),
  /** why this number must not be called (do-not-call), when it must not */
  doNotCall: z.string().nullable(),
  /** a fax, pager, telex, TTY or modem line: no agent can talk to it */
  nonCallable: z.boolean(),
  droppedVariables: z.number(),
  /** what main fills in where the user has not chosen: the window puts these in the draft */
  defaults: z.object({
    /** the number to call when only a contact was given */
    toNumber: z.string().nullable(),
    fromNumberId: z.string().nullable(),
    caller: CallerSchema.nullable(),
  }),
  /** the request carries an idempotency key (a server that may be 1.90) */
  idempotencyKeySent: z.boolean(),
  /** where the from-number and caller on the card came from */
  callerSource: CallerSourceSchema,
  /** agents and teams bound to the from-number for outbound calls (null: Feather did not say; offer all) */
  offered: OfferedCallersSchema,
  apiVersion: ApiVersionSchema.nullable(),
  /** what needs "Call anyway" (or, on 1.90, "Call now anyway"): `call:place` must say the user confirmed each */
  confirmations: z.array(ConfirmationSchema),
  /** the callee's local time (null while the number does not read as one) */
  calleeTime: CalleeTimeSchema.nullable(),
});
export type CallPreview = z.infer<typeof CallPreviewSchema>;

/** A number to call, found by name in the To field: one per number of each matching contact. */
export const CallTargetSchema = z.object({
  contactId: z.string(),
  name: z.string(),
  company: z.string(),
  /** mobile, work… */
  phoneLabel: z.string(),
  /** as shown: "+44 20 7946 0958" */
  display: z.string(),
  /** what goes in the To field: the E.164 number, or the text as stored when it has none */
  toNumber: z.string(),
  /** why it cannot be called (do-not-call, a fax…): a badge, and the reason; it may still be picked to see why */
  blocked: z.object({ badge: z.string(), reason: z.string() }).nullable(),
});
export type CallTarget = z.infer<typeof CallTargetSchema>;
